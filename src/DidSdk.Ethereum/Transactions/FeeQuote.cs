using System.Numerics;

namespace DidSdk.Ethereum.Transactions;

/// <summary>The fees to put in a transaction.</summary>
/// <param name="Type">EIP-1559 or legacy.</param>
/// <param name="MaxFeePerGas">EIP-1559 fee cap.</param>
/// <param name="MaxPriorityFeePerGas">EIP-1559 tip.</param>
/// <param name="GasPrice">Legacy gas price.</param>
public sealed record FeeQuote(TransactionType Type, BigInteger MaxFeePerGas, BigInteger MaxPriorityFeePerGas, BigInteger GasPrice)
{
    /// <summary>EIP-1559 fees.</summary>
    public static FeeQuote Eip1559(BigInteger maxFeePerGas, BigInteger maxPriorityFeePerGas) => new(TransactionType.Eip1559, maxFeePerGas, maxPriorityFeePerGas, 0);

    /// <summary>A legacy gas price.</summary>
    public static FeeQuote Legacy(BigInteger gasPrice) => new(TransactionType.Legacy, 0, 0, gasPrice);
}
