using DidSdk.Crypto;

namespace DidSdk.Ethereum.Registry;

/// <summary><c>DIDOwnerChanged(address indexed identity, address owner, uint previousChange)</c>.</summary>
public sealed record DidOwnerChanged : Erc1056Event
{
    /// <summary>The new owner (the zero address deactivates the DID).</summary>
    public required EthereumAddress Owner { get; init; }
}
