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
