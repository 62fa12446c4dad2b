using System.Security.Cryptography;

namespace DidSdk.Crypto;

/// <summary>
/// A stateless key agreement algorithm. X25519 (RFC 7748 §5, §6.1) is the one DidSdk supports; it is the
/// <c>keyAgreement</c> key of did:key documents for Ed25519 keys.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822:Mark members as static", Justification = "Algorithms are singletons with instance members, like NSec's.")]
public sealed class KeyExchangeAlgorithm
{
    private KeyExchangeAlgorithm()
    {
    }

    /// <summary>X25519 (RFC 7748) over NSec / libsodium.</summary>
    public static KeyExchangeAlgorithm X25519 { get; } = new();

    /// <summary>The key type both parties' keys must have.</summary>
    public KeyType KeyType => KeyType.X25519;

    /// <summary>The size in bytes of the shared secret.</summary>
    public int SharedSecretSize => 32;

    /// <summary>
    /// Computes the raw X25519 shared secret. The result is secret and not uniformly random: feed it to a key
    /// derivation function (for example JWA ECDH-ES Concat KDF, RFC 7518 §4.6.2) and zero it afterwards.
    /// </summary>
    /// <exception cref="ArgumentException">A key is not an X25519 key.</exception>
    /// <exception cref="CryptographicException">
    /// The result is the all-zero value, which RFC 7748 §6.1 says to reject (the peer sent a small-order point).
    /// </exception>
    public byte[] Agree(PrivateKey privateKey, PublicKeyMaterial peerPublicKey)
    {
        var secret = new byte[SharedSecretSize];
        if (!TryAgree(privateKey, peerPublicKey, secret))
        {
            throw new CryptographicException("X25519 key agreement produced the all-zero value; the peer public key is not acceptable.");
        }

        return secret;
    }

    /// <summary>
    /// Computes the raw X25519 shared secret into <paramref name="sharedSecret"/> (32 bytes). Returns
    /// <see langword="false"/>, with the destination zeroed, when the result is all-zero (RFC 7748 §6.1).
    /// </summary>
    /// <exception cref="ArgumentException">A key is not an X25519 key, or the destination is not 32 bytes.</exception>
    public bool TryAgree(PrivateKey privateKey, PublicKeyMaterial peerPublicKey, Span<byte> sharedSecret)
    {
        ArgumentNullException.ThrowIfNull(privateKey);
        ArgumentNullException.ThrowIfNull(peerPublicKey);
        if (privateKey.KeyType != KeyType.X25519 || peerPublicKey.KeyType != KeyType.X25519)
        {
            throw new ArgumentException("X25519 key agreement needs X25519 keys.", privateKey.KeyType != KeyType.X25519 ? nameof(privateKey) : nameof(peerPublicKey));
        }

        if (sharedSecret.Length != SharedSecretSize)
        {
            throw new ArgumentException("The shared secret destination must be 32 bytes.", nameof(sharedSecret));
        }

        var algorithm = NSec.Cryptography.KeyAgreementAlgorithm.X25519;
        var handle = (NSecKeyHandle)privateKey.Handle;
        if (!NSec.Cryptography.PublicKey.TryImport(algorithm, peerPublicKey.Bytes, NSec.Cryptography.KeyBlobFormat.RawPublicKey, out var peer))
        {
            sharedSecret.Clear();
            return false;
        }

        NSec.Cryptography.SharedSecret? secret;
        try
        {
            secret = algorithm.Agree(handle.Key, peer!, new NSec.Cryptography.SharedSecretCreationParameters { ExportPolicy = NSec.Cryptography.KeyExportPolicies.AllowPlaintextExport });
        }
        catch (CryptographicException)
        {
            secret = null;
        }

        if (secret is null)
        {
            sharedSecret.Clear();
            return false;
        }

        using (secret)
        {
            var raw = secret.Export(NSec.Cryptography.SharedSecretBlobFormat.RawSharedSecret);
            try
            {
                // libsodium already refuses the all-zero output; checked again because accepting it would let a peer fix the secret.
                if (raw.Length != SharedSecretSize || !raw.AsSpan().ContainsAnyExcept((byte)0))
                {
                    sharedSecret.Clear();
                    return false;
                }

                raw.CopyTo(sharedSecret);
                return true;
            }
            finally
            {
                CryptographicOperations.ZeroMemory(raw);
            }
        }
    }

    /// <inheritdoc/>
    public override string ToString() => "X25519";
}
