using System.CommandLine;
using System.Text.Json.Nodes;
using DidSdk.Consortium;
using DidSdk.Crypto;
using KycQuickStart;

var chainOption = new Option<string>("--chain") { Description = "The chain as JSON (a file, or - for stdin): {\"rpcUrl\",\"erc1056Registry\",\"privateKeys\":[5 funded secp256k1 keys, hex]} — what tests/devchain/start-chain.mjs prints", Required = true };
var trustAt = new Option<string>("--trust-at") { Description = "When Bank B requires Bank A's accreditation: issuance, now or both", DefaultValueFactory = _ => "both" };
var json = new Option<bool>("--json") { Description = "Print one machine-readable JSON document instead of readable steps" };
var root = new RootCommand("DidSdk consortium KYC demo: a trust registry governed by three banks, selective disclosure, accreditation, suspension, revocation.") { chainOption, trustAt, json };

root.SetAction(async (parse, cancellationToken) =>
{
    if (parse.GetValue(trustAt) switch { "issuance" => TrustTime.Issuance, "now" => TrustTime.Now, "both" => TrustTime.Both, _ => (TrustTime?)null } is not { } policy)
    {
        Console.Error.WriteLine("--trust-at is issuance, now or both.");
        return 2;
    }

    DemoChain chain;
    try
    {
        var source = parse.GetValue(chainOption)!;
        var text = source == "-" ? await Console.In.ReadToEndAsync(cancellationToken) : await File.ReadAllTextAsync(source, cancellationToken);
        var node = JsonNode.Parse(text)!.AsObject();
        var keys = node["privateKeys"]!.AsArray().Select(k => Convert.FromHexString(k!.GetValue<string>().AsSpan(2))).ToArray();
        if (keys.Length < 5)
        {
            throw new FormatException("five funded keys are needed");
        }

        chain = new DemoChain(
            new Uri(node["rpcUrl"]!.GetValue<string>()),
            EthereumAddress.Parse(node["erc1056Registry"]!.GetValue<string>()),
            [.. keys.Select(k => PrivateKey.Import(KeyType.Secp256k1, k))]);
    }
    catch (Exception e) when (e is IOException or FormatException or InvalidOperationException or NullReferenceException or System.Text.Json.JsonException or ArgumentException)
    {
        Console.Error.WriteLine($"--chain: not a readable chain description ({e.GetType().Name}).");
        return 2;
    }

    try
    {
        var narrator = new Narrator(Console.Out, parse.GetValue(json));
        var outcome = await KycDemo.RunAsync(chain, policy, narrator, cancellationToken);
        narrator.Finish(outcome);
        return outcome["passed"]!.GetValue<bool>() ? 0 : 1;
    }
    catch (Exception e) when (e is DidSdk.Ethereum.Rpc.EthereumTransportException or DidSdk.Ethereum.Rpc.EthereumRpcException or HttpRequestException)
    {
        Console.Error.WriteLine($"Chain failure: {e.Message}");
        return 3;
    }
    finally
    {
        foreach (var key in chain.Keys)
        {
            key.Dispose();
        }
    }
});

return await root.Parse(args).InvokeAsync();
