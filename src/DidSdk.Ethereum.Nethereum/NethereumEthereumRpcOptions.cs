namespace DidSdk.Ethereum.Nethereum;

/// <summary>Settings of <see cref="NethereumEthereumRpc"/>.</summary>
public sealed class NethereumEthereumRpcOptions
{
    /// <summary>The most calls sent in one JSON-RPC batch (one round trip); longer batches are split. Default 100.</summary>
    public int MaxBatchSize { get; init; } = 100;
}
