using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using DidSdk.Crypto;
using DidSdk.Ethereum.Abi;
using DidSdk.Ethereum.Ethr;
using DidSdk.Ethereum.Rpc;
using DidSdk.Ethereum.Transactions;
using DidSdk.Testing;

namespace DidSdk.Benchmarks;

/// <summary>
/// did:ethr resolution of a DID with 0, 10 and 100 registry changes on a local anvil, without the history cache, beside
/// the reference resolver (ethr-did-resolver + ethers v6, static network) resolving the same DID on the same node in the
/// same run. Extra columns: the reference's mean time, our speed-up over it, and JSON-RPC round trips per resolution.
/// Target (issue 4): at least 5× faster than the reference at 100 changes.
/// </summary>
[Config(typeof(Columns))]
public class EthrResolutionBenchmarks
{
    private static readonly ConcurrentDictionary<int, (double ReferenceMs, long RoundTrips)> Measured = new();
    private static readonly HttpClient Http = new();
    private AnvilNode _node = null!;
    private EthereumRpcClient _rpc = null!;
    private EthrDidResolver _resolver = null!;
    private string _did = null!;

    [Params(0, 10, 100)]
    public int Changes { get; set; }

    [GlobalSetup]
    public async Task Setup()
    {
        _node = await AnvilNode.StartAsync();
        var registry = EthereumAddress.Parse(await RegistryDeployer.DeployAsync(_node));
        _rpc = new EthereumRpcClient(Http, new EthereumRpcOptions { Endpoint = _node.RpcUrl });
        using var key = PrivateKey.Import(KeyType.Secp256k1, _node.Accounts[2].PrivateKey);
        var identity = EthereumAddress.FromPublicKey(key.PublicKey);
        _did = EthrDid.Create(identity, _node.ChainId);
        var sender = new TransactionSender(_rpc, new KeyTransactionSigner(key), new TransactionSenderOptions { PollInterval = TimeSpan.FromMilliseconds(20) });
        var last = string.Empty;
        for (var i = 0; i < Changes; i++)
        {
            var data = AbiCodec.EncodeCall("setAttribute(address,bytes32,bytes,uint256)", AbiValue.Address(identity), AbiValue.Bytes32String("did/svc/Service" + i), AbiValue.Bytes(Encoding.UTF8.GetBytes($"https://s{i}.example")), AbiValue.Uint(86400));
            last = await sender.SendWithoutWaitingAsync(new TransactionRequest { To = registry, Data = data, GasLimit = 200_000 });
        }

        if (Changes > 0)
        {
            await sender.WaitForReceiptAsync(last);
        }

        _resolver = new EthrDidResolver(new EthrDidResolverOptions { Networks = [new EthrNetwork { ChainId = _node.ChainId, Rpc = _rpc, Registry = registry }], CacheHistory = false });
        var before = _rpc.RoundTrips;
        var ours = await _resolver.ResolveAsync(_did);
        var roundTrips = _rpc.RoundTrips - before;
        var reference = await NodeScript.RunAsync("bench-ethr-resolver.mjs", new JsonObject
        {
            ["rpcUrl"] = _node.RpcUrl.ToString(),
            ["registry"] = registry.ToLowerHexString(),
            ["chainId"] = _node.ChainId,
            ["did"] = _did,
            ["iterations"] = 30,
            ["warmup"] = 3,
        }, TimeSpan.FromMinutes(5));
        if (ours.DidDocument!.Service.Count != Changes || reference["didDocument"]!["service"]?.AsArray().Count is { } n && n != Changes)
        {
            throw new InvalidOperationException("The two resolvers disagree about the document.");
        }

        Measured[Changes] = (reference["meanMs"]!.GetValue<double>(), roundTrips);
        ReferenceFile.Write(Changes, Measured[Changes]);
    }

    [GlobalCleanup]
    public async Task Cleanup() => await _node.DisposeAsync();

    [Benchmark]
    public async Task<bool> Resolve() => (await _resolver.ResolveAsync(_did)).Succeeded;

    private sealed class Columns : ManualConfig
    {
        public Columns()
        {
            AddColumn(new ReferenceColumn("Reference (ethr-did-resolver)", (m, _) => $"{m.ReferenceMs.ToString("F2", CultureInfo.InvariantCulture)} ms"));
            AddColumn(new ReferenceColumn("Speed-up vs reference", (m, ours) => ours is { } ns ? $"{(m.ReferenceMs * 1e6 / ns).ToString("F1", CultureInfo.InvariantCulture)}x" : "?"));
            AddColumn(new ReferenceColumn("RPC round trips (ours)", (m, _) => m.RoundTrips.ToString(CultureInfo.InvariantCulture)));
        }
    }

    private sealed class ReferenceColumn(string name, Func<(double ReferenceMs, long RoundTrips), double?, string> format) : IColumn
    {
        public string Id => name;

        public string ColumnName => name;

        public bool AlwaysShow => true;

        public ColumnCategory Category => ColumnCategory.Custom;

        public int PriorityInCategory => 0;

        public bool IsNumeric => false;

        public UnitType UnitType => UnitType.Dimensionless;

        public string Legend => name;

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        {
            var changes = (int)benchmarkCase.Parameters["Changes"];
            var ours = summary[benchmarkCase]?.ResultStatistics?.Mean;
            return ReferenceFile.TryRead(changes, out var m) ? format(m, ours) : "n/a";
        }

        public bool IsAvailable(Summary summary) => true;

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    }

    /// <summary>BenchmarkDotNet runs each case in its own process; the setup leaves its reference figures in a file for the summary.</summary>
    internal static class ReferenceFile
    {
        private static string PathFor(int changes) => System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"didsdk-ethr-bench-{changes}.txt");

        public static void Write(int changes, (double ReferenceMs, long RoundTrips) m) =>
            File.WriteAllText(PathFor(changes), $"{m.ReferenceMs.ToString(CultureInfo.InvariantCulture)} {m.RoundTrips}");

        public static bool TryRead(int changes, out (double ReferenceMs, long RoundTrips) m)
        {
            m = default;
            var path = PathFor(changes);
            if (!File.Exists(path))
            {
                return false;
            }

            var parts = File.ReadAllText(path).Split(' ');
            m = (double.Parse(parts[0], CultureInfo.InvariantCulture), long.Parse(parts[1], CultureInfo.InvariantCulture));
            return true;
        }
    }
}
