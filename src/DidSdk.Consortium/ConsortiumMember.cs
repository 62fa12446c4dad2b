using DidSdk.Crypto;

namespace DidSdk.Consortium;

/// <summary>A member of the consortium.</summary>
/// <param name="Address">The account that proposes and approves.</param>
/// <param name="Did">The member's DID (e.g. its did:ethr).</param>
/// <param name="Name">Its display name.</param>
public sealed record ConsortiumMember(EthereumAddress Address, string Did, string Name);
