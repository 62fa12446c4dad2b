using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Crypto.EC;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Math.EC;
using Org.BouncyCastle.Math.EC.Multiplier;

namespace DidSdk.Crypto;

/// <summary>Curve parameters and SEC 1 point handling for secp256k1, P-256, P-384 and P-521.</summary>
internal static class EcCurves
{
    internal static readonly X9ECParameters Secp256k1Params = CustomNamedCurves.GetByName("secp256k1");
    internal static readonly X9ECParameters P256Params = CustomNamedCurves.GetByName("secp256r1");
    internal static readonly ECDomainParameters Secp256k1 = new(Secp256k1Params.Curve, Secp256k1Params.G, Secp256k1Params.N, Secp256k1Params.H);
    internal static readonly ECDomainParameters P256 = new(P256Params.Curve, P256Params.G, P256Params.N, P256Params.H);
    internal static readonly X9ECParameters P384Params = CustomNamedCurves.GetByName("secp384r1");
    internal static readonly X9ECParameters P521Params = CustomNamedCurves.GetByName("secp521r1");
    internal static readonly ECDomainParameters P384 = new(P384Params.Curve, P384Params.G, P384Params.N, P384Params.H);
    internal static readonly ECDomainParameters P521 = new(P521Params.Curve, P521Params.G, P521Params.N, P521Params.H);
    internal static readonly BigInteger Secp256k1HalfN = Secp256k1.N.ShiftRight(1);

    internal static ECDomainParameters Domain(KeyType keyType) => keyType switch
    {
        KeyType.Secp256k1 => Secp256k1,
        KeyType.P256 => P256,
        KeyType.P384 => P384,
        KeyType.P521 => P521,
        _ => throw new ArgumentOutOfRangeException(nameof(keyType), keyType, "Not an EC key type."),
    };

    internal static bool TryDecodePoint(KeyType keyType, ReadOnlySpan<byte> encoded, out byte[] compressed, out byte[] uncompressed)
    {
        compressed = [];
        uncompressed = [];
        var fieldSize = FieldSize(keyType);
        if (!((encoded.Length == 1 + fieldSize && encoded[0] is 0x02 or 0x03) || (encoded.Length == 1 + (2 * fieldSize) && encoded[0] == 0x04)))
        {
            return false;
        }

        var domain = Domain(keyType);
        ECPoint point;
        try
        {
            point = domain.Curve.DecodePoint(encoded.ToArray());
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }

        if (point.IsInfinity || !point.IsValid())
        {
            return false;
        }

        point = point.Normalize();
        compressed = point.GetEncoded(true);
        uncompressed = point.GetEncoded(false);
        return true;
    }

    /// <summary>Bytes of a coordinate or private scalar: 32 for secp256k1 and P-256, 48 for P-384, 66 for P-521.</summary>
    internal static int FieldSize(KeyType keyType) => NistCurve.For(keyType)?.FieldSize ?? 32;

    internal static byte[] PublicPointFromPrivate(ECDomainParameters domain, BigInteger d, bool compressed) =>
        new FixedPointCombMultiplier().Multiply(domain.G, d).Normalize().GetEncoded(compressed);

    internal static bool IsValidScalar(ECDomainParameters domain, BigInteger d) => d.SignValue > 0 && d.CompareTo(domain.N) < 0;

    internal static ECPublicKeyParameters ToParameters(PublicKeyMaterial key) =>
        new(Domain(key.KeyType).Curve.DecodePoint(key.RawBytes), Domain(key.KeyType));
}
