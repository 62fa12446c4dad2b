using System.Numerics;
using System.Text.Json;
using System.Text.Json.Nodes;
using DidSdk.Crypto;

namespace DidSdk.Ethereum.Rpc;

/// <summary>Block tags for calls that read state: <c>latest</c>, <c>pending</c>, <c>finalized</c>... or a block number.</summary>
public static class BlockTags
{
    /// <summary>The most recent block.</summary>
    public const string Latest = "latest";

    /// <summary>The pending state (for nonces).</summary>
    public const string Pending = "pending";

    /// <summary>The most recent finalized block.</summary>
    public const string Finalized = "finalized";

    /// <summary>The genesis block.</summary>
    public const string Earliest = "earliest";

    /// <summary>A block by number.</summary>
    public static string Number(ulong number) => Hex.FormatQuantity(number);
}

/// <summary>An <c>eth_call</c> / <c>eth_estimateGas</c> request.</summary>
public sealed class CallRequest
{
    /// <summary>The sender, if it matters.</summary>
    public EthereumAddress? From { get; init; }

    /// <summary>The contract (or <see langword="null"/> for a contract creation estimate).</summary>
    public EthereumAddress? To { get; init; }

    /// <summary>The call data.</summary>
    public ReadOnlyMemory<byte> Data { get; init; }

    /// <summary>The value in wei.</summary>
    public BigInteger Value { get; init; }

    internal JsonObject ToJson()
    {
        var obj = new JsonObject();
        if (From is not null)
        {
            obj["from"] = From.ToLowerHexString();
        }

        if (To is not null)
        {
            obj["to"] = To.ToLowerHexString();
        }

        obj["data"] = Hex.FormatData(Data.Span);
        if (!Value.IsZero)
        {
            obj["value"] = Hex.FormatQuantity(Value);
        }

        return obj;
    }
}

/// <summary>An <c>eth_getLogs</c> filter.</summary>
public sealed class LogFilter
{
    /// <summary>The emitting contract.</summary>
    public EthereumAddress? Address { get; init; }

    /// <summary>The first block (inclusive).</summary>
    public ulong FromBlock { get; init; }

    /// <summary>The last block (inclusive); <see langword="null"/> for <c>latest</c>.</summary>
    public ulong? ToBlock { get; init; }

    /// <summary>Topic filters by position; <see langword="null"/> matches anything there.</summary>
    public IReadOnlyList<byte[]?> Topics { get; init; } = [];

    internal JsonObject ToJson()
    {
        var obj = new JsonObject
        {
            ["fromBlock"] = Hex.FormatQuantity(FromBlock),
            ["toBlock"] = ToBlock is { } to ? Hex.FormatQuantity(to) : BlockTags.Latest,
        };
        if (Address is not null)
        {
            obj["address"] = Address.ToLowerHexString();
        }

        obj["topics"] = new JsonArray([.. Topics.Select(t => t is null ? null : (JsonNode)Hex.FormatData(t))]);
        return obj;
    }
}

/// <summary>A log entry.</summary>
/// <param name="Address">The emitting contract.</param>
/// <param name="Topics">The topics (topic 0 is the event signature hash for non-anonymous events).</param>
/// <param name="Data">The non-indexed data.</param>
/// <param name="BlockNumber">The block.</param>
/// <param name="TransactionHash">The transaction.</param>
/// <param name="LogIndex">The position in the block.</param>
public sealed record EthereumLog(EthereumAddress Address, IReadOnlyList<byte[]> Topics, byte[] Data, ulong BlockNumber, string TransactionHash, ulong LogIndex);

/// <summary>A block header's fields the SDK uses.</summary>
/// <param name="Number">The block number.</param>
/// <param name="Hash">The block hash.</param>
/// <param name="Timestamp">The block time.</param>
/// <param name="BaseFeePerGas">The EIP-1559 base fee, when the chain has one.</param>
public sealed record EthereumBlock(ulong Number, string Hash, DateTimeOffset Timestamp, BigInteger? BaseFeePerGas);

/// <summary>A transaction receipt.</summary>
/// <param name="TransactionHash">The transaction.</param>
/// <param name="Succeeded">Whether it succeeded (<c>status</c> 1).</param>
/// <param name="BlockNumber">The block it was mined in.</param>
/// <param name="BlockHash">That block's hash.</param>
/// <param name="GasUsed">Gas used.</param>
/// <param name="EffectiveGasPrice">The price paid per gas.</param>
/// <param name="ContractAddress">The created contract, for a deployment.</param>
/// <param name="Logs">The logs emitted.</param>
public sealed record TransactionReceipt(string TransactionHash, bool Succeeded, ulong BlockNumber, string BlockHash, ulong GasUsed, BigInteger EffectiveGasPrice, EthereumAddress? ContractAddress, IReadOnlyList<EthereumLog> Logs);

