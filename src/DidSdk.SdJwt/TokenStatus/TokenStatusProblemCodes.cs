namespace DidSdk.SdJwt.TokenStatus;

/// <summary>Stable problem codes of the Token Status List check (<c>DIDSDK48xx</c>).</summary>
public static class TokenStatusProblemCodes
{
    /// <summary>The Referenced Token's <c>status</c> claim is missing or malformed (§6.1: <c>status.status_list</c> with a non-negative integer <c>idx</c> and a URI <c>uri</c>).</summary>
    public const string InvalidStatusClaim = "DIDSDK4801";

    /// <summary>The <c>status_list</c> object is malformed: <c>bits</c> not 1/2/4/8, <c>lst</c> not base64url ZLIB data, or empty.</summary>
    public const string InvalidStatusList = "DIDSDK4802";

    /// <summary>The decompressed status list exceeds the configured limit.</summary>
    public const string StatusListTooLarge = "DIDSDK4803";

    /// <summary>The Referenced Token's <c>idx</c> is outside the status list (§8.3 step 6).</summary>
    public const string IndexOutOfRange = "DIDSDK4804";

    /// <summary>The Status List Token is not a valid JWS/JWT, or lacks a required claim (<c>sub</c>, <c>iat</c>, <c>status_list</c>).</summary>
    public const string StatusListTokenInvalid = "DIDSDK4805";

    /// <summary>The Status List Token's <c>typ</c> is not <c>statuslist+jwt</c> (§5.1).</summary>
    public const string StatusListTokenWrongType = "DIDSDK4806";

    /// <summary>The Status List Token's <c>sub</c> is not the <c>uri</c> the Referenced Token names (§5.1).</summary>
    public const string StatusListSubjectMismatch = "DIDSDK4807";

    /// <summary>The Status List Token's <c>iss</c> differs from the Referenced Token's <c>iss</c>.</summary>
    public const string StatusListIssuerMismatch = "DIDSDK4808";

    /// <summary>The Status List Token's signature does not verify with the trusted key, or its key is not the issuer's.</summary>
    public const string StatusListSignatureInvalid = "DIDSDK4809";

    /// <summary>The Status List Token has expired (<c>exp</c>) or is not yet valid.</summary>
    public const string StatusListExpired = "DIDSDK4810";

    /// <summary>The Referenced Token's status is INVALID (0x01): revoked.</summary>
    public const string Revoked = "DIDSDK4811";

    /// <summary>The Referenced Token's status is SUSPENDED (0x02).</summary>
    public const string Suspended = "DIDSDK4812";

    /// <summary>The Referenced Token's status is another non-VALID value (application specific).</summary>
    public const string NotValid = "DIDSDK4813";

    /// <summary>The Status List Token could not be fetched (network failure, timeout, HTTP error, too large, not found).</summary>
    public const string StatusListUnreachable = "DIDSDK4814";

    /// <summary>The Status List Token was issued longer ago than the relying party's freshness policy allows (<c>iat</c>).</summary>
    public const string StatusListTooOld = "DIDSDK4815";
}
