using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DidSdk.Crypto;

namespace DidSdk.Cli.Tests;

/// <summary>
/// Every command over a set of malformed inputs: whatever it is given, the tool prints the contract's shapes (a result
/// with exit 1 where the command checks something, otherwise <c>{"error":{"code","message"}}</c> with exit 2), never a
/// stack trace, never the input or a claim value in an error. Add a command's input slot to <see cref="TokenSlots"/> or
/// <see cref="KeySlots"/>, and a new kind of hostile input to <see cref="TokenInputs"/> or <see cref="KeyInputs"/>.
/// </summary>
[Parallelizable(ParallelScope.Children)]
public sealed class CliHostileInputTests
{
    private const string In = "{IN}";
    private static readonly int[] BadInputOnly = [2];
    private static readonly int[] ResultOrBadInput = [1, 2];

    /// <summary>Commands and where their token or JSON input goes; the exit codes the contract allows for bad input.</summary>
    private static readonly (string Name, string[] Args, int[] Exits)[] TokenSlots =
    [
        ("vc-issue-jwt", ["vc", "issue", "--format", "jwt", "--key", "{issuer.jwk}", "--kid", "{kid}", In], BadInputOnly),
        ("vc-issue-di", ["vc", "issue", "--format", "di", "--key", "{issuer.jwk}", "--kid", "{kid}", In], BadInputOnly),
        ("vc-issue-sd-jwt", ["vc", "issue", "--format", "sd-jwt", "--key", "{issuer.jwk}", "--kid", "{kid}", In, "--sd", "/a"], BadInputOnly),
        ("vc-verify", ["vc", "verify", In], ResultOrBadInput),
        ("sd-jwt-present", ["sd-jwt", "present", In, "--disclose", "/given_name"], BadInputOnly),
        ("vp-issue-jwt", ["vp", "issue", "--format", "jwt", "--key", "{holder.jwk}", "--kid", "{holderKid}", "--aud", "a", "--nonce", "n", In], BadInputOnly),
        ("vp-issue-jose", ["vp", "issue", "--format", "jose", "--key", "{holder.jwk}", "--kid", "{holderKid}", "--aud", "a", "--nonce", "n", In], BadInputOnly),
        ("vp-verify", ["vp", "verify", In, "--aud", "a", "--nonce", "n"], ResultOrBadInput),
        ("status-set", ["status", "set", In, "--index", "1", "--key", "{issuer.jwk}", "--kid", "{kid}"], BadInputOnly),
        ("status-check", ["status", "check", In, "--index", "1"], ResultOrBadInput),
        ("consortium-deploy-members", ["consortium", "deploy", "--key", "{eth.jwk}", "--members", In, "--threshold", "1", "--rpc", "http://127.0.0.1:1/"], BadInputOnly),
    ];

    /// <summary>Commands and where a JWK goes.</summary>
    private static readonly (string Name, string[] Args, int[] Exits)[] KeySlots =
    [
        ("vc-issue-key", ["vc", "issue", "--format", "jwt", "--key", In, "--kid", "{kid}", "@{credential.json}"], BadInputOnly),
        ("vc-issue-holder-jwk", ["vc", "issue", "--format", "sd-jwt", "--key", "{issuer.jwk}", "--kid", "{kid}", "@{claims.json}", "--holder-jwk", In], BadInputOnly),
        ("vc-verify-issuer-jwk", ["vc", "verify", "@{vc.jwt}", "--issuer-jwk", In], BadInputOnly),
        ("sd-jwt-present-holder-key", ["sd-jwt", "present", "@{vc.sd-jwt}", "--disclose", "/given_name", "--holder-key", In, "--aud", "a", "--nonce", "n"], BadInputOnly),
        ("vp-issue-key", ["vp", "issue", "--key", In, "--kid", "{holderKid}", "--aud", "a", "--nonce", "n", "@{vc.jwt}"], BadInputOnly),
        ("status-create-key", ["status", "create", "--list-url", "https://bank-a.example/status/9", "--key", In, "--kid", "{kid}"], BadInputOnly),
        ("did-create-key", ["did", "create", "--method", "key", "--key", In], BadInputOnly),
        ("ethr-set-attribute-key", ["ethr", "set-attribute", "did:ethr:0x7a69:0x3535353535353535353535353535353535353535", "did/svc/Kyc", "https://x.example", "--key", In], BadInputOnly),
        ("consortium-approve-key", ["consortium", "approve", "1", "--key", In, "--contract", "0x3535353535353535353535353535353535353535", "--rpc", "http://127.0.0.1:1/"], BadInputOnly),
    ];

