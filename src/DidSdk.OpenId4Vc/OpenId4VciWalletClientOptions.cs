namespace DidSdk.OpenId4Vc;

/// <summary>Settings of the wallet-side OpenID4VCI client. Defaults: HTTPS only, 1 MiB responses, 30 s per exchange.</summary>
public sealed class OpenId4VciWalletClientOptions
{
    /// <summary>The largest response body read, in bytes (default 1 MiB).</summary>
    public int MaxResponseBytes { get; set; } = 1024 * 1024;

    /// <summary>The time limit of one HTTP exchange (default 30 seconds).</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Accepts <c>http://</c> issuer URLs on loopback addresses (development and tests). Gives up transport security;
    /// never turn it on in production.
    /// </summary>
    public bool AllowLoopbackHttp { get; set; }

    /// <summary>
    /// The Wallet's <c>client_id</c> at the issuer's authorization server, for the Authorization Code Flow (a public
    /// client, RFC 6749 §2.1).
    /// </summary>
    public string? ClientId { get; set; }

    /// <summary>
    /// The Wallet's registered <c>redirect_uri</c> for the Authorization Code Flow (for example a claimed https URL or
    /// <c>com.bank.wallet:/oid4vci</c>), where the browser comes back with the code.
    /// </summary>
    public string? RedirectUri { get; set; }
}
