namespace DidSdk.SdJwt;

/// <summary>
/// Stable problem codes of SD-JWT processing and verification (<c>DIDSDK40xx</c>) and SD-JWT VC (<c>DIDSDK41xx</c>).
/// One code per distinct failure; messages are for humans and may change. The Token Status List has its own
/// codes (<see cref="TokenStatus.TokenStatusProblemCodes"/>, <c>DIDSDK48xx</c>).
/// </summary>
public static class SdJwtProblemCodes
{
    /// <summary>The input is not an SD-JWT: wrong separators, empty parts, or a malformed JSON serialization (RFC 9901 §4, §8).</summary>
    public const string Malformed = "DIDSDK4001";

    /// <summary>The input is longer than <see cref="SdJwtReaderOptions.MaxTokenLength"/>.</summary>
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

    /// <summary>An <c>_sd</c> member is not an array of strings (§4.2.4.1).</summary>
    public const string InvalidDigestArray = "DIDSDK4009";

    /// <summary>A disclosed claim name already exists at its level (§7.1 step 3.3.3).</summary>
    public const string ClaimNameConflict = "DIDSDK4010";

    /// <summary>The <c>_sd_alg</c> is not a string naming a supported hash algorithm in <see cref="SdJwtVerifierOptions.AllowedHashAlgorithms"/> (§4.1.1).</summary>
    public const string UnsupportedHashAlgorithm = "DIDSDK4011";

    /// <summary>The Issuer-signed JWT's signature does not verify with the issuer's key (§7.1 step 2).</summary>
    public const string IssuerSignatureInvalid = "DIDSDK4012";

    /// <summary>The Issuer-signed JWT is not a valid JWS/JWT (algorithm, header, payload not a JSON object).</summary>
    public const string IssuerJwtInvalid = "DIDSDK4013";

    /// <summary>The Issuer-signed JWT is past its <c>exp</c> (plus the clock skew).</summary>
    public const string IssuerJwtExpired = "DIDSDK4014";

    /// <summary>No key is known for the issuer and <c>iss</c> is not a DID the verifier can resolve.</summary>
    public const string IssuerKeyUnknown = "DIDSDK4015";

    /// <summary>The issuer's DID key could not be established: resolution failed, <c>kid</c> missing or not a verification method of <c>iss</c> authorized for <c>assertionMethod</c>. The DID problem is the cause.</summary>
    public const string IssuerKeyNotEstablished = "DIDSDK4016";

    /// <summary>The Issuer-signed JWT's <c>nbf</c> is in the future (beyond the clock skew).</summary>
    public const string IssuerJwtNotYetValid = "DIDSDK4017";

    /// <summary>The Issuer-signed JWT's <c>iat</c> is in the future (beyond the clock skew).</summary>
    public const string IssuerJwtIssuedInTheFuture = "DIDSDK4018";

    /// <summary>A registered claim of the Issuer-signed JWT is present but unreadable: <c>exp</c>, <c>nbf</c> or <c>iat</c> not a NumericDate in range, or <c>iss</c>, <c>sub</c>, <c>aud</c>, <c>jti</c> of the wrong type (RFC 7519 §4.1). Never treated as absent.</summary>
    public const string IssuerJwtClaimMalformed = "DIDSDK4019";

    /// <summary>Key binding is required but the presentation has no Key Binding JWT (§7.3).</summary>
    public const string KeyBindingMissing = "DIDSDK4021";

    /// <summary>The Key Binding JWT is not a valid JWS/JWT (§4.3).</summary>
    public const string KeyBindingInvalid = "DIDSDK4022";

    /// <summary>The Key Binding JWT's signature does not verify with the key in the <c>cnf</c> claim (§7.3 step 5).</summary>
    public const string KeyBindingSignatureInvalid = "DIDSDK4023";

    /// <summary>The Key Binding JWT's <c>sd_hash</c> does not match the presentation (§4.3.1).</summary>
    public const string SdHashMismatch = "DIDSDK4024";

    /// <summary>The Key Binding JWT's <c>aud</c> is not the expected audience (or none was expected).</summary>
    public const string KeyBindingWrongAudience = "DIDSDK4025";

    /// <summary>The Key Binding JWT's <c>nonce</c> is not the expected nonce (or none was expected).</summary>
    public const string KeyBindingWrongNonce = "DIDSDK4026";

    /// <summary>The Key Binding JWT's <c>iat</c> is in the future or older than <see cref="SdJwtVerifierOptions.KeyBindingMaxAge"/>.</summary>
    public const string KeyBindingIatOutOfWindow = "DIDSDK4027";

    /// <summary>The SD-JWT has no <c>cnf</c> claim, so a Key Binding JWT cannot be checked.</summary>
    public const string HolderKeyMissing = "DIDSDK4028";

    /// <summary>The Key Binding JWT's <c>typ</c> is not <c>kb+jwt</c> (§4.3).</summary>
    public const string KeyBindingWrongType = "DIDSDK4029";

    /// <summary>A claim of the Key Binding JWT is present but unreadable: <c>iat</c>, <c>exp</c>, <c>nbf</c> not a NumericDate in range, <c>aud</c>, <c>nonce</c>, <c>sd_hash</c> of the wrong type. Never treated as absent.</summary>
    public const string KeyBindingClaimMalformed = "DIDSDK4030";

    /// <summary>The Key Binding JWT has no <c>iat</c> (§4.3, required).</summary>
    public const string KeyBindingIatMissing = "DIDSDK4031";

    /// <summary>The Key Binding JWT has no <c>sd_hash</c> (§4.3, required).</summary>
    public const string SdHashMissing = "DIDSDK4032";

