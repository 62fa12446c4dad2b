namespace DidSdk.Ethereum.Rpc;

/// <summary>The node answered with a JSON-RPC error object (a revert, an invalid transaction, an unsupported method...).</summary>
public sealed class EthereumRpcException : Exception
{
    /// <summary>Creates the exception for <paramref name="method"/>'s error.</summary>
    public EthereumRpcException(string method, RpcError error)
        : base($"{UntrustedText.Sanitize(method, 64)} failed: {UntrustedText.Sanitize(error?.Message)} (code {error?.Code})")
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
