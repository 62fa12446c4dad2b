using System.Security.Cryptography;

namespace DidSdk.Crypto.Tests;

/// <summary>P-384 (ES384) and P-521 (ES512): key sizes, JWK, Multikey and cross-checks against the platform's ECDsa.</summary>
public class NistCurveKeyTests
{
    private static readonly object[] Curves =
    [
        new object[] { KeyType.P384, "P-384", "ES384", 48, Multicodec.P384Pub, Multicodec.P384Priv, "z82L" },
        new object[] { KeyType.P521, "P-521", "ES512", 66, Multicodec.P521Pub, Multicodec.P521Priv, "z2J9" },
    ];

    [TestCaseSource(nameof(Curves))]
    public void Generate_Sizes_MatchCurve(KeyType keyType, string crv, string alg, int fieldSize, ulong pubCode, ulong privCode, string multikeyPrefix)
    {
        using var key = PrivateKey.Generate(keyType, PrivateKeyExportPolicy.AllowPlaintextExport);
        var algorithm = SigningAlgorithm.ForKeyType(keyType)!;
        var raw = key.ExportPrivateKey();
        Assert.Multiple(() =>
        {
            Assert.That(raw, Has.Length.EqualTo(fieldSize));
            Assert.That(key.PublicKey.Bytes.Length, Is.EqualTo(1 + fieldSize));
            Assert.That(key.PublicKey.ExportUncompressed(), Has.Length.EqualTo(1 + (2 * fieldSize)));
            Assert.That(key.PublicKey.IsEllipticCurve, Is.True);
            Assert.That(algorithm.SignatureSize, Is.EqualTo(2 * fieldSize));
            Assert.That(algorithm.JoseAlgorithm, Is.EqualTo(alg));
            Assert.That(SigningAlgorithm.TryFromJoseAlgorithm(alg, out var byName) && ReferenceEquals(byName, algorithm), Is.True);
            Assert.That(Multicodec.PublicKeyCode(keyType), Is.EqualTo(pubCode));
            Assert.That(Multicodec.PrivateKeyCode(keyType), Is.EqualTo(privCode));
            Assert.That(Multikey.Encode(key.PublicKey), Does.StartWith(multikeyPrefix));
            Assert.That(Jwk.FromPublicKey(key.PublicKey).Crv, Is.EqualTo(crv));
        });
    }

