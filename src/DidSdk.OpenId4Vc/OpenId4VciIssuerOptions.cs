namespace DidSdk.OpenId4Vc;

/// <summary>
/// Settings of an OpenID4VCI 1.0 Credential Issuer (bindable from configuration). The defaults are the secure ones:
/// short-lived single-use codes and nonces, five wrong <c>tx_code</c> attempts, HTTPS only.
/// </summary>
public sealed class OpenId4VciIssuerOptions
{
    /// <summary>
    /// The Credential Issuer Identifier (OpenID4VCI 1.0 §12.2.1): an HTTPS URL without query or fragment, for example
    /// <c>https://bank.example/oid4vci</c>. It is the <c>aud</c> every key proof must name, and the base of the endpoints.
    /// </summary>
    public string CredentialIssuer { get; set; } = "";

    /// <summary>
    /// The <c>iss</c> of issued credentials: a DID whose verification method the signer's key id names (so that any
    /// verifier resolves the issuer key).
    /// </summary>
    public string IssuerDid { get; set; } = "";

    /// <summary>The Credential Issuer's <c>display</c> entries.</summary>
    public IReadOnlyList<DisplayProperties> Display { get; set; } = [];

    /// <summary>The credential configurations offered (<c>credential_configurations_supported</c>).</summary>
    public IReadOnlyList<CredentialConfiguration> CredentialConfigurations { get; set; } = [];

    /// <summary>How long a credential offer and its Pre-Authorized Code stay redeemable (default 10 minutes).</summary>
    public TimeSpan PreAuthorizedCodeLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long an access token is accepted at the credential endpoint (default 5 minutes).</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a <c>c_nonce</c> from the nonce endpoint stays usable, once (default 5 minutes).</summary>
    public TimeSpan NonceLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The Wallets (OAuth 2.0 public clients) allowed to use the Authorization Code Flow, each with its exact redirect URIs
    /// (RFC 6749 §3.1.2, compared character for character). Used only when the issuer is given an
    /// <see cref="IOpenId4VciAuthorizationHandler"/>, which then needs at least one client.
    /// </summary>
    public IReadOnlyList<OpenId4VciClientRegistration> AuthorizationClients { get; set; } = [];