    /// <summary>Malformed tokens and JSON: each becomes an argument (and maybe a file or stdin) in the fixture set-up.</summary>
    private static readonly string[] TokenInputs =
    [
        "empty-file", "missing-file", "directory", "non-utf8-file", "truncated-vc-jose", "truncated-sd-jwt",
        "signed-id-number", "signed-payload-not-json", "signed-wrong-types", "signed-huge-numbers",
        "json-wrong-types", "json-huge-numbers", "json-deep", "sd-jwt-garbage-disclosures",
    ];

    private static readonly string[] KeyInputs =
    [
        "empty-file", "missing-file", "directory", "non-utf8-file", "jwk-wrong-types", "jwk-huge-numbers", "jwk-truncated", "jwk-public-only",
    ];

    /// <summary>Reader-level inputs (the same helper reads every slot): each tried on a few slots.</summary>
    private static readonly (string Slot, string Input)[] ReaderCases =
    [
        ("vc-verify", "at-only"), ("vc-issue-jwt", "at-only"), ("vc-verify", "whitespace-file"), ("status-check", "whitespace-file"),
        ("vc-verify", "too-large-file"), ("vc-issue-di", "too-large-file"), ("vc-verify", "non-utf8-stdin"), ("vc-issue-sd-jwt", "non-utf8-stdin"),
        ("status-check", "non-utf8-stdin"), ("vp-verify", "json-array"), ("vc-issue-jwt", "json-array"), ("vc-issue-jwt", "json-repeated-member"),
        ("vc-verify", "nul-bytes-file"), ("vc-issue-sd-jwt", "json-time-as-string"),
    ];

    /// <summary>Options that take numbers, given numbers out of range.</summary>
    private static readonly (string Name, string[] Args)[] OptionCases =
    [
        ("status-set-index-huge", ["status", "set", "@{status.jwt}", "--index", "99999999999999999999", "--key", "{issuer.jwk}", "--kid", "{kid}"]),
        ("status-set-index-beyond-list", ["status", "set", "@{status.jwt}", "--index", "2000000000", "--key", "{issuer.jwk}", "--kid", "{kid}"]),
        ("status-set-value-too-big", ["status", "set", "@{status.jwt}", "--index", "1", "--value", "2", "--key", "{issuer.jwk}", "--kid", "{kid}"]),
        ("status-check-index-negative", ["status", "check", "@{status.jwt}", "--index", "-1"]),
        ("vc-issue-status-index-beyond-int", ["vc", "issue", "--format", "jwt", "--key", "{issuer.jwk}", "--kid", "{kid}", "@{credential.json}", "--status-list", "https://bank-a.example/s/1", "--status-index", "99999999999"]),
        ("vc-issue-status-index-exponent", ["vc", "issue", "--format", "jwt", "--key", "{issuer.jwk}", "--kid", "{kid}", "@{credential.json}", "--status-list", "https://bank-a.example/s/1", "--status-index", "1e400"]),
        ("ethr-ttl-huge", ["ethr", "set-attribute", "did:ethr:0x7a69:0x3535353535353535353535353535353535353535", "did/svc/Kyc", "x", "--ttl", "999999999999999999", "--key", "{eth.jwk}"]),
        ("did-create-chain-id-huge", ["did", "create", "--method", "ethr", "--key", "{eth.jwk}", "--chain-id", "99999999999999999999999"]),
        ("did-resolve-truncated-did-key", ["did", "resolve", "did:key:z6Mk"]),
        ("did-resolve-did-jwk-not-json", ["did", "resolve", "did:jwk:bm90IGpzb24"]),
        ("did-resolve-long", ["did", "resolve", "did:key:z" + new string('A', 20_000)]),
        ("did-resolve-empty", ["did", "resolve", ""]),
        ("no-command", []),
    ];

