namespace DidSdk.OpenId4Vc;

/// <summary>The <c>event</c> values of a Notification Request (OpenID4VCI 1.0 §11.1).</summary>
public enum OpenId4VciNotificationEvent
{
    /// <summary><c>credential_accepted</c>: the Credential was successfully stored in the Wallet.</summary>
    CredentialAccepted,

    /// <summary><c>credential_failure</c>: the Credential was not stored for a reason other than the user's action.</summary>
    CredentialFailure,

    /// <summary><c>credential_deleted</c>: the user's action led to the Credential not being stored (deleted or not accepted).</summary>
    CredentialDeleted,
}
