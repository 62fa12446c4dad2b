using DidSdk.Crypto;
using DidSdk.Ethereum.Ethr;

using static DidSdk.Ethereum.Tests.EthrDid.ScriptedNode;

namespace DidSdk.Ethereum.Tests.EthrDid;

/// <summary>The finalized-history cache: reuse, its bound, and which histories it drops when full.</summary>
public class EthrDidResolverCacheTests
{
    private static readonly EthereumAddress[] Identities =
    [
        EthereumAddress.Parse("0x90f79bf6eb2c4f870365e785982e1f101e93b906"),
        EthereumAddress.Parse("0x15d34aaf54267db7d7c367839aaf71a00a2c6a65"),
        EthereumAddress.Parse("0x9965507d1a55bcc2695c3fbfabc64b53e0e1f1f7"),
    ];

    // Every identity changed once, in block 20 (below the scripted node's finalized block 90, so it can be cached).
    private static (EthrDidResolver Resolver, ScriptedNode Node) Create(int maxCachedHistories)
    {
        var node = new ScriptedNode(20, [.. Identities.Select((identity, i) => DelegateLog(20, (ulong)i, Delegate1, 0, identity: identity))]);
        var resolver = new EthrDidResolver(new EthrDidResolverOptions
        {
            Networks = [new EthrNetwork { ChainId = 31337, Rpc = node, Registry = RegistryAddress }],
            MaxCachedHistories = maxCachedHistories,
        });
        return (resolver, node);
    }

    private static async Task ResolveAsync(EthrDidResolver resolver, int identity)
    {
        var result = await resolver.ResolveAsync("did:ethr:0x7a69:" + Identities[identity]);
        Assert.That(result.Succeeded, Is.True, result.ToJson());
        Assert.That(result.DidDocument!.VerificationMethod.Select(vm => vm.Id), Has.Some.EndsWith("#delegate-1"));
    }

    [Test]
    public async Task ResolveAsync_SecondTime_FinalizedHistoryReused()
    {
        var (resolver, node) = Create(10);

        await ResolveAsync(resolver, 0);
        await ResolveAsync(resolver, 0);

        Assert.That(node.LogsCalls, Is.EqualTo(1));
    }

    [Test]
    public async Task ResolveAsync_CacheFull_LeastRecentlyUsedHistoryDropped()
    {
        var (resolver, node) = Create(2);
        await ResolveAsync(resolver, 0);
        await ResolveAsync(resolver, 1);
        await ResolveAsync(resolver, 0); // identity 0 is now the more recently used
        Assert.That(node.LogsCalls, Is.EqualTo(2));

        await ResolveAsync(resolver, 2); // full: identity 1 goes
        await ResolveAsync(resolver, 0);
        Assert.That(node.LogsCalls, Is.EqualTo(3), "identity 0 stayed cached");

        await ResolveAsync(resolver, 1);
        Assert.That(node.LogsCalls, Is.EqualTo(4), "identity 1 was dropped and read again");
    }

    [Test]
    public void Constructor_NoRoomForOneHistory_Throws()
    {
        var options = new EthrDidResolverOptions
        {
            Networks = [new EthrNetwork { ChainId = 31337, Rpc = new ScriptedNode(0), Registry = RegistryAddress }],
            MaxCachedHistories = 0,
        };

        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new EthrDidResolver(options));
    }
}
