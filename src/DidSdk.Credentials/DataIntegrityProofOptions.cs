namespace DidSdk.Credentials;

/// <summary>The options of a Data Integrity proof (VC Data Integrity 1.0 §2.1).</summary>
public sealed class DataIntegrityProofOptions
{
    /// <summary>The verification method's DID URL.</summary>
    public required string VerificationMethod { get; init; }

    /// <summary>The proof purpose: <c>assertionMethod</c> for credentials, <c>authentication</c> for presentations.</summary>
    public string ProofPurpose { get; init; } = "assertionMethod";

    /// <summary>The <c>created</c> time (seconds precision).</summary>
    public DateTimeOffset? Created { get; init; }

    /// <summary>The <c>expires</c> time.</summary>
    public DateTimeOffset? Expires { get; init; }

    /// <summary>The verifier's <c>challenge</c> (presentations).</summary>
    public string? Challenge { get; init; }

    /// <summary>The <c>domain</c> the proof is for (presentations).</summary>
    public string? Domain { get; init; }

    /// <summary>An <c>id</c> for the proof (needed to chain a later proof to it).</summary>
    public string? Id { get; init; }

    /// <summary>The <c>previousProof</c> id(s), making a proof chain (§2.1.2).</summary>
    public IReadOnlyList<string> PreviousProof { get; init; } = [];
}
