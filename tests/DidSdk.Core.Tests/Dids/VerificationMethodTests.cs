using DidSdk.Core.Dids;
using DidSdk.Crypto;

namespace DidSdk.Core.Tests.Dids;

public class VerificationMethodTests
{
    private static readonly PublicKeyMaterial Ed = Multikey.Decode("z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK");

    private static VerificationMethod Method(string type, string? multibase = null, string? base58 = null, string? hex = null, Jwk? jwk = null, string? account = null) => new()
    {
        Id = "did:example:1#k",
        Type = type,
        Controller = "did:example:1",
        PublicKeyMultibase = multibase,
        PublicKeyBase58 = base58,
        PublicKeyHex = hex,
        PublicKeyJwk = jwk,
        BlockchainAccountId = account,
    };

    private static string Base58(ReadOnlySpan<byte> bytes) => Multibase.Encode(MultibaseEncoding.Base58Btc, bytes)[1..];

    [Test]
    public void TryGetPublicKey_EveryKeyTypeAsMultikey_Decodes()
    {
        foreach (var type in new[] { KeyType.Ed25519, KeyType.Secp256k1, KeyType.P256, KeyType.X25519 })
        {
            using var key = PrivateKey.Generate(type);
            var method = Method(VerificationMethodTypes.Multikey, multibase: Multikey.Encode(key.PublicKey));
            Assert.That(method.TryGetPublicKey(out var decoded, out var problem), Is.True, $"{type}: {problem}");
            Assert.That(decoded, Is.EqualTo(key.PublicKey));
        }
    }

    [Test]
    public void TryGetPublicKey_EveryKeyTypeAsJwk_Decodes()
    {
        foreach (var type in new[] { KeyType.Ed25519, KeyType.Secp256k1, KeyType.P256, KeyType.X25519 })
        {
            using var key = PrivateKey.Generate(type);
            var method = Method(VerificationMethodTypes.JsonWebKey, jwk: Jwk.FromPublicKey(key.PublicKey));
            Assert.That(method.TryGetPublicKey(out var decoded, out var problem), Is.True, $"{type}: {problem}");
            Assert.That(decoded, Is.EqualTo(key.PublicKey));
        }
    }

    [Test]
    public void TryGetPublicKey_LegacyTypes_Decode()
    {
        using var secp = PrivateKey.Generate(KeyType.Secp256k1);
        using var x = PrivateKey.Generate(KeyType.X25519);
        var cases = new (VerificationMethod Method, PublicKeyMaterial Expected)[]
        {
            (Method(VerificationMethodTypes.Ed25519VerificationKey2020, multibase: Multikey.Encode(Ed)), Ed),
            (Method(VerificationMethodTypes.Ed25519VerificationKey2018, base58: Base58(Ed.Bytes)), Ed),
            (Method(VerificationMethodTypes.X25519KeyAgreementKey2020, multibase: Multikey.Encode(x.PublicKey)), x.PublicKey),
            (Method(VerificationMethodTypes.X25519KeyAgreementKey2019, base58: Base58(x.PublicKey.Bytes)), x.PublicKey),
            (Method(VerificationMethodTypes.EcdsaSecp256k1VerificationKey2019, jwk: Jwk.FromPublicKey(secp.PublicKey)), secp.PublicKey),
            (Method(VerificationMethodTypes.EcdsaSecp256k1VerificationKey2019, hex: Convert.ToHexStringLower(secp.PublicKey.ExportUncompressed())), secp.PublicKey),
            (Method(VerificationMethodTypes.Secp256k1VerificationKey2018, hex: "0x" + Convert.ToHexStringLower(secp.PublicKey.Bytes)), secp.PublicKey),
        };
        foreach (var (method, expected) in cases)
        {
            Assert.That(method.TryGetPublicKey(out var decoded, out var problem), Is.True, $"{method.Type}: {problem}");
            Assert.That(decoded, Is.EqualTo(expected), method.Type);
        }
    }

