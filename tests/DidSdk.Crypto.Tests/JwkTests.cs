using System.Text.Json;

namespace DidSdk.Crypto.Tests;

public class JwkTests
{
    // RFC 8037 Appendix A.1/A.2 (Ed25519 private and public key).
    private const string Rfc8037PrivateJwk = """{"kty":"OKP","crv":"Ed25519","d":"nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}""";

    private static readonly KeyType[] KeyTypes = Enum.GetValues<KeyType>();

    [TestCaseSource(nameof(KeyTypes))]
    public void FromPublicKey_RoundTripsThroughJson(KeyType keyType)
    {
        using var key = PrivateKey.Generate(keyType);
        var jwk = Jwk.FromPublicKey(key.PublicKey);
        Assert.That(Jwk.TryParse(jwk.ToJson(), out var parsed, out var error), Is.True, error);
        Assert.That(parsed!.ToPublicKey(), Is.EqualTo(key.PublicKey));
        Assert.That(parsed.HasPrivateKey, Is.False);
        Assert.That(parsed.ComputeThumbprint(), Is.EqualTo(jwk.ComputeThumbprint()));
    }

    [TestCaseSource(nameof(KeyTypes))]
    public void FromPrivateKey_ToPrivateKey_RoundTrips(KeyType keyType)
    {
        using var key = PrivateKey.Generate(keyType, PrivateKeyExportPolicy.AllowPlaintextExport);
        var jwk = Jwk.FromPrivateKey(key);
        Assert.That(jwk.HasPrivateKey, Is.True);
        using var imported = Jwk.Parse(jwk.ToJson()).ToPrivateKey();
        Assert.That(imported.PublicKey, Is.EqualTo(key.PublicKey));
        Assert.That(imported.ExportPolicy, Is.EqualTo(PrivateKeyExportPolicy.None));
        Assert.That(jwk.ToPublicJwk().ToJson(), Does.Not.Contain("\"d\""));
    }

    [Test]
    public void FromPublicKey_Ec_HasExpectedMembers()
    {
        using var key = PrivateKey.Import(KeyType.P256, Convert.FromHexString("80f87e56f552f0c6ef290f4b4955667e7c672a31e7e13aa3d1b99ba5e8519697"));
        // did-method-key test-vectors/nist-curves.json, first entry.
        Assert.That(Jwk.FromPublicKey(key.PublicKey).ToJson(), Is.EqualTo("""{"kty":"EC","crv":"P-256","x":"igrFmi0whuihKnj9R3Om1SoMph72wUGeFaBbzG2vzns","y":"efsX5b10x8yjyrj4ny3pGfLcY7Xby1KzgqOdqnsrJIM"}"""));
    }

    [Test]
    public void FromPrivateKey_NonExportable_Throws()
    {
        using var key = PrivateKey.Generate(KeyType.Ed25519);
        Assert.That(() => Jwk.FromPrivateKey(key), Throws.InvalidOperationException);
    }

    [Test]
    public void ToPrivateKey_Rfc8037A1_GivesRfcPublicKey()
    {
        using var key = Jwk.Parse(Rfc8037PrivateJwk).ToPrivateKey(PrivateKeyExportPolicy.AllowPlaintextExport);
        Assert.That(Convert.ToHexStringLower(key.PublicKey.Bytes), Is.EqualTo("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"));
        Assert.That(Convert.ToHexStringLower(key.ExportPrivateKey()), Is.EqualTo("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"));
    }

    [Test]
    public void ToString_PrivateJwk_DoesNotContainD()
    {
        var jwk = Jwk.Parse(Rfc8037PrivateJwk).WithKeyId("k1");
        Assert.That(jwk.ToString(), Is.EqualTo("Jwk(kty=OKP, crv=Ed25519, kid=k1, private)"));
        Assert.That(jwk.ToString(), Does.Not.Contain("nWGx"));
    }

