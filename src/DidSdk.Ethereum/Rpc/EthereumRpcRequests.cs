using System.Text.Json.Nodes;
using System.Numerics;
using System.Text.Json;
using DidSdk.Crypto;

namespace DidSdk.Ethereum.Rpc;

/// <summary>Typed requests for batching, and strict parsers for their results.</summary>
public static class EthereumRpcRequests
{
    /// <summary><c>eth_chainId</c>.</summary>
    public static RpcRequest ChainId() => new("eth_chainId", []);

    /// <summary><c>eth_blockNumber</c>.</summary>
    public static RpcRequest BlockNumber() => new("eth_blockNumber", []);

    /// <summary><c>eth_call</c>.</summary>
    public static RpcRequest Call(CallRequest call, string blockTag = BlockTags.Latest) => new("eth_call", new JsonArray(call.ToJson(), (JsonNode)blockTag));

    /// <summary><c>eth_getLogs</c>.</summary>
    public static RpcRequest GetLogs(LogFilter filter) => new("eth_getLogs", new JsonArray(filter.ToJson()));

    /// <summary><c>eth_getBlockByNumber</c> without transactions.</summary>
    public static RpcRequest GetBlockByNumber(string blockTag) => new("eth_getBlockByNumber", new JsonArray((JsonNode)blockTag, (JsonNode)false));

    /// <summary>Parses a QUANTITY result.</summary>
    public static BigInteger ParseQuantity(JsonElement result) =>
        result.ValueKind == JsonValueKind.String && Hex.TryParseQuantity(result.GetString(), out BigInteger value)
            ? value
            : throw new EthereumTransportException("The node returned a malformed QUANTITY.");

    /// <summary>Parses a QUANTITY result that must fit in 64 bits.</summary>
    public static ulong ParseUInt64(JsonElement result) =>
        result.ValueKind == JsonValueKind.String && Hex.TryParseQuantity(result.GetString(), out ulong value)
            ? value
            : throw new EthereumTransportException("The node returned a malformed or too large QUANTITY.");

    /// <summary>Parses a DATA result.</summary>
    public static byte[] ParseData(JsonElement result) =>
        result.ValueKind == JsonValueKind.String && Hex.TryParseData(result.GetString(), out var data)
            ? data
            : throw new EthereumTransportException("The node returned malformed DATA.");

    /// <summary>Parses an <c>eth_getLogs</c> result.</summary>
    public static IReadOnlyList<EthereumLog> ParseLogs(JsonElement result)
    {
        if (result.ValueKind != JsonValueKind.Array)
        {
            throw new EthereumTransportException("eth_getLogs did not return an array.");
        }

        return [.. result.EnumerateArray().Select(ParseLog)];
    }

    /// <summary>Parses a block object (null when the block does not exist).</summary>
    public static EthereumBlock? ParseBlock(JsonElement result)
    {
        if (result.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (result.ValueKind != JsonValueKind.Object)
        {
            throw new EthereumTransportException("The block is not an object.");
        }

        BigInteger? baseFee = result.TryGetProperty("baseFeePerGas", out var fee) && fee.ValueKind == JsonValueKind.String ? ParseQuantity(fee) : null;
        return new EthereumBlock(
            ParseUInt64(Get(result, "number")),
            GetHashText(result, "hash"),
            ParseTimestamp(Get(result, "timestamp")),
            baseFee);
    }

    /// <summary>Parses a receipt (null when the transaction is not mined yet).</summary>
    public static TransactionReceipt? ParseReceipt(JsonElement result)
    {
        if (result.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (result.ValueKind != JsonValueKind.Object)
        {
            throw new EthereumTransportException("The receipt is not an object.");
        }

        EthereumAddress? contract = null;
        if (result.TryGetProperty("contractAddress", out var ca) && ca.ValueKind == JsonValueKind.String)
        {
            contract = EthereumAddress.TryParse(ca.GetString(), out var parsed) ? parsed : throw new EthereumTransportException("Malformed contractAddress.");
        }

        var price = result.TryGetProperty("effectiveGasPrice", out var p) && p.ValueKind == JsonValueKind.String ? ParseQuantity(p) : BigInteger.Zero;
        return new TransactionReceipt(
            GetHashText(result, "transactionHash"),
            ParseUInt64(Get(result, "status")) == 1,
            ParseUInt64(Get(result, "blockNumber")),
            GetHashText(result, "blockHash"),
            ParseUInt64(Get(result, "gasUsed")),
            price,
            contract,
            result.TryGetProperty("logs", out var logs) ? ParseLogs(logs) : []);
    }

    internal static EthereumLog ParseLog(JsonElement log)
    {
        if (log.ValueKind != JsonValueKind.Object || Get(log, "address") is not { ValueKind: JsonValueKind.String } addressElement || !EthereumAddress.TryParse(addressElement.GetString(), out var address))
        {
            throw new EthereumTransportException("A log is malformed.");
        }

        var topics = Get(log, "topics");
        if (topics.ValueKind != JsonValueKind.Array || topics.GetArrayLength() > 4)
        {
            throw new EthereumTransportException("A log's topics are malformed.");
        }

        var parsedTopics = topics.EnumerateArray().Select(t => ParseData(t) is { Length: 32 } bytes ? bytes : throw new EthereumTransportException("A topic is not 32 bytes.")).ToArray();
        return new EthereumLog(address, parsedTopics, ParseData(Get(log, "data")), ParseUInt64(Get(log, "blockNumber")), GetHashText(log, "transactionHash"), ParseUInt64(Get(log, "logIndex")));
    }

    // A block time past the last second DateTimeOffset holds (9999-12-31T23:59:59Z) is a malformed reply, not an
    // ArgumentOutOfRangeException.
    private static DateTimeOffset ParseTimestamp(JsonElement value) =>
        ParseUInt64(value) is var seconds && seconds <= MaxUnixSeconds
            ? DateTimeOffset.FromUnixTimeSeconds((long)seconds)
            : throw new EthereumTransportException("The block's timestamp is out of range.");

    private const ulong MaxUnixSeconds = 253_402_300_799;

    // A hash field is a string, or null for a pending block or log (read as empty); any other JSON type is a malformed
    // reply, never an InvalidOperationException from JsonElement.GetString.
    private static string GetHashText(JsonElement obj, string name) => Get(obj, name) switch
    {
        { ValueKind: JsonValueKind.String } text => text.GetString()!,
        { ValueKind: JsonValueKind.Null } => string.Empty,
        _ => throw new EthereumTransportException($"The node's reply has a malformed '{name}'."),
    };

    private static JsonElement Get(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var value) ? value : throw new EthereumTransportException($"The node's reply lacks '{name}'.");
}
