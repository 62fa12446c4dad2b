using System.Text;
using System.Text.Json.Nodes;
using DidSdk.Core.Jose;
using DidSdk.Credentials;
using DidSdk.Crypto;

namespace DidSdk.Cli.Tests;

/// <summary>
/// Every input that takes JSON, a token or a key accepts the literal, <c>@FILE</c> (a multi-line file, never read as a
/// response file) and <c>-</c> (stdin). Each case starts the tool once; what it printed is checked in-process.
/// </summary>
public sealed class CliInputFormTests
{
    private const string File = "file";
    private const string Stdin = "stdin";
    private TestMaterial _material = null!;
    private string _issuerKey = null!;
    private string _holderKey = null!;

    [OneTimeSetUp]
    public void SetUp()
    {
        _material = TestMaterial.Create("didsdk-cli-forms-");
        _issuerKey = _material.WritePrivateJwk("issuer.jwk", _material.IssuerKey);
        _holderKey = _material.WritePrivateJwk("holder.jwk", _material.HolderKey);
    }

    [OneTimeTearDown]
    public void TearDown() => _material.Dispose();

    /// <summary>The argument for <paramref name="form"/> and, for stdin, the bytes to send.</summary>
    private (string Argument, byte[]? Stdin) Input(string form, string name, string contents) => form switch
    {
        File => ("@" + _material.Write(name, contents), null),
        Stdin => ("-", Encoding.UTF8.GetBytes(contents)),
        _ => (contents, null),
    };

    private static Task<CliRun> RunAsync(byte[]? stdin, params string[] args) =>
        stdin is null ? CliRunner.RunAsync(args) : CliRunner.RunWithStdinAsync(stdin, args);

