namespace DidSdk.Cli.Tests;

/// <summary>Named regressions for the error contract: crashes that printed stack traces, errors that echoed input.</summary>
public sealed class CliErrorContractTests
{
    private TestMaterial _material = null!;

    [OneTimeSetUp]
    public void SetUp() => _material = TestMaterial.Create("didsdk-cli-errors-");

    [OneTimeTearDown]
    public void TearDown() => _material.Dispose();

    [Test]
    public async Task StatusCheck_SignedListWhoseIdIsANumber_InvalidStatusListWithoutStackTrace()
    {
        var list = _material.SignedJws("{\"@context\":[\"https://www.w3.org/ns/credentials/v2\"],\"id\":5,\"type\":[\"VerifiableCredential\",\"BitstringStatusListCredential\"],\"issuer\":\"" + _material.IssuerDid + "\",\"credentialSubject\":{\"type\":\"BitstringStatusList\",\"statusPurpose\":\"revocation\",\"encodedList\":\"uH4sIAAAAAAAAA-3BMQEAAADCoPVPbQwfoAAAAAAAAAAAAAAAAAAAAIC3AYbSVKsAQAAA\"}}");

        CliAssert.BadInput(await CliRunner.RunAsync("status", "check", list, "--index", "1"), "invalidStatusList");
    }

    [Test]
    public async Task StatusCheck_SignedListWhosePayloadIsNotJson_InvalidStatusListWithoutStackTrace()
    {
        var list = _material.SignedJws([0xFF, (byte)'n', (byte)'o', (byte)'t']);

        CliAssert.BadInput(await CliRunner.RunAsync("status", "check", list, "--index", "1"), "invalidStatusList");
    }

    [Test]
    public async Task UsageError_ExtraTokenArgument_IsNotEchoed()
    {
        var token = await _material.IssueJoseAsync();

        var run = await CliRunner.RunAsync("vc", "verify", token, token);

        CliAssert.BadInput(run, "badUsage");
        Assert.That(run.Stderr, Does.Not.Contain(token[..40]));
    }

    [Test]
    public async Task UsageError_ShortName_IsEchoedForTheUser()
    {
        var run = await CliRunner.RunAsync("key", "generate", "--alg", "RS256");

        CliAssert.BadInput(run, "badUsage");
        Assert.That(run.Stderr, Does.Contain("RS256"));
    }

    [Test]
    public async Task VcVerify_UnsignedCredential_ClaimsAreNotPrinted()
    {
        var forged = _material.SignedJws(_material.Credential().ToJsonString()).Split('.');
        var unsigned = forged[0] + "." + forged[1] + ".AAAA";

        var run = await CliRunner.RunAsync("vc", "verify", unsigned);

        CliAssert.NotVerified(run);
        Assert.That(run.Stdout, Does.Not.Contain(TestMaterial.Canary));
    }
}
