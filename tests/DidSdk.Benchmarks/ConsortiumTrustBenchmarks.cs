using BenchmarkDotNet.Attributes;
using DidSdk.Consortium;
using DidSdk.Crypto;
using DidSdk.Ethereum.Rpc;
using DidSdk.Ethereum.Transactions;
using DidSdk.Testing;

namespace DidSdk.Benchmarks;

/// <summary>
/// A consortium trust check on a local anvil beside one raw Ed25519 verify (the baseline): the first check of a fresh
/// <see cref="ConsortiumTrustPolicy"/> (one JSON-RPC round trip: eth_blockNumber + finalized block + eth_getLogs in a
/// batch) and a cached check (one eth_blockNumber). Round trips per check are measured in setup and printed; the
/// tests (TrustPolicyTests.RoundTrips_*) assert them.
/// </summary>
[MemoryDiagnoser]
public class ConsortiumTrustBenchmarks
{
    private const string Kyc = "https://kyc.consortium.example/credentials/kyc/v1";
    private const string Issuer = "did:example:bank-a";
    private static readonly HttpClient Http = new();
    private static readonly byte[] Data = new byte[256];
    private AnvilNode _node = null!;
    private EthereumRpcClient _rpc = null!;
    private EthereumAddress _registry = null!;
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
        _request = new ConsortiumTrustRequest { Issuer = Issuer, CredentialTypes = [Kyc], IssuedAt = DateTimeOffset.UtcNow };
        _cached = new ConsortiumTrustPolicy(_rpc, _registry);
        var before = _rpc.RoundTrips;
        _ = await _cached.CheckAsync(_request);
        var first = _rpc.RoundTrips - before;
        before = _rpc.RoundTrips;
        _ = await _cached.CheckAsync(_request);
        Console.WriteLine($"// consortium trust check round trips: first {first}, cached {_rpc.RoundTrips - before}");
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
    public async Task<bool> FirstTrustCheck() => (await new ConsortiumTrustPolicy(_rpc, _registry).CheckAsync(_request)).Succeeded;

    [Benchmark]
    public async Task<bool> CachedTrustCheck() => (await _cached.CheckAsync(_request)).Succeeded;
}
