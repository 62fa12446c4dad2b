using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using DidSdk.Consortium;
using DidSdk.Crypto;
using DidSdk.Ethereum.Rpc;
using DidSdk.Ethereum.Transactions;
using DidSdk.Testing;

namespace DidSdk.Benchmarks;

/// <summary>
/// A consortium trust check on a local anvil beside one raw Ed25519 verify (the baseline), in the same run: the first
/// check of a fresh <see cref="ConsortiumTrustPolicy"/> (one JSON-RPC round trip: eth_blockNumber + finalized block +
/// eth_getLogs in a batch) and a cached check (one eth_blockNumber). The "RPC round trips" column is counted on the
/// client in setup (the tests, TrustPolicyTests.RoundTrips_*, assert the same numbers).
/// Run: <c>nice -n 19 dotnet run -c Release --project tests/DidSdk.Benchmarks -- --filter '*ConsortiumTrust*' --job short</c>.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(Columns))]
public class ConsortiumTrustBenchmarks
{
    private const string Kyc = "https://kyc.consortium.example/credentials/kyc/v1";
    private const string Issuer = "did:example:bank-a";
    private static readonly HttpClient Http = new();
    private static readonly byte[] Data = new byte[256];
    private AnvilNode _node = null!;
    private EthereumRpcClient _rpc = null!;
    private EthereumAddress _registry = null!;
    private ulong _fromBlock;
    private ConsortiumTrustPolicy _cached = null!;
    private ConsortiumTrustRequest _request = null!;
    private PrivateKey _ed25519 = null!;
    private byte[] _signature = null!;

    [GlobalSetup]
    public async Task Setup()
    {
        _ed25519 = PrivateKey.Generate(KeyType.Ed25519);
        _signature = SigningAlgorithm.Ed25519.Sign(_ed25519, Data);
        _node = await AnvilNode.StartAsync();
        _rpc = new EthereumRpcClient(Http, new EthereumRpcOptions { Endpoint = _node.RpcUrl });
        var keys = _node.Accounts.Take(3).Select(a => PrivateKey.Import(KeyType.Secp256k1, a.PrivateKey)).ToArray();
        var senders = keys.Select(k => new TransactionSender(_rpc, new KeyTransactionSigner(k), new TransactionSenderOptions { PollInterval = TimeSpan.FromMilliseconds(20) })).ToArray();
        var members = senders.Select((s, i) => new ConsortiumMember(s.Address, "did:example:member-" + i, "Bank " + i)).ToArray();
        var deployment = await ConsortiumTrustRegistry.DeployAsync(senders[0], members, 2, TimeSpan.FromDays(7));
        var client = new ConsortiumTrustRegistry(_rpc, deployment.Contract);
        var proposal = await client.ProposeAccreditAsync(senders[0], Issuer, Kyc);
        await client.ApproveAsync(senders[1], proposal.ProposalId);
        await client.ExecuteAsync(senders[2], proposal.ProposalId);
        _registry = deployment.Contract;
        _fromBlock = deployment.BlockNumber;
        _request = new ConsortiumTrustRequest { Issuer = Issuer, CredentialTypes = [Kyc], IssuedAt = TimeProvider.System.GetUtcNow() };
        _cached = NewPolicy();
        var before = _rpc.RoundTrips;
        if (!(await _cached.CheckAsync(_request)).Succeeded)
        {
            throw new InvalidOperationException("The benchmark's issuer is not accredited.");
        }

        var first = _rpc.RoundTrips - before;
        before = _rpc.RoundTrips;
        _ = await _cached.CheckAsync(_request);
        RoundTripFile.Write(first, _rpc.RoundTrips - before);
        foreach (var key in keys)
        {
            key.Dispose();
        }
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        _ed25519.Dispose();
        await _node.DisposeAsync();
    }

    [Benchmark(Baseline = true)]
    public bool Ed25519Verify() => SigningAlgorithm.Ed25519.Verify(_ed25519.PublicKey, Data, _signature);

    [Benchmark]
    public async Task<bool> FirstTrustCheck() => (await NewPolicy().CheckAsync(_request)).Succeeded;

    [Benchmark]
    public async Task<bool> CachedTrustCheck() => (await _cached.CheckAsync(_request)).Succeeded;

    private ConsortiumTrustPolicy NewPolicy() => new(_rpc, _registry, new ConsortiumTrustPolicyOptions { TrustAt = TrustTime.Both, FromBlock = _fromBlock });

    private sealed class Columns : ManualConfig
    {
        public Columns() => AddColumn(new RoundTripColumn());
    }

    private sealed class RoundTripColumn : IColumn
    {
        public string Id => nameof(RoundTripColumn);

        public string ColumnName => "RPC round trips";

        public bool AlwaysShow => true;

        public ColumnCategory Category => ColumnCategory.Custom;

        public int PriorityInCategory => 0;

        public bool IsNumeric => true;

        public UnitType UnitType => UnitType.Dimensionless;

        public string Legend => "JSON-RPC round trips (HTTP requests) per check, counted on the client";

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => benchmarkCase.Descriptor.WorkloadMethod.Name switch
        {
            nameof(Ed25519Verify) => "0",
            nameof(FirstTrustCheck) => RoundTripFile.TryRead(out var m) ? m.First.ToString(CultureInfo.InvariantCulture) : "n/a",
            nameof(CachedTrustCheck) => RoundTripFile.TryRead(out var m) ? m.Cached.ToString(CultureInfo.InvariantCulture) : "n/a",
            _ => "?",
        };

        public bool IsAvailable(Summary summary) => true;

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    }

    /// <summary>BenchmarkDotNet runs each case in its own process; the setup leaves the counted round trips in a file for the summary.</summary>
    private static class RoundTripFile
    {
        private static string Path => System.IO.Path.Combine(System.IO.Path.GetTempPath(), "didsdk-consortium-bench-round-trips.txt");

        public static void Write(long first, long cached) =>
            File.WriteAllText(Path, string.Create(CultureInfo.InvariantCulture, $"{first} {cached}"));

        public static bool TryRead(out (long First, long Cached) m)
        {
            m = default;
            if (!File.Exists(Path))
            {
                return false;
            }

            var parts = File.ReadAllText(Path).Split(' ');
            m = (long.Parse(parts[0], CultureInfo.InvariantCulture), long.Parse(parts[1], CultureInfo.InvariantCulture));
            return true;
        }
    }
}
