namespace DidSdk.SdJwt;

/// <summary>Names from SD-JWT-based Verifiable Credentials (draft-ietf-oauth-sd-jwt-vc).</summary>
public static class SdJwtVc
{
    /// <summary>The media type and <c>typ</c> of an SD-JWT VC: <c>dc+sd-jwt</c>.</summary>
    public const string Type = "dc+sd-jwt";

    /// <summary>The earlier <c>typ</c>, still accepted when verifying: <c>vc+sd-jwt</c>.</summary>
    public const string LegacyType = "vc+sd-jwt";

    /// <summary>Claims that must never be selectively disclosable (§3.2.2): the verifier needs them to process the credential.</summary>
    public static IReadOnlySet<string> NeverDisclosableClaims { get; } = new HashSet<string>(StringComparer.Ordinal) { "iss", "nbf", "exp", "cnf", "vct", "vct#integrity", "status" };
}
