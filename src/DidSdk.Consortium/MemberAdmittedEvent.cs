using DidSdk.Crypto;

namespace DidSdk.Consortium;

/// <summary><c>MemberAdmitted</c>: a founding member (proposal 0) or one a proposal admitted.</summary>
/// <param name="Member">The member's account.</param>
/// <param name="Did">Its DID.</param>
/// <param name="Name">Its display name.</param>
/// <param name="ProposalId">The proposal that admitted it; 0 for the founding members seeded at deployment.</param>
/// <param name="At">The block time.</param>
/// <param name="BlockNumber">The block.</param>
/// <param name="LogIndex">The log's position in the block.</param>
/// <param name="TransactionHash">The transaction.</param>
public sealed record MemberAdmittedEvent(EthereumAddress Member, string Did, string Name, ulong ProposalId, DateTimeOffset At, ulong BlockNumber, ulong LogIndex, string TransactionHash)
    : ConsortiumRegistryEvent(BlockNumber, LogIndex, TransactionHash);
