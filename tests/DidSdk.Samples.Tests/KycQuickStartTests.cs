using System.Diagnostics;
using System.Text.Json.Nodes;
using DidSdk.Crypto;
using DidSdk.Testing;
using KycQuickStart;

namespace DidSdk.Samples.Tests;

[Category("Integration")]
public sealed class KycQuickStartTests
{
    [Test]
    public async Task RunAsync_LocalChain_VerifiesThreeClaimsThenRefusesAfterRevocation()
    {
        await using var node = await AnvilNode.StartAsync();
        var registry = EthereumAddress.Parse(await RegistryDeployer.DeployAsync(node));
        using var bankKey = PrivateKey.Import(KeyType.Secp256k1, node.Accounts[3].PrivateKey);
        var output = new StringWriter();

        var outcome = await KycDemo.RunAsync(new DemoChain(node.RpcUrl, registry, bankKey), new Narrator(output, json: false));

        Assert.That(outcome["passed"]!.GetValue<bool>(), Is.True, outcome.ToJsonString());
        var claims = outcome["firstVerification"]!["claims"]!.AsObject();
        Assert.That(claims.Select(c => c.Key), Is.EquivalentTo(new[] { "age_over_18", "nationality", "kyc_level" }), "only the three disclosed claims reach Bank B");
        Assert.That(outcome["issuer"]!.GetValue<string>(), Does.StartWith("did:ethr:0x7a69:"));
        var codes = outcome["afterRevocation"]!["problems"]!.AsArray().Select(p => p!["code"]!.GetValue<string>());
        Assert.That(codes, Does.Contain("DIDSDK4811"), "revoked");
        Assert.That(output.ToString(), Does.Contain("refuses the revoked credential"));
    }

    [Test]
    public async Task Program_ExistingChainWithKeyFileAndJson_ExitZeroAndMachineReadable()
    {
        await using var node = await AnvilNode.StartAsync();
        var registry = await RegistryDeployer.DeployAsync(node);
        using var bankKey = PrivateKey.Import(KeyType.Secp256k1, node.Accounts[4].PrivateKey, PrivateKeyExportPolicy.AllowPlaintextExport);
        var keyFile = Path.Combine(Path.GetTempPath(), $"bank-a-{Guid.NewGuid():N}.jwk");
        await File.WriteAllTextAsync(keyFile, Jwk.FromPrivateKey(bankKey).ToJson());
        try
        {
            var (exit, stdout, stderr) = await RunProgramAsync("--rpc", node.RpcUrl.ToString(), "--registry", registry, "--key", keyFile, "--json");

            Assert.That(exit, Is.Zero, stderr);
            var document = JsonNode.Parse(stdout)!.AsObject();
            Assert.That(document["outcome"]!["passed"]!.GetValue<bool>(), Is.True);
            Assert.That(document["steps"]!.AsArray(), Has.Count.EqualTo(7));
        }
        finally
        {
            File.Delete(keyFile);
        }
    }

    [Test]
    public async Task Program_RpcWithoutRegistry_ExitTwo()
    {
        var (exit, _, stderr) = await RunProgramAsync("--rpc", "http://127.0.0.1:9/");

        Assert.That(exit, Is.EqualTo(2));
        Assert.That(stderr, Does.Contain("--registry"));
    }

    private static async Task<(int Exit, string Stdout, string Stderr)> RunProgramAsync(params string[] args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "KycQuickStart.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }
}
