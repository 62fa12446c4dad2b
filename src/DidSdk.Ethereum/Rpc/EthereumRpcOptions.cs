namespace DidSdk.Ethereum.Rpc;

/// <summary>Options for <see cref="EthereumRpcClient"/>.</summary>
public sealed class EthereumRpcOptions
{
    /// <summary>The node's JSON-RPC URL.</summary>
    public required Uri Endpoint { get; init; }

    /// <summary>The time allowed for one HTTP round trip. Default 30 seconds.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Retries after a transient failure (connection error, timeout, HTTP 429 or 5xx); never after an error object. Default 3.</summary>
    public int MaxRetries { get; init; } = 3;

    /// <summary>The first retry delay; each further retry doubles it, with ±50% jitter. Default 200 ms.</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The largest reply accepted, in bytes. Default 64 MiB (ranged eth_getLogs replies can be large).</summary>
    public int MaxResponseBytes { get; init; } = 64 * 1024 * 1024;

    /// <summary>The most calls sent in one batch; longer lists are split. Default 100.</summary>
    public int MaxBatchSize { get; init; } = 100;
}