    private static string Pretty(JsonNode json) => json.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }) + "\n";

    [TestCase("jwt", File)]
    [TestCase("jwt", Stdin)]
    [TestCase("di", File)]
    [TestCase("di", Stdin)]
    [TestCase("sd-jwt", File)]
    [TestCase("sd-jwt", Stdin)]
    public async Task VcIssue_MultiLineCredential_IssuesACredentialThatVerifies(string format, string form)
    {
        var claims = format == "sd-jwt" ? _material.SdJwtClaims() : _material.Credential();
        var (argument, stdin) = Input(form, $"credential-{format}.json", Pretty(claims));

        var run = await RunAsync(stdin, "vc", "issue", "--format", format, "--key", _issuerKey, "--kid", _material.IssuerKid, argument);

        CliAssert.NoStackTrace(run);
        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        var result = await InProcessVerifier.CredentialAsync(run.Stdout);
        Assert.That(result.Problems, Is.Empty);
        Assert.That(result.Issuer, Is.EqualTo(_material.IssuerDid));
    }

    [Test]
    public async Task VcIssue_KeyFromStdin_Issues()
    {
        var credential = _material.WriteJson("credential-key-stdin.json", _material.Credential());
        var key = Encoding.UTF8.GetBytes(Jwk.FromPrivateKey(_material.IssuerKey).ToJson());

        var run = await CliRunner.RunWithStdinAsync(key, "vc", "issue", "--format", "jwt", "--key", "-", "--kid", _material.IssuerKid, "@" + credential);

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That((await InProcessVerifier.CredentialAsync(run.Stdout)).Problems, Is.Empty);
    }

    [TestCase("jwt", File)]
    [TestCase("jwt", Stdin)]
    [TestCase("di", File)]
    [TestCase("di", Stdin)]
    [TestCase("sd-jwt", File)]
    [TestCase("sd-jwt", Stdin)]
    public async Task VcVerify_CredentialFromFileOrStdin_Verifies(string format, string form)
    {
        var contents = format switch
        {
            "jwt" => await _material.IssueJoseAsync() + "\n",
            "di" => Pretty(await _material.IssueDataIntegrityAsync()),
            _ => await _material.IssueSdJwtAsync() + "\n",
        };
        var (argument, stdin) = Input(form, $"issued-{format}.txt", contents);

        var run = await RunAsync(stdin, "vc", "verify", argument);

        var result = CliAssert.Verified(run);
        Assert.That(result["issuer"]!.GetValue<string>(), Is.EqualTo(_material.IssuerDid));
    }

    [TestCase(File)]
    [TestCase(Stdin)]
    public async Task SdJwtPresent_SdJwtFromFileOrStdin_PresentsWithKeyBinding(string form)
    {
        var (argument, stdin) = Input(form, "issued.sd-jwt", await _material.IssueSdJwtAsync() + "\n");

        var run = await RunAsync(stdin, "sd-jwt", "present", argument, "--disclose", "/age_over_18", "--holder-key", "@" + _holderKey, "--aud", "https://bank-b.example", "--nonce", "n-1");

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        var result = await InProcessVerifier.CredentialAsync(run.Stdout, "https://bank-b.example", "n-1");
        Assert.That(result.Problems, Is.Empty);
        Assert.That(result.Claims!.ContainsKey("age_over_18"), Is.True);
        Assert.That(result.Claims.ContainsKey("given_name"), Is.False);
    }

    [Test]
    public async Task SdJwtPresent_HolderKeyFromStdin_PresentsWithKeyBinding()
    {
        var token = _material.Write("issued-2.sd-jwt", await _material.IssueSdJwtAsync() + "\n");
        var key = Encoding.UTF8.GetBytes(Jwk.FromPrivateKey(_material.HolderKey).ToJson());

        var run = await CliRunner.RunWithStdinAsync(key, "sd-jwt", "present", "@" + token, "--disclose", "/given_name", "--holder-key", "-", "--aud", "a", "--nonce", "n");

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That((await InProcessVerifier.CredentialAsync(run.Stdout, "a", "n")).Problems, Is.Empty);
    }

    [TestCase("jwt", File)]
    [TestCase("jwt", Stdin)]
    [TestCase("jose", File)]
    [TestCase("jose", Stdin)]
    public async Task VpIssue_CredentialFromFileOrStdin_PresentationVerifies(string format, string form)
    {
        var (argument, stdin) = Input(form, $"vc-for-vp-{format}.jwt", await _material.IssueJoseAsync() + "\n");

        var run = await RunAsync(stdin, "vp", "issue", "--format", format, "--key", _holderKey, "--kid", _material.HolderKid, "--aud", "bank-b", "--nonce", "n-2", argument);

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        var result = await InProcessVerifier.PresentationAsync(run.Stdout, "bank-b", "n-2");
        Assert.That(result.Problems, Is.Empty);
        Assert.That(result.Format, Is.EqualTo(format == "jose" ? CredentialFormats.VpJose : CredentialFormats.VpJwt11));
        Assert.That(result.Credentials, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task VpIssueJose_MultiLineDataIntegrityCredentialFile_IsEmbeddedAndVerifies()
    {
        var credential = _material.WriteJson("vc.di.json", await _material.IssueDataIntegrityAsync());

        var run = await CliRunner.RunAsync("vp", "issue", "--format", "jose", "--key", _holderKey, "--kid", _material.HolderKid, "--aud", "bank-b", "--nonce", "n-3", "@" + credential);

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        var result = await InProcessVerifier.PresentationAsync(run.Stdout, "bank-b", "n-3");
        Assert.That(result.Problems, Is.Empty);
        Assert.That(result.Credentials.Select(c => c.Format), Is.EqualTo(new[] { CredentialFormats.DataIntegrity }));
    }

    [TestCase("jwt", File)]
    [TestCase("jwt", Stdin)]
    [TestCase("jose", File)]
    [TestCase("jose", Stdin)]
    public async Task VpVerify_PresentationFromFileOrStdin_Verifies(string format, string form)
    {
        var vc = await _material.IssueJoseAsync();
        var vp = format == "jose" ? await _material.PresentJoseAsync(vc, "bank-b", "n-4") : await _material.PresentJwt11Async(vc, "bank-b", "n-4");
        var (argument, stdin) = Input(form, $"vp-{format}.txt", vp + "\n");

        var run = await RunAsync(stdin, "vp", "verify", argument, "--aud", "bank-b", "--nonce", "n-4");

        var result = CliAssert.Verified(run);
        Assert.That(result["credentials"]!.AsArray(), Has.Count.EqualTo(1));
    }

    [TestCase(File)]
    [TestCase(Stdin)]
    public async Task StatusSet_ListFromFileOrStdin_SetsTheEntry(string form)
    {
        var (argument, stdin) = Input(form, "status-set.jwt", await _material.StatusListAsync() + "\n");

        var run = await RunAsync(stdin, "status", "set", argument, "--index", "42", "--key", _issuerKey, "--kid", _material.IssuerKid);

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That((await InProcessVerifier.CredentialAsync(run.Stdout)).Problems, Is.Empty);
        var payload = JsonNode.Parse(Jws.ReadCompact(run.Stdout).Token!.Payload.Span)!;
        Assert.That(BitstringStatusList.TryDecode(payload["credentialSubject"]!["encodedList"]!.GetValue<string>(), 1, 1 << 20, out var list, out _), Is.True);
        Assert.That((list!.Get(41), list.Get(42), list.Get(43)), Is.EqualTo((0, 1, 0)));
    }

    [TestCase(File)]
    [TestCase(Stdin)]
    public async Task StatusCheck_ListFromFileOrStdin_VerifiesAndReadsTheEntry(string form)
    {
        var (argument, stdin) = Input(form, "status-check.jwt", await _material.StatusListAsync() + "\n");

        var run = await RunAsync(stdin, "status", "check", argument, "--index", "7");

        var result = CliAssert.Verified(run);
        Assert.That(result["status"]!.GetValue<int>(), Is.Zero);
        Assert.That(result["issuer"]!.GetValue<string>(), Is.EqualTo(_material.IssuerDid));
    }

    [TestCase("bare")]
    [TestCase(File)]
    [TestCase(Stdin)]
    [TestCase("literal")]
    public async Task DidCreate_KeyInEveryForm_GivesTheSameDid(string form)
    {
        var jwk = Pretty(JsonNode.Parse(Jwk.FromPublicKey(_material.IssuerKey.PublicKey).ToJson())!);
        var (argument, stdin) = form == "bare" ? (_material.Write("bare.jwk", jwk), null) : Input(form, "did-create.jwk", jwk);

        var run = await RunAsync(stdin, "did", "create", "--method", "key", "--key", argument);

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(run.Json["did"]!.GetValue<string>(), Is.EqualTo(_material.IssuerDid));
    }

    [Test]
    public async Task StdinNamedTwice_BadUsage()
    {
        var vc = Encoding.UTF8.GetBytes(await _material.IssueJoseAsync());

        var run = await CliRunner.RunWithStdinAsync(vc, "vp", "issue", "--key", _holderKey, "--kid", _material.HolderKid, "--aud", "a", "--nonce", "n", "-", "-");

        CliAssert.BadInput(run, "badUsage");
    }

    [Test]
    public async Task AtFile_IsNeverAResponseFile_OptionsInsideAreData()
    {
        // Were @FILE a response file, these lines would become options and arguments of the command.
        var path = _material.Write("looks-like-options.txt", "--format\ndi\n--kid\nx\n");

        var run = await CliRunner.RunAsync("vc", "issue", "--format", "jwt", "--key", _issuerKey, "--kid", _material.IssuerKid, "@" + path);

        CliAssert.BadInput(run, "invalidJson");
    }

    [Test]
    public async Task VcIssue_RepeatedMemberInCredentialFile_InvalidJson()
    {
        // Strict JSON: a repeated member is an error, not "the last one wins".
        var path = _material.Write("repeated.json", "{\n  \"issuer\": \"did:example:a\",\n  \"issuer\": \"did:example:b\"\n}\n");

        var run = await CliRunner.RunAsync("vc", "issue", "--format", "jwt", "--key", _issuerKey, "--kid", _material.IssuerKid, "@" + path);

        CliAssert.BadInput(run, "invalidJson");
    }
}
