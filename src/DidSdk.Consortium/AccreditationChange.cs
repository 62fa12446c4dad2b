namespace DidSdk.Consortium;

/// <summary>One <c>AccreditationChanged</c> event: the accreditation's state after a change, with the block time.</summary>
/// <param name="IssuerDid">The issuer.</param>
/// <param name="CredentialType">The credential type.</param>
/// <param name="Status">The new state.</param>
/// <param name="ValidFrom">Start of the validity window.</param>
/// <param name="ValidUntil">End of the window (exclusive); <see langword="null"/> for none.</param>
/// <param name="ProposalId">The proposal that made the change.</param>
/// <param name="At">The block time of the change.</param>
/// <param name="BlockNumber">The block.</param>
/// <param name="LogIndex">The log's position in the block.</param>
/// <param name="TransactionHash">The transaction.</param>
public sealed record AccreditationChange(string IssuerDid, string CredentialType, AccreditationStatus Status, DateTimeOffset ValidFrom, DateTimeOffset? ValidUntil, ulong ProposalId, DateTimeOffset At, ulong BlockNumber, ulong LogIndex, string TransactionHash)
    : ConsortiumRegistryEvent(BlockNumber, LogIndex, TransactionHash);
