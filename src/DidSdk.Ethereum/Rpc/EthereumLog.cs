using DidSdk.Crypto;

namespace DidSdk.Ethereum.Rpc;

/// <summary>A log entry.</summary>
/// <param name="Address">The emitting contract.</param>
/// <param name="Topics">The topics (topic 0 is the event signature hash for non-anonymous events).</param>
/// <param name="Data">The non-indexed data.</param>
/// <param name="BlockNumber">The block.</param>
/// <param name="TransactionHash">The transaction.</param>
/// <param name="LogIndex">The position in the block.</param>
public sealed record EthereumLog(EthereumAddress Address, IReadOnlyList<byte[]> Topics, byte[] Data, ulong BlockNumber, string TransactionHash, ulong LogIndex);