    [Test]
    public void TryGetPublicKey_KeyTypeDoesNotFitMethodType_Mismatch()
    {
        using var x = PrivateKey.Generate(KeyType.X25519);
        var method = Method(VerificationMethodTypes.Ed25519VerificationKey2020, multibase: Multikey.Encode(x.PublicKey));
        Assert.That(method.TryGetPublicKey(out _, out var problem), Is.False);
        Assert.That(problem!.Code, Is.EqualTo(DidProblemCodes.KeyTypeMismatch));

        var jwk = Method(VerificationMethodTypes.EcdsaSecp256k1VerificationKey2019, jwk: Jwk.FromPublicKey(Ed));
        Assert.That(jwk.TryGetPublicKey(out _, out problem), Is.False);
        Assert.That(problem!.Code, Is.EqualTo(DidProblemCodes.KeyTypeMismatch));
    }

    [TestCase("zBadBase58!!", TestName = "TryGetPublicKey_Multikey_BadBase58_Invalid")]
    [TestCase("uAAAA", TestName = "TryGetPublicKey_Multikey_NotBase58_Invalid")]
    [TestCase("z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2do", TestName = "TryGetPublicKey_Multikey_Truncated_Invalid")]
    public void TryGetPublicKey_BadMultikey_InvalidKeyMaterial(string value)
    {
        Assert.That(Method(VerificationMethodTypes.Multikey, multibase: value).TryGetPublicKey(out var key, out var problem), Is.False);
        Assert.That(key, Is.Null);
        Assert.That(problem!.Code, Is.EqualTo(DidProblemCodes.InvalidKeyMaterial));
    }

    [Test]
    public void TryGetPublicKey_OffCurveHexPoint_InvalidKeyMaterial()
    {
        var notOnCurve = "02" + new string('f', 64);
        Assert.That(Method(VerificationMethodTypes.EcdsaSecp256k1VerificationKey2019, hex: notOnCurve).TryGetPublicKey(out _, out var problem), Is.False);
        Assert.That(problem!.Code, Is.EqualTo(DidProblemCodes.InvalidKeyMaterial));
        Assert.That(Method(VerificationMethodTypes.Secp256k1VerificationKey2018, hex: "zz").TryGetPublicKey(out _, out problem), Is.False);
        Assert.That(problem!.Code, Is.EqualTo(DidProblemCodes.InvalidKeyMaterial));
    }

    [Test]
    public void TryGetPublicKey_TwoMaterialForms_Rejected()
    {
        var method = Method(VerificationMethodTypes.Ed25519VerificationKey2018, multibase: Multikey.Encode(Ed), base58: Base58(Ed.Bytes));
        Assert.That(method.TryGetPublicKey(out _, out var problem), Is.False);
        Assert.That(problem!.Code, Is.EqualTo(DidProblemCodes.MissingKeyMaterial));
    }

    [Test]
    public void TryGetPublicKey_NoMaterial_Missing()
    {
        Assert.That(Method(VerificationMethodTypes.Multikey).TryGetPublicKey(out _, out var problem), Is.False);
        Assert.That(problem!.Code, Is.EqualTo(DidProblemCodes.MissingKeyMaterial));
        Assert.That(Method(VerificationMethodTypes.JsonWebKey2020, multibase: Multikey.Encode(Ed)).TryGetPublicKey(out _, out problem), Is.False);
        Assert.That(problem!.Code, Is.EqualTo(DidProblemCodes.MissingKeyMaterial));
    }

    [Test]
    public void TryGetPublicKey_UnknownType_Unsupported()
    {
        Assert.That(Method("RsaVerificationKey2018", multibase: Multikey.Encode(Ed)).TryGetPublicKey(out _, out var problem), Is.False);
        Assert.That(problem!.Code, Is.EqualTo(DidProblemCodes.UnsupportedVerificationMethodType));
    }

