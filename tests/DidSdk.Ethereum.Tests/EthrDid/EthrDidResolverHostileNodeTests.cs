using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using DidSdk.Core.Resolution;
using DidSdk.Crypto;
using DidSdk.Ethereum.Abi;
using DidSdk.Ethereum.Ethr;
using DidSdk.Ethereum.Registry;
using DidSdk.Ethereum.Rpc;

namespace DidSdk.Ethereum.Tests.EthrDid;

/// <summary>The resolver must not trust a node's log filtering: every rule here is what a lying or buggy node tries.</summary>
public class EthrDidResolverHostileNodeTests
{
    private static readonly EthereumAddress Registry = EthereumAddress.Parse("0x5FbDB2315678afecb367f032d93F642f64180aa3");
    private static readonly EthereumAddress Identity = EthereumAddress.Parse("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266");
    private static readonly EthereumAddress Delegate1 = EthereumAddress.Parse("0x70997970C51812dc3A010C7d01b50e0d17dc79C8");
    private static readonly EthereumAddress Delegate2 = EthereumAddress.Parse("0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC");
    private static readonly string Did = "did:ethr:0x7a69:" + Identity;

    private static JsonObject DelegateLog(ulong block, ulong index, EthereumAddress @delegate, ulong previous, EthereumAddress? contract = null, EthereumAddress? identity = null) => new()
    {
        ["address"] = (contract ?? Registry).ToLowerHexString(),
        ["topics"] = new JsonArray(Hex.FormatData(Erc1056EventDecoder.DelegateChangedTopic), Hex.FormatData(Erc1056EventDecoder.IdentityTopic(identity ?? Identity))),
        ["data"] = Hex.FormatData(AbiCodec.Encode([AbiValue.Bytes32String("veriKey"), AbiValue.Address(@delegate), AbiValue.Uint(4_000_000_000), AbiValue.Uint(previous)])),
        ["blockNumber"] = Hex.FormatQuantity(block),
        ["transactionHash"] = "0x" + new string('a', 64),
        ["logIndex"] = Hex.FormatQuantity(index),
    };

    private static async Task<DidResolutionResult> ResolveAsync(ulong changed, params JsonObject[] logs)
    {
        var resolver = new EthrDidResolver(new EthrDidResolverOptions
        {
            Networks = [new EthrNetwork { ChainId = 31337, Rpc = new ScriptedNode(changed, logs), Registry = Registry }],
            CacheHistory = false,
        });
        return await resolver.ResolveAsync(Did);
    }

    private static string[] MethodIds(DidResolutionResult result) => [.. result.DidDocument!.VerificationMethod.Select(vm => vm.Id[(vm.Id.IndexOf('#', StringComparison.Ordinal) + 1)..])];

    [Test]
    public async Task ResolveAsync_HonestNode_DelegatesNumberedInOrder()
    {
        var result = await ResolveAsync(20, DelegateLog(10, 0, Delegate1, 0), DelegateLog(20, 0, Delegate2, 10));

        Assert.That(result.IsSuccess, Is.True, result.ToJson());
        Assert.That(MethodIds(result), Is.EqualTo(new[] { "controller", "delegate-1", "delegate-2" }));
        Assert.That(result.DidDocumentMetadata.VersionId, Is.EqualTo("20"));
    }

    [Test]
    public async Task ResolveAsync_LogFromAnotherContract_Ignored()
    {
        var impostor = EthereumAddress.Parse("0x9fE46736679d2D9a65F0992F2272dE9f3c7fa6e0");

        var result = await ResolveAsync(20, DelegateLog(10, 0, Delegate1, 0), DelegateLog(15, 0, Delegate2, 10, contract: impostor), DelegateLog(20, 0, Delegate2, 10));

        Assert.That(result.IsSuccess, Is.True, result.ToJson());
        Assert.That(MethodIds(result), Is.EqualTo(new[] { "controller", "delegate-1", "delegate-2" }));
    }

