namespace DidSdk.OpenId4Vc;

// Record kinds the issuer writes into the state store.
internal static class StateKinds
{
    public const string Offer = "oid4vci-offer";
    public const string PreAuthorizedCode = "oid4vci-pre-authorized-code";
    public const string AccessToken = "oid4vci-access-token";
    public const string CredentialGrant = "oid4vci-credential-grant";
    public const string Nonce = "oid4vci-c-nonce";
    public const string Issued = "oid4vci-issued";

    // A notification_id (hashed) bound to the access token that received it.
    public const string Notification = "oid4vci-notification";

    // A deferred issuance (hashed transaction_id): access token, subject, configuration and the proven holder keys.
    public const string DeferredTransaction = "oid4vci-deferred-transaction";

    // The Authorization Code Flow: an offer's issuer_state (hashed) with its subject and configurations; a pushed
    // Authorization Request (hashed request_uri) with its parameters; an authorization code (hashed) bound to client,
    // redirect URI, code challenge, subject and configurations; and, once redeemed, the code's hash pointing to the access
    // token issued for it (a replay revokes that token, RFC 6749 §4.1.2).
    public const string IssuerState = "oid4vci-issuer-state";
    public const string PushedAuthorizationRequest = "oid4vci-par";
    public const string AuthorizationCode = "oid4vci-authorization-code";
    public const string RedeemedAuthorizationCode = "oid4vci-authorization-code-redeemed";

    // The OpenID4VP verifier: a session per Authorization Request, its state (hashed) pointing to the session, and the
    // hashes of vp_tokens already received (replay).
    public const string VpSession = "oid4vp-session";
    public const string VpState = "oid4vp-state";
    public const string VpToken = "oid4vp-vp-token";
}