    [Test]
    public void ToJson_StableOrderAndUnknownMembersPreserved()
    {
        var jwk = Jwk.Parse("""{"x5t":"abc","alg":"EdDSA","key_ops":["verify"],"kid":"k","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo","crv":"Ed25519","kty":"OKP","ext":true,"use":"sig"}""");
        Assert.That(jwk.ToJson(), Is.EqualTo("""{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo","kid":"k","use":"sig","alg":"EdDSA","key_ops":["verify"],"x5t":"abc","ext":true}"""));
        Assert.That(jwk.AdditionalMembers.Select(m => m.Key), Is.EqualTo(new[] { "x5t", "ext" }));
        Assert.That(jwk.KeyOps, Is.EqualTo(new[] { "verify" }));
        Assert.That(jwk.ToJsonElement().GetProperty("ext").GetBoolean(), Is.True);
    }

    [Test]
    public void ToPublicJwk_Rsa_RemovesPrivateMembers()
    {
        var jwk = Jwk.Parse("""{"kty":"RSA","n":"AQAB","e":"AQAB","d":"AQAB","p":"AQ","q":"AQ","dp":"AQ","dq":"AQ","qi":"AQ","kid":"r"}""");
        Assert.That(jwk.HasPrivateKey, Is.True);
        Assert.That(jwk.ToPublicJwk().ToJson(), Is.EqualTo("""{"kty":"RSA","kid":"r","n":"AQAB","e":"AQAB"}"""));
        Assert.That(jwk.TryGetPublicKey(out _), Is.False);
    }

    [Test]
    public void ToPublicJwk_Oct_Throws()
    {
        var jwk = Jwk.Parse("""{"kty":"oct","k":"AQAB"}""");
        Assert.That(jwk.HasPrivateKey, Is.True);
        Assert.That(() => jwk.ToPublicJwk(), Throws.InvalidOperationException);
    }

    [Test]
    public void ComputeThumbprintUri_HasRfc9278Prefix()
    {
        var jwk = Jwk.Parse(Rfc8037PrivateJwk);
        Assert.That(jwk.ComputeThumbprintUri(), Is.EqualTo("urn:ietf:params:oauth:jwk-thumbprint:sha-256:kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k"));
    }

    [Test]
    public void ComputeThumbprint_IgnoresOptionalAndPrivateMembers()
    {
        var full = Jwk.Parse(Rfc8037PrivateJwk).WithKeyId("x").WithAlgorithm("EdDSA").WithUse("sig");
        Assert.That(full.ComputeThumbprint(), Is.EqualTo("kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k"));
    }

    [Test]
    public void ComputeThumbprint_UnknownKty_Throws()
    {
        var jwk = Jwk.Parse("""{"kty":"AKP","pub":"AQAB"}""");
        Assert.That(() => jwk.ComputeThumbprint(), Throws.InvalidOperationException);
    }

    [Test]
    public void ComputeThumbprint_ValueNeedingEscape_Throws()
    {
        var jwk = Jwk.Parse("""{"kty":"OKP","crv":"Ed\"25519","x":"AQAB"}""");
        Assert.That(() => jwk.ComputeThumbprint(), Throws.InvalidOperationException);
    }

