namespace DidSdk.Core.Jose;

/// <summary>
/// Stable problem codes for JWS parsing and verification (<c>DIDSDK20xx</c>) and JWT claims validation
/// (<c>DIDSDK21xx</c>). Each rejection has its own code; messages are for humans and may change.
/// </summary>
public static class JoseProblemCodes
{
    /// <summary>The input is not a JWS in the expected serialization (empty, or members missing or of the wrong type).</summary>
    public const string Malformed = "DIDSDK2001";

    /// <summary>The input is longer than <see cref="JwsReaderOptions.MaxTokenLength"/>.</summary>
    public const string TooLarge = "DIDSDK2002";

    /// <summary>A compact JWS does not have exactly three dot-separated parts (RFC 7515 §7.1).</summary>
    public const string WrongSegmentCount = "DIDSDK2003";

    /// <summary>A part is not canonical unpadded base64url (RFC 7515 §2).</summary>
    public const string InvalidBase64Url = "DIDSDK2004";

    /// <summary>The protected header is not a JSON object in UTF-8 (RFC 7515 §5.2 step 3–4).</summary>
    public const string InvalidHeader = "DIDSDK2005";

    /// <summary>A header has a duplicate member name, or a name appears in both the protected and the unprotected header (RFC 7515 §5.2 step 4, §7.2.1).</summary>
    public const string DuplicateHeaderParameter = "DIDSDK2006";

    /// <summary>JSON nests deeper than <see cref="JwsReaderOptions.MaxJsonDepth"/>.</summary>
    public const string JsonTooDeep = "DIDSDK2007";

    /// <summary>The protected header has no <c>alg</c> string (RFC 7515 §4.1.1).</summary>
    public const string AlgorithmMissing = "DIDSDK2008";

    /// <summary><c>alg</c> is <c>none</c>: Unsecured JWSs (RFC 7518 §3.6) are never accepted.</summary>
    public const string AlgorithmNone = "DIDSDK2009";

    /// <summary><c>alg</c> is not in <see cref="JwsReaderOptions.AllowedAlgorithms"/> or not supported (HMAC, RSA, ...).</summary>
    public const string AlgorithmNotAllowed = "DIDSDK2010";

    /// <summary><c>crit</c> is not a non-empty array of distinct strings naming extension parameters (RFC 7515 §4.1.11).</summary>
    public const string CriticalHeaderMalformed = "DIDSDK2011";

    /// <summary><c>crit</c> lists a parameter this reader does not understand (RFC 7515 §4.1.11).</summary>
    public const string CriticalHeaderUnsupported = "DIDSDK2012";

    /// <summary><c>crit</c> lists a parameter that is not in the protected header (RFC 7515 §4.1.11; critical parameters must be integrity protected here).</summary>
    public const string CriticalHeaderMissing = "DIDSDK2013";

    /// <summary><c>b64</c> is <see langword="false"/> (RFC 7797) and <see cref="JwsReaderOptions.AllowUnencodedPayload"/> is off, or <c>b64</c> is misused.</summary>
    public const string UnencodedPayloadNotAllowed = "DIDSDK2014";

    /// <summary>The signature does not have the exact length of the algorithm (64 bytes for EdDSA, ES256K and ES256).</summary>
    public const string InvalidSignatureLength = "DIDSDK2015";

    /// <summary>A registered header parameter has the wrong JSON type (for example a non-string <c>kid</c> or <c>typ</c>).</summary>
    public const string InvalidHeaderParameter = "DIDSDK2016";

    /// <summary>The signature does not verify with the given public key.</summary>
    public const string InvalidSignature = "DIDSDK2017";

    /// <summary>The public key's type does not fit the header's <c>alg</c> (for example an Ed25519 key for <c>ES256</c>).</summary>
    public const string AlgorithmKeyMismatch = "DIDSDK2018";

    /// <summary>The JSON serialization has more signatures than <see cref="JwsReaderOptions.MaxSignatures"/>.</summary>
    public const string TooManySignatures = "DIDSDK2019";

    /// <summary>A JWE's <c>enc</c> is missing or not an allowed content encryption algorithm (<c>A128GCM</c>, <c>A256GCM</c>).</summary>
    public const string EncryptionNotAllowed = "DIDSDK2030";

    /// <summary>A JWE's <c>epk</c> is not a P-256 public key whose point is on the curve (RFC 7518 §4.6.1.1).</summary>
    public const string InvalidEphemeralKey = "DIDSDK2031";

    /// <summary>A JWE does not decrypt with the key: the authentication tag does not verify (RFC 7516 §5.2 step 16).</summary>
    public const string DecryptionFailed = "DIDSDK2032";

    /// <summary>The JWT Claims Set is not a JSON object or a registered claim has the wrong type (RFC 7519 §4.1, §7.2 step 10).</summary>
    public const string ClaimsMalformed = "DIDSDK2101";

    /// <summary>The current time is at or after <c>exp</c> plus the clock skew (RFC 7519 §4.1.4): "expired".</summary>
    public const string Expired = "DIDSDK2102";

    /// <summary>The current time is before <c>nbf</c> minus the clock skew (RFC 7519 §4.1.5): "not yet valid".</summary>
    public const string NotYetValid = "DIDSDK2103";

    /// <summary><c>iat</c> is later than the current time plus the clock skew (RFC 7519 §4.1.6): "iat in the future".</summary>
    public const string IssuedInTheFuture = "DIDSDK2104";

    /// <summary><c>iss</c> is missing or not the expected issuer (RFC 7519 §4.1.1).</summary>
    public const string WrongIssuer = "DIDSDK2105";

    /// <summary><c>aud</c> is missing or does not contain the expected audience (RFC 7519 §4.1.3): "wrong audience".</summary>
    public const string WrongAudience = "DIDSDK2106";

    /// <summary><c>nonce</c> is missing or not the expected nonce.</summary>
    public const string WrongNonce = "DIDSDK2107";

    /// <summary><c>exp</c> is required by the options but missing.</summary>
    public const string ExpirationMissing = "DIDSDK2108";

    /// <summary><c>iat</c> is required by the options but missing.</summary>
    public const string IssuedAtMissing = "DIDSDK2109";

    /// <summary><c>iat</c> is older than <see cref="JwtValidationOptions.MaxAge"/> allows.</summary>
    public const string TooOld = "DIDSDK2110";

    /// <summary><c>sub</c> is missing or not the expected subject (RFC 7519 §4.1.2).</summary>
    public const string WrongSubject = "DIDSDK2111";
}
