using System.Text.Json;
using System.Text.Json.Nodes;

namespace DidSdk.Ethereum.Rpc;

/// <summary>
/// A JSON-RPC endpoint of an EVM chain (anvil, geth, Besu, Erigon...). Implementations must not retry calls whose reply
/// is a JSON-RPC error object: those are answers (a revert, a rejected transaction), not transport failures.
/// </summary>
public interface IEthereumRpc
{
    /// <summary>Sends one call and returns its <c>result</c>; an error object throws <see cref="EthereumRpcException"/>.</summary>
    Task<JsonElement> SendAsync(string method, JsonArray parameters, CancellationToken cancellationToken = default);

    /// <summary>Sends calls as JSON-RPC batches (one HTTP round trip per batch of up to the configured size); replies are in request order.</summary>
    Task<IReadOnlyList<RpcResult>> SendBatchAsync(IReadOnlyList<RpcRequest> requests, CancellationToken cancellationToken = default);

    /// <summary>
    /// <c>eth_getLogs</c>, failing with <see cref="EthereumResultLimitException"/> when the reply holds more than
    /// <paramref name="maxLogs"/> logs. This default reads the whole reply through <see cref="SendAsync"/> and then counts;
    /// <see cref="EthereumRpcClient"/> counts while reading, so a hostile node cannot make it buffer more than the limit.
    /// </summary>
    async Task<IReadOnlyList<EthereumLog>> GetLogsAsync(LogFilter filter, int maxLogs, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentOutOfRangeException.ThrowIfNegative(maxLogs);
        var request = EthereumRpcRequests.GetLogs(filter);
        var result = await SendAsync(request.Method, request.Parameters, cancellationToken).ConfigureAwait(false);
        if (result.ValueKind == JsonValueKind.Array && result.GetArrayLength() > maxLogs)
        {
            throw new EthereumResultLimitException(request.Method, maxLogs);
        }

        return EthereumRpcRequests.ParseLogs(result);
    }
}
