namespace DidSdk.Core.Dids;

/// <summary>
/// One entry of a verification relationship (DID Core 1.0 §5.3): either a reference (a DID URL naming a verification
/// method) or an embedded verification method that is only valid for that relationship.
/// </summary>
public sealed class VerificationMethodReference
{
    /// <summary>A reference to a verification method by its absolute DID URL.</summary>
    /// <param name="id">The DID URL, e.g. <c>did:example:123#key-1</c>.</param>
    public VerificationMethodReference(string id)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        Id = id;
    }

    /// <summary>An embedded verification method.</summary>
    /// <param name="embedded">The method.</param>
    public VerificationMethodReference(VerificationMethod embedded)
    {
        ArgumentNullException.ThrowIfNull(embedded);
        Embedded = embedded;
        Id = embedded.Id;
    }

    /// <summary>The id of the referenced or embedded method (absolute DID URL).</summary>
    public string Id { get; }

    /// <summary>The embedded method, or <see langword="null"/> for a reference.</summary>
    public VerificationMethod? Embedded { get; }

    /// <summary>Whether this entry embeds the method.</summary>
    public bool IsEmbedded => Embedded is not null;

    /// <summary>A reference to <paramref name="id"/>.</summary>
    public static implicit operator VerificationMethodReference(string id) => new(id);

    /// <summary>An embedded <paramref name="method"/>.</summary>
    public static implicit operator VerificationMethodReference(VerificationMethod method) => new(method);

    /// <summary>A reference to <paramref name="id"/>.</summary>
    public static VerificationMethodReference FromString(string id) => new(id);

    /// <summary>An embedded <paramref name="method"/>.</summary>
    public static VerificationMethodReference FromVerificationMethod(VerificationMethod method) => new(method);

    /// <inheritdoc/>
    public override string ToString() => Id;
}