/// <summary>Typed requests for batching, and strict parsers for their results.</summary>
public static class EthereumRpcRequests
{
    /// <summary><c>eth_chainId</c>.</summary>
    public static RpcRequest ChainId() => new("eth_chainId", []);

    /// <summary><c>eth_blockNumber</c>.</summary>
    public static RpcRequest BlockNumber() => new("eth_blockNumber", []);

    /// <summary><c>eth_call</c>.</summary>
    public static RpcRequest Call(CallRequest call, string blockTag = BlockTags.Latest) => new("eth_call", [call.ToJson(), blockTag]);

    /// <summary><c>eth_getLogs</c>.</summary>
    public static RpcRequest GetLogs(LogFilter filter) => new("eth_getLogs", [filter.ToJson()]);

    /// <summary><c>eth_getBlockByNumber</c> without transactions.</summary>
    public static RpcRequest GetBlockByNumber(string blockTag) => new("eth_getBlockByNumber", [blockTag, false]);

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
            Get(result, "hash").GetString() ?? string.Empty,
            DateTimeOffset.FromUnixTimeSeconds((long)ParseUInt64(Get(result, "timestamp"))),
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
            Get(result, "transactionHash").GetString() ?? string.Empty,
            ParseUInt64(Get(result, "status")) == 1,
            ParseUInt64(Get(result, "blockNumber")),
            Get(result, "blockHash").GetString() ?? string.Empty,
            ParseUInt64(Get(result, "gasUsed")),
            price,
            contract,
            result.TryGetProperty("logs", out var logs) ? ParseLogs(logs) : []);
    }

    private static EthereumLog ParseLog(JsonElement log)
    {
        if (log.ValueKind != JsonValueKind.Object || !EthereumAddress.TryParse(Get(log, "address").GetString(), out var address))
        {
            throw new EthereumTransportException("A log is malformed.");
        }

        var topics = Get(log, "topics");
        if (topics.ValueKind != JsonValueKind.Array || topics.GetArrayLength() > 4)
        {
            throw new EthereumTransportException("A log's topics are malformed.");
        }

        var parsedTopics = topics.EnumerateArray().Select(t => ParseData(t) is { Length: 32 } bytes ? bytes : throw new EthereumTransportException("A topic is not 32 bytes.")).ToArray();
        return new EthereumLog(address, parsedTopics, ParseData(Get(log, "data")), ParseUInt64(Get(log, "blockNumber")), Get(log, "transactionHash").GetString() ?? string.Empty, ParseUInt64(Get(log, "logIndex")));
    }

    private static JsonElement Get(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var value) ? value : throw new EthereumTransportException($"The node's reply lacks '{name}'.");
}

/// <summary>Typed calls on <see cref="IEthereumRpc"/>.</summary>
public static class EthereumRpcExtensions
{
    /// <summary><c>eth_chainId</c>.</summary>
    public static async Task<ulong> GetChainIdAsync(this IEthereumRpc rpc, CancellationToken cancellationToken = default) =>
        EthereumRpcRequests.ParseUInt64(await Rpc(rpc).SendAsync("eth_chainId", [], cancellationToken).ConfigureAwait(false));

    /// <summary><c>eth_blockNumber</c>.</summary>
    public static async Task<ulong> GetBlockNumberAsync(this IEthereumRpc rpc, CancellationToken cancellationToken = default) =>
        EthereumRpcRequests.ParseUInt64(await Rpc(rpc).SendAsync("eth_blockNumber", [], cancellationToken).ConfigureAwait(false));

    /// <summary><c>eth_getBalance</c> in wei.</summary>
    public static async Task<BigInteger> GetBalanceAsync(this IEthereumRpc rpc, EthereumAddress address, string blockTag = BlockTags.Latest, CancellationToken cancellationToken = default) =>
        EthereumRpcRequests.ParseQuantity(await Rpc(rpc).SendAsync("eth_getBalance", [address.ToLowerHexString(), blockTag], cancellationToken).ConfigureAwait(false));