    [TestCase("""{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}""", TestName = "TryParse_DuplicateMember_False")]
    [TestCase("""{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo","ext":{"a":1,"a":2}}""", TestName = "TryParse_NestedDuplicateMember_False")]
    [TestCase("""["kty"]""", TestName = "TryParse_NotObject_False")]
    [TestCase("""{"crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}""", TestName = "TryParse_NoKty_False")]
    [TestCase("""{"kty":1}""", TestName = "TryParse_KtyNotString_False")]
    [TestCase("""{"kty":"OKP","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}""", TestName = "TryParse_OkpWithoutCrv_False")]
    [TestCase("""{"kty":"OKP","crv":"Ed25519"}""", TestName = "TryParse_OkpWithoutX_False")]
    [TestCase("""{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo","y":"AQAB"}""", TestName = "TryParse_OkpWithY_False")]
    [TestCase("""{"kty":"EC","crv":"P-256","x":"igrFmi0whuihKnj9R3Om1SoMph72wUGeFaBbzG2vzns"}""", TestName = "TryParse_EcWithoutY_False")]
    [TestCase("""{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo="}""", TestName = "TryParse_PaddedBase64_False")]
    [TestCase("""{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo"}""", TestName = "TryParse_StandardBase64_False")]
    [TestCase("""{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURp"}""", TestName = "TryParse_NonCanonicalBase64Url_False")]
    [TestCase("""{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo","d":"!!"}""", TestName = "TryParse_DNotBase64Url_False")]
    [TestCase("""{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo","key_ops":["sign","sign"]}""", TestName = "TryParse_DuplicateKeyOps_False")]
    [TestCase("""{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo","key_ops":"sign"}""", TestName = "TryParse_KeyOpsNotArray_False")]
    [TestCase("""{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo","kid":5}""", TestName = "TryParse_KidNotString_False")]
    [TestCase("""{"kty":"RSA","n":"AQAB"}""", TestName = "TryParse_RsaWithoutE_False")]
    [TestCase("""{"kty":"oct"}""", TestName = "TryParse_OctWithoutK_False")]
    [TestCase("""{"kty":"OKP",}""", TestName = "TryParse_TrailingComma_False")]
    [TestCase("""{"kty":"OKP"} x""", TestName = "TryParse_TrailingGarbage_False")]
    [TestCase("", TestName = "TryParse_Empty_False")]
    public void TryParse_Invalid_ReturnsFalseWithError(string json)
    {
        Assert.That(Jwk.TryParse(json, out var jwk, out var error), Is.False);
        Assert.That(jwk, Is.Null);
        Assert.That(error, Is.Not.Null.And.Not.Empty);
        Assert.That(() => Jwk.Parse(json), Throws.TypeOf<FormatException>());
    }

    [Test]
    public void TryParse_Null_ReturnsFalse() => Assert.That(Jwk.TryParse((string?)null, out _, out _), Is.False);

    [Test]
    public void TryParse_TooLarge_ReturnsFalse()
    {
        var json = "{\"kty\":\"OKP\",\"pad\":\"" + new string('a', Jwk.MaxJsonLength) + "\"}";
        Assert.That(Jwk.TryParse(json, out _, out var error), Is.False);
        Assert.That(error, Does.Contain("large"));
        using var document = JsonDocument.Parse(json);
        Assert.That(Jwk.TryParse(document.RootElement, out _, out _), Is.False);
    }

    [Test]
    public void TryParse_TooDeep_ReturnsFalse()
    {
        var json = """{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo","n":""" + new string('[', 40) + new string(']', 40) + "}";
        Assert.That(Jwk.TryParse(json, out _, out _), Is.False);
    }

    [Test]
    public void TryParse_JsonElement_Works()
    {
        using var document = JsonDocument.Parse(Rfc8037PrivateJwk);
        Assert.That(Jwk.TryParse(document.RootElement, out var jwk, out _), Is.True);
        Assert.That(jwk!.D, Is.EqualTo("nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A"));
    }

    [Test]
    public void TryParse_ErrorMessage_DoesNotLeakD()
    {
        var json = """{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo","d":"nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A="}""";
        Assert.That(Jwk.TryParse(json, out _, out var error), Is.False);
        Assert.That(error, Does.Not.Contain("nWGx"));
    }

