namespace DidSdk.OpenId4Vc;

/// <summary>
/// A Wallet registered for the Authorization Code Flow: an OAuth 2.0 public client (RFC 6749 §2.1) with its redirect
/// URIs. Bindable from configuration.
/// </summary>
public sealed class OpenId4VciClientRegistration
{
    /// <summary>The <c>client_id</c>.</summary>
    public string ClientId { get; set; } = "";

    /// <summary>
    /// The registered redirect URIs; a request's <c>redirect_uri</c> must equal one of them exactly (RFC 9700 §2.1). A
    /// custom scheme (<c>com.bank.wallet:/callback</c>), an https URL, or http on a loopback address (RFC 8252 §7.3); no fragment.
    /// </summary>
    public IReadOnlyList<string> RedirectUris { get; set; } = [];

    // Absolute with a scheme of its own (on Unix "/cb" parses as a file URI), no fragment (RFC 6749 §3.1.2); http only
    // for loopback (RFC 8252 §7.3); never file, javascript or data.
    internal static bool IsValidRedirectUri(string? uri) =>
        uri is { Length: > 0 and <= 2048 } && !uri.StartsWith('/') && !uri.Contains('#', StringComparison.Ordinal)
        && Uri.TryCreate(uri, UriKind.Absolute, out var parsed)
        && parsed.Scheme is not ("file" or "javascript" or "data")
        && (parsed.Scheme != Uri.UriSchemeHttp || SecureUrl.IsLoopback(parsed));
}
