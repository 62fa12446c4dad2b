using System.Security.Claims;

namespace DidSdk.OpenId4Vc;

/// <summary>
/// A validated Authorization Request of the Authorization Code Flow (OpenID4VCI 1.0 §5.1, RFC 6749 §4.1.1, RFC 7636),
/// as given to <see cref="IOpenId4VciAuthorizationHandler"/>. Everything here has been checked: the client and its exact
/// redirect URI, the S256 code challenge, the requested configurations and the <c>issuer_state</c>.
/// </summary>
public sealed class OpenId4VciAuthorizationRequest
{
    internal OpenId4VciAuthorizationRequest(string clientId, Uri redirectUri, string? state, IReadOnlyList<string> credentialConfigurationIds,
        string? offerSubject, ClaimsPrincipal? user, Uri resumeUri)
    {
        ClientId = clientId;
        RedirectUri = redirectUri;
        State = state;
        CredentialConfigurationIds = credentialConfigurationIds;
        OfferSubject = offerSubject;
        User = user;
        ResumeUri = resumeUri;
    }

    /// <summary>The Wallet's <c>client_id</c>.</summary>
    public string ClientId { get; }

    /// <summary>The registered <c>redirect_uri</c> the code will be sent to.</summary>
    public Uri RedirectUri { get; }

    /// <summary>The Wallet's <c>state</c>, echoed in the response.</summary>
    public string? State { get; }

    /// <summary>The credential configurations requested (by <c>authorization_details</c> and/or <c>scope</c>).</summary>
    public IReadOnlyList<string> CredentialConfigurationIds { get; }

    /// <summary>
    /// The subject of the Credential Offer named by <c>issuer_state</c>, if any. The issuer refuses to authorize another
    /// subject for that offer.
    /// </summary>
    public string? OfferSubject { get; }

    /// <summary>The user the host authenticated for this HTTP request (for example <c>HttpContext.User</c>), if any.</summary>
    public ClaimsPrincipal? User { get; }

    /// <summary>
    /// The Authorization Request as a URL on the issuer's authorization endpoint: where the bank's login page sends the
    /// browser back to once the user has logged in.
    /// </summary>
    public Uri ResumeUri { get; }
}
