using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace DidSdk.Crypto;

/// <summary>
/// The Multikey encoding of keys (W3C Controlled Identifiers 1.0 §2.2.2 "Multikey"): base58btc multibase of the
/// multicodec varint of the key type followed by the key bytes, for example <c>z6Mk…</c> for an Ed25519 public key.
/// EC public keys are the SEC 1 compressed point (33 bytes; 49 for P-384, 67 for P-521).
/// </summary>
public static class Multikey
{
    /// <summary>Encodes a public key as <c>publicKeyMultibase</c>.</summary>
    public static string Encode(PublicKeyMaterial publicKey)
    {
        ArgumentNullException.ThrowIfNull(publicKey);
        return Multibase.Encode(MultibaseEncoding.Base58Btc, Multicodec.AddPrefix(Multicodec.PublicKeyCode(publicKey.KeyType), publicKey.Bytes));
    }

    /// <summary>
    /// Decodes a <c>publicKeyMultibase</c> value. Returns <see langword="false"/> (never throws) unless the value is
    /// base58btc, carries a known public-key multicodec, has the exact length for that key type and, for EC keys,
    /// is a compressed point on the curve.
    /// </summary>
    public static bool TryDecode([NotNullWhen(true)] string? multikey, [NotNullWhen(true)] out PublicKeyMaterial? publicKey)
    {
        publicKey = null;
        if (!Multibase.TryDecode(multikey, MultibaseEncoding.Base58Btc, out var bytes)
            || !Multicodec.TryRemovePrefix(bytes, out var code, out var keyBytes)
            || !Multicodec.TryGetPublicKeyType(code, out var keyType))
        {
            return false;
        }

        var expectedLength = PublicKeyLength(keyType);
        return keyBytes.Length == expectedLength && PublicKeyMaterial.TryImport(keyType, keyBytes, out publicKey);
    }

    /// <summary>Decodes a <c>publicKeyMultibase</c> value.</summary>
    /// <exception cref="FormatException">The value is not a valid Multikey public key.</exception>
    public static PublicKeyMaterial Decode(string multikey) =>
        TryDecode(multikey, out var key) ? key : throw new FormatException("The value is not a valid Multikey public key.");

    /// <summary>
    /// Encodes a private key as <c>secretKeyMultibase</c> (base58btc of the private-key multicodec and the raw
    /// private key bytes: 32, or 48 for P-384 and 66 for P-521). The result is secret; do not log it.
    /// </summary>
    /// <exception cref="InvalidOperationException">The key was not created with <see cref="PrivateKeyExportPolicy.AllowPlaintextExport"/>.</exception>
    public static string EncodePrivate(PrivateKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var raw = key.ExportPrivateKey();
        byte[]? prefixed = null;
        try
        {
            prefixed = Multicodec.AddPrefix(Multicodec.PrivateKeyCode(key.KeyType), raw);
            return Multibase.Encode(MultibaseEncoding.Base58Btc, prefixed);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(raw);
            CryptographicOperations.ZeroMemory(prefixed);
        }
    }

    /// <summary>
    /// Decodes a <c>secretKeyMultibase</c> value into a <see cref="PrivateKey"/>. Returns <see langword="false"/> (never
    /// throws) for anything but a base58btc value with a known private-key multicodec and a valid key of the exact size.
    /// </summary>
    public static bool TryDecodePrivate([NotNullWhen(true)] string? multikey, PrivateKeyExportPolicy exportPolicy, [NotNullWhen(true)] out PrivateKey? key)
    {
        key = null;
        if (!Multibase.TryDecode(multikey, MultibaseEncoding.Base58Btc, out var bytes))
        {
            return false;
        }

        try
        {
            if (!Multicodec.TryRemovePrefix(bytes, out var code, out var keyBytes)
                || !Multicodec.TryGetPrivateKeyType(code, out var keyType)
                || keyBytes.Length != PrivateKeyLength(keyType))
            {
                return false;
            }

            try
            {
                key = PrivateKey.Import(keyType, keyBytes, exportPolicy);
                return true;
            }
            catch (FormatException)
            {
                return false;
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    /// <summary>The bytes of a public key in Multikey / multicodec form: 32 for OKP keys, the compressed point for EC keys.</summary>
    internal static int PublicKeyLength(KeyType keyType) =>
        keyType is KeyType.Ed25519 or KeyType.X25519 ? 32 : 1 + EcCurves.FieldSize(keyType);

    internal static int PrivateKeyLength(KeyType keyType) =>
        keyType is KeyType.Ed25519 or KeyType.X25519 ? 32 : EcCurves.FieldSize(keyType);
}
