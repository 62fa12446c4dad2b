namespace DidSdk.Wallet;

/// <summary>One row of the <c>records</c> table: clear metadata (only what queries need) and the sealed payload.</summary>
internal readonly record struct RecordRow
{
    public required string Id { get; init; }
    public required string Kind { get; init; }
    public required long Created { get; init; }
    public string? Format { get; init; }
    public string? Issuer { get; init; }
    public string? Types { get; init; }
    public long? ValidFrom { get; init; }
    public long? ValidUntil { get; init; }
    public string? StatusReference { get; init; }
    public string? Status { get; init; }
    public long? CheckedAt { get; init; }
    public required byte[] Nonce { get; init; }
    public required byte[] Ciphertext { get; init; }
}
