using System.CommandLine;
using System.Text.Json.Nodes;
using DidSdk.Crypto;
using DidSdk.Testing;
using KycQuickStart;

var rpc = new Option<string?>("--rpc") { Description = "JSON-RPC URL of an existing chain (with --registry and --key)" };
var registryOption = new Option<string?>("--registry") { Description = "Address of the ERC-1056 EthereumDIDRegistry on that chain" };
var keyFile = new Option<FileInfo?>("--key") { Description = "Bank A's funded secp256k1 private key as a JWK file" };
var local = new Option<bool>("--local") { Description = "Start a local anvil chain (from tests/devchain), deploy the registry, run, stop it (default without --rpc)" };
var json = new Option<bool>("--json") { Description = "Print one machine-readable JSON document instead of readable steps" };
var root = new RootCommand("DidSdk KYC quick start: issue once, disclose selectively, verify without calling the issuer, revoke.") { rpc, registryOption, keyFile, local, json };

root.SetAction(async (parse, cancellationToken) =>
{
    var narrator = new Narrator(Console.Out, parse.GetValue(json));
    try
    {
        JsonObject outcome;
        if (parse.GetValue(rpc) is { } rpcText)
        {
            if (!Uri.TryCreate(rpcText, UriKind.Absolute, out var url) || parse.GetValue(registryOption) is not { } registryText || !EthereumAddress.TryParse(registryText, out var registry) || parse.GetValue(keyFile) is not { } file)
            {
                Console.Error.WriteLine("--rpc needs an absolute URL, --registry ADDRESS and --key FILE.");
                return 2;
            }

            using var key = Jwk.Parse(await File.ReadAllTextAsync(file.FullName, cancellationToken)).ToPrivateKey(PrivateKeyExportPolicy.None);
            outcome = await KycDemo.RunAsync(new DemoChain(url, registry, key), narrator, cancellationToken);
        }
        else
        {
            await using var node = await AnvilNode.StartAsync(cancellationToken: cancellationToken);
            var registry = EthereumAddress.Parse(await RegistryDeployer.DeployAsync(node, cancellationToken));
            using var key = PrivateKey.Import(KeyType.Secp256k1, node.Accounts[1].PrivateKey);
            if (!parse.GetValue(json))
            {
                Console.WriteLine($"Local chain: anvil on {node.RpcUrl} (chain id {node.ChainId}), ERC-1056 registry at {registry}.");
            }

            outcome = await KycDemo.RunAsync(new DemoChain(node.RpcUrl, registry, key), narrator, cancellationToken);
        }

        narrator.Finish(outcome);
        return outcome["passed"]!.GetValue<bool>() ? 0 : 1;
    }
    catch (Exception e) when (e is DidSdk.Ethereum.Rpc.EthereumTransportException or DidSdk.Ethereum.Rpc.EthereumRpcException or HttpRequestException)
    {
        Console.Error.WriteLine($"Chain failure: {e.Message}");
        return 3;
    }
});

return await root.Parse(args).InvokeAsync();