    [Test]
    public async Task ResolveAsync_LogAboutAnotherIdentity_Ignored()
    {
        var result = await ResolveAsync(20, DelegateLog(10, 0, Delegate1, 0), DelegateLog(15, 0, Delegate2, 0, identity: Delegate1), DelegateLog(20, 0, Delegate2, 10));

        Assert.That(result.IsSuccess, Is.True, result.ToJson());
        Assert.That(MethodIds(result), Is.EqualTo(new[] { "controller", "delegate-1", "delegate-2" }));
    }

    [Test]
    public async Task ResolveAsync_RepeatedLog_CountedOnce()
    {
        var result = await ResolveAsync(20, DelegateLog(10, 0, Delegate1, 0), DelegateLog(10, 0, Delegate1, 0), DelegateLog(20, 0, Delegate2, 10));

        Assert.That(result.IsSuccess, Is.True, result.ToJson());
        Assert.That(MethodIds(result), Is.EqualTo(new[] { "controller", "delegate-1", "delegate-2" }));
    }

    [Test]
    public async Task ResolveAsync_NoEventAtChangedBlock_ErrorResultNotException()
    {
        var result = await ResolveAsync(30, DelegateLog(10, 0, Delegate1, 0));

        Assert.That(result.IsSuccess, Is.False);
        Assert.That(result.DidResolutionMetadata.Error, Is.EqualTo(DidResolutionErrors.InternalError));
    }

    [Test]
    public async Task ResolveAsync_MalformedLogReply_ErrorResultNotException()
    {
        var broken = DelegateLog(20, 0, Delegate1, 0);
        broken["topics"] = new JsonArray("0x1234");

        var result = await ResolveAsync(20, broken);

        Assert.That(result.IsSuccess, Is.False);
        Assert.That(result.DidResolutionMetadata.Error, Is.EqualTo(DidResolutionErrors.InternalError));
    }

    [Test]
    public async Task ResolveAsync_UnknownNetwork_UnknownNetworkError()
    {
        var resolver = new EthrDidResolver(new EthrDidResolverOptions { Networks = [new EthrNetwork { ChainId = 31337, Rpc = new ScriptedNode(0), Registry = Registry }] });

        var byName = await resolver.ResolveAsync("did:ethr:sepolia:" + Identity);
        var byChainId = await resolver.ResolveAsync("did:ethr:0x1:" + Identity);
        var implicitMainnet = await resolver.ResolveAsync("did:ethr:" + Identity);

        Assert.That(new[] { byName, byChainId, implicitMainnet }.Select(r => r.DidResolutionMetadata.Error), Is.All.EqualTo(EthrDidResolver.UnknownNetworkError));
    }

    /// <summary>A node that answers the resolver's calls from a script: <c>changed</c>, head block 100, and the given logs.</summary>
    private sealed class ScriptedNode(ulong changed, params JsonObject[] logs) : IEthereumRpc
    {
        private static JsonElement Element(JsonNode? node) => JsonDocument.Parse(node?.ToJsonString() ?? "null").RootElement.Clone();

        private static JsonObject Block(ulong number) => new()
        {
            ["number"] = Hex.FormatQuantity(number),
            ["hash"] = "0x" + number.ToString("x64", CultureInfo.InvariantCulture),
            ["timestamp"] = Hex.FormatQuantity(1_700_000_000 + (number * 12)),
        };

        private JsonNode Answer(string method, JsonArray parameters) => method switch
        {
            "eth_call" => JsonValue.Create(Hex.FormatData(AbiCodec.Encode([AbiValue.Uint(changed)]))),
            "eth_getBlockByNumber" => parameters[0]!.GetValue<string>() switch
            {
                "latest" => Block(100),
                "finalized" => Block(90),
                var n => Block(ulong.Parse(n.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture)),
            },
            "eth_getLogs" => new JsonArray([.. logs.Select(l => l.DeepClone())]),
            _ => throw new AssertionException("unexpected call " + method),
        };

        public Task<JsonElement> SendAsync(string method, JsonArray parameters, CancellationToken cancellationToken = default) =>
            Task.FromResult(Element(Answer(method, parameters)));

        public Task<IReadOnlyList<RpcResult>> SendBatchAsync(IReadOnlyList<RpcRequest> requests, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<RpcResult>>([.. requests.Select(r => new RpcResult(Element(Answer(r.Method, r.Parameters)), null))]);
    }
}
