namespace DidSdk.Ethereum.Rpc;

/// <summary>Options for <see cref="QuorumEthereumRpc"/>.</summary>
public sealed class QuorumEthereumRpcOptions
{
    /// <summary>
    /// How many nodes must give the identical answer. <see langword="null"/> (the default) means a majority of the
    /// configured nodes (2 of 3, 3 of 4, 3 of 5).
    /// </summary>
    public int? Quorum { get; init; }

    /// <summary>
    /// How long the other nodes may still report their head once a quorum has, before a moving block tag is pinned
    /// (see <see cref="QuorumEthereumRpc"/>). <see langword="null"/> (the default) means 250 ms.
    /// </summary>
    public TimeSpan? HeadGrace { get; init; }
}
