using DidSdk.Crypto;

namespace DidSdk.Consortium;

/// <summary><c>MemberRemoved</c>: from here on the member's approvals of pending proposals no longer count.</summary>
/// <param name="Member">The removed member's account.</param>
/// <param name="ProposalId">The proposal that removed it.</param>
/// <param name="At">The block time.</param>
/// <param name="BlockNumber">The block.</param>
/// <param name="LogIndex">The log's position in the block.</param>
/// <param name="TransactionHash">The transaction.</param>
public sealed record MemberRemovedEvent(EthereumAddress Member, ulong ProposalId, DateTimeOffset At, ulong BlockNumber, ulong LogIndex, string TransactionHash)
    : ConsortiumRegistryEvent(BlockNumber, LogIndex, TransactionHash);
