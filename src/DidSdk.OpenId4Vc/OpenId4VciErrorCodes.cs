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
}
