namespace DidSdk.OpenId4Vc;

/// <summary>
/// The bank's back-office decision on a Credential Request that passed every protocol check. Only when an issuer has one
/// does it publish a <c>deferred_credential_endpoint</c> (OpenID4VCI 1.0 §9).
/// </summary>
public interface IOpenId4VciIssuanceDecider
{
    /// <summary>
    /// Decides whether the credentials are issued now or later. Asked again on every Deferred Credential Request of the
    /// transaction until it answers <see cref="OpenId4VciIssuanceDecision.IssueNow"/>.
    /// </summary>
    /// <param name="request">The subject and the credential configuration.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task<OpenId4VciIssuanceDecision> DecideAsync(CredentialClaimsRequest request, CancellationToken cancellationToken = default);
}
