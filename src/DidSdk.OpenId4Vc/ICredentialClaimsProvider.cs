namespace DidSdk.OpenId4Vc;

/// <summary>
/// What the bank implements: the claims of a credential for a subject it has authenticated (for example the customer
/// who finished KYC at the counter). Called once per Credential Request, after every protocol check passed.
/// </summary>
public interface ICredentialClaimsProvider
{
    /// <summary>The claims to issue, or <see langword="null"/> to refuse (<c>credential_request_denied</c>).</summary>
    /// <param name="request">Who and what is asked for.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    Task<CredentialClaims?> GetClaimsAsync(CredentialClaimsRequest request, CancellationToken cancellationToken = default);
}
