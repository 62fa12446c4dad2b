namespace DidSdk.OpenId4Vc;

/// <summary>
/// The <c>error</c> values of OAuth 2.0 (RFC 6749 §5.2, RFC 6750 §3.1) and OpenID for Verifiable Credential Issuance 1.0
/// (§6.3 Token Error Response, §8.3.1.2 Credential Error Response), verbatim.
/// </summary>
public static class OpenId4VciErrorCodes
{
    /// <summary><c>invalid_request</c>: the request is missing a parameter, repeats one, or is malformed (RFC 6749 §5.2).</summary>
    public const string InvalidRequest = "invalid_request";

    /// <summary><c>invalid_client</c>: client authentication failed, or anonymous access is not supported (RFC 6749 §5.2).</summary>
    public const string InvalidClient = "invalid_client";

    /// <summary>
    /// <c>invalid_grant</c>: the Pre-Authorized Code is unknown, expired or already used, or the <c>tx_code</c> is wrong
    /// (OpenID4VCI 1.0 §6.3).
    /// </summary>
    public const string InvalidGrant = "invalid_grant";

    /// <summary><c>unsupported_grant_type</c>: the grant type is not supported (RFC 6749 §5.2).</summary>
    public const string UnsupportedGrantType = "unsupported_grant_type";

    /// <summary><c>invalid_token</c>: the access token is unknown, expired or malformed (RFC 6750 §3.1).</summary>
    public const string InvalidToken = "invalid_token";

    /// <summary><c>invalid_credential_request</c>: the Credential Request is missing a parameter or malformed (OpenID4VCI 1.0 §8.3.1.2).</summary>
    public const string InvalidCredentialRequest = "invalid_credential_request";

    /// <summary><c>unknown_credential_configuration</c>: the requested Credential Configuration is unknown (OpenID4VCI 1.0 §8.3.1.2).</summary>
    public const string UnknownCredentialConfiguration = "unknown_credential_configuration";

    /// <summary><c>unknown_credential_identifier</c>: the requested Credential Identifier is unknown (OpenID4VCI 1.0 §8.3.1.2).</summary>
    public const string UnknownCredentialIdentifier = "unknown_credential_identifier";

    /// <summary><c>invalid_proof</c>: the <c>proofs</c> parameter is missing or a key proof is invalid (OpenID4VCI 1.0 §8.3.1.2).</summary>
    public const string InvalidProof = "invalid_proof";

    /// <summary><c>invalid_nonce</c>: a key proof carries no <c>c_nonce</c>, or one that is unknown, expired or used (OpenID4VCI 1.0 §8.3.1.2).</summary>
    public const string InvalidNonce = "invalid_nonce";

    /// <summary><c>credential_request_denied</c>: the Credential Request was not accepted by the Credential Issuer (OpenID4VCI 1.0 §8.3.1.2).</summary>
    public const string CredentialRequestDenied = "credential_request_denied";

    /// <summary><c>invalid_notification_id</c>: the <c>notification_id</c> in the Notification Request was invalid (OpenID4VCI 1.0 §11.3).</summary>
    public const string InvalidNotificationId = "invalid_notification_id";

    /// <summary>
    /// <c>invalid_notification_request</c>: the Notification Request is missing a required parameter, includes an unsupported
    /// parameter or parameter value, repeats the same parameter, or is otherwise malformed (OpenID4VCI 1.0 §11.3).
    /// </summary>
    public const string InvalidNotificationRequest = "invalid_notification_request";

    /// <summary><c>invalid_transaction_id</c>: the Deferred Credential Request contains an invalid <c>transaction_id</c> (OpenID4VCI 1.0 §9.3).</summary>
    public const string InvalidTransactionId = "invalid_transaction_id";

    /// <summary><c>unsupported_response_type</c>: the authorization server does not support this <c>response_type</c> (RFC 6749 §4.1.2.1).</summary>
    public const string UnsupportedResponseType = "unsupported_response_type";

    /// <summary><c>access_denied</c>: the resource owner or authorization server denied the request (RFC 6749 §4.1.2.1).</summary>
    public const string AccessDenied = "access_denied";

    /// <summary><c>invalid_scope</c>: the requested scope is invalid or unknown (RFC 6749 §4.1.2.1).</summary>
    public const string InvalidScope = "invalid_scope";

    /// <summary>
    /// <c>invalid_authorization_details</c>: an <c>authorization_details</c> entry has an unknown type, an unknown
    /// <c>credential_configuration_id</c>, or is malformed (RFC 9396 §5).
    /// </summary>
    public const string InvalidAuthorizationDetails = "invalid_authorization_details";

    /// <summary><c>server_error</c>: the authorization server met an unexpected condition (RFC 6749 §4.1.2.1).</summary>
    public const string ServerError = "server_error";
}
