namespace DidSdk.SdJwt;

/// <summary>One presentation for <see cref="SdJwtVcVerifier.VerifyManyAsync"/> with the key binding it must carry.</summary>
/// <remarks>Not a record: its text would otherwise be printed (with personal data) by <c>ToString</c>.</remarks>
public readonly struct SdJwtVcPresentationInput
{
    /// <summary>Creates an input.</summary>
    /// <param name="presentation">The compact or JSON-serialized SD-JWT VC presentation (SD-JWT+KB).</param>
    /// <param name="expectedAudience">The Key Binding JWT's expected <c>aud</c> (this verifier).</param>
    /// <param name="expectedNonce">The Key Binding JWT's expected <c>nonce</c> (the one this verifier issued for the request).</param>
    public SdJwtVcPresentationInput(string presentation, string? expectedAudience, string? expectedNonce)
    {
        ArgumentNullException.ThrowIfNull(presentation);
        Presentation = presentation;
        ExpectedAudience = expectedAudience;
        ExpectedNonce = expectedNonce;
    }

    /// <summary>The presentation.</summary>
    public string Presentation { get; }

    /// <summary>The Key Binding JWT's expected <c>aud</c>.</summary>
    public string? ExpectedAudience { get; }

    /// <summary>The Key Binding JWT's expected <c>nonce</c>.</summary>
    public string? ExpectedNonce { get; }
}