    [TestCaseSource(nameof(Curves))]
    public void Sign_PlatformEcdsa_VerifiesOurSignatureAndWeVerifyItsSignature(KeyType keyType, string crv, string alg, int fieldSize, ulong pubCode, ulong privCode, string multikeyPrefix)
    {
        using var key = PrivateKey.Generate(keyType);
        var algorithm = SigningAlgorithm.ForKeyType(keyType)!;
        var point = key.PublicKey.ExportUncompressed();
        var namedCurve = keyType == KeyType.P384 ? ECCurve.NamedCurves.nistP384 : ECCurve.NamedCurves.nistP521;
        var hash = keyType == KeyType.P384 ? HashAlgorithmName.SHA384 : HashAlgorithmName.SHA512;
        using var platform = ECDsa.Create(new ECParameters { Curve = namedCurve, Q = new ECPoint { X = point[1..(1 + fieldSize)], Y = point[(1 + fieldSize)..] } });
        var data = "interop"u8.ToArray();

        var ours = algorithm.Sign(key, data);
        Assert.That(platform.VerifyData(data, ours, hash, DSASignatureFormat.IeeeP1363FixedFieldConcatenation), Is.True);

        using var other = ECDsa.Create(namedCurve);
        var otherParameters = other.ExportParameters(false);
        var otherKey = PublicKeyMaterial.Import(keyType, [0x04, .. otherParameters.Q.X!, .. otherParameters.Q.Y!]);
        var theirs = other.SignData(data, hash, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        Assert.That(algorithm.Verify(otherKey, data, theirs), Is.True);
        Assert.That(algorithm.Verify(key.PublicKey, data, theirs), Is.False, "another key's signature");
    }

    [TestCaseSource(nameof(Curves))]
    public void Verify_WrongCurveOrSizeOrDerSignature_False(KeyType keyType, string crv, string alg, int fieldSize, ulong pubCode, ulong privCode, string multikeyPrefix)
    {
        using var key = PrivateKey.Generate(keyType);
        var algorithm = SigningAlgorithm.ForKeyType(keyType)!;
        var data = "data"u8.ToArray();
        var signature = algorithm.Sign(key, data);
        using var p256 = PrivateKey.Generate(KeyType.P256);
        Assert.Multiple(() =>
        {
            Assert.That(algorithm.Verify(p256.PublicKey, data, signature), Is.False, "a P-256 key");
            Assert.That(algorithm.Verify(key.PublicKey, data, [.. signature, 0]), Is.False, "one byte more");
            Assert.That(algorithm.Verify(key.PublicKey, data, signature.AsSpan(0, signature.Length - 1)), Is.False, "one byte less");
            Assert.That(algorithm.Verify(key.PublicKey, data, new byte[signature.Length]), Is.False, "all zero");
            Assert.That(SigningAlgorithm.P256.Verify(key.PublicKey, data, signature.AsSpan(0, 64)), Is.False, "ES256 with this key");
            Assert.That(() => SigningAlgorithm.P256.Sign(key, data), Throws.ArgumentException);
        });
    }

    [TestCaseSource(nameof(Curves))]
    public void Jwk_PrivateRoundTrip_SameKeyAndThumbprintStable(KeyType keyType, string crv, string alg, int fieldSize, ulong pubCode, ulong privCode, string multikeyPrefix)
    {
        using var key = PrivateKey.Generate(keyType, PrivateKeyExportPolicy.AllowPlaintextExport);
        var jwk = Jwk.FromPrivateKey(key);
        var parsed = Jwk.Parse(jwk.ToJson());
        using var again = parsed.ToPrivateKey();
        Assert.Multiple(() =>
        {
            Assert.That(again.PublicKey, Is.EqualTo(key.PublicKey));
            Assert.That(parsed.ToPublicKey(), Is.EqualTo(key.PublicKey));
            Assert.That(Multibase.DecodeBase64Url(parsed.X), Has.Length.EqualTo(fieldSize));
            Assert.That(Multibase.DecodeBase64Url(parsed.D), Has.Length.EqualTo(fieldSize));
            Assert.That(parsed.ToPublicJwk().ComputeThumbprint(), Is.EqualTo(Jwk.FromPublicKey(key.PublicKey).ComputeThumbprint()));
            Assert.That(parsed.WithAlgorithm(alg).TryGetPublicKey(out _), Is.True);
            Assert.That(parsed.WithAlgorithm("ES256").TryGetPublicKey(out _), Is.False, "alg of another curve");
        });
    }

    [TestCaseSource(nameof(Curves))]
    public void Jwk_Coordinate32Bytes_Rejected(KeyType keyType, string crv, string alg, int fieldSize, ulong pubCode, ulong privCode, string multikeyPrefix)
    {
        using var p256 = PrivateKey.Generate(KeyType.P256);
        var p256Jwk = Jwk.FromPublicKey(p256.PublicKey);
        var relabelled = Jwk.Parse($"{{\"kty\":\"EC\",\"crv\":\"{crv}\",\"x\":\"{p256Jwk.X}\",\"y\":\"{p256Jwk.Y}\"}}");
        Assert.That(relabelled.TryGetPublicKey(out _), Is.False);
    }

    [TestCaseSource(nameof(Curves))]
    public void Multikey_PublicAndPrivateRoundTrip(KeyType keyType, string crv, string alg, int fieldSize, ulong pubCode, ulong privCode, string multikeyPrefix)
    {
        using var key = PrivateKey.Generate(keyType, PrivateKeyExportPolicy.AllowPlaintextExport);
        var encoded = Multikey.Encode(key.PublicKey);
        Assert.That(Multikey.Decode(encoded), Is.EqualTo(key.PublicKey));
        Assert.That(Multikey.TryDecodePrivate(Multikey.EncodePrivate(key), PrivateKeyExportPolicy.None, out var again), Is.True);
        using (again)
        {
            Assert.That(again!.PublicKey, Is.EqualTo(key.PublicKey));
        }

        // The uncompressed point under the same codec is not a Multikey (the compressed form is required).
        var uncompressed = Multibase.Encode(MultibaseEncoding.Base58Btc, Multicodec.AddPrefix(pubCode, key.PublicKey.ExportUncompressed()));
        Assert.That(Multikey.TryDecode(uncompressed, out _), Is.False);
    }

    [TestCaseSource(nameof(Curves))]
    public void Import_ScalarOutOfRangeOrWrongSize_FormatException(KeyType keyType, string crv, string alg, int fieldSize, ulong pubCode, ulong privCode, string multikeyPrefix)
    {
        Assert.Multiple(() =>
        {
            Assert.That(() => PrivateKey.Import(keyType, new byte[fieldSize]), Throws.TypeOf<FormatException>(), "zero");
            Assert.That(() => PrivateKey.Import(keyType, Enumerable.Repeat((byte)0xff, fieldSize).ToArray()), Throws.TypeOf<FormatException>(), "≥ n");
            Assert.That(() => PrivateKey.Import(keyType, new byte[32]), Throws.TypeOf<FormatException>(), "32 bytes");
        });
    }

    [Test]
    public void Jwk_Rfc7520P521Key_ImportsAndMatches()
    {
        // RFC 7520 §3.2 (the JOSE cookbook's "bilbo.baggins" P-521 key, also in spec-vectors/jose/rfc7520-4-3-es512.json).
        const string json = """{"kty":"EC","kid":"bilbo.baggins@hobbiton.example","use":"sig","crv":"P-521","x":"AHKZLLOsCOzz5cY97ewNUajB957y-C-U88c3v13nmGZx6sYl_oJXu9A5RkTKqjqvjyekWF-7ytDyRXYgCF5cj0Kt","y":"AdymlHvOiLxXkEhayXQnNCvDX4h9htZaCJN34kfmC6pV5OhQHiraVySsUdaQkAgDPrwQrJmbnX9cwlGfP-HqHZR1","d":"AAhRON2r9cqXX1hg-RoI6R1tX5p2rUAYdmpHZoC1XNM56KtscrX6zbKipQrCW9CGZH3T4ubpnoTKLDYJ_fF3_rJt"}""";
        var jwk = Jwk.Parse(json);
        using var key = jwk.ToPrivateKey();
        Assert.That(key.KeyType, Is.EqualTo(KeyType.P521));
        Assert.That(Jwk.FromPublicKey(key.PublicKey).X, Is.EqualTo(jwk.X));
        Assert.That(Jwk.FromPublicKey(key.PublicKey).Y, Is.EqualTo(jwk.Y));
    }
}
