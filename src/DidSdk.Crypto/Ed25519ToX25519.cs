using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using Org.BouncyCastle.Math;

namespace DidSdk.Crypto;

/// <summary>
/// Converts Ed25519 keys to the X25519 keys of the same secret, as did:key does to derive the <c>keyAgreement</c>
/// key of an Ed25519 DID (did:key spec §3.1.4 "Encryption Method Creation Algorithm"). The public map is the
/// birational equivalence of RFC 7748 §4.1, <c>u = (1 + y) / (1 − y) mod p</c>.
/// </summary>
public static class Ed25519ToX25519
{
    private static readonly BigInteger P = BigInteger.Two.Pow(255).Subtract(BigInteger.ValueOf(19));

    /// <summary>
    /// Maps an Ed25519 public key to its X25519 public key. Returns <see langword="false"/> (never throws) unless
    /// the key is a canonical encoding of a point on the curve that is not of small order.
    /// </summary>
    public static bool TryConvertPublicKey(PublicKeyMaterial ed25519PublicKey, [NotNullWhen(true)] out PublicKeyMaterial? x25519PublicKey)
    {
        ArgumentNullException.ThrowIfNull(ed25519PublicKey);
        x25519PublicKey = null;
        if (ed25519PublicKey.KeyType != KeyType.Ed25519)
        {
            return false;
        }

        // Imported keys are cached, so a did:key resolved again finds its derived key on the same instance.
        if (ed25519PublicKey.DerivedX25519 is { } derived)
        {
            x25519PublicKey = derived;
            return true;
        }

        var encoded = ed25519PublicKey.RawBytes;

        // Full validation (RFC 8032 §5.1.3 decoding plus a small-order check) rules out y ≥ p, off-curve values and
        // the identity (y = 1), for which 1 − y has no inverse.
        if (!Org.BouncyCastle.Math.EC.Rfc8032.Ed25519.ValidatePublicKeyFull(encoded, 0))
        {
            return false;
        }

        Span<byte> bigEndian = stackalloc byte[32];
        encoded.CopyTo(bigEndian);
        bigEndian[31] &= 0x7f; // the top bit is the sign of x, not part of y
        bigEndian.Reverse();
        var y = new BigInteger(1, bigEndian);
        var u = BigInteger.One.Add(y).Multiply(BigInteger.One.Subtract(y).Mod(P).ModInverse(P)).Mod(P);

        var output = new byte[32];
        var uBytes = u.ToByteArrayUnsigned();
        uBytes.CopyTo(output, 32 - uBytes.Length);
        output.AsSpan().Reverse(); // RFC 7748 §5: u-coordinates are little-endian
        if (!PublicKeyMaterial.TryImport(KeyType.X25519, output, out x25519PublicKey))
        {
            return false;
        }

        ed25519PublicKey.DerivedX25519 = x25519PublicKey;
        return true;
    }

    /// <summary>Maps an Ed25519 public key to its X25519 public key.</summary>
    /// <exception cref="ArgumentException">The key is not a valid Ed25519 public key (see <see cref="TryConvertPublicKey"/>).</exception>
    public static PublicKeyMaterial ConvertPublicKey(PublicKeyMaterial ed25519PublicKey) =>
        TryConvertPublicKey(ed25519PublicKey, out var x25519)
            ? x25519
            : throw new ArgumentException("The key is not a valid Ed25519 public key.", nameof(ed25519PublicKey));

    /// <summary>
    /// Derives the X25519 private key of an Ed25519 private key: the first 32 bytes of SHA-512 of the seed
    /// (RFC 8032 §5.1.5 step 1–2; X25519 clamps them, RFC 7748 §5). Its public key equals
    /// <see cref="ConvertPublicKey"/> of the Ed25519 public key.
    /// </summary>
    /// <exception cref="ArgumentException">The key is not an Ed25519 key.</exception>
    /// <exception cref="InvalidOperationException">The key does not allow export of its private part.</exception>
    public static PrivateKey ConvertPrivateKey(PrivateKey ed25519Key, PrivateKeyExportPolicy exportPolicy = PrivateKeyExportPolicy.None)
    {
        ArgumentNullException.ThrowIfNull(ed25519Key);
        if (ed25519Key.KeyType != KeyType.Ed25519)
        {
            throw new ArgumentException("The key is not an Ed25519 key.", nameof(ed25519Key));
        }

        var seed = ed25519Key.ExportPrivateKey();
        Span<byte> hash = stackalloc byte[64];
        try
        {
            SHA512.HashData(seed, hash);

            // Clamped here so the exported scalar is the canonical X25519 private key, not only after libsodium's clamp.
            hash[0] &= 248;
            hash[31] &= 127;
            hash[31] |= 64;
            return PrivateKey.Import(KeyType.X25519, hash[..32], exportPolicy);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(seed);
            CryptographicOperations.ZeroMemory(hash);
        }
    }
}
