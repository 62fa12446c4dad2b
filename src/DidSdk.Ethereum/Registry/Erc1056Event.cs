using DidSdk.Crypto;

namespace DidSdk.Ethereum.Registry;

/// <summary>An ERC-1056 registry event, in chain order by (<see cref="BlockNumber"/>, <see cref="LogIndex"/>).</summary>
public abstract record Erc1056Event
{
    /// <summary>The identity the event is about.</summary>
    public required EthereumAddress Identity { get; init; }

    /// <summary>The block of the identity's previous change (0 for the first), forming a linked list through history.</summary>
    public required ulong PreviousChange { get; init; }

    /// <summary>The block the event was emitted in.</summary>
    public required ulong BlockNumber { get; init; }

    /// <summary>The event's position in its block.</summary>
    public required ulong LogIndex { get; init; }
}
