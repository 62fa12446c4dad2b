using System.Numerics;
using DidSdk.Crypto;

namespace DidSdk.Ethereum.Rpc;

/// <summary>A transaction receipt.</summary>
/// <param name="TransactionHash">The transaction.</param>
/// <param name="Succeeded">Whether it succeeded (<c>status</c> 1).</param>
/// <param name="BlockNumber">The block it was mined in.</param>
/// <param name="BlockHash">That block's hash.</param>
/// <param name="GasUsed">Gas used.</param>
/// <param name="EffectiveGasPrice">The price paid per gas.</param>
/// <param name="ContractAddress">The created contract, for a deployment.</param>
/// <param name="Logs">The logs emitted.</param>
public sealed record TransactionReceipt(string TransactionHash, bool Succeeded, ulong BlockNumber, string BlockHash, ulong GasUsed, BigInteger EffectiveGasPrice, EthereumAddress? ContractAddress, IReadOnlyList<EthereumLog> Logs);
