using System.Security.Cryptography;
using Org.BouncyCastle.Math;
using NSecAlgorithm = NSec.Cryptography.Algorithm;
using NSecKey = NSec.Cryptography.Key;
using NSecParameters = NSec.Cryptography.KeyCreationParameters;

namespace DidSdk.Crypto;

internal static class KeyFactory
{
    public static PrivateKey Generate(KeyType keyType, PrivateKeyExportPolicy exportPolicy)
    {
        switch (keyType)
        {
            case KeyType.Ed25519:
            case KeyType.X25519:
                return FromNSec(keyType, NSecKey.Create(NSecAlgorithmFor(keyType), Parameters(exportPolicy)), exportPolicy);
            case KeyType.Secp256k1:
            case KeyType.P256:
            case KeyType.P384:
            case KeyType.P521:
                Span<byte> scalar = stackalloc byte[EcCurves.FieldSize(keyType)];
                try
                {
                    do
                    {
                        RandomNumberGenerator.Fill(scalar);
                        if (keyType == KeyType.P521)
                        {
                            // n is just under 2^521: keep the 7 spare high bits clear so almost every draw is in range.
                            scalar[0] &= 0x01;
                        }
                    }
                    while (!EcCurves.IsValidScalar(EcCurves.Domain(keyType), new BigInteger(1, scalar)));

                    return Import(keyType, scalar, exportPolicy);
                }
                finally
                {
                    CryptographicOperations.ZeroMemory(scalar);
                }

            default:
                throw new ArgumentOutOfRangeException(nameof(keyType), keyType, "Unknown key type.");
        }
    }

    public static PrivateKey Import(KeyType keyType, ReadOnlySpan<byte> privateKey, PrivateKeyExportPolicy exportPolicy)
    {
        var size = EcCurves.FieldSize(keyType);
        if (privateKey.Length != size)
        {
            throw new FormatException($"A {keyType} private key is {size} bytes.");
        }

        switch (keyType)
        {
            case KeyType.Ed25519:
            case KeyType.X25519:
                {
                    var nsecKey = NSecKey.Import(NSecAlgorithmFor(keyType), privateKey, NSec.Cryptography.KeyBlobFormat.RawPrivateKey, Parameters(exportPolicy));
                    return FromNSec(keyType, nsecKey, exportPolicy);
                }

            case KeyType.Secp256k1:
                {
                    var d = ScalarOf(privateKey);
                    if (!EcCurves.IsValidScalar(EcCurves.Secp256k1, d))
                    {
                        throw new FormatException("The secp256k1 private key is out of range.");
                    }

                    var publicKey = PublicKeyMaterial.Import(KeyType.Secp256k1, EcCurves.PublicPointFromPrivate(EcCurves.Secp256k1, d, compressed: true));
                    return new PrivateKey(keyType, new Secp256k1KeyHandle(privateKey.ToArray()), publicKey, exportPolicy);
                }

            case KeyType.P256:
                {
                    var d = ScalarOf(privateKey);
                    if (!EcCurves.IsValidScalar(EcCurves.P256, d))
                    {
                        throw new FormatException("The P-256 private key is out of range.");
                    }

                    var uncompressed = EcCurves.PublicPointFromPrivate(EcCurves.P256, d, compressed: false);
                    var publicKey = PublicKeyMaterial.Import(KeyType.P256, uncompressed);
                    var parameters = new ECParameters
                    {
                        Curve = ECCurve.NamedCurves.nistP256,
                        D = privateKey.ToArray(),
                        Q = new ECPoint { X = uncompressed[1..33], Y = uncompressed[33..65] },
                    };
                    try
                    {
                        return new PrivateKey(keyType, new P256KeyHandle(ECDsa.Create(parameters)), publicKey, exportPolicy);
                    }
                    finally
                    {
                        CryptographicOperations.ZeroMemory(parameters.D);
                    }
                }

            case KeyType.P384:
            case KeyType.P521:
                return ImportNist(NistCurve.For(keyType)!, privateKey, exportPolicy);

            default:
                throw new ArgumentOutOfRangeException(nameof(keyType), keyType, "Unknown key type.");
        }
    }

    private static PrivateKey ImportNist(NistCurve curve, ReadOnlySpan<byte> privateKey, PrivateKeyExportPolicy exportPolicy)
    {
        var domain = EcCurves.Domain(curve.KeyType);
        var d = ScalarOf(privateKey);
        if (!EcCurves.IsValidScalar(domain, d))
        {
            throw new FormatException($"The {curve.JwkCurve} private key is out of range.");
        }

        var uncompressed = EcCurves.PublicPointFromPrivate(domain, d, compressed: false);
        var publicKey = PublicKeyMaterial.Import(curve.KeyType, uncompressed);
        var parameters = curve.Parameters(uncompressed, privateKey.ToArray());
        try
        {
            return new PrivateKey(curve.KeyType, new NistKeyHandle(ECDsa.Create(parameters)), publicKey, exportPolicy);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(parameters.D);
        }
    }

    private static BigInteger ScalarOf(ReadOnlySpan<byte> privateKey)
    {
        // BouncyCastle copies the bytes into its own limbs; the temporary array is wiped right away.
        var copy = privateKey.ToArray();
        try
        {
            return new BigInteger(1, copy);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(copy);
        }
    }

    private static PrivateKey FromNSec(KeyType keyType, NSecKey nsecKey, PrivateKeyExportPolicy exportPolicy)
    {
        var publicKey = PublicKeyMaterial.Import(keyType, nsecKey.PublicKey.Export(NSec.Cryptography.KeyBlobFormat.RawPublicKey));
        return new PrivateKey(keyType, new NSecKeyHandle(nsecKey), publicKey, exportPolicy);
    }

    private static NSecAlgorithm NSecAlgorithmFor(KeyType keyType) => keyType switch
    {
        KeyType.Ed25519 => NSec.Cryptography.SignatureAlgorithm.Ed25519,
        KeyType.X25519 => NSec.Cryptography.KeyAgreementAlgorithm.X25519,
        _ => throw new ArgumentOutOfRangeException(nameof(keyType)),
    };

    private static NSecParameters Parameters(PrivateKeyExportPolicy exportPolicy) => new()
    {
        ExportPolicy = (exportPolicy & PrivateKeyExportPolicy.AllowPlaintextExport) != 0
            ? NSec.Cryptography.KeyExportPolicies.AllowPlaintextExport
            : NSec.Cryptography.KeyExportPolicies.None,
    };
}
