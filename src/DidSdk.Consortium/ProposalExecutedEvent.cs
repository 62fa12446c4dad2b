using DidSdk.Crypto;

namespace DidSdk.Consortium;

/// <summary><c>ProposalExecuted</c>: a proposal took effect; its effect is the event just before it in the same transaction.</summary>
/// <param name="ProposalId">The proposal.</param>
/// <param name="Executor">The member who executed it.</param>
/// <param name="BlockNumber">The block.</param>
/// <param name="LogIndex">The log's position in the block.</param>
/// <param name="TransactionHash">The transaction.</param>
public sealed record ProposalExecutedEvent(ulong ProposalId, EthereumAddress Executor, ulong BlockNumber, ulong LogIndex, string TransactionHash)
    : ConsortiumRegistryEvent(BlockNumber, LogIndex, TransactionHash);
