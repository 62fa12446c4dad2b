namespace DidSdk.SdJwt;

/// <summary>Stable problem codes of SD-JWT processing and verification (<c>DIDSDK40xx</c>, SD-JWT VC <c>DIDSDK41xx</c>).</summary>
public static class SdJwtProblemCodes
{
    /// <summary>The input is not an SD-JWT: wrong separators, empty parts, or a malformed JSON serialization (RFC 9901 §4, §8).</summary>
    public const string Malformed = "DIDSDK4001";

    /// <summary>The input is longer than the configured limit, or has more disclosures than allowed.</summary>
    public const string TooLarge = "DIDSDK4002";

    /// <summary>A disclosure is not base64url of a UTF-8 JSON array of 2 or 3 elements with a string salt and claim name (§4.2).</summary>
    public const string DisclosureMalformed = "DIDSDK4003";

    /// <summary>The same disclosure appears more than once (§7.1).</summary>
    public const string DuplicateDisclosure = "DIDSDK4004";

    /// <summary>A digest appears more than once in the payload, directly or inside disclosures (§7.1 step 3.5).</summary>
    public const string DuplicateDigest = "DIDSDK4005";

    /// <summary>A disclosure is not referenced by any digest (§7.1 step 3.5).</summary>
    public const string UnreferencedDisclosure = "DIDSDK4006";

    /// <summary>A disclosure names the claim <c>_sd</c> or <c>...</c> (§7.1 step 3.3.2).</summary>
    public const string ForbiddenClaimName = "DIDSDK4007";

    /// <summary>An array-element disclosure is referenced from <c>_sd</c>, or an object-property disclosure from an array element (§7.1).</summary>
    public const string DisclosureInWrongPlace = "DIDSDK4008";

    /// <summary>An <c>_sd</c> member is not an array of strings, or a <c>...</c> array element is malformed (§4.2.4).</summary>
    public const string InvalidDigestArray = "DIDSDK4009";

    /// <summary>A disclosed claim name already exists at its level (§7.1 step 3.3.3).</summary>
    public const string ClaimNameConflict = "DIDSDK4010";

    /// <summary>The <c>_sd_alg</c> names a hash algorithm that is not supported or not allowed (§4.1.1).</summary>
    public const string UnsupportedHashAlgorithm = "DIDSDK4011";

    /// <summary>The Issuer-signed JWT's signature does not verify, or its key could not be established (§7.1 step 2).</summary>
    public const string IssuerSignatureInvalid = "DIDSDK4012";

    /// <summary>The Issuer-signed JWT is not a valid JWS/JWT (algorithm, header, claims).</summary>
    public const string IssuerJwtInvalid = "DIDSDK4013";

    /// <summary>The Issuer-signed JWT is expired, not yet valid, or issued in the future.</summary>
    public const string IssuerJwtTimeInvalid = "DIDSDK4014";

    /// <summary>Key binding is required but the presentation has no Key Binding JWT (§7.3).</summary>
    public const string KeyBindingMissing = "DIDSDK4021";

    /// <summary>The Key Binding JWT is malformed, or its <c>typ</c> is not <c>kb+jwt</c> (§4.3).</summary>
    public const string KeyBindingInvalid = "DIDSDK4022";

    /// <summary>The Key Binding JWT's signature does not verify with the key in the <c>cnf</c> claim (§7.3 step 5).</summary>
    public const string KeyBindingSignatureInvalid = "DIDSDK4023";

    /// <summary>The Key Binding JWT's <c>sd_hash</c> does not match the presentation (§4.3.1).</summary>
    public const string SdHashMismatch = "DIDSDK4024";

    /// <summary>The Key Binding JWT's <c>aud</c> is not the expected audience.</summary>
    public const string KeyBindingWrongAudience = "DIDSDK4025";

    /// <summary>The Key Binding JWT's <c>nonce</c> is not the expected nonce.</summary>
    public const string KeyBindingWrongNonce = "DIDSDK4026";

    /// <summary>The Key Binding JWT's <c>iat</c> is missing, in the future, or older than the accepted window.</summary>
    public const string KeyBindingIatOutOfWindow = "DIDSDK4027";

    /// <summary>The SD-JWT has no usable holder key (<c>cnf</c> with a <c>jwk</c>) to check key binding against.</summary>
    public const string HolderKeyMissing = "DIDSDK4028";

    /// <summary>The SD-JWT VC's <c>typ</c> is not <c>dc+sd-jwt</c> (or the legacy <c>vc+sd-jwt</c>).</summary>
    public const string VcWrongType = "DIDSDK4101";

    /// <summary>The SD-JWT VC lacks a required claim (<c>vct</c>, <c>iss</c>) or has one of the wrong type.</summary>
    public const string VcClaimInvalid = "DIDSDK4102";

    /// <summary>A claim that must never be selectively disclosable (<c>iss</c>, <c>nbf</c>, <c>exp</c>, <c>cnf</c>, <c>vct</c>, <c>status</c>) was found in a disclosure.</summary>
    public const string VcClaimDisclosed = "DIDSDK4103";

    /// <summary>The issuer is not trusted by the verifier's policy.</summary>
    public const string UntrustedIssuer = "DIDSDK4104";

    /// <summary>The credential's status is not VALID, or could not be checked (the Token Status List problem is attached).</summary>
    public const string StatusNotValid = "DIDSDK4105";
}
