namespace DidSdk.Ethereum.Registry;

/// <summary>The outcome of a registry write.</summary>
/// <param name="TransactionHash">The transaction.</param>
/// <param name="BlockNumber">The block it was mined in.</param>
public sealed record RegistryWriteResult(string TransactionHash, ulong BlockNumber);
