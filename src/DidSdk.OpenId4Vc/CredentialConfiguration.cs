namespace DidSdk.OpenId4Vc;

/// <summary>
/// One entry of <c>credential_configurations_supported</c> (OpenID4VCI 1.0 §12.2.4, Appendix A): what the issuer
/// offers under <see cref="Id"/>. A bindable setting on the issuer side; what a wallet read from metadata on the other.
/// </summary>
public sealed class CredentialConfiguration
{
    /// <summary>The <c>dc+sd-jwt</c> format identifier (SD-JWT VC, OpenID4VCI 1.0 Appendix A.3).</summary>
    public const string SdJwtVcFormat = "dc+sd-jwt";

    /// <summary>The <c>jwt_vc_json</c> format identifier (W3C VC secured as a JWT, not using JSON-LD; Appendix A.1.1).</summary>
    public const string JwtVcJsonFormat = "jwt_vc_json";

    /// <summary>The Credential Configuration identifier (the key in <c>credential_configurations_supported</c>).</summary>
    public string Id { get; set; } = "";

    /// <summary><c>format</c>: <see cref="SdJwtVcFormat"/> or <see cref="JwtVcJsonFormat"/>.</summary>
    public string Format { get; set; } = SdJwtVcFormat;

    /// <summary><c>vct</c>: the SD-JWT VC type (required for <see cref="SdJwtVcFormat"/>).</summary>
    public string? Vct { get; set; }

    /// <summary>
    /// <c>credential_definition.type</c> for <see cref="JwtVcJsonFormat"/>: the credential's types, starting with
    /// <c>VerifiableCredential</c>.
    /// </summary>
    public IReadOnlyList<string> Types { get; set; } = [];

    /// <summary><c>scope</c>: the OAuth scope that requests this configuration, if any.</summary>
    public string? Scope { get; set; }

    /// <summary>
    /// For <see cref="SdJwtVcFormat"/>: JSON Pointers (RFC 6901) of the claims to make selectively disclosable when they
    /// are present in the claims the bank supplies. Ignored for other formats.
    /// </summary>
    public IReadOnlyList<string> DisclosableClaims { get; set; } = [];

    /// <summary><c>credential_metadata.display</c>: how wallets show the credential.</summary>
    public IReadOnlyList<DisplayProperties> Display { get; set; } = [];

    /// <summary>
    /// <c>proof_types_supported.jwt.proof_signing_alg_values_supported</c> as read from metadata by a wallet; on the issuer
    /// side <see cref="OpenId4VciIssuerOptions.ProofSigningAlgorithms"/> applies and this is ignored.
    /// </summary>
    public IReadOnlyList<string> ProofSigningAlgorithms { get; set; } = [];
}
