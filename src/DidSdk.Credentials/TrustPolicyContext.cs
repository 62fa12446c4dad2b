using System.Text.Json.Nodes;

namespace DidSdk.Credentials;

/// <summary>
/// What a verifier hands an <see cref="ITrustPolicy"/> about a credential whose signature has verified. Enough to
/// answer "was <see cref="Issuer"/> accredited for one of <see cref="CredentialTypes"/> at <see cref="IssuedAt"/>, and
/// was <see cref="VerificationMethod"/> its key then" as well as the same question at <see cref="VerificationTime"/>.
/// </summary>
public sealed class TrustPolicyContext
{
    /// <summary>The issuer (a DID, or an HTTPS URL for issuers verified with a key the caller supplied). Verified: the signature binds it.</summary>
    public required string Issuer { get; init; }

    /// <summary>
    /// The credential types: the VC <c>type</c> values (VC Data Model 2.0 §4.5, e.g. <c>VerifiableCredential</c>,
    /// <c>KycCredential</c>, as written in the credential, not expanded), or for SD-JWT VC the single <c>vct</c>.
    /// </summary>
    public required IReadOnlyList<string> CredentialTypes { get; init; }

    /// <summary>
    /// When the credential claims it was issued: <c>iat</c> when the format has it (VC-JOSE, VC-JWT 1.1, SD-JWT VC),
    /// else <c>validFrom</c> (VC 1.1 <c>issuanceDate</c>, VC-JWT 1.1 <c>nbf</c>), else the Data Integrity proof's
    /// <c>created</c>; <see langword="null"/> when the credential states none. It is the issuer's claim, signed but not
    /// proven: a policy judging trust at issuance must check that <see cref="VerificationMethod"/> was the issuer's key
    /// at that time (a back-dated credential signed with a key added later must fail).
    /// </summary>
    public DateTimeOffset? IssuedAt { get; init; }

    /// <summary>
    /// The absolute DID URL of the verification method whose key verified the signature (for a Data Integrity proof
    /// set, the first proof's), or <see langword="null"/> when the signature was verified with a key the caller supplied.
    /// </summary>
    public string? VerificationMethod { get; init; }

    /// <summary>The format (<see cref="CredentialFormats"/>, or a handler's <see cref="ICredentialFormatHandler.Format"/> such as <c>dc+sd-jwt</c>).</summary>
    public required string Format { get; init; }

    /// <summary>The verifier's current time (from its <see cref="TimeProvider"/>): the "now" of a trust-now check.</summary>
    public required DateTimeOffset VerificationTime { get; init; }

    /// <summary>The verified credential JSON (for SD-JWT VC the disclosed claims), for policies that need more. Treat as read-only.</summary>
    public JsonObject? Claims { get; init; }
}
