namespace DidSdk.Ethereum.Rpc;

/// <summary>Options for <see cref="QuorumEthereumRpc"/>.</summary>
public sealed class QuorumEthereumRpcOptions
{
    /// <summary>
    /// How many nodes must give the identical answer. <see langword="null"/> (the default) means a majority of the
    /// configured nodes (2 of 3, 3 of 4, 3 of 5).
    /// </summary>
    public int? Quorum { get; init; }
}
