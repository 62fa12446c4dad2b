using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using DidSdk.Core.Resolution;
using DidSdk.Ethereum.Ethr;
using DidSdk.Ethereum.Rpc;
using DidSdk.Ethereum.Tests.EthrDid;

using static DidSdk.Ethereum.Tests.EthrDid.ScriptedNode;

namespace DidSdk.Ethereum.Tests.Hostile;

/// <summary>Multi-node resolution on scripted nodes; tests/DidSdk.Ethereum.IntegrationTests repeats it on real anvil nodes.</summary>
public class QuorumEthereumRpcTests
{
    private static readonly string Did = "did:ethr:0x7a69:" + Identity;

    private static ScriptedNode Honest() => new(20, DelegateLog(10, 0, Delegate1, 0), DelegateLog(20, 0, Delegate2, 10));

    // Drops the first delegate: the document loses a key and the numbering of #delegate-N shifts.
    private static ScriptedNode DropsALog() => new(20, DelegateLog(20, 0, Delegate2, 10));

    // Replaces the first delegate with another address.
    private static ScriptedNode ChangesAKey() => new(20, DelegateLog(10, 0, Delegate2, 0), DelegateLog(20, 0, Delegate2, 10));

    private static Task<DidResolutionResult> ResolveAsync(IEthereumRpc rpc) => new EthrDidResolver(new EthrDidResolverOptions
    {
        Networks = [new EthrNetwork { ChainId = 31337, Rpc = rpc, Registry = RegistryAddress }],
        CacheHistory = false,
    }).ResolveAsync(Did);

    [Test]
    public async Task ResolveAsync_OneOfThreeLies_SameDocumentAsHonestNode()
    {
        var honest = await ResolveAsync(Honest());

        var quorum = await ResolveAsync(new QuorumEthereumRpc([Honest(), DropsALog(), Honest()]));
        var lied = await ResolveAsync(DropsALog());

        Assert.That(quorum.Succeeded, Is.True, quorum.ToJson());
        Assert.That(quorum.ToJson(), Is.EqualTo(honest.ToJson()));
        Assert.That(lied.ToJson(), Is.Not.EqualTo(honest.ToJson()), "the lie must matter, or this test proves nothing");
    }

    [Test]
    public async Task ResolveAsync_HonestNodesAtDifferentHeads_PinnedToTheQuorumHead()
    {
        // Heads 100, 101, 102: unpinned, their "latest" blocks differ and no two answers agree.
        ScriptedNode[] nodes = [new(20, DelegateLog(10, 0, Delegate1, 0), DelegateLog(20, 0, Delegate2, 10)) { Head = 100 }, new(20, DelegateLog(10, 0, Delegate1, 0), DelegateLog(20, 0, Delegate2, 10)) { Head = 101 }, new(20, DelegateLog(10, 0, Delegate1, 0), DelegateLog(20, 0, Delegate2, 10)) { Head = 102 }];

        var result = await ResolveAsync(new QuorumEthereumRpc(nodes, new QuorumEthereumRpcOptions { HeadGrace = TimeSpan.FromSeconds(5) }));

        Assert.That(result.Succeeded, Is.True, result.ToJson());
        Assert.That(result.DidDocument!.ToJson(), Is.EqualTo((await ResolveAsync(Honest())).DidDocument!.ToJson()));

        // The second-highest head (two of three nodes have it) and the second-highest finalized block, never a tag.
        Assert.That(nodes.SelectMany(n => n.BlocksAsked), Has.Some.EqualTo("0x65").And.Some.EqualTo("0x5b"));
        Assert.That(nodes.SelectMany(n => n.BlocksAsked), Has.None.EqualTo("latest"));
    }

    [Test]
    public async Task ResolveAsync_LiarReportsAnOldHead_PinStaysAtTheHonestHead()
    {
        ScriptedNode liar = new(20, DelegateLog(10, 0, Delegate1, 0), DelegateLog(20, 0, Delegate2, 10)) { Head = 15 };
        ScriptedNode[] honest = [new(20, DelegateLog(10, 0, Delegate1, 0), DelegateLog(20, 0, Delegate2, 10)), new(20, DelegateLog(10, 0, Delegate1, 0), DelegateLog(20, 0, Delegate2, 10))];

        var result = await ResolveAsync(new QuorumEthereumRpc([honest[0], liar, honest[1]], new QuorumEthereumRpcOptions { HeadGrace = TimeSpan.FromSeconds(5) }));

        Assert.That(result.Succeeded, Is.True, result.ToJson());
        // Once a quorum agrees the other calls are cancelled, so which nodes were asked varies: look at all of them.
        Assert.That(honest.Append(liar).SelectMany(n => n.BlocksAsked), Has.Some.EqualTo("0x64").And.None.EqualTo("0xf"));
    }

