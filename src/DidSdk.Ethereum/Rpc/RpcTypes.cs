using System.Text.Json;
using System.Text.Json.Nodes;

namespace DidSdk.Ethereum.Rpc;

/// <summary>One JSON-RPC 2.0 call: a method and its positional parameters.</summary>
/// <param name="Method">The method, e.g. <c>eth_call</c>.</param>
/// <param name="Parameters">The positional parameters.</param>
public sealed record RpcRequest(string Method, JsonArray Parameters);

/// <summary>A JSON-RPC error object (JSON-RPC 2.0 §5.1), e.g. a revert: code 3 with the revert data in <see cref="Data"/>.</summary>
/// <param name="Code">The error code.</param>
/// <param name="Message">The node's message.</param>
/// <param name="Data">The <c>data</c> member, if any.</param>
public sealed record RpcError(long Code, string Message, JsonElement? Data);

/// <summary>The reply to one call of a batch: a result or an error.</summary>
public sealed class RpcResult
{
    internal RpcResult(JsonElement? result, RpcError? error)
    {
        Result = result;
        Error = error;
    }

    /// <summary>The <c>result</c> member (may be JSON null, e.g. for an unknown receipt).</summary>
    public JsonElement? Result { get; }

    /// <summary>The error object, when the call failed.</summary>
    public RpcError? Error { get; }

    /// <summary>Whether the call succeeded.</summary>
    public bool IsSuccess => Error is null;

    /// <summary>The result, or an <see cref="EthereumRpcException"/> for an error object.</summary>
    public JsonElement GetResultOrThrow(string method) =>
        Error is { } error ? throw new EthereumRpcException(method, error) : Result ?? default;
}

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
}

/// <summary>The node answered with a JSON-RPC error object (a revert, an invalid transaction, an unsupported method...).</summary>
public sealed class EthereumRpcException : Exception
{
    /// <summary>Creates the exception for <paramref name="method"/>'s error.</summary>
    public EthereumRpcException(string method, RpcError error)
        : base($"{method} failed: {error?.Message} (code {error?.Code})")
    {
        ArgumentNullException.ThrowIfNull(error);
        Method = method;
        Error = error;
    }

    /// <summary>The method that failed.</summary>
    public string Method { get; }

    /// <summary>The error object.</summary>
    public RpcError Error { get; }

    /// <summary>The error code.</summary>
    public long Code => Error.Code;
}

/// <summary>The node could not be reached or its reply was unusable (HTTP error, timeout, oversized or malformed reply).</summary>
public sealed class EthereumTransportException : Exception
{
    /// <summary>Creates the exception.</summary>
    public EthereumTransportException(string message, Exception? innerException = null, int? httpStatus = null, bool responseTooLarge = false)
        : base(message, innerException)
    {
        HttpStatus = httpStatus;
        IsResponseTooLarge = responseTooLarge || httpStatus == 413;
    }

    /// <summary>The HTTP status, when the node answered with one.</summary>
    public int? HttpStatus { get; }

    /// <summary>
    /// The request or its answer was too large: the reply passed the client's size limit, or the node answered HTTP 413.
    /// A smaller request (a narrower block range, a shorter batch) may succeed.
    /// </summary>
    public bool IsResponseTooLarge { get; }

    /// <summary>Whether a retry may succeed (connection errors, timeouts, HTTP 429 and 5xx).</summary>
    public bool IsTransient => HttpStatus is null or 429 or >= 500;
}
