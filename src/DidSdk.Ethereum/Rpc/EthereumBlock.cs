using System.Numerics;

namespace DidSdk.Ethereum.Rpc;

/// <summary>A block header's fields the SDK uses.</summary>
/// <param name="Number">The block number.</param>
/// <param name="Hash">The block hash.</param>
/// <param name="Timestamp">The block time.</param>
/// <param name="BaseFeePerGas">The EIP-1559 base fee, when the chain has one.</param>
public sealed record EthereumBlock(ulong Number, string Hash, DateTimeOffset Timestamp, BigInteger? BaseFeePerGas);