    /// <summary><c>eth_getTransactionCount</c> (the next nonce at <paramref name="blockTag"/>).</summary>
    public static async Task<ulong> GetTransactionCountAsync(this IEthereumRpc rpc, EthereumAddress address, string blockTag = BlockTags.Pending, CancellationToken cancellationToken = default) =>
        EthereumRpcRequests.ParseUInt64(await Rpc(rpc).SendAsync("eth_getTransactionCount", [address.ToLowerHexString(), blockTag], cancellationToken).ConfigureAwait(false));

    /// <summary><c>eth_call</c>: the return data (a revert throws <see cref="EthereumRpcException"/> with the revert data).</summary>
    public static async Task<byte[]> CallAsync(this IEthereumRpc rpc, CallRequest call, string blockTag = BlockTags.Latest, CancellationToken cancellationToken = default)
    {
        var request = EthereumRpcRequests.Call(call, blockTag);
        return EthereumRpcRequests.ParseData(await Rpc(rpc).SendAsync(request.Method, request.Parameters, cancellationToken).ConfigureAwait(false));
    }

    /// <summary><c>eth_estimateGas</c>.</summary>
    public static async Task<ulong> EstimateGasAsync(this IEthereumRpc rpc, CallRequest call, CancellationToken cancellationToken = default) =>
        EthereumRpcRequests.ParseUInt64(await Rpc(rpc).SendAsync("eth_estimateGas", [call.ToJson()], cancellationToken).ConfigureAwait(false));

    /// <summary><c>eth_getLogs</c>.</summary>
    public static async Task<IReadOnlyList<EthereumLog>> GetLogsAsync(this IEthereumRpc rpc, LogFilter filter, CancellationToken cancellationToken = default)
    {
        var request = EthereumRpcRequests.GetLogs(filter);
        return EthereumRpcRequests.ParseLogs(await Rpc(rpc).SendAsync(request.Method, request.Parameters, cancellationToken).ConfigureAwait(false));
    }

    /// <summary><c>eth_getBlockByNumber</c>; null when there is no such block.</summary>
    public static async Task<EthereumBlock?> GetBlockAsync(this IEthereumRpc rpc, string blockTag = BlockTags.Latest, CancellationToken cancellationToken = default) =>
        EthereumRpcRequests.ParseBlock(await Rpc(rpc).SendAsync("eth_getBlockByNumber", [blockTag, false], cancellationToken).ConfigureAwait(false));

    /// <summary><c>eth_gasPrice</c>.</summary>
    public static async Task<BigInteger> GetGasPriceAsync(this IEthereumRpc rpc, CancellationToken cancellationToken = default) =>
        EthereumRpcRequests.ParseQuantity(await Rpc(rpc).SendAsync("eth_gasPrice", [], cancellationToken).ConfigureAwait(false));

    /// <summary><c>eth_maxPriorityFeePerGas</c>.</summary>
    public static async Task<BigInteger> GetMaxPriorityFeePerGasAsync(this IEthereumRpc rpc, CancellationToken cancellationToken = default) =>
        EthereumRpcRequests.ParseQuantity(await Rpc(rpc).SendAsync("eth_maxPriorityFeePerGas", [], cancellationToken).ConfigureAwait(false));

    /// <summary><c>eth_sendRawTransaction</c>: the transaction hash.</summary>
    public static async Task<string> SendRawTransactionAsync(this IEthereumRpc rpc, ReadOnlyMemory<byte> signedTransaction, CancellationToken cancellationToken = default)
    {
        var result = await Rpc(rpc).SendAsync("eth_sendRawTransaction", [Hex.FormatData(signedTransaction.Span)], cancellationToken).ConfigureAwait(false);
        return result.ValueKind == JsonValueKind.String && Hex.TryParseData(result.GetString(), out var hash) && hash.Length == 32
            ? result.GetString()!
            : throw new EthereumTransportException("eth_sendRawTransaction did not return a transaction hash.");
    }

    /// <summary><c>eth_getTransactionReceipt</c>; null while the transaction is pending.</summary>
    public static async Task<TransactionReceipt?> GetTransactionReceiptAsync(this IEthereumRpc rpc, string transactionHash, CancellationToken cancellationToken = default) =>
        EthereumRpcRequests.ParseReceipt(await Rpc(rpc).SendAsync("eth_getTransactionReceipt", [transactionHash], cancellationToken).ConfigureAwait(false));

    private static IEthereumRpc Rpc(IEthereumRpc rpc) => rpc ?? throw new ArgumentNullException(nameof(rpc));
}
