using DidSdk.Crypto;

namespace DidSdk.Consortium;

/// <summary><c>ProposalApproved</c>: a member approved a proposal (the proposer's approval included).</summary>
/// <param name="ProposalId">The proposal.</param>
/// <param name="Member">The approving member.</param>
/// <param name="BlockNumber">The block.</param>
/// <param name="LogIndex">The log's position in the block.</param>
/// <param name="TransactionHash">The transaction.</param>
public sealed record ProposalApprovedEvent(ulong ProposalId, EthereumAddress Member, ulong BlockNumber, ulong LogIndex, string TransactionHash)
    : ConsortiumRegistryEvent(BlockNumber, LogIndex, TransactionHash);
