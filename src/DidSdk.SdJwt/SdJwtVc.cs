namespace DidSdk.SdJwt;

/// <summary>Names from SD-JWT-based Verifiable Credentials (draft-ietf-oauth-sd-jwt-vc).</summary>
public static class SdJwtVc
{
    /// <summary>The media type and <c>typ</c> of an SD-JWT VC: <c>dc+sd-jwt</c>.</summary>
    public const string Type = "dc+sd-jwt";

    /// <summary>The earlier <c>typ</c>, still accepted when verifying: <c>vc+sd-jwt</c>.</summary>
    public const string LegacyType = "vc+sd-jwt";

    /// <summary>Claims that must never be selectively disclosable (§3.2.2): the verifier needs them to process the credential.</summary>
    public static IReadOnlySet<string> NeverDisclosableClaims => NeverDisclosable;

    private static readonly HashSet<string> NeverDisclosable = new(StringComparer.Ordinal) { "iss", "nbf", "exp", "cnf", "vct", "vct#integrity", "status" };

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> NeverDisclosableByText = NeverDisclosable.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Whether <paramref name="name"/> is one of <see cref="NeverDisclosableClaims"/>, without making a string of it.</summary>
    internal static bool IsNeverDisclosable(ReadOnlySpan<char> name) => NeverDisclosableByText.Contains(name);
}
