namespace DidSdk.OpenId4Vc;

/// <summary>A request for the claims of one credential configuration for one subject.</summary>
/// <param name="Subject">The subject identifier the bank gave when it created the offer.</param>
/// <param name="Configuration">The requested credential configuration.</param>
public sealed record CredentialClaimsRequest(string Subject, CredentialConfiguration Configuration);
