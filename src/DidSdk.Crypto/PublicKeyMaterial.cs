using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace DidSdk.Crypto;

/// <summary>
/// An immutable, equatable public key. Ed25519 and X25519 keys hold their 32 raw bytes; EC keys
/// (secp256k1, P-256, P-384, P-521) hold the SEC 1 compressed point and have been checked to lie on the curve.
/// </summary>
public sealed class PublicKeyMaterial : IEquatable<PublicKeyMaterial>
{
    private readonly byte[] _bytes;
    private readonly byte[]? _uncompressed;
    private object? _verifier;
    private PublicKeyMaterial? _x25519;

    private PublicKeyMaterial(KeyType keyType, byte[] bytes, byte[]? uncompressed)
    {
        KeyType = keyType;
        _bytes = bytes;
        _uncompressed = uncompressed;
    }

    /// <summary>The key type.</summary>
    public KeyType KeyType { get; }

    /// <summary>
    /// The canonical encoding: 32 raw bytes for Ed25519/X25519, the SEC 1 compressed point for EC keys (33 bytes,
    /// 49 for P-384, 67 for P-521).
    /// This is the form multicodec / Multikey use.
    /// </summary>
    public ReadOnlySpan<byte> Bytes => _bytes;

    /// <summary>Whether this is an elliptic-curve (SEC 1 point) key.</summary>
    public bool IsEllipticCurve => KeyType is KeyType.Secp256k1 or KeyType.P256 or KeyType.P384 or KeyType.P521;

    internal byte[] RawBytes => _bytes;

    /// <summary>The canonical encoding as a new array (see <see cref="Bytes"/>).</summary>
    public byte[] Export() => (byte[])_bytes.Clone();

    /// <summary>The SEC 1 uncompressed point <c>04 || X || Y</c> of an EC key (65 bytes, 97 for P-384, 133 for P-521).</summary>
    /// <exception cref="InvalidOperationException">The key is not an EC key.</exception>
    public byte[] ExportUncompressed() =>
        _uncompressed is null
            ? throw new InvalidOperationException($"A {KeyType} key has no uncompressed point form.")
            : (byte[])_uncompressed.Clone();

    internal ReadOnlySpan<byte> UncompressedSpan => _uncompressed;

    /// <summary>Imports a public key, validating it (EC points must be on the curve, not the point at infinity).</summary>
    /// <param name="keyType">The key type.</param>
    /// <param name="publicKey">Raw 32 bytes for OKP keys; a compressed or uncompressed SEC 1 point for EC keys.</param>
    /// <exception cref="FormatException">The bytes are not a valid public key of that type.</exception>
    public static PublicKeyMaterial Import(KeyType keyType, ReadOnlySpan<byte> publicKey) =>
        TryImport(keyType, publicKey, out var key)
            ? key
            : throw new FormatException($"The bytes are not a valid {keyType} public key.");

    /// <summary>Imports a public key; returns <see langword="false"/> for any invalid encoding or point.</summary>
    /// <remarks>
    /// Signing keys (Ed25519, secp256k1, P-256) that were imported before come from a bounded process-wide cache: the
    /// same instance is returned, so its platform key is built and its point validated once.
    /// </remarks>
    public static bool TryImport(KeyType keyType, ReadOnlySpan<byte> publicKey, [NotNullWhen(true)] out PublicKeyMaterial? key)
    {
        if (keyType is KeyType.Ed25519 or KeyType.Secp256k1 or KeyType.P256)
        {
            if (PublicKeyCache.TryGet(keyType, publicKey, out key))
            {
                return true;
            }

            if (!TryImportCore(keyType, publicKey, out key))
            {
                return false;
            }

            PublicKeyCache.Add(keyType, publicKey, key);
            return true;
        }

        return TryImportCore(keyType, publicKey, out key);
    }

    private static bool TryImportCore(KeyType keyType, ReadOnlySpan<byte> publicKey, [NotNullWhen(true)] out PublicKeyMaterial? key)
    {
        key = null;
        switch (keyType)
        {
            case KeyType.Ed25519:
            {
                if (publicKey.Length != 32)
                {
                    return false;
                }

                // RFC 8032 §5.1.3 decoding (y < p, a point on the curve) and not of small order: such a key verifies
                // nothing libsodium accepts, so it is refused here, the one place every form (JWK, Multikey, did:key,
                // did:jwk) goes through, instead of surfacing later as an unexplained signature failure.
                var bytes = publicKey.ToArray();
                if (!Org.BouncyCastle.Math.EC.Rfc8032.Ed25519.ValidatePublicKeyPartial(bytes, 0))
                {
                    return false;
                }

                key = new PublicKeyMaterial(keyType, bytes, null);
                return true;
            }

            case KeyType.X25519:
                if (publicKey.Length != 32)
                {
                    return false;
                }

                key = new PublicKeyMaterial(keyType, publicKey.ToArray(), null);
                return true;
            case KeyType.Secp256k1:
            case KeyType.P256:
            case KeyType.P384:
            case KeyType.P521:
                if (!EcCurves.TryDecodePoint(keyType, publicKey, out var compressed, out var uncompressed))
                {
                    return false;
                }

                key = new PublicKeyMaterial(keyType, compressed, uncompressed);
                return true;
            default:
                return false;
        }
    }

    /// <summary>The X25519 key derived from this Ed25519 key, once computed (see <see cref="Ed25519ToX25519"/>).</summary>
    internal PublicKeyMaterial? DerivedX25519
    {
        get => Volatile.Read(ref _x25519);
        set => Interlocked.CompareExchange(ref _x25519, value, null);
    }

    internal T GetOrCreateVerifier<T>(Func<PublicKeyMaterial, T> factory)
        where T : class
    {
        if (_verifier is T existing)
        {
            return existing;
        }

        var created = factory(this);
        return Interlocked.CompareExchange(ref _verifier, created, null) as T ?? created;
    }

    /// <inheritdoc/>
    public bool Equals(PublicKeyMaterial? other) =>
        other is not null && other.KeyType == KeyType && CryptographicOperations.FixedTimeEquals(other._bytes, _bytes);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as PublicKeyMaterial);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = default(HashCode);
        hash.Add(KeyType);
        hash.AddBytes(_bytes);
        return hash.ToHashCode();
    }

    /// <summary>Compares two keys by type and bytes.</summary>
    public static bool operator ==(PublicKeyMaterial? left, PublicKeyMaterial? right) => left is null ? right is null : left.Equals(right);

    /// <summary>Compares two keys by type and bytes.</summary>
    public static bool operator !=(PublicKeyMaterial? left, PublicKeyMaterial? right) => !(left == right);

    /// <inheritdoc/>
    public override string ToString() => $"{KeyType}:{Convert.ToHexStringLower(_bytes)}";
}
