using System.Buffers.Text;
using System.Text;
using DidSdk.Core.Dids;
using DidSdk.Core.Methods;
using DidSdk.Core.Resolution;
using DidSdk.Crypto;

namespace DidSdk.Core.Tests.Methods;

public class DidJwkTests
{
    private static string DidOf(string json) => "did:jwk:" + Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json));

    [TestCase(KeyType.Ed25519)]
    [TestCase(KeyType.Secp256k1)]
    [TestCase(KeyType.P256)]
    [TestCase(KeyType.P384)]
    [TestCase(KeyType.P521)]
    public void Create_SigningKey_ResolvesWithAllRelationships(KeyType type)
    {
        using var key = PrivateKey.Generate(type);
        var did = DidJwk.Create(key.PublicKey);
        var result = DidJwkResolver.Resolve(did);
        Assert.That(result.Succeeded, Is.True, result.DidResolutionMetadata.ErrorMessage);
        var doc = result.DidDocument!;
        foreach (var purpose in Enum.GetValues<VerificationRelationship>())
        {
            Assert.That(doc.TryGetAuthorizedVerificationMethod("#0", purpose, out var method, out var problem), Is.True, $"{purpose}: {problem}");
            Assert.That(method!.TryGetPublicKey(out var decoded, out _), Is.True);
            Assert.That(decoded, Is.EqualTo(key.PublicKey));
        }
    }

    [Test]
    public void Resolve_X25519_KeyAgreementOnly()
    {
        using var key = PrivateKey.Generate(KeyType.X25519);
        var doc = DidJwkResolver.Resolve(DidJwk.Create(key.PublicKey)).DidDocument!;
        Assert.That(doc.KeyAgreement, Has.Count.EqualTo(1));
        Assert.That(doc.AssertionMethod, Is.Empty);
        Assert.That(doc.Authentication, Is.Empty);
        Assert.That(doc.CapabilityInvocation, Is.Empty);
        Assert.That(doc.CapabilityDelegation, Is.Empty);
    }

    [Test]
    public void Resolve_UseSig_NoKeyAgreement()
    {
        using var key = PrivateKey.Generate(KeyType.P256);
        var doc = DidJwkResolver.Resolve(DidJwk.Create(Jwk.FromPublicKey(key.PublicKey).WithUse("sig"))).DidDocument!;
        Assert.That(doc.KeyAgreement, Is.Empty);
        Assert.That(doc.AssertionMethod, Has.Count.EqualTo(1));
    }

    [Test]
    public void Resolve_UseEnc_KeyAgreementOnly()
    {
        using var key = PrivateKey.Generate(KeyType.P256);
        var doc = DidJwkResolver.Resolve(DidJwk.Create(Jwk.FromPublicKey(key.PublicKey).WithUse("enc"))).DidDocument!;
        Assert.That(doc.KeyAgreement, Has.Count.EqualTo(1));
        Assert.That(doc.AssertionMethod, Is.Empty);
        Assert.That(doc.IsAuthorized("#0", VerificationRelationship.AssertionMethod), Is.False);
    }

    [Test]
    public void Create_PrivateJwk_EncodesPublicPartOnly()
    {
        using var key = PrivateKey.Generate(KeyType.Ed25519, PrivateKeyExportPolicy.AllowPlaintextExport);
        var did = DidJwk.Create(Jwk.FromPrivateKey(key));
        Assert.That(DidJwk.TryGetJwk(did, out var jwk, out _, out _), Is.True);
        Assert.That(jwk!.HasPrivateKey, Is.False);
    }

    private static IEnumerable<TestCaseData> Invalid()
    {
        yield return Case("did:jwk:!!!", DidResolutionErrors.InvalidDid, "NotBase64UrlChars");
        yield return Case("did:jwk:" + Base64Url.EncodeToString("not json"u8), DidResolutionErrors.InvalidDid, "NotJson");
        yield return Case("did:jwk:" + Base64Url.EncodeToString([0xff, 0xfe, 0xfd]), DidResolutionErrors.InvalidDid, "NotUtf8");
        yield return Case(DidOf("""{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo","d":"nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A"}"""), DidResolutionErrors.InvalidDid, "PrivateKey");
        yield return Case(DidOf("""{"kty":"EC","crv":"P-256","x":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA","y":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}"""), DidResolutionErrors.InvalidPublicKey, "OffCurve");
        yield return Case(DidOf("""{"kty":"OKP","crv":"Ed25519","x":"AAAA"}"""), DidResolutionErrors.InvalidPublicKey, "ShortKey");
        yield return Case("did:jwk:" + Base64Url.EncodeToString(Encoding.UTF8.GetBytes("""{"kty":"OKP"}""")) + "==", DidResolutionErrors.InvalidDid, "Padded");

        static TestCaseData Case(string did, string error, string name) => new TestCaseData(did, error).SetName("Resolve_Invalid_" + name);
    }

    // Small-order Ed25519 points (orders 1, 2, 4, 8): refused as did:jwk, did:key, JWK and Multikey alike.
    [TestCase("0100000000000000000000000000000000000000000000000000000000000000", TestName = "Resolve_Ed25519SmallOrder_Identity")]
    [TestCase("ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f", TestName = "Resolve_Ed25519SmallOrder_Order2")]
    [TestCase("0000000000000000000000000000000000000000000000000000000000000000", TestName = "Resolve_Ed25519SmallOrder_Order4")]
    [TestCase("26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05", TestName = "Resolve_Ed25519SmallOrder_Order8")]
    public void Resolve_Ed25519SmallOrderKey_InvalidPublicKeyForDidJwkAndDidKey(string hex)
    {
        var bytes = Convert.FromHexString(hex);
        var jwkDid = DidOf($$"""{"kty":"OKP","crv":"Ed25519","x":"{{Base64Url.EncodeToString(bytes)}}"}""");
        var keyDid = "did:key:" + Multibase.Encode(MultibaseEncoding.Base58Btc, Multicodec.AddPrefix(Multicodec.Ed25519Pub, bytes));
        Assert.Multiple(() =>
        {
            Assert.That(DidJwkResolver.Resolve(jwkDid).DidResolutionMetadata.Error, Is.EqualTo(DidResolutionErrors.InvalidPublicKey), "did:jwk");
            Assert.That(new DidKeyResolver().Resolve(keyDid).DidResolutionMetadata.Error, Is.EqualTo(DidResolutionErrors.InvalidPublicKey), "did:key");
        });
    }

    [TestCaseSource(nameof(Invalid))]
    public void Resolve_Invalid_Error(string did, string error)
    {
        var result = DidJwkResolver.Resolve(did);
        Assert.That(result.DidResolutionMetadata.Error, Is.EqualTo(error), result.DidResolutionMetadata.ErrorMessage);
    }
}
