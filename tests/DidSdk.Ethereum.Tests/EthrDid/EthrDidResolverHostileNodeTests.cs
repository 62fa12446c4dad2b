using System.Text.Json.Nodes;
using DidSdk.Core.Resolution;
using DidSdk.Crypto;
using DidSdk.Ethereum.Ethr;

using static DidSdk.Ethereum.Tests.EthrDid.ScriptedNode;

namespace DidSdk.Ethereum.Tests.EthrDid;

/// <summary>The resolver must not trust a node's log filtering: every rule here is what a lying or buggy node tries.</summary>
public class EthrDidResolverHostileNodeTests
{
    private static readonly string Did = "did:ethr:0x7a69:" + Identity;

    private static async Task<DidResolutionResult> ResolveAsync(ulong changed, params JsonObject[] logs)
    {
        var resolver = new EthrDidResolver(new EthrDidResolverOptions
        {
            Networks = [new EthrNetwork { ChainId = 31337, Rpc = new ScriptedNode(changed, logs), Registry = RegistryAddress }],
            CacheHistory = false,
        });
        return await resolver.ResolveAsync(Did);
    }

    private static string[] MethodIds(DidResolutionResult result) => [.. result.DidDocument!.VerificationMethod.Select(vm => vm.Id[(vm.Id.IndexOf('#', StringComparison.Ordinal) + 1)..])];

    [Test]
    public async Task ResolveAsync_HonestNode_DelegatesNumberedInOrder()
    {
        var result = await ResolveAsync(20, DelegateLog(10, 0, Delegate1, 0), DelegateLog(20, 0, Delegate2, 10));

        Assert.That(result.Succeeded, Is.True, result.ToJson());
        Assert.That(MethodIds(result), Is.EqualTo(new[] { "controller", "delegate-1", "delegate-2" }));
        Assert.That(result.DidDocumentMetadata.VersionId, Is.EqualTo("20"));
    }

    [Test]
    public async Task ResolveAsync_LogFromAnotherContract_Ignored()
    {
        var impostor = EthereumAddress.Parse("0x9fE46736679d2D9a65F0992F2272dE9f3c7fa6e0");

        var result = await ResolveAsync(20, DelegateLog(10, 0, Delegate1, 0), DelegateLog(15, 0, Delegate2, 10, contract: impostor), DelegateLog(20, 0, Delegate2, 10));

        Assert.That(result.Succeeded, Is.True, result.ToJson());
        Assert.That(MethodIds(result), Is.EqualTo(new[] { "controller", "delegate-1", "delegate-2" }));
    }

    [Test]
    public async Task ResolveAsync_LogAboutAnotherIdentity_Ignored()
    {
        var result = await ResolveAsync(20, DelegateLog(10, 0, Delegate1, 0), DelegateLog(15, 0, Delegate2, 0, identity: Delegate1), DelegateLog(20, 0, Delegate2, 10));

        Assert.That(result.Succeeded, Is.True, result.ToJson());
        Assert.That(MethodIds(result), Is.EqualTo(new[] { "controller", "delegate-1", "delegate-2" }));
    }

    [Test]
    public async Task ResolveAsync_RepeatedLog_CountedOnce()
    {
        var result = await ResolveAsync(20, DelegateLog(10, 0, Delegate1, 0), DelegateLog(10, 0, Delegate1, 0), DelegateLog(20, 0, Delegate2, 10));

        Assert.That(result.Succeeded, Is.True, result.ToJson());
        Assert.That(MethodIds(result), Is.EqualTo(new[] { "controller", "delegate-1", "delegate-2" }));
    }

    [Test]
    public async Task ResolveAsync_NoEventAtChangedBlock_ErrorResultNotException()
    {
        var result = await ResolveAsync(30, DelegateLog(10, 0, Delegate1, 0));

        Assert.That(result.Succeeded, Is.False);
        Assert.That(result.DidResolutionMetadata.Error, Is.EqualTo(DidResolutionErrors.InternalError));
    }

    [Test]
    public async Task ResolveAsync_MalformedLogReply_ErrorResultNotException()
    {
        var broken = DelegateLog(20, 0, Delegate1, 0);
        broken["topics"] = new JsonArray("0x1234");

        var result = await ResolveAsync(20, broken);

        Assert.That(result.Succeeded, Is.False);
        Assert.That(result.DidResolutionMetadata.Error, Is.EqualTo(DidResolutionErrors.InternalError));
    }

    [Test]
    public async Task ResolveAsync_UnknownNetwork_UnknownNetworkError()
    {
        var resolver = new EthrDidResolver(new EthrDidResolverOptions { Networks = [new EthrNetwork { ChainId = 31337, Rpc = new ScriptedNode(0), Registry = RegistryAddress }] });

        var byName = await resolver.ResolveAsync("did:ethr:sepolia:" + Identity);
        var byChainId = await resolver.ResolveAsync("did:ethr:0x1:" + Identity);
        var implicitMainnet = await resolver.ResolveAsync("did:ethr:" + Identity);

        Assert.That(new[] { byName, byChainId, implicitMainnet }.Select(r => r.DidResolutionMetadata.Error), Is.All.EqualTo(EthrDidResolver.UnknownNetworkError));
    }
}
