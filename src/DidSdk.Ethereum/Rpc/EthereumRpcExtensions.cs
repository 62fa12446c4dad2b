using System.Text.Json.Nodes;
using System.Numerics;
using System.Text.Json;
using DidSdk.Crypto;

namespace DidSdk.Ethereum.Rpc;

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
        EthereumRpcRequests.ParseQuantity(await Rpc(rpc).SendAsync("eth_getBalance", new JsonArray((JsonNode)address.ToLowerHexString(), (JsonNode)blockTag), cancellationToken).ConfigureAwait(false));

    /// <summary><c>eth_getTransactionCount</c> (the next nonce at <paramref name="blockTag"/>).</summary>
    public static async Task<ulong> GetTransactionCountAsync(this IEthereumRpc rpc, EthereumAddress address, string blockTag = BlockTags.Pending, CancellationToken cancellationToken = default) =>
        EthereumRpcRequests.ParseUInt64(await Rpc(rpc).SendAsync("eth_getTransactionCount", new JsonArray((JsonNode)address.ToLowerHexString(), (JsonNode)blockTag), cancellationToken).ConfigureAwait(false));

    /// <summary><c>eth_call</c>: the return data (a revert throws <see cref="EthereumRpcException"/> with the revert data).</summary>
    public static async Task<byte[]> CallAsync(this IEthereumRpc rpc, CallRequest call, string blockTag = BlockTags.Latest, CancellationToken cancellationToken = default)
    {
        var request = EthereumRpcRequests.Call(call, blockTag);
        return EthereumRpcRequests.ParseData(await Rpc(rpc).SendAsync(request.Method, request.Parameters, cancellationToken).ConfigureAwait(false));
    }

    /// <summary><c>eth_estimateGas</c>.</summary>
    public static async Task<ulong> EstimateGasAsync(this IEthereumRpc rpc, CallRequest call, CancellationToken cancellationToken = default) =>
        EthereumRpcRequests.ParseUInt64(await Rpc(rpc).SendAsync("eth_estimateGas", new JsonArray(call.ToJson()), cancellationToken).ConfigureAwait(false));

    /// <summary><c>eth_getLogs</c>.</summary>
    public static async Task<IReadOnlyList<EthereumLog>> GetLogsAsync(this IEthereumRpc rpc, LogFilter filter, CancellationToken cancellationToken = default)
    {
        return await Rpc(rpc).GetLogsAsync(filter, int.MaxValue, cancellationToken).ConfigureAwait(false);
    }

    /// <summary><c>eth_getBlockByNumber</c>; null when there is no such block.</summary>
    public static async Task<EthereumBlock?> GetBlockAsync(this IEthereumRpc rpc, string blockTag = BlockTags.Latest, CancellationToken cancellationToken = default) =>
        EthereumRpcRequests.ParseBlock(await Rpc(rpc).SendAsync("eth_getBlockByNumber", new JsonArray((JsonNode)blockTag, (JsonNode)false), cancellationToken).ConfigureAwait(false));

    /// <summary><c>eth_gasPrice</c>.</summary>
    public static async Task<BigInteger> GetGasPriceAsync(this IEthereumRpc rpc, CancellationToken cancellationToken = default) =>
        EthereumRpcRequests.ParseQuantity(await Rpc(rpc).SendAsync("eth_gasPrice", [], cancellationToken).ConfigureAwait(false));

    /// <summary><c>eth_maxPriorityFeePerGas</c>.</summary>
    public static async Task<BigInteger> GetMaxPriorityFeePerGasAsync(this IEthereumRpc rpc, CancellationToken cancellationToken = default) =>
        EthereumRpcRequests.ParseQuantity(await Rpc(rpc).SendAsync("eth_maxPriorityFeePerGas", [], cancellationToken).ConfigureAwait(false));

    /// <summary><c>eth_sendRawTransaction</c>: the transaction hash.</summary>
    public static async Task<string> SendRawTransactionAsync(this IEthereumRpc rpc, ReadOnlyMemory<byte> signedTransaction, CancellationToken cancellationToken = default)
    {
        var result = await Rpc(rpc).SendAsync("eth_sendRawTransaction", new JsonArray((JsonNode)Hex.FormatData(signedTransaction.Span)), cancellationToken).ConfigureAwait(false);
        return result.ValueKind == JsonValueKind.String && Hex.TryParseData(result.GetString(), out var hash) && hash.Length == 32
            ? result.GetString()!
            : throw new EthereumTransportException("eth_sendRawTransaction did not return a transaction hash.");
    }

    /// <summary><c>eth_getTransactionReceipt</c>; null while the transaction is pending.</summary>
    public static async Task<TransactionReceipt?> GetTransactionReceiptAsync(this IEthereumRpc rpc, string transactionHash, CancellationToken cancellationToken = default) =>
        EthereumRpcRequests.ParseReceipt(await Rpc(rpc).SendAsync("eth_getTransactionReceipt", new JsonArray((JsonNode)transactionHash), cancellationToken).ConfigureAwait(false));

    private static IEthereumRpc Rpc(IEthereumRpc rpc) => rpc ?? throw new ArgumentNullException(nameof(rpc));
}
