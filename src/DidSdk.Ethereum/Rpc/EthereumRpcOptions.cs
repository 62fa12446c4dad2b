namespace DidSdk.Ethereum.Rpc;

/// <summary>Options for <see cref="EthereumRpcClient"/>.</summary>
public sealed class EthereumRpcOptions
{
    /// <summary>The node's JSON-RPC URL.</summary>
    public required Uri Endpoint { get; init; }

    /// <summary>The time allowed for one HTTP round trip. Default 30 seconds.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Retries after a transient failure (connection error, timeout, HTTP 429 or 5xx); never after an error object.
    /// Default 3, at most <see cref="MaxRetriesLimit"/>.
    /// </summary>
    public int MaxRetries { get; init; } = 3;

    /// <summary>
    /// The time allowed for one call, every attempt and backoff included; when it runs out the call fails with
    /// <see cref="EthereumTransportException"/> and is not retried. Default 60 seconds. A did:ethr resolution has its own,
    /// shorter deadline (<c>EthrDidResolverOptions.Timeout</c>).
    /// </summary>
    public TimeSpan CallTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The largest <see cref="MaxRetries"/> accepted: a node that keeps failing must not hold a caller for long.</summary>
    public const int MaxRetriesLimit = 10;

    /// <summary>The first retry delay; each further retry doubles it, with ±50% jitter. Default 200 ms.</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The largest reply accepted, in bytes. Default 64 MiB (ranged eth_getLogs replies can be large).</summary>
    public int MaxResponseBytes { get; init; } = 64 * 1024 * 1024;

    /// <summary>The most calls sent in one batch; longer lists are split. Default 100.</summary>
    public int MaxBatchSize { get; init; } = 100;
}
