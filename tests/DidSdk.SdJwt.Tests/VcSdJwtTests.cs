using System.Text;
using System.Text.Json.Nodes;
using DidSdk.Core.Jose;
using DidSdk.Core.Methods;
using DidSdk.Core.Resolution;
using DidSdk.Credentials;
using DidSdk.Crypto;
using Microsoft.Extensions.Time.Testing;

namespace DidSdk.SdJwt.Tests;

/// <summary>W3C <c>vc+sd-jwt</c> (VC-JOSE-COSE §3.2): issue, present with selective disclosure and key binding, verify (issue 19 item 6).</summary>
public sealed class VcSdJwtTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
    private PrivateKey _issuerKey = null!;
    private PrivateKey _holderKey = null!;
    private string _issuerDid = null!;
    private KeySigner _issuer = null!;

    [SetUp]
    public void SetUp()
    {
        _issuerKey = PrivateKey.Generate(KeyType.P256);
        _holderKey = PrivateKey.Generate(KeyType.Ed25519);
        _issuerDid = DidKey.Create(_issuerKey.PublicKey);
        _issuer = new KeySigner(_issuerKey, DidKey.GetVerificationMethodId(_issuerKey.PublicKey));
    }

    [TearDown]
    public void TearDown()
    {
        _issuerKey.Dispose();
        _holderKey.Dispose();
    }

    private JsonObject Credential(string? issuer = null) => new()
    {
        ["@context"] = new JsonArray("https://www.w3.org/ns/credentials/v2", "https://www.w3.org/ns/credentials/examples/v2"),
        ["type"] = new JsonArray("VerifiableCredential", "KycCredential"),
        ["issuer"] = issuer ?? _issuerDid,
        ["validFrom"] = "2026-01-01T00:00:00Z",
        ["credentialSubject"] = new JsonObject { ["id"] = "did:example:customer", ["given_name"] = "Alice", ["family_name"] = "Doe", ["kyc_level"] = "enhanced" },
    };

    private static readonly string[] Disclosable = ["/credentialSubject/given_name", "/credentialSubject/family_name", "/credentialSubject/kyc_level"];

    private KeyBindingRequest Binding(string nonce = "n-1") => new() { HolderSigner = new KeySigner(_holderKey), Audience = "https://bank-b.example", Nonce = nonce, IssuedAt = Now };

    private static CredentialVerifier Verifier(IReadOnlyDictionary<string, PublicKeyMaterial>? issuerKeys = null, string nonce = "n-1") => new(
        new CompositeDidResolver(new DidKeyResolver()),
        timeProvider: new FakeTimeProvider(Now),
        formatHandlers: [new VcSdJwtFormatHandler("https://bank-b.example", nonce), new SdJwtVcFormatHandler("https://bank-b.example", nonce)],
        issuerKeys: issuerKeys);

    private async Task<string> PresentedAsync(IEnumerable<string> disclose, JsonObject? credential = null)
    {
        var token = await VcSdJwt.IssueAsync(credential ?? Credential(), _issuer, Disclosable, _holderKey.PublicKey);
        return (await SdJwtHolder.PresentAsync(token, disclose, Binding())).ToCompact();
    }

    private static void AssertProblem(CredentialVerificationResult result, string code) =>
        Assert.That(result.Problems.Select(p => p.Code), Does.Contain(code), string.Join("; ", result.Problems));

    [Test]
    public async Task IssueAsync_HeaderAndPayload_VcDataModelWithSdDigests()
    {
        var token = await VcSdJwt.IssueAsync(Credential(), _issuer, Disclosable, _holderKey.PublicKey);
        var jws = Jws.ReadCompact(token.ToCompact().Split('~')[0]).Token!;
        var payload = JsonNode.Parse(jws.Payload.Span)!.AsObject();

        Assert.That(jws.Type, Is.EqualTo("vc+sd-jwt"));
        Assert.That(jws.KeyId, Is.EqualTo(_issuer.KeyId));
        Assert.That(payload["issuer"]!.GetValue<string>(), Is.EqualTo(_issuerDid));
        Assert.That(payload["credentialSubject"]!["_sd"]!.AsArray(), Has.Count.EqualTo(3));
        Assert.That(payload["credentialSubject"]!["given_name"], Is.Null);
        Assert.That(payload["cnf"]!["jwk"], Is.Not.Null);
        Assert.That(VcSdJwt.IsVcSdJwt(token.ToCompact()), Is.True);
    }

    [Test]
    public async Task VerifyAsync_SelectiveDisclosureWithKeyBinding_OnlyDisclosedClaims()
    {
        var result = await Verifier().VerifyAsync(await PresentedAsync(["/credentialSubject/kyc_level"]));

        Assert.That(result.Problems, Is.Empty);
        Assert.That(result.Format, Is.EqualTo(VcSdJwt.Type));
        Assert.That(result.Issuer, Is.EqualTo(_issuerDid));
        var subject = result.Credential!.Credential["credentialSubject"]!;
        Assert.That(subject["kyc_level"]!.GetValue<string>(), Is.EqualTo("enhanced"));
        Assert.That(subject["given_name"], Is.Null);
    }

    [Test]
    public async Task VerifyAsync_TamperedDisclosure_Rejected()
    {
        var presented = await PresentedAsync(["/credentialSubject/kyc_level"]);
        var parts = presented.Split('~');
        var disclosure = Encoding.UTF8.GetString(Base64UrlDecode(parts[1])).Replace("enhanced", "basic", StringComparison.Ordinal);
        parts[1] = Convert.ToBase64String(Encoding.UTF8.GetBytes(disclosure)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

        var result = await Verifier().VerifyAsync(string.Join('~', parts));

        Assert.That(result.Succeeded, Is.False);
        Assert.That(result.Problems, Is.Not.Empty);
    }

    [Test]
    public async Task VerifyAsync_WrongNonceOrNoKeyBinding_Rejected()
    {
        var presented = await PresentedAsync(["/credentialSubject/kyc_level"]);
        var token = await VcSdJwt.IssueAsync(Credential(), _issuer, Disclosable, _holderKey.PublicKey);

        Assert.That((await Verifier(nonce: "n-2").VerifyAsync(presented)).Succeeded, Is.False);
        Assert.That((await Verifier().VerifyAsync(token.ToCompact())).Succeeded, Is.False);
    }

    [Test]
    public async Task VerifyAsync_WrongTyp_NotThisFormat()
    {
        // The same payload under typ dc+sd-jwt is an SD-JWT VC to the verifier, and fails as one (no iss/vct).
        var token = await new SdJwtIssuer(_issuer).IssueAsync(new SdJwtIssuanceRequest
        {
            Claims = Credential(),
            Disclosable = Disclosable,
            Header = new JsonObject { ["typ"] = "dc+sd-jwt" },
            HolderPublicKey = _holderKey.PublicKey,
        });
        var presented = (await SdJwtHolder.PresentAsync(token, ["/credentialSubject/kyc_level"], Binding())).ToCompact();

        Assert.That(VcSdJwt.IsVcSdJwt(presented), Is.False);
        var result = await Verifier().VerifyAsync(presented);
        Assert.That(result.Succeeded, Is.False);
        Assert.That(result.Format, Is.Not.EqualTo(VcSdJwt.Type));

        var direct = await new VcSdJwtFormatHandler("https://bank-b.example", "n-1").VerifyAsync(presented, Verifier());
        AssertProblem(direct, SdJwtProblemCodes.VcSdJwtWrongType);
    }

    [Test]
    public async Task VerifyAsync_SignedByAnotherKeyUnderIssuerKid_Rejected()
    {
        using var attacker = PrivateKey.Generate(KeyType.P256);
        var token = await VcSdJwt.IssueAsync(Credential(), new KeySigner(attacker, _issuer.KeyId), Disclosable, _holderKey.PublicKey);
        var presented = (await SdJwtHolder.PresentAsync(token, [], Binding())).ToCompact();

        AssertProblem(await Verifier().VerifyAsync(presented), SdJwtProblemCodes.IssuerSignatureInvalid);
    }

    [Test]
    public async Task VerifyAsync_UrlIssuerWithSuppliedKey_VerifiedAndWithoutKey_IssuerKeyUnknown()
    {
        var credential = Credential("https://bank-a.example");
        var presented = await PresentedAsync(["/credentialSubject/kyc_level"], credential);

        Assert.That((await Verifier(new Dictionary<string, PublicKeyMaterial> { ["https://bank-a.example"] = _issuerKey.PublicKey }).VerifyAsync(presented)).Problems, Is.Empty);
        AssertProblem(await Verifier().VerifyAsync(presented), SdJwtProblemCodes.IssuerKeyUnknown);
    }

    [Test]
    public void IssueAsync_PointerAtIssuerOrInvalidCredential_Throws()
    {
        Assert.ThrowsAsync<ArgumentException>(() => VcSdJwt.IssueAsync(Credential(), _issuer, ["/issuer"]));
        Assert.ThrowsAsync<ArgumentException>(() => VcSdJwt.IssueAsync(Credential(), _issuer, ["/validUntil"]));
        var v11 = Credential();
        v11["@context"] = new JsonArray("https://www.w3.org/2018/credentials/v1");
        Assert.ThrowsAsync<ArgumentException>(() => VcSdJwt.IssueAsync(v11, _issuer, []));
    }

    [Test]
    public async Task VerifyAsync_ExpiredCredential_Expired()
    {
        var credential = Credential();
        credential["validUntil"] = "2026-06-01T00:00:00Z";

        AssertProblem(await Verifier().VerifyAsync(await PresentedAsync([], credential)), CredentialProblemCodes.Expired);
    }

    private static byte[] Base64UrlDecode(string text)
    {
        var s = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(s.PadRight(s.Length + ((4 - (s.Length % 4)) % 4), '='));
    }
}
