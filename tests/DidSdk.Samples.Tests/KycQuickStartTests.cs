using System.Diagnostics;
using System.Text.Json.Nodes;
using DidSdk.Consortium;
using DidSdk.Crypto;
using DidSdk.Testing;
using KycQuickStart;

namespace DidSdk.Samples.Tests;

[Category("Integration")]
public sealed class KycQuickStartTests
{
    private static string[] Codes(JsonNode? result) => [.. result!["problems"]!.AsArray().Select(p => p!.GetValue<string>())];

    private static async Task<(AnvilNode Node, string Registry)> ChainAsync()
    {
        var node = await AnvilNode.StartAsync();
        return (node, await RegistryDeployer.DeployAsync(node));
    }

    private static DemoChain Demo(AnvilNode node, string registry) =>
        new(node.RpcUrl, EthereumAddress.Parse(registry), [.. node.Accounts.Take(5).Select(a => PrivateKey.Import(KeyType.Secp256k1, a.PrivateKey))]);

    [Test]
    public async Task RunAsync_TrustAtBoth_EveryStepHasItsOutcomeAndCode()
    {
        var (node, registry) = await ChainAsync();
        await using var _ = node;
        var output = new StringWriter();
        var narrator = new Narrator(output, json: false);

        var outcome = await KycDemo.RunAsync(Demo(node, registry), TrustTime.Both, narrator);

        Assert.That(outcome["passed"]!.GetValue<bool>(), Is.True, output.ToString());
        Assert.That(outcome["failures"]!.AsArray(), Is.Empty);
        Assert.That(narrator.Steps, Has.Count.EqualTo(8));
        var issuance = narrator.Steps.Single(s => s["actor"]!.GetValue<string>() == "Bank A → customer's wallet")["details"]!;
        Assert.That(issuance["credentialIssuer"]!.GetValue<string>(), Does.StartWith("http://127.0.0.1:").And.EndWith("/oid4vci"), "OID4VCI over real HTTP on loopback");
        Assert.That(issuance["offer"]!.GetValue<string>(), Does.StartWith("openid-credential-offer://?credential_offer_uri="));
        Assert.That(issuance["storedAs"]!.GetValue<string>(), Does.StartWith("cred-"), "the wallet stored it");
        Assert.That(issuance["statusIndex"]!.GetValue<long>(), Is.GreaterThanOrEqualTo(0), "the issuer allocated the status index it later revokes");
        var consent = narrator.Steps.Single(s => s["actor"]!.GetValue<string>() == "Customer's wallet")["details"]!;
        Assert.That(consent["verifier"]!.GetValue<string>(), Does.StartWith("decentralized_identifier:did:ethr:"), "Bank B's DID is its client id");
        Assert.That(consent["requestUri"]!.GetValue<string>(), Does.StartWith("http://127.0.0.1:").And.Contain("/oid4vp/request/"), "the signed request by reference over real HTTP on loopback");
        Assert.That(consent["disclosed"]!.AsObject().Select(c => c.Key), Is.EquivalentTo(new[] { "age_over_18", "nationality", "kyc_level" }), "the consent screen shows exactly the requested claims");
        Assert.That(consent["withheld"]!.GetValue<string>(), Is.EqualTo("given_name, family_name, birthdate"));
        Assert.That(consent["answerTo"]!.GetValue<string>(), Does.StartWith("http://127.0.0.1:").And.EndWith("/oid4vp/response"));
        Assert.That(outcome["verified"]!["session"]!.GetValue<string>(), Is.EqualTo("verified"), "Bank B's result endpoint, polled over HTTP");
        Assert.That(outcome["verified"]!["clientId"]!.GetValue<string>(), Is.EqualTo(consent["verifier"]!.GetValue<string>()));
        Assert.That(outcome["verified"]!["rule"]!.GetValue<string>(), Is.Not.Empty, "the consortium policy decided");
        Assert.That(outcome["accreditation"]!["oneApproval"]!.GetValue<string>(), Is.EqualTo(nameof(ConsortiumRegistryError.NotEnoughApprovals)), "one approval of two is not enough");
        Assert.That(outcome["accreditation"]!["accredited"]!.GetValue<bool>(), Is.True);
        Assert.That(outcome["verified"]!["verified"]!.GetValue<bool>(), Is.True);
        Assert.That(outcome["verified"]!["claims"]!.AsObject().Select(c => c.Key), Is.EquivalentTo(new[] { "age_over_18", "nationality", "kyc_level" }), "only the three disclosed claims reach Bank B");
        Assert.That(Codes(outcome["lookAlike"]), Is.EqualTo(new[] { ConsortiumProblemCodes.NotAccredited }));
        Assert.That(Codes(outcome["suspension"]!["issuedAfter"]), Does.Contain(ConsortiumProblemCodes.Suspended));
        Assert.That(outcome["suspension"]!["issuedBefore"]!["issuance"]!["verified"]!.GetValue<bool>(), Is.True, "issued before the suspension: accepted under trust-at issuance");
        Assert.That(outcome["suspension"]!["issuedBefore"]!["issuance"]!["rule"]!.GetValue<string>(), Does.Contain("later suspension does not apply"));
        Assert.That(Codes(outcome["suspension"]!["issuedBefore"]!["now"]), Does.Contain(ConsortiumProblemCodes.Suspended));
        Assert.That(Codes(outcome["suspension"]!["issuedBefore"]!["both"]), Does.Contain(ConsortiumProblemCodes.Suspended));
        Assert.That(Codes(outcome["revocation"]), Does.Contain("DIDSDK4811"), "revoked in Bank A's status list");
        Assert.That(Codes(outcome["revocation"]), Has.None.StartsWith("DIDSDK8"), "Bank A is accredited again: only the status list refuses");
        Assert.That(output.ToString(), Does.Contain("rejects it: not accredited"));
    }