    private TestMaterial _material = null!;
    private readonly Dictionary<string, string> _placeholders = [];
    private readonly Dictionary<string, (string Argument, byte[]? Stdin)> _inputs = [];

    [OneTimeSetUp]
    public async Task SetUp()
    {
        _material = TestMaterial.Create("didsdk-cli-hostile-");
        var vcJose = await _material.IssueJoseAsync();
        var sdJwt = await _material.IssueSdJwtAsync();
        using var eth = PrivateKey.Generate(KeyType.Secp256k1, PrivateKeyExportPolicy.AllowPlaintextExport);
        _placeholders["{issuer.jwk}"] = _material.WritePrivateJwk("issuer.jwk", _material.IssuerKey);
        _placeholders["{holder.jwk}"] = _material.WritePrivateJwk("holder.jwk", _material.HolderKey);
        _placeholders["{eth.jwk}"] = _material.WritePrivateJwk("eth.jwk", eth);
        _placeholders["{kid}"] = _material.IssuerKid;
        _placeholders["{holderKid}"] = _material.HolderKid;
        _placeholders["{credential.json}"] = _material.WriteJson("credential.json", _material.Credential());
        _placeholders["{claims.json}"] = _material.WriteJson("claims.json", _material.SdJwtClaims());
        _placeholders["{vc.jwt}"] = _material.Write("vc.jwt", vcJose);
        _placeholders["{vc.sd-jwt}"] = _material.Write("vc.sd-jwt", sdJwt);
        _placeholders["{status.jwt}"] = _material.Write("status.jwt", await _material.StatusListAsync());

        var nonUtf8 = new byte[] { 0xFF, 0xFE, 0x00, 0xC3, 0x28, 0x80, (byte)'e', (byte)'y' };
        var wrongTypes = new JsonObject
        {
            ["@context"] = 5, ["id"] = 5, ["type"] = new JsonObject(), ["issuer"] = new JsonArray(), ["credentialSubject"] = "x",
            ["validFrom"] = true, ["credentialStatus"] = 7, ["iss"] = 7, ["vct"] = new JsonArray(), ["exp"] = "1000", ["nbf"] = true,
            ["iat"] = new JsonObject(), ["sub"] = 1, ["cnf"] = 1, ["status"] = "x", ["_sd"] = "x", ["_sd_alg"] = 5, ["vp"] = 3,
            ["vc"] = "x", ["holder"] = 5, ["verifiableCredential"] = 5, ["aud"] = 5, ["nonce"] = 5, ["note"] = TestMaterial.Canary,
        };
        const string hugeNumbers = "{\"@context\":[\"https://www.w3.org/ns/credentials/v2\"],\"type\":[\"VerifiableCredential\"],"
            + "\"issuer\":\"did:example:x\",\"credentialSubject\":{\"id\":\"did:example:y\",\"n\":1e400,\"note\":\"" + TestMaterial.Canary + "\"},"
            + "\"iss\":\"did:example:x\",\"vct\":\"https://x.example/t\",\"exp\":1e400,\"nbf\":123456789012345678901234567890,"
            + "\"iat\":-1e20,\"validFrom\":1e300,\"id\":99999999999999999999999999,\"status\":{\"status_list\":{\"idx\":1e400,\"uri\":\"https://x.example\"}}}";
        var deep = new string('[', 5000) + new string(']', 5000);

        TokenInput("empty-file", File(Array.Empty<byte>()));
        TokenInput("missing-file", ("@" + _material.PathOf("absent.txt"), null));
        TokenInput("directory", ("@" + _material.Directory, null));
        TokenInput("non-utf8-file", File(nonUtf8));
        TokenInput("truncated-vc-jose", (vcJose[..(vcJose.Length / 2)], null));
        TokenInput("truncated-sd-jwt", (sdJwt[..(sdJwt.IndexOf('~', StringComparison.Ordinal) + 10)], null));
        TokenInput("signed-id-number", (_material.SignedJws("{\"@context\":[\"https://www.w3.org/ns/credentials/v2\"],\"id\":5,\"type\":[\"VerifiableCredential\",\"BitstringStatusListCredential\"],\"issuer\":\"" + _material.IssuerDid + "\",\"credentialSubject\":{\"id\":5,\"type\":\"BitstringStatusList\",\"statusPurpose\":7,\"encodedList\":12}}"), null));
        TokenInput("signed-payload-not-json", (_material.SignedJws(new byte[] { (byte)'n', (byte)'o', 0xFF, (byte)'{' }), null));
        TokenInput("signed-wrong-types", (_material.SignedJws(wrongTypes.ToJsonString()), null));
        TokenInput("signed-huge-numbers", (_material.SignedJws(hugeNumbers), null));
        TokenInput("json-wrong-types", File(Encoding.UTF8.GetBytes(wrongTypes.ToJsonString(new JsonSerializerOptions { WriteIndented = true }))));
        TokenInput("json-huge-numbers", File(Encoding.UTF8.GetBytes(hugeNumbers)));
        TokenInput("json-deep", File(Encoding.UTF8.GetBytes(deep)));
        TokenInput("sd-jwt-garbage-disclosures", (sdJwt[..sdJwt.IndexOf('~', StringComparison.Ordinal)] + "~!!!~WyJ~e30~" + Convert.ToBase64String(Encoding.UTF8.GetBytes("[\"s\",\"note\",\"" + TestMaterial.Canary + "\"]")).TrimEnd('=') + "~", null));
        TokenInput("at-only", ("@", null));
        TokenInput("whitespace-file", File(" \n\t\n"u8.ToArray()));
        TokenInput("too-large-file", File(Encoding.UTF8.GetBytes("{\"a\":\"" + new string('x', 5 * 1024 * 1024) + "\"}")));
        TokenInput("non-utf8-stdin", ("-", nonUtf8));
        TokenInput("json-array", File("[1, 2, 3]\n"u8.ToArray()));
        TokenInput("json-repeated-member", File(Encoding.UTF8.GetBytes("{\"issuer\":\"did:example:a\",\"issuer\":\"did:example:b\",\"note\":\"" + TestMaterial.Canary + "\"}")));
        TokenInput("nul-bytes-file", File("eyJ\0\0.\0~\0"u8.ToArray()));
        TokenInput("json-time-as-string", File(Encoding.UTF8.GetBytes("{\"iss\":\"https://x.example\",\"vct\":\"https://x.example/t\",\"exp\":\"1000\",\"a\":\"" + TestMaterial.Canary + "\"}")));

        KeyInput("jwk-wrong-types", File("{\"kty\":5,\"crv\":[],\"x\":{},\"d\":true}"u8.ToArray()));
        KeyInput("jwk-huge-numbers", File("{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":1e400,\"d\":123456789012345678901234567890}"u8.ToArray()));
        KeyInput("jwk-truncated", File(Encoding.UTF8.GetBytes(Jwk.FromPrivateKey(_material.IssuerKey).ToJson()[..30])));
        KeyInput("jwk-public-only", File(Encoding.UTF8.GetBytes(Jwk.FromPublicKey(_material.OtherKey.PublicKey).ToJson())));
        return;

        (string, byte[]?) File(byte[] contents) => ("@" + _material.Write($"input-{_inputs.Count}.bin", contents), null);
        void TokenInput(string name, (string, byte[]?) input) => _inputs["token:" + name] = input;
        void KeyInput(string name, (string, byte[]?) input) => _inputs["key:" + name] = input;
    }

