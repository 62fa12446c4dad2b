namespace DidSdk.Consortium;

/// <summary>The outcome of a registry transaction.</summary>
/// <param name="TransactionHash">The transaction.</param>
/// <param name="BlockNumber">The block it was mined in.</param>
/// <param name="ProposalId">The proposal created, approved or executed.</param>
/// <param name="Executed">Whether the proposal is executed after this transaction.</param>
public sealed record ConsortiumWriteResult(string TransactionHash, ulong BlockNumber, ulong ProposalId, bool Executed);
