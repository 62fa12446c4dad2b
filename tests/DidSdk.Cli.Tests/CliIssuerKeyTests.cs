using System.Text;
using System.Text.Json.Nodes;
using DidSdk.Core.Jose;
using DidSdk.SdJwt;

namespace DidSdk.Cli.Tests;

/// <summary>
/// <c>vc verify --issuer-jwk</c> supplies the key of an issuer that is not a DID (an SD-JWT VC <c>iss</c> URL). For a
/// DID issuer the DID's keys decide: a token signed by B that claims A's did:key must not verify because B's key was
/// supplied.
/// </summary>
public sealed class CliIssuerKeyTests
{
    private TestMaterial _material = null!;
    private string _otherPublic = null!;

    [OneTimeSetUp]
    public void SetUp()
    {
        _material = TestMaterial.Create("didsdk-cli-issuer-jwk-");
        _otherPublic = _material.WritePublicJwk("other.pub.jwk", _material.OtherKey);
    }

    [OneTimeTearDown]
    public void TearDown() => _material.Dispose();

    [Test]
    public async Task VcVerify_TokenSignedByBClaimingDidOfA_WithBsKeySupplied_NotVerified()
    {
        var forged = _material.Write("forged.sd-jwt", await _material.IssueSdJwtAsync(issuer: _material.IssuerDid, signer: _material.OtherKey, kid: _material.IssuerKid, holderBinding: false));

        var run = await CliRunner.RunAsync("vc", "verify", "@" + forged, "--issuer-jwk", _otherPublic);

        CliAssert.NotVerified(run);
        Assert.That(run.Json["claims"], Is.Null, "an unverified credential's claims are not printed");
        Assert.That(run.Stdout, Does.Not.Contain(TestMaterial.Canary));
    }

    [Test]
    public async Task VcVerify_GenuineDidIssuer_WithUnrelatedKeySupplied_StillVerifiedByTheDid()
    {
        var genuine = _material.Write("genuine.sd-jwt", await _material.IssueSdJwtAsync(holderBinding: false));

        var result = CliAssert.Verified(await CliRunner.RunAsync("vc", "verify", "@" + genuine, "--issuer-jwk", _otherPublic));

        Assert.That(result["issuer"]!.GetValue<string>(), Is.EqualTo(_material.IssuerDid));
    }

    [Test]
    public async Task VcVerify_UrlIssuer_WithItsKeySupplied_Verified()
    {
        var token = _material.Write("url-issuer.sd-jwt", await _material.IssueSdJwtAsync(issuer: "https://issuer.bank-a.example", signer: _material.OtherKey, kid: "key-1", holderBinding: false));

        var result = CliAssert.Verified(await CliRunner.RunAsync("vc", "verify", "@" + token, "--issuer-jwk", _otherPublic));

        Assert.That(result["issuer"]!.GetValue<string>(), Is.EqualTo("https://issuer.bank-a.example"));
    }

    [Test]
    public async Task VcVerify_UrlIssuer_WithAnotherKeySupplied_NotVerified()
    {
        var token = _material.Write("url-issuer-2.sd-jwt", await _material.IssueSdJwtAsync(issuer: "https://issuer.bank-a.example", signer: _material.OtherKey, kid: "key-1", holderBinding: false));
        var wrongKey = _material.WritePublicJwk("issuer.pub.jwk", _material.IssuerKey);

        CliAssert.NotVerified(await CliRunner.RunAsync("vc", "verify", "@" + token, "--issuer-jwk", wrongKey));
    }

    [Test]
    public async Task VcVerify_UrlIssuerWithIatNotNumericDate_WithItsKeySupplied_ReportsTheClaimNotAMissingKey()
    {
        // A W3C vc+sd-jwt (no disclosures) whose iat is an RFC 3339 string, as the vc-jose-cose-test-suite vectors carry it:
        // RFC 7519 §2 wants a NumericDate. The supplied key must still be bound to the iss, so the problem is the claim.
        var payload = new JsonObject
        {
            ["@context"] = new JsonArray("https://www.w3.org/ns/credentials/v2"),
            ["type"] = new JsonArray("VerifiableCredential"),
            ["issuer"] = "https://issuer.bank-a.example",
            ["iss"] = "https://issuer.bank-a.example",
            ["iat"] = "2024-01-01T00:00:00Z",
            ["credentialSubject"] = new JsonObject { ["id"] = "did:example:customer" },
            ["_sd_alg"] = "sha-256",
        };
        var jws = Jws.SignCompact(new JsonObject { ["typ"] = "vc+sd-jwt" }, Encoding.UTF8.GetBytes(payload.ToJsonString()), new KeySigner(_material.OtherKey, "key-1"));
        var token = _material.Write("string-iat.sd-jwt", jws + "~");

        var codes = CliAssert.NotVerified(await CliRunner.RunAsync("vc", "verify", "@" + token, "--issuer-jwk", _otherPublic));

        Assert.That(codes, Does.Not.Contain(SdJwtProblemCodes.IssuerKeyUnknown));
        Assert.That(codes, Does.Contain(SdJwtProblemCodes.IssuerJwtClaimMalformed));
    }

    [Test]
    public async Task VcVerify_UrlIssuer_WithoutAKey_NotVerified()
    {
        var token = _material.Write("url-issuer-3.sd-jwt", await _material.IssueSdJwtAsync(issuer: "https://issuer.bank-a.example", signer: _material.OtherKey, kid: "key-1", holderBinding: false));

        CliAssert.NotVerified(await CliRunner.RunAsync("vc", "verify", "@" + token));
    }
}
