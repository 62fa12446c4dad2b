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

    /// <summary>The signature does not verify with the issuer's (or holder's) key. The cause is the JOSE or DID problem.</summary>
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

    /// <summary>The JOSE <c>typ</c> (COSE <c>typ</c> or content type) is not the one the format requires (<c>vc+jwt</c>, <c>vp+jwt</c>, <c>application/vc+cose</c>, <c>application/vp+cose</c>).</summary>
    public const string WrongType = "DIDSDK3112";

    /// <summary>A credential inside a presentation failed verification; one such problem per failure, its cause being the credential's problem.</summary>
    public const string EmbeddedCredentialInvalid = "DIDSDK3113";

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

    /// <summary>The issuer is not a DID and the verifier was given no key for it (a supplied key is only for issuers that are not DIDs).</summary>
    public const string IssuerKeyUnavailable = "DIDSDK3115";

    /// <summary>The issuer's (or holder's) DID could not be resolved or is deactivated. The cause is the resolution problem.</summary>
    public const string IssuerNotResolved = "DIDSDK3116";

    /// <summary>The verification method is not found, not the issuer's, not authorized for the proof purpose, or holds no usable key. The cause is the DID problem.</summary>
    public const string VerificationMethodRejected = "DIDSDK3117";

    /// <summary>The signature's algorithm does not fit the verification method's key type (algorithm confusion).</summary>
    public const string AlgorithmKeyMismatch = "DIDSDK3118";

    /// <summary>The document has no Data Integrity <c>proof</c>.</summary>
    public const string ProofMissing = "DIDSDK3130";

    /// <summary>The proof's <c>proofPurpose</c> is not the one required (<c>assertionMethod</c> for credentials, <c>authentication</c> for presentations).</summary>
    public const string ProofPurposeMismatch = "DIDSDK3131";

    /// <summary>The proof lacks a string <c>verificationMethod</c>, or its <c>proofValue</c> is not a base58btc multibase 64-byte signature.</summary>
    public const string ProofMalformed = "DIDSDK3132";

    /// <summary>The proof's <c>@context</c> is not a prefix of the document's (VC Data Integrity §4.3 / vc-di-eddsa §3.3.2).</summary>
    public const string ProofContextMismatch = "DIDSDK3133";

    /// <summary>A proof's <c>previousProof</c> names no proof in the document (§2.1.2).</summary>
    public const string PreviousProofNotFound = "DIDSDK3134";

    /// <summary>The proof is not a <c>DataIntegrityProof</c> with a supported cryptosuite.</summary>
    public const string UnsupportedCryptosuite = "DIDSDK3135";

    /// <summary>The proof's <c>created</c> or <c>expires</c> is not an XML Schema dateTimeStamp.</summary>
    public const string ProofDateInvalid = "DIDSDK3136";

    /// <summary>The proof's <c>created</c> is later than the verifier's time plus the clock skew.</summary>
    public const string ProofCreatedInFuture = "DIDSDK3137";

    /// <summary>The proof's <c>expires</c> has passed.</summary>
    public const string ProofExpired = "DIDSDK3138";

    /// <summary>A JWT time claim (<c>exp</c>, <c>nbf</c>, <c>iat</c>) is present but not a NumericDate in range (RFC 7519 §2): an unreadable claim is an error, never "absent".</summary>
    public const string InvalidTimeClaim = "DIDSDK3140";

    /// <summary>The presentation is expired (<c>exp</c>, or its proof's <c>expires</c>).</summary>
    public const string PresentationExpired = "DIDSDK3141";

    /// <summary>The presentation is not yet valid (<c>nbf</c>).</summary>
    public const string PresentationNotYetValid = "DIDSDK3142";

    /// <summary>The credential or presentation says it was issued in the future (<c>iat</c>, or VC 1.1 <c>issuanceDate</c>), beyond the clock skew.</summary>
    public const string IssuedInFuture = "DIDSDK3143";

    /// <summary>The JWT <c>iss</c> contradicts the credential's <c>issuer</c> (or the presentation's <c>holder</c>).</summary>
    public const string IssuerMismatch = "DIDSDK3144";

    /// <summary>The JWT <c>sub</c> is not the <c>id</c> of a <c>credentialSubject</c>.</summary>
    public const string SubjectMismatch = "DIDSDK3145";

    /// <summary>The JWT <c>jti</c> contradicts the credential's <c>id</c>.</summary>
    public const string IdMismatch = "DIDSDK3146";

    /// <summary>The JWT <c>nbf</c> contradicts the credential's <c>validFrom</c> (VC 1.1 <c>issuanceDate</c>).</summary>
    public const string ValidFromMismatch = "DIDSDK3147";

    /// <summary>The JWT <c>exp</c> contradicts the credential's <c>validUntil</c> (VC 1.1 <c>expirationDate</c>).</summary>
    public const string ValidUntilMismatch = "DIDSDK3148";

    /// <summary>
    /// <c>relatedResource</c> is not one or more objects each with a unique URL <c>id</c> and a <c>digestSRI</c> or
    /// <c>digestMultibase</c>, or (<see cref="VerifiableCredential.TryVerifyRelatedResource"/>) lists no entry with the id asked for.
    /// </summary>
    public const string InvalidRelatedResource = "DIDSDK3012";

    /// <summary>A related resource does not match the digest its <c>relatedResource</c> entry gives (VC Data Model 2.0 §5.3).</summary>
    public const string RelatedResourceDigestMismatch = "DIDSDK3013";

    /// <summary>A <c>relatedResource</c> digest is unusable: <c>digestSRI</c> not <c>sha256-</c>/<c>sha384-</c>/<c>sha512-</c> with a base64 digest of that length, or <c>digestMultibase</c> not a multibase sha2 multihash.</summary>
    public const string RelatedResourceDigestInvalid = "DIDSDK3160";

    /// <summary>
    /// The COSE message is not a COSE_Sign1 (RFC 9052 §4.2) this verifier reads: not well-formed CBOR, not an array of
    /// four, a tag other than 18, a header of the wrong type, <c>crit</c>, content type or <c>typ</c> outside the
    /// protected header, a detached payload, or bytes after the message.
    /// </summary>
    public const string InvalidCose = "DIDSDK3170";

    /// <summary>The COSE message is well-formed CBOR but not canonical (indefinite lengths, longer than shortest forms, unsorted map keys; RFC 8949 §4.2.3).</summary>
    public const string CoseNotCanonical = "DIDSDK3171";

    /// <summary>A COSE header label appears twice, in one header bucket or in both (RFC 9052 §3).</summary>
    public const string CoseDuplicateLabel = "DIDSDK3172";

    /// <summary>The COSE <c>alg</c> is missing from the protected header, appears in the unprotected one, or is not on the allow-list (<see cref="CoseReaderOptions.AllowedAlgorithms"/>).</summary>
    public const string CoseAlgorithmNotAllowed = "DIDSDK3173";

    /// <summary>The COSE message exceeds a limit of <see cref="CoseReaderOptions"/>: size, header nesting or number of header parameters.</summary>
    public const string CoseLimitExceeded = "DIDSDK3174";

    /// <summary>
    /// An <c>EnvelopedVerifiableCredential</c> in a presentation (VC Data Model 2.0 §4.13.1) has a media type this verifier
    /// cannot unwrap: a <c>data:application/vc+sd-jwt,</c> credential while no <c>vc+sd-jwt</c>
    /// <see cref="ICredentialFormatHandler"/> is registered (DidSdk.SdJwt's <c>VcSdJwtFormatHandler</c>), or a media type
    /// other than <c>vc+jwt</c>, <c>vc+cose</c> and <c>vc+sd-jwt</c>.
    /// </summary>
    public const string EnvelopedFormatUnsupported = "DIDSDK3119";

    /// <summary>
    /// A credential in a presentation is bound to a holder key (<c>cnf</c>, RFC 7800) but not to this presentation: it
    /// carries no Key Binding JWT that verified, and the key that signed the presentation is not its <c>cnf</c> key (or
    /// <c>cnf</c> names the key in a form this verifier cannot compare, e.g. <c>cnf.kid</c>). Without it, anyone could
    /// present another holder's key-bound credential in their own presentation.
    /// </summary>
    public const string CredentialNotBoundToHolder = "DIDSDK3149";
}
