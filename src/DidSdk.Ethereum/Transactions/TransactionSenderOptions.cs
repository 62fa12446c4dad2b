namespace DidSdk.Ethereum.Transactions;

/// <summary>Options for <see cref="TransactionSender"/>.</summary>
public sealed class TransactionSenderOptions
{
    /// <summary>How fees are chosen. Default <see cref="DefaultFeeStrategy"/>.</summary>
    public IFeeStrategy FeeStrategy { get; init; } = new DefaultFeeStrategy();

    /// <summary>The gas estimate is multiplied by this. Default 1.2.</summary>
    public double GasMargin { get; init; } = 1.2;

    /// <summary>Blocks to wait for on top of the inclusion block (1 = included). Default 1.</summary>
    public int Confirmations { get; init; } = 1;

    /// <summary>How often to poll for the receipt. Default 250 ms.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>How long to wait for the receipt and confirmations. Default 3 minutes.</summary>
    public TimeSpan ReceiptTimeout { get; init; } = TimeSpan.FromMinutes(3);

    /// <summary>The chain id; <see langword="null"/> asks the node once.</summary>
    public ulong? ChainId { get; init; }

    /// <summary>The nonce manager; share one per account across senders. Default: a private one.</summary>
    public NonceManager? Nonces { get; init; }
}
