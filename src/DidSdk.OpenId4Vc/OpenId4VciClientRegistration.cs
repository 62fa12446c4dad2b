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
    /// custom scheme (<c>com.bank.wallet:/callback</c>) or an https URL; no fragment.
    /// </summary>
    public IReadOnlyList<string> RedirectUris { get; set; } = [];

    internal static bool IsValidRedirectUri(string? uri) =>
        uri is { Length: > 0 and <= 2048 } && Uri.TryCreate(uri, UriKind.Absolute, out var parsed) && string.IsNullOrEmpty(parsed.Fragment)
        && !uri.Contains('#', StringComparison.Ordinal);
}
