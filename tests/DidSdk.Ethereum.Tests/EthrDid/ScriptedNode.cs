using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using DidSdk.Crypto;
using DidSdk.Ethereum.Abi;
using DidSdk.Ethereum.Registry;
using DidSdk.Ethereum.Rpc;

namespace DidSdk.Ethereum.Tests.EthrDid;

/// <summary>A node that answers the resolver's calls from a script: <c>changed</c>, head block 100, and the given logs.</summary>
internal sealed class ScriptedNode(ulong changed, params JsonObject[] logs) : IEthereumRpc
{
    public static readonly EthereumAddress RegistryAddress = EthereumAddress.Parse("0x5FbDB2315678afecb367f032d93F642f64180aa3");
    public static readonly EthereumAddress Identity = EthereumAddress.Parse("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266");
    public static readonly EthereumAddress Delegate1 = EthereumAddress.Parse("0x70997970C51812dc3A010C7d01b50e0d17dc79C8");
    public static readonly EthereumAddress Delegate2 = EthereumAddress.Parse("0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC");

    /// <summary>A DIDDelegateChanged log (veriKey, valid far into the future) from the registry about <see cref="Identity"/> unless told otherwise.</summary>
    public static JsonObject DelegateLog(ulong block, ulong index, EthereumAddress @delegate, ulong previous, EthereumAddress? contract = null, EthereumAddress? identity = null) => new()
    {
        ["address"] = (contract ?? RegistryAddress).ToLowerHexString(),
        ["topics"] = new JsonArray(Hex.FormatData(Erc1056EventDecoder.DelegateChangedTopic), Hex.FormatData(Erc1056EventDecoder.IdentityTopic(identity ?? Identity))),
        ["data"] = Hex.FormatData(AbiCodec.Encode([AbiValue.Bytes32String("veriKey"), AbiValue.Address(@delegate), AbiValue.Uint(4_000_000_000), AbiValue.Uint(previous)])),
        ["blockNumber"] = Hex.FormatQuantity(block),
        ["transactionHash"] = "0x" + new string('a', 64),
        ["logIndex"] = Hex.FormatQuantity(index),
    };

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
        "eth_blockNumber" => JsonValue.Create(Hex.FormatQuantity(Head)),
        "eth_getBlockByNumber" => AskBlock(parameters[0]!.GetValue<string>()) switch
        {
            "latest" => Block(Head),
            "finalized" => Block(Head - 10),
            var n => Block(ulong.Parse(n.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture)),
        },
        "eth_getLogs" => CountLogsCall(),
        _ => throw new AssertionException("unexpected call " + method),
    };

    /// <summary>The node's head block (100 unless a test moves it).</summary>
    public ulong Head { get; init; } = 100;

    /// <summary>The <c>eth_getBlockByNumber</c> tags and numbers the node was asked for.</summary>
    public List<string> BlocksAsked { get; } = [];

    /// <summary>How many <c>eth_getLogs</c> calls the node has answered.</summary>
    public int LogsCalls { get; private set; }

    private string AskBlock(string tag)
    {
        lock (BlocksAsked)
        {
            BlocksAsked.Add(tag);
        }

        return tag;
    }

    private JsonArray CountLogsCall()
    {
        LogsCalls++;
        return new JsonArray([.. logs.Select(l => l.DeepClone())]);
    }

    public Task<JsonElement> SendAsync(string method, JsonArray parameters, CancellationToken cancellationToken = default) =>
        Task.FromResult(Element(Answer(method, parameters)));

    public Task<IReadOnlyList<RpcResult>> SendBatchAsync(IReadOnlyList<RpcRequest> requests, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<RpcResult>>([.. requests.Select(r => new RpcResult(Element(Answer(r.Method, r.Parameters)), null))]);
}
