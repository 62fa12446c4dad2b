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
    /// The one exception is RFC 8252 §7.3: for a registered <c>http://127.0.0.1/…</c> or <c>http://[::1]/…</c> URI a
    /// native app's request may name any port (it listens on the port the system gave it); everything else must be equal.
    /// </summary>
    public IReadOnlyList<string> RedirectUris { get; set; } = [];

    private static readonly string[] LoopbackIpOrigins = ["http://127.0.0.1", "http://[::1]"];

    /// <summary>
    /// Whether a requested redirect URI matches a registered one: equal to the letter, or (RFC 8252 §7.3) a loopback IP
    /// literal redirect that differs only in its port. Compared as text, so no normalization can make two URIs match;
    /// <c>localhost</c> gets no exception (RFC 8252 §8.3).
    /// </summary>
    internal static bool RedirectUriMatches(string registered, string requested)
    {
        if (string.Equals(registered, requested, StringComparison.Ordinal))
        {
            return true;
        }

        foreach (var origin in LoopbackIpOrigins)
        {
            if (registered.StartsWith(origin, StringComparison.Ordinal) && requested.StartsWith(origin, StringComparison.Ordinal))
            {
                return TryStripPort(registered.AsSpan(origin.Length), out var registeredRest)
                    && TryStripPort(requested.AsSpan(origin.Length), out var requestedRest)
                    && registeredRest.SequenceEqual(requestedRest);
            }
        }

        return false;
    }

    // After the host: an optional ":PORT" (1-65535), then nothing, a path or a query.
    private static bool TryStripPort(ReadOnlySpan<char> afterHost, out ReadOnlySpan<char> rest)
    {
        rest = afterHost;
        if (afterHost.Length > 0 && afterHost[0] == ':')
        {
            var digits = 1;
            while (digits < afterHost.Length && char.IsAsciiDigit(afterHost[digits]))
            {
                digits++;
            }

            if (digits == 1 || digits > 6 || !int.TryParse(afterHost[1..digits], out var port) || port is < 1 or > 65535)
            {
                return false;
            }

            rest = afterHost[digits..];
        }

        return rest.Length == 0 || rest[0] is '/' or '?';
    }

    // Absolute with a scheme of its own (on Unix "/cb" parses as a file URI), no fragment (RFC 6749 §3.1.2); http only
    // for loopback (RFC 8252 §7.3); never file, javascript or data.
    internal static bool IsValidRedirectUri(string? uri) =>
        uri is { Length: > 0 and <= 2048 } && !uri.StartsWith('/') && !uri.Contains('#', StringComparison.Ordinal)
        && Uri.TryCreate(uri, UriKind.Absolute, out var parsed)
        && parsed.Scheme is not ("file" or "javascript" or "data")
        && (parsed.Scheme != Uri.UriSchemeHttp || SecureUrl.IsLoopback(parsed));
}