    [TestCase("""{"kty":"OKP","crv":"Ed448","x":"AQAB"}""", TestName = "TryGetPublicKey_UnsupportedCurve_False")]
    [TestCase("""{"kty":"EC","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo","y":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}""", TestName = "TryGetPublicKey_EcKtyWithOkpCurve_False")]
    [TestCase("""{"kty":"OKP","crv":"P-256","x":"igrFmi0whuihKnj9R3Om1SoMph72wUGeFaBbzG2vzns"}""", TestName = "TryGetPublicKey_OkpKtyWithEcCurve_False")]
    [TestCase("""{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHUQ"}""", TestName = "TryGetPublicKey_Ed25519ShortX_False")]
    [TestCase("""{"kty":"EC","crv":"P-256","x":"AIoKxZotMIbooSp4_Udzp9UqDKYe9sFBnhWgW8xtr857","y":"efsX5b10x8yjyrj4ny3pGfLcY7Xby1KzgqOdqnsrJIM"}""", TestName = "TryGetPublicKey_EcLeadingZeroX33Bytes_False")]
    [TestCase("""{"kty":"EC","crv":"P-256","x":"igrFmi0whuihKnj9R3Om1SoMph72wUGeFaBbzG2vzns","y":"efsX5b10x8yjyrj4ny3pGfLcY7Xby1KzgqOdqnsrJIQ"}""", TestName = "TryGetPublicKey_PointNotOnCurve_False")]
    [TestCase("""{"kty":"EC","crv":"secp256k1","x":"igrFmi0whuihKnj9R3Om1SoMph72wUGeFaBbzG2vzns","y":"efsX5b10x8yjyrj4ny3pGfLcY7Xby1KzgqOdqnsrJIM"}""", TestName = "TryGetPublicKey_P256PointLabelledSecp256k1_False")]
    [TestCase("""{"kty":"EC","crv":"P-256","alg":"ES256K","x":"igrFmi0whuihKnj9R3Om1SoMph72wUGeFaBbzG2vzns","y":"efsX5b10x8yjyrj4ny3pGfLcY7Xby1KzgqOdqnsrJIM"}""", TestName = "TryGetPublicKey_AlgInconsistentWithCrv_False")]
    [TestCase("""{"kty":"OKP","crv":"Ed25519","alg":"ES256","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}""", TestName = "TryGetPublicKey_Ed25519WithEs256_False")]
    [TestCase("""{"kty":"OKP","crv":"X25519","alg":"EdDSA","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}""", TestName = "TryGetPublicKey_X25519WithEdDsa_False")]
    [TestCase("""{"kty":"OKP","crv":"X25519","use":"sig","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}""", TestName = "TryGetPublicKey_X25519UseSig_False")]
    [TestCase("""{"kty":"OKP","crv":"Ed25519","use":"enc","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}""", TestName = "TryGetPublicKey_Ed25519UseEnc_False")]
    [TestCase("""{"kty":"oct","k":"AQAB"}""", TestName = "TryGetPublicKey_Oct_False")]
    public void TryGetPublicKey_Invalid_ReturnsFalse(string json)
    {
        var jwk = Jwk.Parse(json);
        Assert.That(jwk.TryGetPublicKey(out var key), Is.False);
        Assert.That(key, Is.Null);
        Assert.That(() => jwk.ToPublicKey(), Throws.TypeOf<FormatException>());
    }

    [TestCase("EdDSA")]
    [TestCase("Ed25519")]
    public void TryGetPublicKey_Ed25519Alg_Accepted(string alg) =>
        Assert.That(Jwk.Parse(Rfc8037PrivateJwk).WithAlgorithm(alg).TryGetPublicKey(out _), Is.True);

    [Test]
    public void TryGetPublicKey_P256WithEcdhEs_Accepted() =>
        Assert.That(Jwk.Parse("""{"kty":"EC","crv":"P-256","alg":"ECDH-ES+A128KW","x":"igrFmi0whuihKnj9R3Om1SoMph72wUGeFaBbzG2vzns","y":"efsX5b10x8yjyrj4ny3pGfLcY7Xby1KzgqOdqnsrJIM"}""").TryGetPublicKey(out _), Is.True);

