namespace DidSdk.Credentials;

/// <summary>Stable problem codes of the credentials module (<c>DIDSDK30xx</c> data model, <c>31xx</c> securing and verification).</summary>
public static class CredentialProblemCodes
{
    /// <summary><c>@context</c> is missing, not a list of URLs and objects, or does not start with the VC context (VC DM 2.0 §4.3).</summary>
    public const string InvalidContext = "DIDSDK3001";

    /// <summary><c>type</c> is missing or lacks <c>VerifiableCredential</c>/<c>VerifiablePresentation</c> (§4.5).</summary>
    public const string InvalidType = "DIDSDK3002";

    /// <summary><c>id</c> is not a single URL (§4.4).</summary>
    public const string InvalidId = "DIDSDK3003";

    /// <summary><c>issuer</c> is missing, or not a URL or an object with a URL <c>id</c> (§4.7).</summary>
    public const string InvalidIssuer = "DIDSDK3004";

    /// <summary><c>credentialSubject</c> is missing, empty, or a subject makes no claim or has more than one <c>id</c> (§4.8).</summary>
    public const string InvalidCredentialSubject = "DIDSDK3005";

    /// <summary><c>validFrom</c>/<c>validUntil</c> (or 1.1 <c>issuanceDate</c>/<c>expirationDate</c>) is not an XML Schema dateTimeStamp, or ends before it starts (§4.9).</summary>
    public const string InvalidValidityPeriod = "DIDSDK3006";

    /// <summary>A typed object (status, schema, evidence, terms of use, refresh service, proof) lacks its <c>type</c>, or its <c>id</c> is not a single URL.</summary>
    public const string InvalidTypedObject = "DIDSDK3007";

    /// <summary><c>name</c>/<c>description</c> is not a string or a language value object (§4.6).</summary>
    public const string InvalidLanguageValue = "DIDSDK3008";

    /// <summary>An inline context redefines a term of the VC context, or maps a term to something that is not an absolute IRI.</summary>
    public const string InvalidTermDefinition = "DIDSDK3009";

    /// <summary>A presentation's <c>holder</c> is not a URL or an object with a URL <c>id</c>, or a credential in it is malformed (§4.13).</summary>
    public const string InvalidPresentation = "DIDSDK3010";

    /// <summary>The input is not a JSON object, or exceeds the size or depth limits.</summary>
    public const string Malformed = "DIDSDK3011";

    /// <summary>The input is in no format this verifier handles (VC-JOSE, VC-JWT 1.1, Data Integrity, or a registered handler's).</summary>
    public const string UnsupportedFormat = "DIDSDK3101";

    /// <summary>The JWS is malformed or uses an algorithm outside the allow-list.</summary>
    public const string InvalidJws = "DIDSDK3102";

    /// <summary>The signature does not verify with an authorized verification method of the issuer (or holder).</summary>
    public const string SignatureInvalid = "DIDSDK3103";

    /// <summary>The <c>kid</c> names a verification method of another DID than the issuer (or holder).</summary>
    public const string KeyIdNotIssuer = "DIDSDK3104";

    /// <summary>The credential is expired (<c>validUntil</c>/<c>exp</c>).</summary>
    public const string Expired = "DIDSDK3105";

    /// <summary>The credential is not yet valid (<c>validFrom</c>/<c>nbf</c>).</summary>
    public const string NotYetValid = "DIDSDK3106";

    /// <summary>The issuer is not trusted by the verifier's policy.</summary>
    public const string UntrustedIssuer = "DIDSDK3107";

    /// <summary>The presentation's audience is not this verifier.</summary>
    public const string WrongAudience = "DIDSDK3108";

    /// <summary>The presentation's nonce (or challenge) is not the one this verifier issued.</summary>
    public const string WrongNonce = "DIDSDK3109";

    /// <summary>The credential has a status entry that cannot be checked with this verifier's configuration.</summary>
    public const string StatusUnchecked = "DIDSDK3110";

    /// <summary>The VC-JWT claims contradict the credential (iss vs issuer, sub vs credentialSubject.id, jti vs id).</summary>
    public const string ClaimMismatch = "DIDSDK3111";

    /// <summary>The JOSE <c>typ</c> is not the one the format requires (<c>vc+jwt</c>, <c>vp+jwt</c>).</summary>
    public const string WrongType = "DIDSDK3112";

    /// <summary>A credential inside a presentation failed verification (its problems follow).</summary>
    public const string EmbeddedCredentialInvalid = "DIDSDK3113";

    /// <summary>The credential's status says it is revoked or suspended.</summary>
    public const string StatusNotValid = "DIDSDK3114";

    /// <summary>The credential is revoked (its revocation bit in the Bitstring Status List is set).</summary>
    public const string Revoked = "DIDSDK3121";

    /// <summary>The credential is suspended (its suspension bit is set).</summary>
    public const string Suspended = "DIDSDK3122";

    /// <summary>The status list credential could not be fetched (network, HTTP error, size limit).</summary>
    public const string StatusListUnreachable = "DIDSDK3123";

    /// <summary>The status list credential is invalid: bad signature, another issuer, wrong purpose, expired, undecodable list, index out of range.</summary>
    public const string StatusListInvalid = "DIDSDK3124";

    /// <summary>The status entry is malformed (type, statusPurpose, statusListIndex, statusListCredential, statusSize).</summary>
    public const string InvalidStatusEntry = "DIDSDK3125";
}