    [Test]
    public void RecoveryMethod_NoKey_MatchesAccount()
    {
        var method = Method(VerificationMethodTypes.EcdsaSecp256k1RecoveryMethod2020, account: "eip155:1:0xb9c5714089478a327f09197987f16f9e5d936e8a");
        Assert.That(method.IsRecoveryMethod, Is.True);
        Assert.That(method.TryGetPublicKey(out _, out var problem), Is.False);
        Assert.That(problem!.Code, Is.EqualTo(DidProblemCodes.RecoveryMethodHasNoKey));
        Assert.That(method.MatchesBlockchainAccount("0xB9C5714089478a327F09197987f16f9E5d936E8a"), Is.True);
        Assert.That(method.MatchesBlockchainAccount("0xb9c5714089478a327f09197987f16f9e5d936e8a", 1), Is.True);
        Assert.That(method.MatchesBlockchainAccount("0xb9c5714089478a327f09197987f16f9e5d936e8a", 5), Is.False, "wrong chain");
        Assert.That(method.MatchesBlockchainAccount("0xb9c5714089478a327f09197987f16f9e5d936e8b"), Is.False, "wrong address");
    }

    [TestCase("eip155:1:0xb9c5714089478a327f09197987f16f9e5d936e8")]
    [TestCase("eip155:01:0xb9c5714089478a327f09197987f16f9e5d936e8a")]
    [TestCase("eip155::0xb9c5714089478a327f09197987f16f9e5d936e8a")]
    [TestCase("cosmos:1:0xb9c5714089478a327f09197987f16f9e5d936e8a")]
    [TestCase("eip155:1:b9c5714089478a327f09197987f16f9e5d936e8a00")]
    [TestCase("eip155:1:0xg9c5714089478a327f09197987f16f9e5d936e8a")]
    public void MatchesBlockchainAccount_MalformedCaip10_False(string account)
    {
        var method = Method(VerificationMethodTypes.EcdsaSecp256k1RecoveryMethod2020, account: account);
        Assert.That(method.MatchesBlockchainAccount("0xb9c5714089478a327f09197987f16f9e5d936e8a"), Is.False);
    }

    private static VerificationMethod WithBase64(string type, string base64, string? hex = null) => new()
    {
        Id = "did:example:1#k",
        Type = type,
        Controller = "did:example:1",
        PublicKeyHex = hex,
        AdditionalProperties = new Dictionary<string, System.Text.Json.JsonElement> { ["publicKeyBase64"] = System.Text.Json.JsonDocument.Parse(System.Text.Json.JsonSerializer.Serialize(base64)).RootElement.Clone() },
    };

    [Test]
    public void TryGetPublicKey_Ed25519PublicKeyBase64AsDidEthrPublishes_Decodes()
    {
        var method = WithBase64(VerificationMethodTypes.Ed25519VerificationKey2018, Convert.ToBase64String(Ed.Bytes));

        Assert.That(method.TryGetPublicKey(out var decoded, out var problem), Is.True, problem?.ToString());
        Assert.That(decoded, Is.EqualTo(Ed));
    }

    [TestCase("not base64!")]
    [TestCase("")]
    public void TryGetPublicKey_BadPublicKeyBase64_Invalid(string base64)
    {
        Assert.That(WithBase64(VerificationMethodTypes.Ed25519VerificationKey2018, base64).TryGetPublicKey(out _, out var problem), Is.False);
        Assert.That(problem!.Code, Is.EqualTo(DidProblemCodes.InvalidKeyMaterial));
    }

    [Test]
    public void TryGetPublicKey_Base64AndHex_MoreThanOneMaterial()
    {
        var method = WithBase64(VerificationMethodTypes.Ed25519VerificationKey2018, Convert.ToBase64String(Ed.Bytes), Convert.ToHexString(Ed.Bytes));

        Assert.That(method.TryGetPublicKey(out _, out var problem), Is.False);
        Assert.That(problem!.Code, Is.EqualTo(DidProblemCodes.MissingKeyMaterial));
    }
}
