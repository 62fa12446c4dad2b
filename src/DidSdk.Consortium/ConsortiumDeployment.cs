using DidSdk.Crypto;

namespace DidSdk.Consortium;

/// <summary>A freshly deployed registry.</summary>
/// <param name="Contract">Its address.</param>
/// <param name="TransactionHash">The deployment transaction.</param>
/// <param name="BlockNumber">The block it was mined in (a good <c>FromBlock</c> for log queries).</param>
public sealed record ConsortiumDeployment(EthereumAddress Contract, string TransactionHash, ulong BlockNumber);
