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

    var narrator = new Narrator(Console.Out, parse.GetValue(json));
    try
    {
        var outcome = await KycDemo.RunAsync(chain, policy, narrator, cancellationToken);
        narrator.Finish(outcome);
        if (!outcome["passed"]!.GetValue<bool>())
        {
            Console.Error.WriteLine("Demo FAILED: " + string.Join("; ", outcome["failures"]!.AsArray().Select(f => f!["expected"]!.GetValue<string>())) + " (details on stdout).");
            return 1;
        }

        return 0;
    }
    catch (Exception e) when (e is DidSdk.Ethereum.Rpc.EthereumTransportException or DidSdk.Ethereum.Rpc.EthereumRpcException)
    {
        narrator.Abort($"chain failure: {e.Message}");
        Console.Error.WriteLine($"Chain failure: {e.Message}");
        return 3;
    }
    catch (HttpRequestException e)
    {
        narrator.Abort($"network failure: {e.Message}");
        Console.Error.WriteLine($"Network failure: {e.Message}");
        return 3;
    }
    catch (Exception e) when (e is not OperationCanceledException)
    {
        // An exchange that was refused or a service that would not start: say which step and why, not a stack trace.
        narrator.Abort($"{e.GetType().Name}: {e.Message}");
        Console.Error.WriteLine($"Demo FAILED: {e.GetType().Name}: {e.Message}");
        return 1;
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
