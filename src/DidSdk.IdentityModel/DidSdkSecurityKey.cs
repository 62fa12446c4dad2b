using DidSdk.Core.Jose;
using DidSdk.Crypto;
using Microsoft.IdentityModel.Tokens;

namespace DidSdk.IdentityModel;

/// <summary>
/// A Microsoft.IdentityModel <see cref="SecurityKey"/> over a DidSdk key: an Ed25519 key for <c>EdDSA</c>, a secp256k1
/// key for <c>ES256K</c> or a P-256 key for <c>ES256</c>. Signing and verifying run in DidSdk.Crypto through
/// <see cref="DidSdkCryptoProviderFactory"/>, which the key carries as its <see cref="SecurityKey.CryptoProviderFactory"/>.
/// </summary>
/// <remarks>
/// Each key accepts exactly one JOSE algorithm, the one its key type fixes (RFC 8037 §3.1, RFC 8812 §3.2, RFC 7518
/// §3.4): a token whose <c>alg</c> names another algorithm (<c>HS256</c>, <c>none</c>, ...) is never checked with it.
/// The private key stays in the <see cref="PrivateKey"/> (or the <see cref="ISigner"/>) that the caller owns; this
/// type never copies key bytes and does not dispose the key.
/// </remarks>
public sealed class DidSdkSecurityKey : AsymmetricSecurityKey
{
    private readonly PrivateKey? _privateKey;

    /// <summary>Creates a key that verifies signatures with <paramref name="publicKey"/>.</summary>
    /// <param name="publicKey">An Ed25519, secp256k1 or P-256 public key.</param>
    /// <exception cref="ArgumentException">The key type has no JOSE signing algorithm (X25519).</exception>
    public DidSdkSecurityKey(PublicKeyMaterial publicKey)
        : this(publicKey, null, null)
    {
    }

    /// <summary>Creates a key that signs with <paramref name="privateKey"/> (and verifies with its public key).</summary>
    /// <param name="privateKey">An Ed25519, secp256k1 or P-256 private key; the caller keeps ownership and disposes it.</param>
    /// <exception cref="ArgumentException">The key type has no JOSE signing algorithm (X25519).</exception>
    public DidSdkSecurityKey(PrivateKey privateKey)
        : this(CheckNotNull(privateKey).PublicKey, privateKey, null)
    {
    }

    /// <summary>
    /// Creates a key that signs through <paramref name="signer"/> (a key held in an HSM, a KMS or a wallet). Microsoft.IdentityModel
    /// signs synchronously, so the signer's <see cref="ISigner.SignAsync"/> is waited on; use a signer that completes
    /// synchronously where that matters.
    /// </summary>
    /// <param name="signer">The signer; its algorithm fixes the key type.</param>
    /// <param name="publicKey">The signer's public key.</param>
    /// <exception cref="ArgumentException">The public key's type differs from the signer's algorithm's.</exception>
    public DidSdkSecurityKey(ISigner signer, PublicKeyMaterial publicKey)
        : this(publicKey, null, CheckNotNull(signer))
    {
        if (signer.Algorithm.KeyType != publicKey.KeyType)
        {
            throw new ArgumentException($"The signer uses {signer.Algorithm.JoseAlgorithm}; the public key is {publicKey.KeyType}.", nameof(publicKey));
        }
    }

    private DidSdkSecurityKey(PublicKeyMaterial publicKey, PrivateKey? privateKey, ISigner? signer)
    {
        ArgumentNullException.ThrowIfNull(publicKey);
        Algorithm = SigningAlgorithm.ForKeyType(publicKey.KeyType)
            ?? throw new ArgumentException($"A {publicKey.KeyType} key cannot sign.", nameof(publicKey));
        PublicKey = publicKey;
        _privateKey = privateKey;
        Signer = signer;
        CryptoProviderFactory = DidSdkCryptoProviderFactory.Default;
    }

    /// <summary>The public key.</summary>
    public PublicKeyMaterial PublicKey { get; }

    /// <summary>The DidSdk algorithm the key's type fixes.</summary>
    public SigningAlgorithm Algorithm { get; }

    /// <summary>The JOSE <c>alg</c> this key signs and verifies: <c>EdDSA</c>, <c>ES256K</c> or <c>ES256</c>.</summary>
    public string JoseAlgorithm => Algorithm.JoseAlgorithm;

    /// <summary>The external signer, when the key was made from one.</summary>
    public ISigner? Signer { get; }

    /// <summary>The private key, when the key was made from one.</summary>
    internal PrivateKey? PrivateKey => _privateKey;

    /// <inheritdoc />
    // Ed25519, secp256k1 and P-256 all have 256-bit keys.
    public override int KeySize => 256;

    /// <inheritdoc />
    [Obsolete("HasPrivateKey is obsolete in Microsoft.IdentityModel; use PrivateKeyStatus.")]
    public override bool HasPrivateKey => _privateKey is not null || Signer is not null;

    /// <inheritdoc />
    public override PrivateKeyStatus PrivateKeyStatus =>
        _privateKey is not null || Signer is not null ? PrivateKeyStatus.Exists : PrivateKeyStatus.DoesNotExist;

    /// <summary>Whether this key can sign (it holds a private key or a signer).</summary>
    public bool CanSign => _privateKey is not null || Signer is not null;

    /// <inheritdoc />
    public override bool IsSupportedAlgorithm(string algorithm) => IsAlgorithmOfKey(algorithm);

    /// <inheritdoc />
    public override bool CanComputeJwkThumbprint() => true;

    /// <summary>The RFC 7638 JWK thumbprint (SHA-256) of the public key.</summary>
    /// <returns>The thumbprint bytes.</returns>
    public override byte[] ComputeJwkThumbprint() => Base64UrlEncoder.DecodeBytes(Jwk.FromPublicKey(PublicKey).ComputeThumbprint());

    /// <inheritdoc />
    public override string ToString() => $"{GetType().Name}, {JoseAlgorithm}, KeyId: '{KeyId}'";

    internal bool IsAlgorithmOfKey(string? algorithm) =>
        SigningAlgorithm.TryFromJoseAlgorithm(algorithm, out var requested) && requested.KeyType == Algorithm.KeyType;

    private static T CheckNotNull<T>(T value)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(value);
        return value;
    }
}
