namespace DidSdk.Ethereum.Transactions;

/// <summary>A transaction or its gas estimate reverted.</summary>
public sealed class TransactionRevertedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public TransactionRevertedException(RevertReason reason, string? transactionHash = null, Rpc.TransactionReceipt? receipt = null)
        : base($"The transaction reverted: {UntrustedText.Sanitize(reason?.Message)}")
    {
        ArgumentNullException.ThrowIfNull(reason);
        Reason = reason;
        TransactionHash = transactionHash;
        Receipt = receipt;
    }

    /// <summary>The decoded reason.</summary>
    public RevertReason Reason { get; }

    /// <summary>The transaction, when it was mined (null when the estimate already reverted).</summary>
    public string? TransactionHash { get; }

    /// <summary>The receipt of the reverted transaction.</summary>
    public Rpc.TransactionReceipt? Receipt { get; }
}
