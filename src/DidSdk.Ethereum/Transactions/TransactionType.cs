namespace DidSdk.Ethereum.Transactions;

/// <summary>The transaction envelope.</summary>
public enum TransactionType
{
    /// <summary>A legacy transaction signed per EIP-155 (replay-protected by chain id).</summary>
    Legacy = 0,

    /// <summary>An EIP-1559 dynamic-fee transaction (type 2).</summary>
    Eip1559 = 2,
}
