namespace DidSdk.Ethereum.Rpc;

/// <summary>
/// A reply held more items than the caller allowed (e.g. more logs than <c>maxLogs</c>); reading stopped at the first
/// item too many. Problem code <see cref="ProblemCode"/>.
/// </summary>
public sealed class EthereumResultLimitException : Exception
{
    /// <summary>The stable problem code: DIDSDK5002.</summary>
    public const string ProblemCode = "DIDSDK5002";

    /// <summary>Creates the exception.</summary>
    /// <param name="method">The JSON-RPC method.</param>
    /// <param name="limit">The limit that was passed.</param>
    public EthereumResultLimitException(string method, int limit)
        : base($"{UntrustedText.Sanitize(method, 64)} returned more than {limit} items.")
    {
        Method = method;
        Limit = limit;
    }

    /// <summary>The JSON-RPC method.</summary>
    public string Method { get; }

    /// <summary>The limit that was passed.</summary>
    public int Limit { get; }
}
