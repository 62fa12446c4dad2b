using System.Text.Json.Nodes;
using DidSdk.Credentials;
using DidSdk.SdJwt;

namespace DidSdk.Cli.Tests;

/// <summary>W3C <c>vc+sd-jwt</c> from <c>vc issue --format sd-jwt</c> and <c>vp+sd-jwt</c> from <c>vp issue --format sd-jwt</c>, verified by <c>vc verify</c> and <c>vp verify</c>.</summary>
public sealed class CliVpSdJwtTests
{
    private const string Audience = "https://bank-b.example";
    private TestMaterial _material = null!;
    private string _issuerKey = null!;
    private string _holderKey = null!;
    private string _credential = null!;

    [OneTimeSetUp]
    public async Task SetUp()
    {
        _material = TestMaterial.Create("didsdk-cli-vpsdjwt-");
        _issuerKey = _material.WritePrivateJwk("issuer.jwk", _material.IssuerKey);
        _holderKey = _material.WritePrivateJwk("holder.jwk", _material.HolderKey);
        var holderPublic = _material.WritePublicJwk("holder.pub.jwk", _material.HolderKey);
        var vc = _material.WriteJson("vc.json", _material.Credential());
        var issued = await CliRunner.RunAsync("vc", "issue", "--format", "sd-jwt", "--key", _issuerKey, "--kid", _material.IssuerKid, "@" + vc, "--sd", "/credentialSubject/kyc_level,/credentialSubject/note", "--holder-jwk", holderPublic);
        Assert.That(issued.ExitCode, Is.Zero, issued.ToString());
        _credential = _material.Write("vc.sd-jwt", issued.Stdout);
    }

    [OneTimeTearDown]
    public void TearDown() => _material.Dispose();

    [Test]
    public async Task VcIssueSdJwt_Vc20Object_VcSdJwtThatVcVerifyAccepts()
    {
        Assert.That(VcSdJwt.IsVcSdJwt(File.ReadAllText(_credential)), Is.True);

        var verified = CliAssert.Verified(await CliRunner.RunAsync("vc", "verify", "@" + _credential));

        Assert.That(verified["format"]!.GetValue<string>(), Is.EqualTo(VcSdJwt.Type));
        Assert.That(verified["issuer"]!.GetValue<string>(), Is.EqualTo(_material.IssuerDid));
    }

    [Test]
    public async Task VpIssueSdJwtThenVerify_ChosenDisclosureOnly_VerifiesOnlyForItsAudienceAndNonce()
    {
        var issued = await CliRunner.RunAsync("vp", "issue", "--format", "sd-jwt", "--key", _holderKey, "--kid", _material.HolderKid, "--aud", Audience, "--nonce", "n-1", "@" + _credential, "--disclose", "/credentialSubject/kyc_level");
        Assert.That(issued.ExitCode, Is.Zero, issued.ToString());
        Assert.That(VpSdJwt.IsVpSdJwt(issued.Stdout), Is.True);
        var vp = _material.Write("vp.sd-jwt", issued.Stdout);

        var run = await CliRunner.RunAsync("vp", "verify", "@" + vp, "--aud", Audience, "--nonce", "n-1");
        var verified = CliAssert.Verified(run);
        Assert.That(verified["format"]!.GetValue<string>(), Is.EqualTo(VpSdJwt.Type));
        Assert.That(verified["issuer"]!.GetValue<string>(), Is.EqualTo(_material.HolderDid));
        var credential = verified["credentials"]!.AsArray().Single()!;
        Assert.That(credential["issuer"]!.GetValue<string>(), Is.EqualTo(_material.IssuerDid));
        Assert.That(credential["claims"]!["credentialSubject"]!["kyc_level"]!.GetValue<string>(), Is.EqualTo("enhanced"));
        Assert.That(run.Stdout, Does.Not.Contain(TestMaterial.Canary), "an undisclosed claim never shows");

        var replayed = CliAssert.NotVerified(await CliRunner.RunAsync("vp", "verify", "@" + vp, "--aud", Audience, "--nonce", "another"));
        Assert.That(replayed, Does.Contain(SdJwtProblemCodes.VpSdJwtWrongNonce));
        var elsewhere = CliAssert.NotVerified(await CliRunner.RunAsync("vp", "verify", "@" + vp, "--aud", "https://bank-c.example", "--nonce", "n-1"));
        Assert.That(elsewhere, Does.Contain(SdJwtProblemCodes.VpSdJwtWrongAudience));
        Assert.That(elsewhere, Does.Contain(CredentialProblemCodes.EmbeddedCredentialInvalid));
    }

    [Test]
    public async Task VpIssueSdJwt_PresentedWithAnotherHoldersKey_NotVerified()
    {
        var otherKey = _material.WritePrivateJwk("other.jwk", _material.OtherKey);
        var otherKid = DidSdk.Core.Methods.DidKey.GetVerificationMethodId(_material.OtherKey.PublicKey);
        var issued = await CliRunner.RunAsync("vp", "issue", "--format", "sd-jwt", "--key", otherKey, "--kid", otherKid, "--aud", Audience, "--nonce", "n-1", "@" + _credential);
        Assert.That(issued.ExitCode, Is.Zero, issued.ToString());

        var problems = CliAssert.NotVerified(await CliRunner.RunAsync("vp", "verify", issued.Stdout, "--aud", Audience, "--nonce", "n-1"));

        Assert.That(problems, Does.Contain(CredentialProblemCodes.EmbeddedCredentialInvalid));
    }

