using System.Text.Json.Nodes;
using DidSdk.Crypto;
using DidSdk.Testing;

namespace DidSdk.Cli.Tests;

/// <summary>
/// <c>didsdk consortium ...</c> and <c>vc verify --consortium</c> end to end on a real anvil chain: three banks govern
/// the registry with 2-of-3 approvals, and a verifier trusts exactly what they accredited.
/// </summary>
[Category("Integration")]
public sealed class CliConsortiumTests
{
    private const string Kyc = "https://kyc.consortium.example/credentials/kyc/v1";
    private AnvilNode _node = null!;
    private string _erc1056 = null!;
    private string _directory = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _node = await AnvilNode.StartAsync();
        _erc1056 = await RegistryDeployer.DeployAsync(_node);
        _directory = Directory.CreateTempSubdirectory("didsdk-cli-consortium-").FullName;
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        Directory.Delete(_directory, recursive: true);
        await _node.DisposeAsync();
    }

    private string[] Rpc => ["--rpc", _node.RpcUrl.ToString()];

    private string Address(int account) => _node.Accounts[account].Address;

    private string EthrDid(int account) => $"did:ethr:0x7a69:{Address(account).ToLowerInvariant()}";

    private string WriteKey(PrivateKey key, string name)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, Jwk.FromPrivateKey(key).ToJson());
        return path;
    }

    private string DevKey(int account)
    {
        using var key = PrivateKey.Import(KeyType.Secp256k1, _node.Accounts[account].PrivateKey, PrivateKeyExportPolicy.AllowPlaintextExport);
        return WriteKey(key, $"account-{account}.jwk");
    }

    /// <summary>Deploys a registry of accounts 0, 1, 2 (Banks A, B, C) with threshold 2 and returns its address.</summary>
    private async Task<string> DeployAsync()
    {
        var members = new JsonArray([.. Enumerable.Range(0, 3).Select(i => (JsonNode)new JsonObject
        {
            ["address"] = Address(i),
            ["did"] = EthrDid(i),
            ["name"] = $"Bank {(char)('A' + i)}",
        })]);
        var file = Path.Combine(_directory, $"members-{Guid.NewGuid():N}.json");
        File.WriteAllText(file, members.ToJsonString());
        var run = await CliRunner.RunAsync(["consortium", "deploy", "--key", DevKey(0), "--members", "@" + file, "--threshold", "2", .. Rpc]);
        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(run.Json["transactionHash"]!.GetValue<string>(), Does.StartWith("0x"));
        Assert.That(run.Json["blockNumber"]!.GetValue<ulong>(), Is.GreaterThan(0UL));
        return run.Json["contract"]!.GetValue<string>();
    }

    private static Task<CliRun> ConsortiumAsync(string contract, string[] rpc, params string[] args) =>
        CliRunner.RunAsync([.. args, "--contract", contract, .. rpc]);

    private async Task<ulong> PassAsync(string contract, params string[] proposal)
    {
        var proposed = await ConsortiumAsync(contract, Rpc, ["consortium", "propose", .. proposal, "--key", DevKey(1)]);
        Assert.That(proposed.ExitCode, Is.Zero, proposed.ToString());
        var id = proposed.Json["proposalId"]!.GetValue<ulong>();
        var approved = await ConsortiumAsync(contract, Rpc, "consortium", "approve", id.ToString(System.Globalization.CultureInfo.InvariantCulture), "--key", DevKey(2));
        Assert.That(approved.ExitCode, Is.Zero, approved.ToString());
        var executed = await ConsortiumAsync(contract, Rpc, "consortium", "execute", id.ToString(System.Globalization.CultureInfo.InvariantCulture), "--key", DevKey(1));
        Assert.That(executed.ExitCode, Is.Zero, executed.ToString());
        Assert.That(executed.Json["executed"]!.GetValue<bool>(), Is.True, executed.ToString());
        return id;
    }

    private static void Reverted(CliRun run, string error)
    {
        CliAssert.NoStackTrace(run);
        Assert.That(run.ExitCode, Is.EqualTo(3), run.ToString());
        Assert.That(run.Stdout, Is.Empty, run.ToString());
        Assert.That(run.ErrorCode, Is.EqualTo("transactionReverted"), run.ToString());
        Assert.That(JsonNode.Parse(run.Stderr)!["error"]!["message"]!.GetValue<string>(), Is.EqualTo(error), run.ToString());
    }

    [Test]
    public async Task Governance_TwoOfThree_OneApprovalRefusedThenAccreditedSuspendedAndListed()
    {
        var contract = await DeployAsync();

        var members = await ConsortiumAsync(contract, Rpc, "consortium", "members");
        Assert.That(members.ExitCode, Is.Zero, members.ToString());
        Assert.That(members.Json.AsArray().Select(m => m!["name"]!.GetValue<string>()), Is.EqualTo(new[] { "Bank A", "Bank B", "Bank C" }));
        Assert.That(members.Json[0]!["did"]!.GetValue<string>(), Is.EqualTo(EthrDid(0)));

        var proposed = await ConsortiumAsync(contract, Rpc, "consortium", "propose", "accredit", "--issuer", EthrDid(0), "--type", Kyc, "--key", DevKey(1));
        Assert.That(proposed.ExitCode, Is.Zero, proposed.ToString());
        var id = proposed.Json["proposalId"]!.GetValue<ulong>().ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.That(proposed.Json["transactionHash"]!.GetValue<string>(), Does.StartWith("0x"));

        Reverted(await ConsortiumAsync(contract, Rpc, "consortium", "execute", id, "--key", DevKey(1)), "NotEnoughApprovals");
        Reverted(await ConsortiumAsync(contract, Rpc, "consortium", "approve", id, "--key", DevKey(1)), "AlreadyApproved");
        Reverted(await ConsortiumAsync(contract, Rpc, "consortium", "approve", id, "--key", DevKey(3)), "NotMember");
        var notYet = await ConsortiumAsync(contract, Rpc, "consortium", "check", "--issuer", EthrDid(0), "--type", Kyc);
        Assert.That(CheckCode(notYet, accredited: false), Is.EqualTo("DIDSDK8001"));

        var approved = await ConsortiumAsync(contract, Rpc, "consortium", "approve", id, "--key", DevKey(2));
        Assert.That(approved.ExitCode, Is.Zero, approved.ToString());
        Assert.That(approved.Json["approvals"]!.GetValue<int>(), Is.EqualTo(2));
        Assert.That(approved.Json["threshold"]!.GetValue<int>(), Is.EqualTo(2));
        Assert.That(approved.Json["executed"]!.GetValue<bool>(), Is.False);
        var executed = await ConsortiumAsync(contract, Rpc, "consortium", "execute", id, "--key", DevKey(1));
        Assert.That(executed.ExitCode, Is.Zero, executed.ToString());
        Assert.That(executed.Json["executed"]!.GetValue<bool>(), Is.True);
        Reverted(await ConsortiumAsync(contract, Rpc, "consortium", "execute", id, "--key", DevKey(2)), "AlreadyExecuted");

        var accredited = await ConsortiumAsync(contract, Rpc, "consortium", "check", "--issuer", EthrDid(0), "--type", Kyc);
        Assert.That(CheckCode(accredited, accredited: true), Is.Null);
        Assert.That(accredited.Json["reason"]!.GetValue<string>(), Does.Contain("accredited now"));
        var otherType = await ConsortiumAsync(contract, Rpc, "consortium", "check", "--issuer", EthrDid(0), "--type", "https://kyc.consortium.example/credentials/mortgage/v1");
        Assert.That(CheckCode(otherType, accredited: false), Is.EqualTo("DIDSDK8001"));
        var backDated = await ConsortiumAsync(contract, Rpc, "consortium", "check", "--issuer", EthrDid(0), "--type", Kyc, "--at", "2020-01-01T00:00:00Z");
        Assert.That(CheckCode(backDated, accredited: false), Is.EqualTo("DIDSDK8005"));

        var list = await ConsortiumAsync(contract, Rpc, "consortium", "accreditations");
        Assert.That(list.ExitCode, Is.Zero, list.ToString());
        Assert.That(list.Json.AsArray(), Has.Count.EqualTo(1));
        Assert.That(list.Json[0]!["issuer"]!.GetValue<string>(), Is.EqualTo(EthrDid(0)));
        Assert.That(list.Json[0]!["type"]!.GetValue<string>(), Is.EqualTo(Kyc));
        Assert.That(list.Json[0]!["status"]!.GetValue<string>(), Is.EqualTo("active"));
        Assert.That(list.Json[0]!["validUntil"], Is.Null);
        Assert.That(list.Json[0]!["id"]!.GetValue<string>(), Has.Length.EqualTo(66));
        var filtered = await ConsortiumAsync(contract, Rpc, "consortium", "accreditations", "--issuer", EthrDid(3));
        Assert.That(filtered.Json.AsArray(), Is.Empty);

        await PassAsync(contract, "suspend", "--issuer", EthrDid(0), "--type", Kyc);
        var suspended = await ConsortiumAsync(contract, Rpc, "consortium", "check", "--issuer", EthrDid(0), "--type", Kyc);
        Assert.That(CheckCode(suspended, accredited: false), Is.EqualTo("DIDSDK8002"));
        Assert.That((await ConsortiumAsync(contract, Rpc, "consortium", "accreditations")).Json[0]!["status"]!.GetValue<string>(), Is.EqualTo("suspended"));
        await PassAsync(contract, "reinstate", "--issuer", EthrDid(0), "--type", Kyc);
        Assert.That(CheckCode(await ConsortiumAsync(contract, Rpc, "consortium", "check", "--issuer", EthrDid(0), "--type", Kyc), accredited: true), Is.Null);
        await PassAsync(contract, "revoke", "--issuer", EthrDid(0), "--type", Kyc);
        Assert.That(CheckCode(await ConsortiumAsync(contract, Rpc, "consortium", "check", "--issuer", EthrDid(0), "--type", Kyc), accredited: false), Is.EqualTo("DIDSDK8003"));
        var reinstateRevoked = await ConsortiumAsync(contract, Rpc, "consortium", "propose", "reinstate", "--issuer", EthrDid(0), "--type", Kyc, "--key", DevKey(0));
        Reverted(reinstateRevoked, "InvalidTransition");
    }

    [Test]
    public async Task Membership_AdmitRemoveAndThreshold_AppliedAndBoundsRefused()
    {
        var contract = await DeployAsync();

        await PassAsync(contract, "admit", "--address", Address(4), "--did", EthrDid(4), "--name", "Bank D");
        var four = await ConsortiumAsync(contract, Rpc, "consortium", "members");
        Assert.That(four.Json.AsArray().Select(m => m!["address"]!.GetValue<string>()), Does.Contain(Address(4)));
        await PassAsync(contract, "threshold", "--threshold", "3");
        Reverted(await ConsortiumAsync(contract, Rpc, "consortium", "propose", "threshold", "--threshold", "5", "--key", DevKey(0)), "InvalidThreshold");
        Reverted(await ConsortiumAsync(contract, Rpc, "consortium", "propose", "admit", "--address", Address(4), "--did", EthrDid(4), "--name", "Bank D", "--key", DevKey(0)), "AlreadyMember");

        var removal = await ConsortiumAsync(contract, Rpc, "consortium", "propose", "remove", "--address", Address(4), "--key", DevKey(0));
        var id = removal.Json["proposalId"]!.GetValue<ulong>().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var twoOfThree = await ConsortiumAsync(contract, Rpc, "consortium", "approve", id, "--key", DevKey(1));
        Assert.That(twoOfThree.Json["approvals"]!.GetValue<int>(), Is.EqualTo(2));
        Assert.That(twoOfThree.Json["threshold"]!.GetValue<int>(), Is.EqualTo(3));
        Reverted(await ConsortiumAsync(contract, Rpc, "consortium", "execute", id, "--key", DevKey(1)), "NotEnoughApprovals");
        await ConsortiumAsync(contract, Rpc, "consortium", "approve", id, "--key", DevKey(2));
        var executed = await ConsortiumAsync(contract, Rpc, "consortium", "execute", id, "--key", DevKey(2));
        Assert.That(executed.ExitCode, Is.Zero, executed.ToString());

        var three = await ConsortiumAsync(contract, Rpc, "consortium", "members");
        Assert.That(three.Json.AsArray().Select(m => m!["address"]!.GetValue<string>()), Is.EquivalentTo(new[] { Address(0), Address(1), Address(2) }));
        Reverted(await ConsortiumAsync(contract, Rpc, "consortium", "propose", "accredit", "--issuer", EthrDid(4), "--type", Kyc, "--key", DevKey(4)), "NotMember");
    }

    [Test]
    public async Task Commands_BadInput_UsageErrorsBeforeAnythingIsSent()
    {
        var contract = "0x3535353535353535353535353535353535353535";
        var members = new JsonArray(new JsonObject { ["address"] = Address(0), ["did"] = EthrDid(0), ["name"] = "Bank A" }).ToJsonString();

        CliAssert.BadInput(await CliRunner.RunAsync(["consortium", "deploy", "--key", DevKey(0), "--members", members, "--threshold", "2", .. Rpc]), "badUsage");
        CliAssert.BadInput(await CliRunner.RunAsync(["consortium", "deploy", "--key", DevKey(0), "--members", "{\"address\":1}", "--threshold", "1", .. Rpc]), "invalidJson");
        CliAssert.BadInput(await CliRunner.RunAsync(["consortium", "deploy", "--key", DevKey(0), "--members", "[{\"address\":\"0x12\",\"did\":\"did:example:a\",\"name\":\"A\"}]", "--threshold", "1", .. Rpc]), "invalidInput");
        CliAssert.BadInput(await ConsortiumAsync(contract, Rpc, "consortium", "propose", "accredit", "--issuer", "not-a-did", "--type", Kyc, "--key", DevKey(0)), "invalidDid");
        CliAssert.BadInput(await ConsortiumAsync(contract, Rpc, "consortium", "propose", "accredit", "--issuer", EthrDid(0), "--type", Kyc, "--valid-from", "yesterday", "--key", DevKey(0)), "badUsage");
        CliAssert.BadInput(await ConsortiumAsync(contract, Rpc, "consortium", "propose", "accredit", "--issuer", EthrDid(0), "--type", Kyc, "--valid-from", "2030-01-01T00:00:00Z", "--valid-until", "2029-01-01T00:00:00Z", "--key", DevKey(0)), "badUsage");
        CliAssert.BadInput(await ConsortiumAsync(contract, Rpc, "consortium", "approve", "0", "--key", DevKey(0)), "badUsage");
        using var ed = PrivateKey.Generate(KeyType.Ed25519, PrivateKeyExportPolicy.AllowPlaintextExport);
        CliAssert.BadInput(await ConsortiumAsync(contract, Rpc, "consortium", "approve", "1", "--key", WriteKey(ed, "ed.jwk")), "invalidKey");
        CliAssert.BadInput(await CliRunner.RunAsync("consortium", "members", "--contract", "0x12", "--rpc", _node.RpcUrl.ToString()), "badUsage");
        CliAssert.BadInput(await CliRunner.RunAsync("consortium", "members", "--contract", contract, "--rpc", "ftp://127.0.0.1/"), "badUsage");
        CliAssert.BadInput(await CliRunner.RunAsync("consortium", "members", "--contract", contract), "badUsage");

        var noRegistry = await ConsortiumAsync(contract, Rpc, "consortium", "check", "--issuer", EthrDid(0), "--type", Kyc);
        Assert.That(noRegistry.ExitCode, Is.EqualTo(3), "an address without a registry is a chain failure, not \"not accredited\": " + noRegistry);
        CliAssert.NoStackTrace(noRegistry);
        var deadNode = await CliRunner.RunAsync("consortium", "members", "--contract", contract, "--rpc", "http://127.0.0.1:1/");
        Assert.That(deadNode.ExitCode, Is.EqualTo(3), deadNode.ToString());
        Assert.That(deadNode.ErrorCode, Is.EqualTo("networkError").Or.EqualTo("rpcError"), deadNode.ToString());
    }

    [Test]
    public async Task VcVerify_Consortium_TrustsOnlyAccreditedIssuersByTimePolicy()
    {
        var contract = await DeployAsync();
        using var issuer = PrivateKey.Generate(KeyType.Ed25519, PrivateKeyExportPolicy.AllowPlaintextExport);
        using var lookAlike = PrivateKey.Generate(KeyType.Ed25519, PrivateKeyExportPolicy.AllowPlaintextExport);
        using var holder = PrivateKey.Generate(KeyType.P256, PrivateKeyExportPolicy.AllowPlaintextExport);
        var issuerFile = WriteKey(issuer, "issuer.jwk");
        var lookAlikeFile = WriteKey(lookAlike, "look-alike.jwk");
        var holderFile = WriteKey(holder, "holder.jwk");
        var holderPublic = Path.Combine(_directory, "holder.pub.jwk");
        File.WriteAllText(holderPublic, Jwk.FromPublicKey(holder.PublicKey).ToJson());
        var (issuerDid, issuerKid) = await DidKeyAsync(issuerFile);
        var (lookAlikeDid, lookAlikeKid) = await DidKeyAsync(lookAlikeFile);
        await PassAsync(contract, "accredit", "--issuer", issuerDid, "--type", Kyc);
        await PassAsync(contract, "accredit", "--issuer", issuerDid, "--type", "KycCredential");
        var chain = new[] { "--consortium", contract, "--rpc", _node.RpcUrl.ToString(), "--registry", _erc1056 };

        var presentation = await SdJwtPresentationAsync(issuerDid, issuerFile, issuerKid, holderPublic, holderFile);
        var verified = CliAssert.Verified(await CliRunner.RunAsync(["vc", "verify", presentation, "--aud", "https://bank-b.example", "--nonce", "n-1", .. chain]));
        Assert.That(verified["claims"]!["age_over_18"]!.GetValue<bool>(), Is.True);
        var vcJose = await VcJoseAsync(issuerDid, issuerFile, issuerKid, "KycCredential");
        CliAssert.Verified(await CliRunner.RunAsync(["vc", "verify", vcJose, .. chain, "--trust-at", "now"]));
        var otherType = await VcJoseAsync(issuerDid, issuerFile, issuerKid, "MortgageCredential");
        Assert.That(CliAssert.NotVerified(await CliRunner.RunAsync(["vc", "verify", otherType, .. chain])), Does.Contain("DIDSDK8001"));

        var fake = await SdJwtPresentationAsync(lookAlikeDid, lookAlikeFile, lookAlikeKid, holderPublic, holderFile);
        Assert.That(CliAssert.NotVerified(await CliRunner.RunAsync(["vc", "verify", fake, "--aud", "https://bank-b.example", "--nonce", "n-1", .. chain])), Does.Contain("DIDSDK8001"));

        // Issuance times have one-second resolution: the suspension must come after the credential's iat.
        await Task.Delay(TimeSpan.FromSeconds(1.2));
        await PassAsync(contract, "suspend", "--issuer", issuerDid, "--type", Kyc);
        CliAssert.Verified(await CliRunner.RunAsync(["vc", "verify", presentation, "--aud", "https://bank-b.example", "--nonce", "n-1", .. chain, "--trust-at", "issuance"]));
        Assert.That(CliAssert.NotVerified(await CliRunner.RunAsync(["vc", "verify", presentation, "--aud", "https://bank-b.example", "--nonce", "n-1", .. chain, "--trust-at", "now"])), Does.Contain("DIDSDK8002"));
        Assert.That(CliAssert.NotVerified(await CliRunner.RunAsync(["vc", "verify", presentation, "--aud", "https://bank-b.example", "--nonce", "n-1", .. chain])), Does.Contain("DIDSDK8002"));
        await Task.Delay(TimeSpan.FromSeconds(1.2));
        var issuedWhileSuspended = await SdJwtPresentationAsync(issuerDid, issuerFile, issuerKid, holderPublic, holderFile);
        Assert.That(CliAssert.NotVerified(await CliRunner.RunAsync(["vc", "verify", issuedWhileSuspended, "--aud", "https://bank-b.example", "--nonce", "n-1", .. chain, "--trust-at", "issuance"])), Does.Contain("DIDSDK8002"));

        CliAssert.BadInput(await CliRunner.RunAsync("vc", "verify", vcJose, "--trust-at", "now"), "badUsage");
        CliAssert.BadInput(await CliRunner.RunAsync(["vc", "verify", vcJose, .. chain, "--trusted-issuer", issuerDid]), "badUsage");
        CliAssert.BadInput(await CliRunner.RunAsync(["vc", "verify", vcJose, .. chain, "--trust-at", "yesterday"]), "badUsage");
        CliAssert.BadInput(await CliRunner.RunAsync("vc", "verify", vcJose, "--consortium", contract), "badUsage");
    }

    private static string? CheckCode(CliRun run, bool accredited)
    {
        CliAssert.NoStackTrace(run);
        Assert.That(run.ExitCode, Is.EqualTo(accredited ? 0 : 1), run.ToString());
        Assert.That(run.Json["accredited"]!.GetValue<bool>(), Is.EqualTo(accredited), run.ToString());
        return run.Json["code"]?.GetValue<string>();
    }

    private static async Task<(string Did, string Kid)> DidKeyAsync(string keyFile)
    {
        var run = await CliRunner.RunAsync("did", "create", "--method", "key", "--key", keyFile);
        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        var did = run.Json["did"]!.GetValue<string>();
        return (did, did + "#" + did["did:key:".Length..]);
    }

    private static async Task<string> SdJwtPresentationAsync(string issuerDid, string issuerFile, string kid, string holderPublic, string holderFile)
    {
        var claims = new JsonObject { ["iss"] = issuerDid, ["vct"] = Kyc, ["given_name"] = "Ji-woo", ["kyc_level"] = "enhanced", ["age_over_18"] = true };
        var issued = await CliRunner.RunAsync("vc", "issue", "--format", "sd-jwt", "--key", issuerFile, "--kid", kid, claims.ToJsonString(), "--sd", "/given_name,/kyc_level,/age_over_18", "--holder-jwk", holderPublic);
        Assert.That(issued.ExitCode, Is.Zero, issued.ToString());
        var presented = await CliRunner.RunAsync("sd-jwt", "present", issued.Stdout, "--disclose", "/kyc_level,/age_over_18", "--holder-key", holderFile, "--aud", "https://bank-b.example", "--nonce", "n-1");
        Assert.That(presented.ExitCode, Is.Zero, presented.ToString());
        return presented.Stdout;
    }

    private static async Task<string> VcJoseAsync(string issuerDid, string issuerFile, string kid, string type)
    {
        var credential = new JsonObject
        {
            ["@context"] = new JsonArray("https://www.w3.org/ns/credentials/v2"),
            ["type"] = new JsonArray("VerifiableCredential", type),
            ["issuer"] = issuerDid,
            ["validFrom"] = TimeProvider.System.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
            ["credentialSubject"] = new JsonObject { ["id"] = "did:example:customer", ["kycLevel"] = "enhanced" },
        };
        var issued = await CliRunner.RunAsync("vc", "issue", "--format", "jwt", "--key", issuerFile, "--kid", kid, credential.ToJsonString());
        Assert.That(issued.ExitCode, Is.Zero, issued.ToString());
        return issued.Stdout;
    }
}
