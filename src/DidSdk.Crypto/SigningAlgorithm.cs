using System.Diagnostics.CodeAnalysis;

namespace DidSdk.Crypto;

/// <summary>
/// A stateless signature algorithm (Ed25519, ES256K, ES256, ES384, ES512). Keys are separate objects (<see cref="PrivateKey"/>,
/// <see cref="PublicKeyMaterial"/>); an algorithm instance is a thread-safe singleton.
/// </summary>
/// <remarks>
/// <see cref="Verify"/> returns <see langword="false"/> for any wrong-length or malformed signature; it never throws
/// for invalid input. EC signatures are the fixed-size IEEE P1363 form <c>r || s</c> that JWS uses.
/// </remarks>
public abstract class SigningAlgorithm
{
    private protected SigningAlgorithm()
    {
    }

    /// <summary>Ed25519 (RFC 8032), JWS <c>EdDSA</c>.</summary>
    public static Ed25519SigningAlgorithm Ed25519 { get; } = new();

    /// <summary>ECDSA over secp256k1 with SHA-256, JWS <c>ES256K</c> (RFC 8812); signs deterministically (RFC 6979) with low S.</summary>
    public static Secp256k1SigningAlgorithm Secp256k1 { get; } = new(allowHighS: false);

    /// <summary>
    /// ES256K that also accepts high-S signatures (RFC 8812 permits them). A named relaxation: it gives up
    /// non-malleability, so a token's signature is no longer unique. Never chosen by <see cref="TryFromJoseAlgorithm"/>.
    /// </summary>
    public static Secp256k1SigningAlgorithm Secp256k1AllowingHighS { get; } = new(allowHighS: true);

    /// <summary>ECDSA over P-256 with SHA-256, JWS <c>ES256</c>.</summary>
    public static P256SigningAlgorithm P256 { get; } = new();

    /// <summary>ECDSA over P-384 with SHA-384, JWS <c>ES384</c>.</summary>
    public static P384SigningAlgorithm P384 { get; } = new();

    /// <summary>ECDSA over P-521 with SHA-512, JWS <c>ES512</c>.</summary>
    public static P521SigningAlgorithm P521 { get; } = new();

    /// <summary>The key type this algorithm signs with.</summary>
    public abstract KeyType KeyType { get; }

    /// <summary>The JWS <c>alg</c> value (RFC 7518 / RFC 8037 / RFC 8812).</summary>
    public abstract string JoseAlgorithm { get; }

    /// <summary>The exact signature size in bytes.</summary>
    public abstract int SignatureSize { get; }

    /// <summary>Returns the algorithm for a key type, or <see langword="null"/> (X25519 cannot sign).</summary>
    public static SigningAlgorithm? ForKeyType(KeyType keyType) => keyType switch
    {
        KeyType.Ed25519 => Ed25519,
        KeyType.Secp256k1 => Secp256k1,
        KeyType.P256 => P256,
        KeyType.P384 => P384,
        KeyType.P521 => P521,
        _ => null,
    };

    /// <summary>Finds the algorithm for a JWS <c>alg</c> value; <c>none</c>, HMAC and unknown names are not found.</summary>
    public static bool TryFromJoseAlgorithm(string? alg, [NotNullWhen(true)] out SigningAlgorithm? algorithm)
    {
        algorithm = alg switch
        {
            "EdDSA" or "Ed25519" => Ed25519,
            "ES256K" => Secp256k1,
            "ES256" => P256,
            "ES384" => P384,
            "ES512" => P521,
            _ => null,
        };
        return algorithm is not null;
    }

    /// <summary>Signs <paramref name="data"/>.</summary>
    /// <exception cref="ArgumentException">The key is not of this algorithm's key type.</exception>
    public byte[] Sign(PrivateKey key, ReadOnlySpan<byte> data)
    {
        var signature = new byte[SignatureSize];
        SignCore(CheckKey(key), data, signature);
        return signature;
    }

    /// <summary>Signs <paramref name="data"/> into <paramref name="signature"/>; returns <see langword="false"/> if it is too small.</summary>
    public bool TrySign(PrivateKey key, ReadOnlySpan<byte> data, Span<byte> signature, out int bytesWritten)
    {
        CheckKey(key);
        if (signature.Length < SignatureSize)
        {
            bytesWritten = 0;
            return false;
        }

        SignCore(key, data, signature[..SignatureSize]);
        bytesWritten = SignatureSize;
        return true;
    }

    /// <summary>Verifies a signature. A key of another type, or a signature of the wrong length, gives <see langword="false"/>.</summary>
    public bool Verify(PublicKeyMaterial publicKey, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        ArgumentNullException.ThrowIfNull(publicKey);
        return publicKey.KeyType == KeyType && signature.Length == SignatureSize && VerifyCore(publicKey, data, signature);
    }

    private protected abstract void SignCore(PrivateKey key, ReadOnlySpan<byte> data, Span<byte> signature);

    private protected abstract bool VerifyCore(PublicKeyMaterial publicKey, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature);

    private PrivateKey CheckKey(PrivateKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.KeyType != KeyType)
        {
            throw new ArgumentException($"{JoseAlgorithm} needs a {KeyType} key, not {key.KeyType}.", nameof(key));
        }

        return key;
    }

    /// <inheritdoc/>
    public override string ToString() => JoseAlgorithm;
}
