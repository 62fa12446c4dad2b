namespace DidSdk.OpenId4Vc;

/// <summary>Stable problem codes of the OpenID4VC wallet-side client (<c>DIDSDK7xxx</c>).</summary>
public static class OpenId4VcProblemCodes
{
    /// <summary>The credential offer URI or its JSON is malformed (OpenID4VCI 1.0 §4.1).</summary>
    public const string InvalidOffer = "DIDSDK7001";

    /// <summary>The Credential Issuer Metadata or Authorization Server Metadata is malformed or names another issuer.</summary>
    public const string InvalidMetadata = "DIDSDK7002";

    /// <summary>A URL is not HTTPS (plain HTTP is accepted only for loopback with the development option on).</summary>
    public const string InsecureUrl = "DIDSDK7003";

    /// <summary>An HTTP exchange failed: network error, timeout, oversized or non-JSON response.</summary>
    public const string HttpFailure = "DIDSDK7004";

    /// <summary>The token endpoint refused the grant; the problem message carries the OAuth <c>error</c> code.</summary>
    public const string TokenRequestFailed = "DIDSDK7005";

    /// <summary>The credential endpoint refused the request; the problem message carries the OpenID4VCI <c>error</c> code.</summary>
    public const string CredentialRequestFailed = "DIDSDK7006";

    /// <summary>The offer needs a transaction code (<c>tx_code</c>) and none was given.</summary>
    public const string TransactionCodeRequired = "DIDSDK7007";

    /// <summary>The offer names no grant this client runs (only the pre-authorized code grant is supported).</summary>
    public const string UnsupportedGrant = "DIDSDK7008";

    /// <summary>A received credential did not verify, or is not bound to the key the wallet proved.</summary>
    public const string CredentialNotVerified = "DIDSDK7009";

    /// <summary>The wallet's store refused a received credential.</summary>
    public const string CredentialNotStored = "DIDSDK7010";

    /// <summary>The offered credential configuration is not in the issuer's metadata, or its format is not supported.</summary>
    public const string UnsupportedConfiguration = "DIDSDK7011";

    /// <summary>The issuer has no notification endpoint, or it refused the Notification Request.</summary>
    public const string NotificationFailed = "DIDSDK7012";

    /// <summary>
    /// The Authorization Code Flow failed at the user-agent step: the user gave up, the response's <c>state</c> or
    /// <c>iss</c> does not match the request, it carries an <c>error</c> or no <c>code</c>, or the pushed authorization
    /// request was refused.
    /// </summary>
    public const string AuthorizationFailed = "DIDSDK7013";
}