    [OneTimeTearDown]
    public void TearDown() => _material.Dispose();

    private static IEnumerable<TestCaseData> TokenCases() =>
        from slot in TokenSlots
        from input in TokenInputs
        select new TestCaseData(slot.Name, "token:" + input).SetName($"Hostile_{slot.Name}_{input}");

    private static IEnumerable<TestCaseData> KeyCases() =>
        from slot in KeySlots
        from input in KeyInputs
        where !(input == "jwk-public-only" && slot.Name is "vc-issue-holder-jwk" or "vc-verify-issuer-jwk" or "did-create-key")
        select new TestCaseData(slot.Name, "key:" + input).SetName($"Hostile_{slot.Name}_{input}");

    private static IEnumerable<TestCaseData> ReaderCaseData() =>
        ReaderCases.Select(c => new TestCaseData(c.Slot, "token:" + c.Input).SetName($"Hostile_{c.Slot}_{c.Input}"));

    private static IEnumerable<TestCaseData> OptionCaseData() =>
        OptionCases.Select(c => new TestCaseData(c.Name).SetName($"Hostile_{c.Name}"));

    [TestCaseSource(nameof(TokenCases))]
    [TestCaseSource(nameof(KeyCases))]
    [TestCaseSource(nameof(ReaderCaseData))]
    public async Task Command_MalformedInput_ContractShapeWithoutStackTrace(string slotName, string inputName)
    {
        var (slotArgs, exits) = TokenSlots.Concat(KeySlots).Where(s => s.Name == slotName).Select(s => (s.Args, s.Exits)).Single();
        var (argument, stdin) = _inputs.TryGetValue(inputName, out var found) ? found : _inputs["token:" + inputName["key:".Length..]];
        var args = slotArgs.Select(a => a == In ? argument : Resolve(a)).ToArray();

        var run = stdin is null ? await CliRunner.RunAsync(args) : await CliRunner.RunWithStdinAsync(stdin, args);

        AssertContract(run, exits, argument);
    }

