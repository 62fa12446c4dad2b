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
    private AnvilNode node = null!;
    private EthereumRpcClient rpc = null!;
    private EthereumAddress registry = null!;
    private ConsortiumTrustPolicy cached = null!;
    private ConsortiumTrustRequest request = null!;
    private PrivateKey ed25519 = null!;
    private byte[] signature = null!;

    [GlobalSetup]
    public async Task Setup()
    {
        ed25519 = PrivateKey.Generate(KeyType.Ed25519);
        signature = SigningAlgorithm.Ed25519.Sign(ed25519, Data);
        node = await AnvilNode.StartAsync();
        rpc = new EthereumRpcClient(Http, new EthereumRpcOptions { Endpoint = node.RpcUrl });
        var keys = node.Accounts.Take(3).Select(a => PrivateKey.Import(KeyType.Secp256k1, a.PrivateKey)).ToArray();
        var senders = keys.Select(k => new TransactionSender(rpc, new KeyTransactionSigner(k), new TransactionSenderOptions { PollInterval = TimeSpan.FromMilliseconds(20) })).ToArray();
        var members = senders.Select((s, i) => new ConsortiumMember(s.Address, "did:example:member-" + i, "Bank " + i)).ToArray();
        var deployment = await ConsortiumTrustRegistry.DeployAsync(senders[0], members, 2, TimeSpan.FromDays(7));
        var client = new ConsortiumTrustRegistry(rpc, deployment.Contract);
        var proposal = await client.ProposeAccreditAsync(senders[0], Issuer, Kyc);
        await client.ApproveAsync(senders[1], proposal.ProposalId);
        await client.ExecuteAsync(senders[2], proposal.ProposalId);
        registry = deployment.Contract;
        request = new ConsortiumTrustRequest { Issuer = Issuer, CredentialTypes = [Kyc], IssuedAt = DateTimeOffset.UtcNow };
        cached = new ConsortiumTrustPolicy(rpc, registry);
        var before = rpc.RoundTrips;
        _ = await cached.CheckAsync(request);
        var first = rpc.RoundTrips - before;
        before = rpc.RoundTrips;
        _ = await cached.CheckAsync(request);
        Console.WriteLine($"// consortium trust check round trips: first {first}, cached {rpc.RoundTrips - before}");
        foreach (var key in keys)
        {
            key.Dispose();
        }
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        ed25519.Dispose();
        await node.DisposeAsync();
    }

    [Benchmark(Baseline = true)]
    public bool Ed25519Verify() => SigningAlgorithm.Ed25519.Verify(ed25519.PublicKey, Data, signature);

    [Benchmark]
    public async Task<bool> FirstTrustCheck() => (await new ConsortiumTrustPolicy(rpc, registry).CheckAsync(request)).Succeeded;

    [Benchmark]
    public async Task<bool> CachedTrustCheck() => (await cached.CheckAsync(request)).Succeeded;
}
