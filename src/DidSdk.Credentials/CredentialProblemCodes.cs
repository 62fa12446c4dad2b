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
}
