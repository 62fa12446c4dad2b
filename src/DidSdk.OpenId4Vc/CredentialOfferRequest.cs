namespace DidSdk.OpenId4Vc;

/// <summary>What the bank's back office asks for when it creates an offer.</summary>
public sealed class CredentialOfferRequest
{
    /// <summary>The subject identifier (for example the customer number) passed back to <see cref="ICredentialClaimsProvider"/>.</summary>
    public required string Subject { get; init; }

    /// <summary>The offered credential configuration identifiers.</summary>
    public required IReadOnlyList<string> CredentialConfigurationIds { get; init; }

    /// <summary>
    /// The grants the offer carries (default <see cref="CredentialOfferGrants.PreAuthorizedCode"/>); the
    /// <see cref="CredentialOfferGrants.AuthorizationCode"/> grant needs an issuer with an <see cref="IOpenId4VciAuthorizationHandler"/>.
    /// </summary>
    public CredentialOfferGrants Grants { get; init; } = CredentialOfferGrants.PreAuthorizedCode;

    /// <summary>Whether a Transaction Code is generated and required at the token endpoint with the Pre-Authorized Code grant (default <see langword="true"/>).</summary>
    public bool RequireTxCode { get; init; } = true;

    /// <summary>The <c>tx_code.description</c> shown to the user, if any (at most 300 characters).</summary>
    public string? TxCodeDescription { get; init; }
}
