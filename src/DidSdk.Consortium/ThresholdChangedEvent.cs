namespace DidSdk.Consortium;

/// <summary><c>ThresholdChanged</c>: the number of approvals a proposal needs from now on.</summary>
/// <param name="Threshold">The new threshold.</param>
/// <param name="ProposalId">The proposal that changed it; 0 for the threshold seeded at deployment.</param>
/// <param name="At">The block time.</param>
/// <param name="BlockNumber">The block.</param>
/// <param name="LogIndex">The log's position in the block.</param>
/// <param name="TransactionHash">The transaction.</param>
public sealed record ThresholdChangedEvent(int Threshold, ulong ProposalId, DateTimeOffset At, ulong BlockNumber, ulong LogIndex, string TransactionHash)
    : ConsortiumRegistryEvent(BlockNumber, LogIndex, TransactionHash);