    [Test]
    public async Task Program_ChainOnStdinWithJsonAndTrustAtIssuance_ExitZeroAndMachineReadable()
    {
        var (node, registry) = await ChainAsync();
        await using var _ = node;
        var chain = new JsonObject
        {
            ["rpcUrl"] = node.RpcUrl.ToString(),
            ["erc1056Registry"] = registry,
            ["privateKeys"] = new JsonArray([.. node.Accounts.Take(5).Select(a => (JsonNode)a.PrivateKeyHex)]),
        };

        var (exit, stdout, stderr) = await RunProgramAsync(chain.ToJsonString(), "--chain", "-", "--json", "--trust-at", "issuance");

        Assert.That(exit, Is.Zero, stderr + "\n" + stdout);
        var document = JsonNode.Parse(stdout)!.AsObject();
        Assert.That(document["outcome"]!["passed"]!.GetValue<bool>(), Is.True);
        Assert.That(document["outcome"]!["trustAt"]!.GetValue<string>(), Is.EqualTo("issuance"));
        Assert.That(document["steps"]!.AsArray(), Has.Count.EqualTo(8));
    }

    [Test]
    public void Finish_FailedExpectation_SaysWhatWasExpectedAndWhatHappened()
    {
        var output = new StringWriter();
        var narrator = new Narrator(output, json: false);
        var failures = new JsonArray(new JsonObject
        {
            ["expected"] = "Bank B verifies the customer's OpenID4VP presentation",
            ["got"] = new JsonObject { ["verified"] = false, ["problems"] = new JsonArray("DIDSDK8001") },
        });

        narrator.Finish(new JsonObject { ["passed"] = false, ["failures"] = failures });

        Assert.That(output.ToString(), Does.Contain("Demo FAILED: 1 expectation(s) did not hold.")
            .And.Contain("expected: Bank B verifies the customer's OpenID4VP presentation")
            .And.Contain("DIDSDK8001"));
    }

    [Test]
    public void Abort_JsonMode_DocumentHasTheStepsDoneAndTheError()
    {
        var output = new StringWriter();
        var narrator = new Narrator(output, json: true);
        narrator.Step("Bank A → customer's wallet", "issues", new JsonObject());

        narrator.Abort("InvalidOperationException: The wallet refused Bank B's request: DIDSDK7001");

        var document = JsonNode.Parse(output.ToString())!;
        Assert.That(document["steps"]!.AsArray(), Has.Count.EqualTo(1));
        Assert.That(document["outcome"]!["passed"]!.GetValue<bool>(), Is.False);
        Assert.That(document["outcome"]!["failedAfterStep"]!.GetValue<int>(), Is.EqualTo(1));
        Assert.That(document["outcome"]!["error"]!.GetValue<string>(), Does.Contain("refused Bank B's request"));
    }

    [Test]
    public void Abort_Readable_NamesTheLastStepAndWhy()
    {
        var output = new StringWriter();
        var narrator = new Narrator(output, json: false);
        narrator.Step("Bank A → customer's wallet", "issues", new JsonObject());

        narrator.Abort("HttpRequestException: connection refused");

        Assert.That(output.ToString(), Does.Contain("Demo FAILED after step 1 (Bank A → customer's wallet: issues):").And.Contain("connection refused"));
    }

    [Test]
    public async Task Program_UnreadableChain_ExitTwo()
    {
        var (exit, _, stderr) = await RunProgramAsync("{\"rpcUrl\":", "--chain", "-");

        Assert.That(exit, Is.EqualTo(2));
        Assert.That(stderr, Does.Contain("--chain"));
    }

    [Test]
    public async Task Program_UnknownTrustAt_ExitTwo()
    {
        var (exit, _, stderr) = await RunProgramAsync("{}", "--chain", "-", "--trust-at", "sometimes");

        Assert.That(exit, Is.EqualTo(2));
        Assert.That(stderr, Does.Contain("--trust-at"));
    }

    private static async Task<(int Exit, string Stdout, string Stderr)> RunProgramAsync(string stdin, params string[] args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "KycQuickStart.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        start.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        await process.StandardInput.WriteAsync(stdin);
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(180));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }
}