    [TestCaseSource(nameof(OptionCaseData))]
    public async Task Command_NumberOrNameOutOfRange_ContractShapeWithoutStackTrace(string name)
    {
        var args = OptionCases.Single(c => c.Name == name).Args.Select(Resolve).ToArray();

        var run = await CliRunner.RunAsync(args);

        AssertContract(run, ResultOrBadInput, null);
        if (run.ExitCode == 1)
        {
            Assert.That(run.Json["didResolutionMetadata"]!["error"]!.GetValue<string>(), Is.Not.Empty, run.ToString());
        }
    }

    private string Resolve(string arg)
    {
        foreach (var (placeholder, value) in _placeholders)
        {
            arg = arg.Replace(placeholder, value, StringComparison.Ordinal);
        }

        return arg;
    }

    private static void AssertContract(CliRun run, int[] exits, string? literalInput)
    {
        CliAssert.NoStackTrace(run);
        Assert.That(exits, Does.Contain(run.ExitCode), run.ToString());
        Assert.That(run.Stdout + run.Stderr, Does.Not.Contain(TestMaterial.Canary), "a claim value of an input that did not verify was printed");
        if (run.ExitCode == 2)
        {
            Assert.That(run.Stdout, Is.Empty, run.ToString());
            CliAssert.ErrorShape(run);
            if (literalInput is { Length: > 32 } && !literalInput.StartsWith('@'))
            {
                Assert.That(run.Stderr, Does.Not.Contain(literalInput[..32]), "the error message quotes the input");
            }
        }
        else if (run.Stdout.StartsWith('{') && run.Json["verified"] is { } verified)
        {
            Assert.That(verified.GetValue<bool>(), Is.False, run.ToString());
            Assert.That(run.Json["problems"]!.AsArray(), Is.Not.Empty, run.ToString());
        }
    }
}
