namespace DidSdk.Consortium;

/// <summary>
/// One event of a <c>ConsortiumTrustRegistry</c>, decoded: together, in chain order, they rebuild the registry's whole
/// history (<see cref="ConsortiumTrustRegistry.GetHistoryAsync"/>).
/// </summary>
/// <param name="BlockNumber">The block.</param>
/// <param name="LogIndex">The log's position in the block.</param>
/// <param name="TransactionHash">The transaction that emitted it.</param>
public abstract record ConsortiumRegistryEvent(ulong BlockNumber, ulong LogIndex, string TransactionHash);
