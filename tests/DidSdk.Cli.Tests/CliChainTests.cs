using System.Text.Json.Nodes;
using DidSdk.Crypto;
using DidSdk.Testing;

namespace DidSdk.Cli.Tests;

/// <summary>The did:ethr, SD-JWT VC and presentation commands end to end on a real anvil chain.</summary>
[Category("Integration")]
public sealed class CliChainTests
{
    private AnvilNode _node = null!;
    private string _registry = null!;
    private string _directory = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _node = await AnvilNode.StartAsync();
        _registry = await RegistryDeployer.DeployAsync(_node);
        _directory = Directory.CreateTempSubdirectory("didsdk-cli-chain-").FullName;
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        Directory.Delete(_directory, recursive: true);
        await _node.DisposeAsync();
    }

    private string[] Chain => ["--rpc", _node.RpcUrl.ToString(), "--registry", _registry];

    private string WriteKey(PrivateKey key, string name)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, Jwk.FromPrivateKey(key).ToJson());
        return path;
    }

    private string DevKey(int index, string name)
    {
        using var key = PrivateKey.Import(KeyType.Secp256k1, _node.Accounts[index].PrivateKey, PrivateKeyExportPolicy.AllowPlaintextExport);
        return WriteKey(key, name);
    }

    [Test]
    public async Task EthrDidLifecycleAndSdJwtVc_IssuePresentVerifyAndDeactivate()
    {
        var bankKey = DevKey(5, "bank.jwk");
        var relayerKey = DevKey(6, "relayer.jwk");
        using var ed = PrivateKey.Generate(KeyType.Ed25519, PrivateKeyExportPolicy.AllowPlaintextExport);
        var edFile = WriteKey(ed, "assertion.jwk");
        using var holder = PrivateKey.Generate(KeyType.P256, PrivateKeyExportPolicy.AllowPlaintextExport);
        var holderFile = WriteKey(holder, "holder.jwk");
        var holderPublic = Path.Combine(_directory, "holder.pub.jwk");
        File.WriteAllText(holderPublic, Jwk.FromPublicKey(holder.PublicKey).ToJson());

        var (exit, stdout, stderr) = await CliRunner.RunAsync(["did", "create", "--method", "ethr", "--key", bankKey, .. Chain]);
        Assert.That(exit, Is.Zero, stderr);
        var did = JsonNode.Parse(stdout)!["did"]!.GetValue<string>();
        Assert.That(did, Does.StartWith("did:ethr:0x7a69:"));

        (exit, stdout, stderr) = await CliRunner.RunAsync(["ethr", "set-attribute", did, "did/pub/Ed25519/veriKey/base64", Convert.ToBase64String(ed.PublicKey.Bytes), "--ttl", "86400", "--key", bankKey, .. Chain]);
        Assert.That(exit, Is.Zero, stderr);
        Assert.That(JsonNode.Parse(stdout)!["transactionHash"]!.GetValue<string>(), Does.StartWith("0x"));

        (exit, stdout, stderr) = await CliRunner.RunAsync(["ethr", "add-delegate", did, "sigAuth", "0x3535353535353535353535353535353535353535", "--key", bankKey, "--signed", "--relayer-key", relayerKey, .. Chain]);
        Assert.That(exit, Is.Zero, stderr);

        (exit, stdout, stderr) = await CliRunner.RunAsync(["did", "resolve", did, .. Chain]);
        Assert.That(exit, Is.Zero, stderr);
        var methods = JsonNode.Parse(stdout)!["didDocument"]!["verificationMethod"]!.AsArray().Select(m => m!["id"]!.GetValue<string>()).ToList();
        Assert.That(methods, Is.EqualTo(new[] { did + "#controller", did + "#delegate-1", did + "#delegate-2" }));

        var credential = new JsonObject { ["iss"] = did, ["vct"] = "https://kyc.consortium.example/credentials/kyc/v1", ["given_name"] = "Ji-woo", ["nationality"] = "KR", ["age_over_18"] = true };
        (exit, stdout, stderr) = await CliRunner.RunAsync("vc", "issue", "--format", "sd-jwt", "--key", edFile, "--kid", did + "#delegate-1", credential.ToJsonString(), "--sd", "/given_name,/nationality,/age_over_18", "--holder-jwk", holderPublic);
        Assert.That(exit, Is.Zero, stderr);
        var issued = stdout;

        (exit, stdout, stderr) = await CliRunner.RunAsync("sd-jwt", "present", issued, "--disclose", "/age_over_18", "--holder-key", holderFile, "--aud", "https://bank-b.example", "--nonce", "n-1");
        Assert.That(exit, Is.Zero, stderr);
        var presentation = stdout;

        (exit, stdout, stderr) = await CliRunner.RunAsync(["vc", "verify", presentation, "--aud", "https://bank-b.example", "--nonce", "n-1", "--trusted-issuer", did, .. Chain]);
        Assert.That(exit, Is.Zero, stdout + stderr);
        var verified = JsonNode.Parse(stdout)!;
        Assert.That(verified["verified"]!.GetValue<bool>(), Is.True);
        Assert.That(verified["format"]!.GetValue<string>(), Is.EqualTo("dc+sd-jwt"));
        Assert.That(verified["claims"]!["age_over_18"]!.GetValue<bool>(), Is.True);
        Assert.That(verified["claims"]!.AsObject().ContainsKey("given_name"), Is.False);

        (exit, stdout, _) = await CliRunner.RunAsync(["vc", "verify", presentation, "--aud", "https://bank-b.example", "--nonce", "replayed", .. Chain]);
        Assert.That(exit, Is.EqualTo(1));
        Assert.That(JsonNode.Parse(stdout)!["problems"]!.AsArray().Select(p => p!["code"]!.GetValue<string>()), Does.Contain("DIDSDK4026"));

        (exit, _, stderr) = await CliRunner.RunAsync(["ethr", "deactivate", did, "--key", bankKey, .. Chain]);
        Assert.That(exit, Is.Zero, stderr);
        (exit, stdout, _) = await CliRunner.RunAsync(["did", "resolve", did, .. Chain]);
        Assert.That(JsonNode.Parse(stdout)!["didDocumentMetadata"]!["deactivated"]!.GetValue<bool>(), Is.True);

        (exit, stdout, _) = await CliRunner.RunAsync(["vc", "verify", presentation, "--aud", "https://bank-b.example", "--nonce", "n-1", .. Chain]);
        Assert.That(exit, Is.EqualTo(1), "a deactivated issuer's credentials no longer verify");
    }

    [Test]
    public async Task EthrWrite_NotOwner_TransactionRevertedExitThree()
    {
        var owner = DevKey(7, "owner.jwk");
        var intruder = DevKey(8, "intruder.jwk");
        var (_, stdout, _) = await CliRunner.RunAsync(["did", "create", "--method", "ethr", "--key", owner, "--chain-id", "31337"]);
        var did = JsonNode.Parse(stdout)!["did"]!.GetValue<string>();

        var (exit, _, stderr) = await CliRunner.RunAsync(["ethr", "change-owner", did, "0x3535353535353535353535353535353535353535", "--key", intruder, .. Chain]);

        Assert.That(exit, Is.EqualTo(3));
        Assert.That(JsonNode.Parse(stderr)!["error"]!["code"]!.GetValue<string>(), Is.EqualTo("transactionReverted"));
        Assert.That(JsonNode.Parse(stderr)!["error"]!["message"]!.GetValue<string>(), Is.EqualTo("bad_actor"));
    }

    [Test]
    public async Task DidCreateEthr_WithoutChain_BadUsage()
    {
        var owner = DevKey(7, "owner2.jwk");

        var (exit, _, stderr) = await CliRunner.RunAsync("did", "create", "--method", "ethr", "--key", owner);

        Assert.That(exit, Is.EqualTo(2));
        Assert.That(JsonNode.Parse(stderr)!["error"]!["code"]!.GetValue<string>(), Is.EqualTo("badUsage"));
    }

    [Test]
    public async Task W3cFormats_IssueVerifyPresentAndRevoke_WithDidKey()
    {
        using var ed = PrivateKey.Generate(KeyType.Ed25519, PrivateKeyExportPolicy.AllowPlaintextExport);
        using var holder = PrivateKey.Generate(KeyType.Secp256k1, PrivateKeyExportPolicy.AllowPlaintextExport);
        var edFile = WriteKey(ed, "issuer-ed.jwk");
        var holderFile = WriteKey(holder, "holder-k1.jwk");
        var (exit, stdout, stderr) = await CliRunner.RunAsync("did", "create", "--method", "key", "--key", edFile);
        Assert.That(exit, Is.Zero, stderr);
        var issuerDid = JsonNode.Parse(stdout)!["did"]!.GetValue<string>();
        var kid = issuerDid + "#" + issuerDid["did:key:".Length..];
        (_, stdout, _) = await CliRunner.RunAsync("did", "create", "--method", "key", "--key", holderFile);
        var holderDid = JsonNode.Parse(stdout)!["did"]!.GetValue<string>();
        var holderKid = holderDid + "#" + holderDid["did:key:".Length..];
        var credential = new JsonObject
        {
            ["@context"] = new JsonArray("https://www.w3.org/ns/credentials/v2"),
            ["type"] = new JsonArray("VerifiableCredential"),
            ["issuer"] = issuerDid,
            ["credentialSubject"] = new JsonObject { ["id"] = holderDid, ["kyc_level"] = "enhanced" },
        }.ToJsonString();

        foreach (var format in new[] { "jwt", "di" })
        {
            (exit, stdout, stderr) = await CliRunner.RunAsync("vc", "issue", "--format", format, "--key", edFile, "--kid", kid, credential);
            Assert.That(exit, Is.Zero, stderr);
            var issued = stdout;
            (exit, stdout, stderr) = await CliRunner.RunAsync("vc", "verify", issued, "--trusted-issuer", issuerDid);
            Assert.That(exit, Is.Zero, stdout + stderr);
            Assert.That(JsonNode.Parse(stdout)!["format"]!.GetValue<string>(), Is.EqualTo(format == "jwt" ? "vc+jwt" : "di"));
        }

        (_, var jwtVc, _) = await CliRunner.RunAsync("vc", "issue", "--format", "jwt", "--key", edFile, "--kid", kid, credential);
        (exit, stdout, stderr) = await CliRunner.RunAsync("vp", "issue", "--key", holderFile, "--kid", holderKid, "--aud", "bank-b", "--nonce", "n-3", jwtVc);
        Assert.That(exit, Is.Zero, stderr);
        var vp = stdout;
        (exit, stdout, _) = await CliRunner.RunAsync("vp", "verify", vp, "--aud", "bank-b", "--nonce", "n-3");
        Assert.That(exit, Is.Zero, stdout);
        Assert.That(JsonNode.Parse(stdout)!["credentials"]!.AsArray(), Has.Count.EqualTo(1));
        (exit, _, _) = await CliRunner.RunAsync("vp", "verify", vp, "--aud", "bank-b", "--nonce", "replayed");
        Assert.That(exit, Is.EqualTo(1));

        (exit, stdout, stderr) = await CliRunner.RunAsync("status", "create", "--list-url", "https://bank-a.example/status/1", "--key", edFile, "--kid", kid);
        Assert.That(exit, Is.Zero, stderr);
        (exit, stdout, stderr) = await CliRunner.RunAsync("status", "set", stdout, "--index", "42", "--key", edFile, "--kid", kid);
        Assert.That(exit, Is.Zero, stderr);
        (exit, stdout, stderr) = await CliRunner.RunAsync("status", "check", stdout, "--index", "42");
        Assert.That(exit, Is.Zero, stdout + stderr);
        Assert.That(JsonNode.Parse(stdout)!["status"]!.GetValue<int>(), Is.EqualTo(1));
        Assert.That(JsonNode.Parse(stdout)!["verified"]!.GetValue<bool>(), Is.True);
    }
}
