namespace DidSdk.OpenId4Vc;

/// <summary>Stable problem codes of the OpenID for Verifiable Presentations 1.0 verifier and wallet client (<c>DIDSDK71xx</c>).</summary>
public static class OpenId4VpProblemCodes
{
    /// <summary>The Authorization Response names no live session: unknown, expired or already answered <c>state</c>.</summary>
    public const string UnknownState = "DIDSDK7101";

    /// <summary>The Authorization Response is malformed: missing or repeated parameters, <c>vp_token</c> not a JSON object of arrays.</summary>
    public const string InvalidResponse = "DIDSDK7102";

    /// <summary>The <c>vp_token</c> is larger than <see cref="OpenId4VpVerifierOptions.MaxVpTokenLength"/>.</summary>
    public const string VpTokenTooLarge = "DIDSDK7103";

    /// <summary>This exact <c>vp_token</c> was received before (replay).</summary>
    public const string VpTokenReplayed = "DIDSDK7104";

    /// <summary>The <c>vp_token</c> does not answer the DCQL query: a required credential is missing, or it answers a query id that was not asked.</summary>
    public const string QueryNotSatisfied = "DIDSDK7105";

    /// <summary>A presentation did not verify (signature, key binding to this request's nonce and client id, status, validity, trust).</summary>
    public const string PresentationNotVerified = "DIDSDK7106";

    /// <summary>A presentation discloses claims the DCQL query did not request.</summary>
    public const string DisclosureNotRequested = "DIDSDK7107";

    /// <summary>A presentation's format or type does not match its Credential Query (<c>format</c>, <c>meta</c>, <c>claims</c> values, <c>multiple</c>).</summary>
    public const string CredentialQueryMismatch = "DIDSDK7108";

    /// <summary>The wallet answered with an error response (the message carries its OAuth <c>error</c> code).</summary>
    public const string WalletError = "DIDSDK7109";

    /// <summary>The Authorization Request is malformed or uses a parameter value this wallet does not support.</summary>
    public const string InvalidRequest = "DIDSDK7110";

    /// <summary>The Request Object's signature does not verify with a key of the verifier's DID, or its <c>typ</c> is wrong.</summary>
    public const string RequestSignatureInvalid = "DIDSDK7111";

    /// <summary>The <c>client_id</c> of the Request Object differs from the one in the request URI, or its prefix is not supported.</summary>
    public const string ClientIdMismatch = "DIDSDK7112";

    /// <summary>The <c>response_uri</c> is on an origin the client identifier does not allow.</summary>
    public const string ResponseUriNotAllowed = "DIDSDK7113";

    /// <summary>The wallet holds no credentials that satisfy the DCQL query.</summary>
    public const string NoMatchingCredentials = "DIDSDK7114";

    /// <summary>The holder did not consent to the presentation.</summary>
    public const string ConsentDenied = "DIDSDK7115";

    /// <summary>The verifier refused the Authorization Response (the message carries its <c>error</c> code).</summary>
    public const string ResponseRefused = "DIDSDK7116";

    /// <summary>
    /// The encrypted Authorization Response (<c>direct_post.jwt</c>) is not a JWE this verifier can decrypt with the
    /// request's key (wrong key, tampered, unsupported algorithm), or its payload is not a JSON object of parameters.
    /// </summary>
    public const string EncryptedResponseInvalid = "DIDSDK7117";

    /// <summary>The request asked for <c>direct_post.jwt</c> but the response was not encrypted.</summary>
    public const string ResponseNotEncrypted = "DIDSDK7118";
}
