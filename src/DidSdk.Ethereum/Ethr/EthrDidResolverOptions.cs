using DidSdk.Crypto;
using DidSdk.Ethereum.Rpc;

namespace DidSdk.Ethereum.Ethr;

/// <summary>One chain the resolver reads: its name and chain id, a JSON-RPC client and the registry address.</summary>
public sealed class EthrNetwork
{
    /// <summary>The network name used in DIDs (e.g. <c>mainnet</c>, <c>sepolia</c>, <c>consortium</c>); DIDs may also name it by hex chain id.</summary>
    public string? Name { get; init; }

    /// <summary>The chain id.</summary>
    public required ulong ChainId { get; init; }

    /// <summary>The node.</summary>
    public required IEthereumRpc Rpc { get; init; }

    /// <summary>The ERC-1056 registry on that chain.</summary>
    public required EthereumAddress Registry { get; init; }
}

/// <summary>Options for <see cref="EthrDidResolver"/>. There is no default network: every chain must be configured.</summary>
public sealed class EthrDidResolverOptions
{
    /// <summary>The chains to resolve on.</summary>
    public required IReadOnlyList<EthrNetwork> Networks { get; init; }

    /// <summary>The most registry events read for one DID; more is a resolution error, not a hang. Default 10,000.</summary>
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