    [Test]
    public async Task VpIssueSdJwt_SdJwtVcOrPointerToNothing_BadInput()
    {
        var dc = _material.Write("dc.sd-jwt", await _material.IssueSdJwtAsync());

        CliAssert.BadInput(await CliRunner.RunAsync("vp", "issue", "--format", "sd-jwt", "--key", _holderKey, "--kid", _material.HolderKid, "--aud", "a", "--nonce", "n", "@" + dc), "badUsage");
        CliAssert.BadInput(await CliRunner.RunAsync("vp", "issue", "--format", "sd-jwt", "--key", _holderKey, "--kid", _material.HolderKid, "--aud", "a", "--nonce", "n", "@" + _credential, "--disclose", "/credentialSubject/nothing"), "invalidInput");
        CliAssert.BadInput(await CliRunner.RunAsync("vp", "issue", "--format", "sd-jwt", "--key", _holderKey, "--kid", _material.HolderKid, "--aud", "a", "--nonce", "n", "@" + _credential, "--disclose", "/a", "--disclose", "/b"), "badUsage");
        CliAssert.BadInput(await CliRunner.RunAsync("vp", "issue", "--format", "jose", "--key", _holderKey, "--kid", _material.HolderKid, "--aud", "a", "--nonce", "n", "@" + _credential, "--disclose", "/a"), "badUsage");
    }

    /// <summary>The CLI-issued vc+sd-jwt with only <c>kyc_level</c> disclosed, in a presentation object as an EnvelopedVerifiableCredential.</summary>
    private string EnvelopedPresentation(Func<SdJwtToken, SdJwtToken>? change = null)
    {
        if (!SdJwtToken.TryParse(File.ReadAllText(_credential).Trim(), null, out var issued, out var problem)
            || !SdJwtHolder.TrySelect(issued, ["/credentialSubject/kyc_level"], out var selected, out problem))
        {
            throw new AssertionException($"The CLI's vc+sd-jwt does not read: {problem}");
        }

        var presented = (change ?? (t => t))(selected);
        return _material.WriteJson($"vp-enveloped-{Guid.NewGuid():N}.json", new JsonObject
        {
            ["@context"] = new JsonArray("https://www.w3.org/ns/credentials/v2"),
            ["type"] = new JsonArray("VerifiablePresentation"),
            ["holder"] = _material.HolderDid,
            ["verifiableCredential"] = new JsonArray(new JsonObject
            {
                ["@context"] = "https://www.w3.org/ns/credentials/v2",
                ["id"] = VpSdJwt.EnvelopedCredentialPrefix + presented.ToCompact(),
                ["type"] = "EnvelopedVerifiableCredential",
            }),
        });
    }

    private async Task<string> PresentGivenAsync(string format, string presentation)
    {
        var issued = await CliRunner.RunAsync("vp", "issue", "--format", format, "--presentation", "@" + presentation, "--key", _holderKey, "--kid", _material.HolderKid, "--aud", Audience, "--nonce", "n-5");
        Assert.That(issued.ExitCode, Is.Zero, issued.ToString());
        return _material.Write($"vp-{Guid.NewGuid():N}.txt", issued.Stdout);
    }

    [TestCase("jose", CredentialFormats.VpJose)]
    [TestCase("cose", CredentialFormats.VpCose)]
    public async Task VpVerify_EnvelopedVcSdJwt_VerifiedWithTheDisclosedClaimsOnly(string format, string expectedFormat)
    {
        var vp = await PresentGivenAsync(format, EnvelopedPresentation());

        var run = await CliRunner.RunAsync("vp", "verify", "@" + vp, "--aud", Audience, "--nonce", "n-5");

        var verified = CliAssert.Verified(run);
        Assert.That(verified["format"]!.GetValue<string>(), Is.EqualTo(expectedFormat));
        var credential = verified["credentials"]!.AsArray().Single()!;
        Assert.That(credential["format"]!.GetValue<string>(), Is.EqualTo(VcSdJwt.Type));
        Assert.That(credential["issuer"]!.GetValue<string>(), Is.EqualTo(_material.IssuerDid));
        Assert.That(credential["claims"]!["credentialSubject"]!["kyc_level"]!.GetValue<string>(), Is.EqualTo("enhanced"));
        Assert.That(run.Stdout, Does.Not.Contain(TestMaterial.Canary), "an undisclosed claim never shows");
    }

    [Test]
    public async Task VpVerify_EnvelopedVcSdJwtWithTamperedDisclosure_NotVerifiedWithUnreferencedDisclosure()
    {
        var vp = await PresentGivenAsync("jose", EnvelopedPresentation(t =>
            t.With([.. t.Disclosures.Select(d => Disclosure.Create(d.Salt, d.ClaimName, "basic"))], null)));

        var run = await CliRunner.RunAsync("vp", "verify", "@" + vp, "--aud", Audience, "--nonce", "n-5");

        Assert.That(CliAssert.NotVerified(run), Does.Contain(CredentialProblemCodes.EmbeddedCredentialInvalid));
        var causes = run.Json["credentials"]!.AsArray().Single()!["problems"]!.AsArray().Select(p => p!["code"]!.GetValue<string>());
        Assert.That(causes, Does.Contain(SdJwtProblemCodes.UnreferencedDisclosure));
    }
}