    [Test]
    public void ToPrivateKey_DDoesNotMatchX_Throws()
    {
        using var other = PrivateKey.Generate(KeyType.Ed25519, PrivateKeyExportPolicy.AllowPlaintextExport);
        var otherD = Jwk.FromPrivateKey(other).D;
        var json = $$"""{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo","d":"{{otherD}}"}""";
        var jwk = Jwk.Parse(json);
        Assert.That(jwk.TryGetPrivateKey(PrivateKeyExportPolicy.None, out var key), Is.False);
        Assert.That(key, Is.Null);
        Assert.That(() => jwk.ToPrivateKey(), Throws.TypeOf<FormatException>().With.Message.Contains("does not match"));
    }

    [TestCase(KeyType.Secp256k1)]
    [TestCase(KeyType.P256)]
    public void ToPrivateKey_EcDDoesNotMatch_ReturnsFalse(KeyType keyType)
    {
        using var a = PrivateKey.Generate(keyType, PrivateKeyExportPolicy.AllowPlaintextExport);
        using var b = PrivateKey.Generate(keyType, PrivateKeyExportPolicy.AllowPlaintextExport);
        var pub = Jwk.FromPublicKey(a.PublicKey);
        var json = $$"""{"kty":"EC","crv":"{{pub.Crv}}","x":"{{pub.X}}","y":"{{pub.Y}}","d":"{{Jwk.FromPrivateKey(b).D}}"}""";
        Assert.That(Jwk.Parse(json).TryGetPrivateKey(PrivateKeyExportPolicy.None, out _), Is.False);
    }

    [Test]
    public void ToPrivateKey_DOutOfRange_ReturnsFalse()
    {
        var pub = Jwk.Parse("""{"kty":"EC","crv":"P-256","x":"igrFmi0whuihKnj9R3Om1SoMph72wUGeFaBbzG2vzns","y":"efsX5b10x8yjyrj4ny3pGfLcY7Xby1KzgqOdqnsrJIM","d":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}""");
        Assert.That(pub.TryGetPrivateKey(PrivateKeyExportPolicy.None, out _), Is.False);
    }

    [Test]
    public void ToPrivateKey_DWrongLength_ReturnsFalse()
    {
        var jwk = Jwk.Parse("""{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo","d":"nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyufw"}""");
        Assert.That(jwk.TryGetPrivateKey(PrivateKeyExportPolicy.None, out _), Is.False);
    }

    [Test]
    public void ToPrivateKey_NoD_Throws() =>
        Assert.That(() => Jwk.Parse(Rfc8037PrivateJwk).ToPublicJwk().ToPrivateKey(), Throws.TypeOf<FormatException>());

    [TestCase("""{"kty":"EC","crv":"P-256","x":"AQ","y":"AQ"}""", true, TestName = "PermitsVerification_NoMetadata_True")]
    [TestCase("""{"kty":"EC","crv":"P-256","x":"AQ","y":"AQ","use":"sig","key_ops":["verify"],"alg":"ES256"}""", true, TestName = "PermitsVerification_SigVerify_True")]
    [TestCase("""{"kty":"EC","crv":"P-256","x":"AQ","y":"AQ","use":"enc"}""", false, TestName = "PermitsVerification_UseEnc_False")]
    [TestCase("""{"kty":"EC","crv":"P-256","x":"AQ","y":"AQ","key_ops":["sign"]}""", false, TestName = "PermitsVerification_KeyOpsWithoutVerify_False")]
    [TestCase("""{"kty":"EC","crv":"P-256","x":"AQ","y":"AQ","alg":"ECDH-ES"}""", false, TestName = "PermitsVerification_EcdhAlg_False")]
    public void PermitsVerification_Metadata_Expected(string json, bool expected) =>
        Assert.That(Jwk.Parse(json).PermitsVerification, Is.EqualTo(expected));
}