    /// <summary>The Key Binding JWT carries an <c>exp</c> that has passed, or an <c>nbf</c> in the future.</summary>
    public const string KeyBindingTimeInvalid = "DIDSDK4033";

    /// <summary>The <c>cnf</c> claim has the wrong shape: not an object, no <c>jwk</c> object, or a JWK that is not a usable public key (RFC 7800 §3).</summary>
    public const string HolderKeyInvalid = "DIDSDK4034";

    /// <summary>An object member is named <c>...</c>: that name only marks an array element digest (§4.2.4.2).</summary>
    public const string ArrayDigestOutsideArray = "DIDSDK4035";

    /// <summary>An array element object holding <c>...</c> has other members or a non-string digest (§4.2.4.2).</summary>
    public const string InvalidArrayElementDigest = "DIDSDK4036";

    /// <summary>The payload or the disclosures nest deeper than <see cref="SdJwtReaderOptions.MaxDepth"/>.</summary>
    public const string TooDeep = "DIDSDK4037";

    /// <summary>The SD-JWT carries more disclosures than <see cref="SdJwtReaderOptions.MaxDisclosures"/>.</summary>
    public const string TooManyDisclosures = "DIDSDK4038";

    /// <summary>The SD-JWT VC's <c>typ</c> is not <c>dc+sd-jwt</c> (or the legacy <c>vc+sd-jwt</c>).</summary>
    public const string VcWrongType = "DIDSDK4101";

    /// <summary>The SD-JWT VC lacks a required claim (<c>vct</c>, <c>iss</c>) or has one of the wrong type.</summary>
    public const string VcClaimInvalid = "DIDSDK4102";

    /// <summary>A claim that must never be selectively disclosable (<c>iss</c>, <c>nbf</c>, <c>exp</c>, <c>cnf</c>, <c>vct</c>, <c>status</c>) was found in a disclosure.</summary>
    public const string VcClaimDisclosed = "DIDSDK4103";

    /// <summary>The credential has a <c>status</c> claim but the verifier has no status checker and <see cref="SdJwtVerifierOptions.AllowUncheckedStatus"/> is off.</summary>
    public const string StatusUnchecked = "DIDSDK4106";

    /// <summary>A W3C <c>vc+sd-jwt</c> (<see cref="VcSdJwt"/>) has another <c>typ</c>.</summary>
    public const string VcSdJwtWrongType = "DIDSDK4111";

    /// <summary>A <c>vc+sd-jwt</c>'s <c>issuer</c> is not in the clear as a URL (or an object with one as <c>id</c>), or <c>iss</c> contradicts it.</summary>
    public const string VcSdJwtClaimInvalid = "DIDSDK4112";

    /// <summary>A <c>vc+sd-jwt</c> member that must stay in the clear (<see cref="VcSdJwt.NeverDisclosableClaims"/>) came through a disclosure.</summary>
    public const string VcSdJwtClaimDisclosed = "DIDSDK4113";

    /// <summary>A <c>vp+sd-jwt</c> (<see cref="VpSdJwt"/>) has another <c>typ</c>.</summary>
    public const string VpSdJwtWrongType = "DIDSDK4121";

    /// <summary>A <c>vp+sd-jwt</c> is not a VC Data Model 2.0 <c>VerifiablePresentation</c>, names no DID as <c>holder</c> in the clear, or has an <c>iss</c> that contradicts it. Data model problems follow as well.</summary>
    public const string VpSdJwtInvalid = "DIDSDK4122";

    /// <summary>The <c>vp+sd-jwt</c> does not verify with a verification method the holder's DID authorizes for <c>authentication</c> (the DID or JOSE problem is the cause).</summary>
    public const string VpSdJwtSignatureInvalid = "DIDSDK4123";

    /// <summary>The <c>vp+sd-jwt</c>'s <c>aud</c> is missing or does not name this verifier.</summary>
    public const string VpSdJwtWrongAudience = "DIDSDK4124";

    /// <summary>The <c>vp+sd-jwt</c>'s <c>nonce</c> is missing or not the one this verifier issued.</summary>
    public const string VpSdJwtWrongNonce = "DIDSDK4125";

    /// <summary>The <c>vp+sd-jwt</c> has no <c>iat</c>, or one older than <see cref="SdJwtVerifierOptions.KeyBindingMaxAge"/> (a future <c>iat</c> is <see cref="IssuerJwtIssuedInTheFuture"/>).</summary>
    public const string VpSdJwtIssuedAtInvalid = "DIDSDK4126";

    /// <summary>A <c>vp+sd-jwt</c> member that must stay in the clear (<c>@context</c>, <c>type</c>, <c>holder</c>, <c>verifiableCredential</c>, <c>aud</c>, <c>nonce</c>, time claims) came through a disclosure.</summary>
    public const string VpSdJwtClaimDisclosed = "DIDSDK4127";

    /// <summary>A <c>verifiableCredential</c> entry of a <c>vp+sd-jwt</c> is not an <c>EnvelopedVerifiableCredential</c> whose <c>id</c> is a <c>data:application/vc+sd-jwt,</c> URL.</summary>
    public const string VpSdJwtCredentialUnsupported = "DIDSDK4128";

    /// <summary>A <c>vp+sd-jwt</c> carries more than <see cref="VpSdJwt.MaxCredentials"/> credentials.</summary>
    public const string VpSdJwtTooManyCredentials = "DIDSDK4129";

    /// <summary>A credential in a <c>vp+sd-jwt</c> is not bound to the presenter: it names a holder key (<c>cnf</c>) but carries no Key Binding JWT, or no <c>credentialSubject</c> <c>id</c> is the holder and its <c>cnf</c> key (if any) is not the key that signed the presentation.</summary>
    public const string VpSdJwtHolderBindingFailed = "DIDSDK4130";
}
