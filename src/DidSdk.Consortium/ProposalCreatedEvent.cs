using DidSdk.Crypto;

namespace DidSdk.Consortium;

/// <summary><c>ProposalCreated</c>: a member proposed a change (its own approval follows as <see cref="ProposalApprovedEvent"/>).</summary>
/// <param name="ProposalId">The proposal.</param>
/// <param name="Proposer">The member who proposed it.</param>
/// <param name="Action">What it does when executed.</param>
/// <param name="Data">The ABI-encoded arguments of the action (as <see cref="ConsortiumProposal.Data"/>).</param>
/// <param name="ExpiresAt">When it expires (block time).</param>
/// <param name="BlockNumber">The block.</param>
/// <param name="LogIndex">The log's position in the block.</param>
/// <param name="TransactionHash">The transaction.</param>
public sealed record ProposalCreatedEvent(ulong ProposalId, EthereumAddress Proposer, ConsortiumAction Action, ReadOnlyMemory<byte> Data, DateTimeOffset ExpiresAt, ulong BlockNumber, ulong LogIndex, string TransactionHash)
    : ConsortiumRegistryEvent(BlockNumber, LogIndex, TransactionHash);
