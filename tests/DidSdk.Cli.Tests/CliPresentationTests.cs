using DidSdk.Credentials;

namespace DidSdk.Cli.Tests;

/// <summary><c>vp issue --format jwt|jose</c> and <c>vp verify</c>, both through the tool.</summary>
public sealed class CliPresentationTests
{
    private TestMaterial _material = null!;
    private string _holderKey = null!;
    private string _credential = null!;

    [OneTimeSetUp]
    public async Task SetUp()
    {
        _material = TestMaterial.Create("didsdk-cli-vp-");
        _holderKey = _material.WritePrivateJwk("holder.jwk", _material.HolderKey);
        _credential = _material.Write("vc.jwt", await _material.IssueJoseAsync() + "\n");
    }

    [OneTimeTearDown]
    public void TearDown() => _material.Dispose();

    [TestCase("jwt", CredentialFormats.VpJwt11)]
    [TestCase("jose", CredentialFormats.VpJose)]
    public async Task VpIssueThenVerify_BothFormats_VerifiesOnlyForItsAudienceAndNonce(string format, string expectedFormat)
    {
        var issued = await CliRunner.RunAsync("vp", "issue", "--format", format, "--key", _holderKey, "--kid", _material.HolderKid, "--aud", "https://bank-b.example", "--nonce", "n-1", "@" + _credential);
        Assert.That(issued.ExitCode, Is.Zero, issued.ToString());
        var vp = _material.Write($"vp-{format}.txt", issued.Stdout);

        var verified = CliAssert.Verified(await CliRunner.RunAsync("vp", "verify", "@" + vp, "--aud", "https://bank-b.example", "--nonce", "n-1"));
        Assert.That(verified["format"]!.GetValue<string>(), Is.EqualTo(expectedFormat));
        Assert.That(verified["issuer"]!.GetValue<string>(), Is.EqualTo(_material.HolderDid));
        Assert.That(verified["credentials"]!.AsArray().Select(c => c!["issuer"]!.GetValue<string>()), Is.EqualTo(new[] { _material.IssuerDid }));

        var replayed = CliAssert.NotVerified(await CliRunner.RunAsync("vp", "verify", "@" + vp, "--aud", "https://bank-b.example", "--nonce", "another"));
        Assert.That(replayed, Does.Contain(CredentialProblemCodes.WrongNonce));
        var elsewhere = CliAssert.NotVerified(await CliRunner.RunAsync("vp", "verify", "@" + vp, "--aud", "https://bank-c.example", "--nonce", "n-1"));
        Assert.That(elsewhere, Does.Contain(CredentialProblemCodes.WrongAudience));
    }

    [Test]
    public async Task VpIssue_DefaultFormat_IsVpJwt11()
    {
        var issued = await CliRunner.RunAsync("vp", "issue", "--key", _holderKey, "--kid", _material.HolderKid, "--aud", "a", "--nonce", "n", "@" + _credential);

        Assert.That(issued.ExitCode, Is.Zero, issued.ToString());
        Assert.That((await InProcessVerifier.PresentationAsync(issued.Stdout, "a", "n")).Format, Is.EqualTo(CredentialFormats.VpJwt11));
    }

    [Test]
    public async Task VpIssueJose_SdJwtCredential_BadUsage()
    {
        var sdJwt = _material.Write("vc.sd-jwt", await _material.IssueSdJwtAsync());

        CliAssert.BadInput(await CliRunner.RunAsync("vp", "issue", "--format", "jose", "--key", _holderKey, "--kid", _material.HolderKid, "--aud", "a", "--nonce", "n", "@" + sdJwt), "badUsage");
    }

    [Test]
    public async Task VpIssueJwt_DataIntegrityCredential_BadUsage()
    {
        var di = _material.WriteJson("vc.di.json", await _material.IssueDataIntegrityAsync());

        CliAssert.BadInput(await CliRunner.RunAsync("vp", "issue", "--format", "jwt", "--key", _holderKey, "--kid", _material.HolderKid, "--aud", "a", "--nonce", "n", "@" + di), "badUsage");
    }

    [Test]
    public async Task VpIssue_UnknownFormat_BadUsage() =>
        CliAssert.BadInput(await CliRunner.RunAsync("vp", "issue", "--format", "ldp", "--key", _holderKey, "--kid", _material.HolderKid, "--aud", "a", "--nonce", "n", "@" + _credential), "badUsage");
}
