using System.Security.Cryptography;

namespace DidSdk.Crypto;

/// <summary>
/// The sizes, names and platform handles of one NIST prime curve (FIPS 186-5 / SEC 2): P-256, P-384 or P-521.
/// Shared by the key factory, JWK, Multikey and the ES384 / ES512 algorithms.
/// </summary>
internal sealed class NistCurve
{
    public static readonly NistCurve P256 = new(KeyType.P256, 32, ECCurve.NamedCurves.nistP256, HashAlgorithmName.SHA256, "P-256", "ES256");
    public static readonly NistCurve P384 = new(KeyType.P384, 48, ECCurve.NamedCurves.nistP384, HashAlgorithmName.SHA384, "P-384", "ES384");
    public static readonly NistCurve P521 = new(KeyType.P521, 66, ECCurve.NamedCurves.nistP521, HashAlgorithmName.SHA512, "P-521", "ES512");

    private NistCurve(KeyType keyType, int fieldSize, ECCurve curve, HashAlgorithmName hash, string jwkCurve, string joseAlgorithm)
    {
        KeyType = keyType;
        FieldSize = fieldSize;
        Curve = curve;
        Hash = hash;
        JwkCurve = jwkCurve;
        JoseAlgorithm = joseAlgorithm;
    }

    public KeyType KeyType { get; }

    /// <summary>Bytes of a coordinate and of the private scalar (RFC 7518 §6.2.1.2: ceil(log2(p) / 8)).</summary>
    public int FieldSize { get; }

    public ECCurve Curve { get; }

    /// <summary>The hash RFC 7518 §3.4 pairs with the curve.</summary>
    public HashAlgorithmName Hash { get; }

    public string JwkCurve { get; }

    public string JoseAlgorithm { get; }

    /// <summary>The IEEE P1363 signature size, <c>r || s</c>.</summary>
    public int SignatureSize => 2 * FieldSize;

    public static NistCurve? For(KeyType keyType) => keyType switch
    {
        KeyType.P256 => P256,
        KeyType.P384 => P384,
        KeyType.P521 => P521,
        _ => null,
    };

    /// <summary>Builds platform parameters from a 65/97/133-byte SEC 1 uncompressed point and an optional scalar.</summary>
    public ECParameters Parameters(ReadOnlySpan<byte> uncompressed, byte[]? d) => new()
    {
        Curve = Curve,
        D = d,
        Q = new System.Security.Cryptography.ECPoint
        {
            X = uncompressed.Slice(1, FieldSize).ToArray(),
            Y = uncompressed.Slice(1 + FieldSize, FieldSize).ToArray(),
        },
    };
}
