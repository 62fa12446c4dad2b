namespace DidSdk.Ethereum.Rpc;

/// <summary>Block tags for calls that read state: <c>latest</c>, <c>pending</c>, <c>finalized</c>... or a block number.</summary>
public static class BlockTags
{
    /// <summary>The most recent block.</summary>
    public const string Latest = "latest";

    /// <summary>The pending state (for nonces).</summary>
    public const string Pending = "pending";

    /// <summary>The most recent finalized block.</summary>
    public const string Finalized = "finalized";

    /// <summary>The genesis block.</summary>
    public const string Earliest = "earliest";

    /// <summary>A block by number.</summary>
    public static string Number(ulong number) => Hex.FormatQuantity(number);
}
