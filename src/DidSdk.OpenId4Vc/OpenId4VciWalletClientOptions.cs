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
}