    /// <summary>How long an authorization code stays redeemable, once (default 60 seconds, at most 10 minutes: RFC 6749 §4.1.2).</summary>
    public TimeSpan AuthorizationCodeLifetime { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long a <c>request_uri</c> from the Pushed Authorization Request endpoint stays usable (default 90 seconds, RFC 9126 §2.2).</summary>
    public TimeSpan PushedAuthorizationRequestLifetime { get; set; } = TimeSpan.FromSeconds(90);

    /// <summary>
    /// Accepts Authorization Requests only by reference to a Pushed Authorization Request (RFC 9126 §5,
    /// <c>require_pushed_authorization_requests</c>); default <see langword="false"/>.
    /// </summary>
    public bool RequirePushedAuthorizationRequests { get; set; }

    /// <summary>The validity period of issued credentials (default 365 days).</summary>
    public TimeSpan CredentialLifetime { get; set; } = TimeSpan.FromDays(365);

    /// <summary>The number of digits of a generated transaction code (default 6, between 4 and 12).</summary>
    public int TxCodeLength { get; set; } = 6;

    /// <summary>Wrong <c>tx_code</c> attempts after which the Pre-Authorized Code is destroyed (default 5).</summary>
    public int MaxTxCodeAttempts { get; set; } = 5;

    /// <summary>The most key proofs (and so credentials) one Credential Request may carry (<c>batch_size</c>, default 10).</summary>
    public int BatchSize { get; set; } = 10;

    /// <summary>
    /// The <c>interval</c> a Wallet is asked to wait between Deferred Credential Requests (default 60 seconds, between 1
    /// second and 1 day). A deferred transaction lives as long as the access token it was started with.
    /// </summary>
    public TimeSpan DeferredInterval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The largest request body the endpoints read, in bytes (default 64 KiB).</summary>
    public int MaxRequestBytes { get; set; } = 64 * 1024;

    /// <summary>The oldest <c>iat</c> a key proof may carry (default 5 minutes).</summary>
    public TimeSpan ProofMaxAge { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How far in the future a key proof's <c>iat</c> may lie (default 60 seconds).</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The JOSE algorithms accepted for key proofs (default <c>EdDSA</c>, <c>ES256</c>, <c>ES256K</c>; <c>none</c> cannot be expressed).</summary>
    public IReadOnlyList<string> ProofSigningAlgorithms { get; set; } = ["EdDSA", "ES256", "ES256K"];

    /// <summary>
    /// The URI of the IETF Token Status List that issued SD-JWT VCs reference, or <see langword="null"/> for none. Each
    /// issued credential gets the next free index of that list from the state store.
    /// </summary>
    public string? StatusListUri { get; set; }

    /// <summary>
    /// The URL of the Bitstring Status List credential (W3C Bitstring Status List v1.0 §2.1) that issued
    /// <c>jwt_vc_json</c> credentials reference in a <c>BitstringStatusListEntry</c> (<c>credentialStatus</c>), or
    /// <see langword="null"/> for none. Each credential gets the next index of that list from the state store; move to a
    /// new list (a new URL) before the published list's length is reached.
    /// </summary>
    public string? BitstringStatusListCredential { get; set; }

    /// <summary>The <c>statusPurpose</c> of the <c>BitstringStatusListEntry</c> (default <c>revocation</c>).</summary>
    public string BitstringStatusPurpose { get; set; } = "revocation";

    /// <summary>
    /// Accepts a <c>http://</c> <see cref="CredentialIssuer"/> on a loopback address (development and tests). Gives up
    /// transport security; never turn it on in production.
    /// </summary>
    public bool AllowLoopbackHttp { get; set; }

    /// <summary>Checks the settings.</summary>
    /// <exception cref="ArgumentException">A setting is missing or out of range; the message names it.</exception>
    public void Validate()
    {
        if (!Uri.TryCreate(CredentialIssuer, UriKind.Absolute, out var issuer) || !string.IsNullOrEmpty(issuer.Query) || !string.IsNullOrEmpty(issuer.Fragment)
            || CredentialIssuer.EndsWith('/'))
        {
            throw new ArgumentException("CredentialIssuer must be an absolute URL without query, fragment or trailing slash.", nameof(CredentialIssuer));
        }

        if (!SecureUrl.IsAllowed(issuer, AllowLoopbackHttp))
        {
            throw new ArgumentException("CredentialIssuer must use https (http only on loopback with AllowLoopbackHttp).", nameof(CredentialIssuer));
        }

        if (!IssuerDid.StartsWith("did:", StringComparison.Ordinal))
        {
            throw new ArgumentException("IssuerDid must be a DID.", nameof(IssuerDid));
        }

        if (CredentialConfigurations.Count == 0)
        {
            throw new ArgumentException("At least one credential configuration is required.", nameof(CredentialConfigurations));
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var configuration in CredentialConfigurations)
        {
            if (string.IsNullOrEmpty(configuration.Id) || !ids.Add(configuration.Id))
            {
                throw new ArgumentException("Every credential configuration needs a unique Id.", nameof(CredentialConfigurations));
            }

            switch (configuration.Format)
            {
                case CredentialConfiguration.SdJwtVcFormat when string.IsNullOrEmpty(configuration.Vct):
                    throw new ArgumentException($"Configuration '{configuration.Id}' ({CredentialConfiguration.SdJwtVcFormat}) needs a Vct.", nameof(CredentialConfigurations));
                case CredentialConfiguration.JwtVcJsonFormat when configuration.Types.Count == 0 || configuration.Types[0] != "VerifiableCredential":
                    throw new ArgumentException($"Configuration '{configuration.Id}' ({CredentialConfiguration.JwtVcJsonFormat}) needs Types starting with VerifiableCredential.", nameof(CredentialConfigurations));
                case CredentialConfiguration.SdJwtVcFormat or CredentialConfiguration.JwtVcJsonFormat:
                    break;
                default:
                    throw new ArgumentException($"Configuration '{configuration.Id}' has an unsupported format.", nameof(CredentialConfigurations));
            }
        }

        CheckRange(TxCodeLength, 4, 12, nameof(TxCodeLength));
        CheckRange(MaxTxCodeAttempts, 1, 100, nameof(MaxTxCodeAttempts));
        CheckRange(BatchSize, 1, 100, nameof(BatchSize));
        CheckRange(MaxRequestBytes, 1024, 16 * 1024 * 1024, nameof(MaxRequestBytes));
        CheckPositive(PreAuthorizedCodeLifetime, nameof(PreAuthorizedCodeLifetime));
        CheckPositive(AccessTokenLifetime, nameof(AccessTokenLifetime));
        CheckPositive(NonceLifetime, nameof(NonceLifetime));
        CheckPositive(CredentialLifetime, nameof(CredentialLifetime));
        CheckPositive(ProofMaxAge, nameof(ProofMaxAge));
        if (AuthorizationCodeLifetime <= TimeSpan.Zero || AuthorizationCodeLifetime > TimeSpan.FromMinutes(10))
        {
            throw new ArgumentException("AuthorizationCodeLifetime must be positive and at most 10 minutes.", nameof(AuthorizationCodeLifetime));
        }

        if (PushedAuthorizationRequestLifetime <= TimeSpan.Zero || PushedAuthorizationRequestLifetime > TimeSpan.FromMinutes(10))
        {
            throw new ArgumentException("PushedAuthorizationRequestLifetime must be positive and at most 10 minutes.", nameof(PushedAuthorizationRequestLifetime));
        }

        var clients = new HashSet<string>(StringComparer.Ordinal);
        foreach (var client in AuthorizationClients)
        {
            if (client is null || string.IsNullOrEmpty(client.ClientId) || client.ClientId.Length > 256 || !clients.Add(client.ClientId))
            {
                throw new ArgumentException("Every authorization client needs a unique ClientId of at most 256 characters.", nameof(AuthorizationClients));
            }

            if (client.RedirectUris.Count == 0 || client.RedirectUris.Any(u => !OpenId4VciClientRegistration.IsValidRedirectUri(u)))
            {
                throw new ArgumentException($"Client '{client.ClientId}' needs redirect URIs that are absolute (https, a custom scheme, or http on loopback), without fragment, of at most 2048 characters.",
                    nameof(AuthorizationClients));
            }
        }

        var scopes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var configuration in CredentialConfigurations)
        {
            if (configuration.Scope is { } scope && (scope.Length == 0 || scope.Contains(' ', StringComparison.Ordinal) || !scopes.Add(scope)))
            {
                throw new ArgumentException($"Configuration '{configuration.Id}' has an empty, spaced or duplicate Scope.", nameof(CredentialConfigurations));
            }
        }
        if (DeferredInterval < TimeSpan.FromSeconds(1) || DeferredInterval > TimeSpan.FromDays(1))
        {
            throw new ArgumentException("DeferredInterval must be between 1 second and 1 day.", nameof(DeferredInterval));
        }

        if (ClockSkew < TimeSpan.Zero || ClockSkew > TimeSpan.FromMinutes(10))
        {
            throw new ArgumentException("ClockSkew must be between 0 and 10 minutes.", nameof(ClockSkew));
        }

        if (ProofSigningAlgorithms.Count == 0 || ProofSigningAlgorithms.Any(a => a is not ("EdDSA" or "ES256" or "ES256K")))
        {
            throw new ArgumentException("ProofSigningAlgorithms must list only EdDSA, ES256 and ES256K.", nameof(ProofSigningAlgorithms));
        }

        if (StatusListUri is not null && !Uri.TryCreate(StatusListUri, UriKind.Absolute, out _))
        {
            throw new ArgumentException("StatusListUri must be an absolute URI.", nameof(StatusListUri));
        }
        if (BitstringStatusListCredential is not null && !Uri.TryCreate(BitstringStatusListCredential, UriKind.Absolute, out _))
        {
            throw new ArgumentException("BitstringStatusListCredential must be an absolute URL.", nameof(BitstringStatusListCredential));
        }

        if (BitstringStatusPurpose is not ("revocation" or "suspension"))
        {
            throw new ArgumentException("BitstringStatusPurpose must be revocation or suspension.", nameof(BitstringStatusPurpose));
        }
    }

    private static void CheckRange(int value, int min, int max, string name)
    {
        if (value < min || value > max)
        {
            throw new ArgumentException($"{name} must be between {min} and {max}.", name);
        }
    }

    private static void CheckPositive(TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero)
        {
            throw new ArgumentException($"{name} must be positive.", name);
        }
    }
}
