using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace DidSdk.Ethereum.Rpc;

/// <summary>The reply to one call of a batch: a result or an error.</summary>
public sealed class RpcResult
{
    internal RpcResult(JsonElement? result, RpcError? error)
    {
        Result = result;
        Error = error;
    }

    /// <summary>A successful reply, for <see cref="IEthereumRpc"/> implementations over another transport.</summary>
    /// <param name="result">The <c>result</c> member (JSON null allowed).</param>
    public static RpcResult Success(JsonElement result) => new(result, null);

    /// <summary>An error reply, for <see cref="IEthereumRpc"/> implementations over another transport.</summary>
    /// <param name="error">The error object.</param>
    public static RpcResult Failure(RpcError error) => new(null, error ?? throw new ArgumentNullException(nameof(error)));

    /// <summary>The <c>result</c> member (may be JSON null, e.g. for an unknown receipt).</summary>
    public JsonElement? Result { get; }

    /// <summary>The error object, when the call failed.</summary>
    public RpcError? Error { get; }

    /// <summary>Whether the call succeeded: <see cref="Result"/> holds the answer; otherwise <see cref="Error"/> says why not.</summary>
    [MemberNotNullWhen(true, nameof(Result))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Succeeded => Error is null;

    /// <summary>The result, or an <see cref="EthereumRpcException"/> for an error object.</summary>
    public JsonElement GetResultOrThrow(string method) =>
        Error is { } error ? throw new EthereumRpcException(method, error) : Result ?? default;
}
