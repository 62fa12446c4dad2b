namespace DidSdk.OpenId4Vc;

/// <summary>The grants of a Credential Offer (OpenID4VCI 1.0 §4.1.1, <c>grants</c>).</summary>
[Flags]
public enum CredentialOfferGrants
{
    /// <summary>The <c>urn:ietf:params:oauth:grant-type:pre-authorized_code</c> grant: the bank has already authenticated the user.</summary>
    PreAuthorizedCode = 1,

    /// <summary>The <c>authorization_code</c> grant with an <c>issuer_state</c>: the user logs in at the bank from the Wallet.</summary>
    AuthorizationCode = 2,
}
