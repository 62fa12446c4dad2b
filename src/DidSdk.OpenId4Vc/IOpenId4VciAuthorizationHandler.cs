namespace DidSdk.OpenId4Vc;

/// <summary>
/// The bank's own login for the Authorization Code Flow (OpenID4VCI 1.0 §5). The issuer validates the Authorization
/// Request (client, redirect URI, PKCE, requested credentials, <c>issuer_state</c>) and then asks this handler who the
/// user is: the handler authenticates the user (or sends the browser to the bank's login page first, which returns to
/// <see cref="OpenId4VciAuthorizationRequest.ResumeUri"/>) and answers with the authorized subject or a denial.
/// </summary>
public interface IOpenId4VciAuthorizationHandler
{
    /// <summary>Decides a validated Authorization Request.</summary>
    /// <param name="request">The validated request and the user the host authenticated, if any.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task<OpenId4VciAuthorizationDecision> AuthorizeAsync(OpenId4VciAuthorizationRequest request, CancellationToken cancellationToken = default);
}
