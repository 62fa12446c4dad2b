namespace DidSdk.Ethereum.Ethr;

/// <summary>Options for <see cref="EthrDidResolver"/>. There is no default network: every chain must be configured.</summary>
public sealed class EthrDidResolverOptions
{
    /// <summary>The chains to resolve on.</summary>
    public required IReadOnlyList<EthrNetwork> Networks { get; init; }

    /// <summary>
    /// The most time one resolution may take, across every JSON-RPC round trip, retry and backoff; when it passes the
    /// result is <see cref="EthrDidResolver.DeadlineExceededError"/>. A node that never answers, or drips its reply a byte
    /// at a time, costs this much and no more. Default 5 seconds; <see cref="System.Threading.Timeout.InfiniteTimeSpan"/>
    /// turns it off.
    /// </summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The most registry events read for one DID; more is a resolution error (<see cref="EthrDidResolver.TooManyEventsError"/>), enforced while the node's reply is read. Default 10,000.</summary>
    public int MaxEvents { get; init; } = 10_000;

    /// <summary>
    /// The first block range tried when the node refuses a whole-history <c>eth_getLogs</c>; halved on further
    /// refusals. Default 10,000 blocks.
    /// </summary>
    public ulong LogWindowBlocks { get; init; } = 10_000;

    /// <summary>Keep each DID's events up to the last finalized block and read only newer blocks afterwards. Default on.</summary>
    public bool CacheHistory { get; init; } = true;

    /// <summary>How many DIDs' histories the cache holds; when full, the least recently used eighth is dropped. Default 10,000.</summary>
    public int MaxCachedHistories { get; init; } = 10_000;

    /// <summary>When the node has no <c>finalized</c> tag, blocks this far below the head count as final. Default 64.</summary>
    public ulong FallbackFinalityDepth { get; init; } = 64;
}