    [Test]
    public void Constructor_NegativeHeadGrace_Throws() =>
        Assert.That(() => new QuorumEthereumRpc([Honest()], new QuorumEthereumRpcOptions { HeadGrace = TimeSpan.FromSeconds(-1) }), Throws.InstanceOf<ArgumentOutOfRangeException>());

    [Test]
    public async Task ResolveAsync_TwoOfThreeLieDifferently_NodesDisagree()
    {
        var result = await ResolveAsync(new QuorumEthereumRpc([Honest(), DropsALog(), ChangesAKey()]));

        Assert.That(result.Succeeded, Is.False);
        Assert.That(result.DidResolutionMetadata.Error, Is.EqualTo(EthrDidResolver.NodesDisagreeError));
    }

    [Test]
    public async Task ResolveAsync_OneNodeDown_StillResolves()
    {
        var result = await ResolveAsync(new QuorumEthereumRpc([Honest(), new DownNode(), Honest()]));

        Assert.That(result.Succeeded, Is.True, result.ToJson());
        Assert.That(result.ToJson(), Is.EqualTo((await ResolveAsync(Honest())).ToJson()));
    }

    [Test]
    public async Task ResolveAsync_TwoOfThreeDown_InternalErrorNotDisagreement()
    {
        var result = await ResolveAsync(new QuorumEthereumRpc([Honest(), new DownNode(), new DownNode()]));

        Assert.That(result.DidResolutionMetadata.Error, Is.EqualTo(DidResolutionErrors.InternalError));
    }

    [Test]
    public async Task SendAsync_OneNodeSilent_AnswersWithoutWaitingForIt()
    {
        var rpc = new QuorumEthereumRpc([Honest(), new SilentNode(), Honest()]);
        var stopwatch = Stopwatch.StartNew();

        var result = await ResolveAsync(rpc);

        Assert.That(result.Succeeded, Is.True, result.ToJson());
        Assert.That(stopwatch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(3)));
    }

    [Test]
    public void SendAsync_QuorumAgreesOnAnError_ThatErrorRethrown()
    {
        var rpc = new QuorumEthereumRpc([new ErrorNode(-32005), new ErrorNode(-32005), Honest()]);

        var e = Assert.ThrowsAsync<EthereumRpcException>(async () => await rpc.SendAsync("eth_getLogs", []));

        Assert.That(e!.Code, Is.EqualTo(-32005));
    }

    [TestCase(3, 1)]
    [TestCase(4, 2)]
    [TestCase(3, 4)]
    [TestCase(2, 0)]
    public void Constructor_QuorumNotAMajority_Throws(int nodes, int quorum) =>
        Assert.That(() => new QuorumEthereumRpc([.. Enumerable.Range(0, nodes).Select(_ => (IEthereumRpc)Honest())], new QuorumEthereumRpcOptions { Quorum = quorum }), Throws.InstanceOf<ArgumentException>());

    [Test]
    public void Constructor_DefaultQuorum_IsMajority() =>
        Assert.That(new QuorumEthereumRpc([Honest(), Honest(), Honest(), Honest(), Honest()]).Quorum, Is.EqualTo(3));

    private sealed class DownNode : IEthereumRpc
    {
        public Task<JsonElement> SendAsync(string method, JsonArray parameters, CancellationToken cancellationToken = default) =>
            Task.FromException<JsonElement>(new EthereumTransportException("The node could not be reached."));

        public Task<IReadOnlyList<RpcResult>> SendBatchAsync(IReadOnlyList<RpcRequest> requests, CancellationToken cancellationToken = default) =>
            Task.FromException<IReadOnlyList<RpcResult>>(new EthereumTransportException("The node could not be reached."));
    }

    private sealed class SilentNode : IEthereumRpc
    {
        public async Task<JsonElement> SendAsync(string method, JsonArray parameters, CancellationToken cancellationToken = default)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return default;
        }

        public async Task<IReadOnlyList<RpcResult>> SendBatchAsync(IReadOnlyList<RpcRequest> requests, CancellationToken cancellationToken = default)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return [];
        }
    }

    private sealed class ErrorNode(long code) : IEthereumRpc
    {
        public Task<JsonElement> SendAsync(string method, JsonArray parameters, CancellationToken cancellationToken = default) =>
            Task.FromException<JsonElement>(new EthereumRpcException(method, new RpcError(code, "refused", null)));

        public Task<IReadOnlyList<RpcResult>> SendBatchAsync(IReadOnlyList<RpcRequest> requests, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<RpcResult>>([.. requests.Select(_ => new RpcResult(null, new RpcError(code, "refused", null)))]);
    }
}
