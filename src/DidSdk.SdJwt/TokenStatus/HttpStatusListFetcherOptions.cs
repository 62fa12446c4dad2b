namespace DidSdk.SdJwt.TokenStatus;

/// <summary>Options for <see cref="HttpStatusListFetcher"/>.</summary>
public sealed class HttpStatusListFetcherOptions
{
    /// <summary>
    /// Fetch from loopback hosts over plain <c>http</c>, giving up TLS for them (tests and local development only).
    /// Default <see langword="false"/>: the draft requires TLS (§8.1).
    /// </summary>
    public bool AllowHttpForLoopback { get; init; }

    /// <summary>The largest Status List Token accepted, in bytes. Default 2 MiB.</summary>
    public int MaxResponseBytes { get; init; } = 2 * 1024 * 1024;

    /// <summary>The time allowed for one fetch. Default 10 seconds.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);
}
