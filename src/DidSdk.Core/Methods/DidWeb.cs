using System.Diagnostics.CodeAnalysis;
using System.Net;
using DidSdk.Core.Dids;

namespace DidSdk.Core.Methods;

/// <summary>
/// The <see href="https://w3c-ccg.github.io/did-method-web/">did:web</see> method: a DID document served over HTTPS at a
/// URL derived from the DID.
/// </summary>
public static class DidWeb
{
    /// <summary>The method name, <c>web</c>.</summary>
    public const string MethodName = "web";

    /// <summary>
    /// Builds a did:web DID (did:web spec §3.1 "Create"): the domain, a port as <c>%3A</c> + port, and path segments
    /// separated by <c>:</c>. The result maps back to <c>https://host[:port]/path/did.json</c> (or <c>/.well-known/did.json</c>).
    /// </summary>
    /// <param name="host">A DNS host name (not an IP address).</param>
    /// <param name="port">The port, or <see langword="null"/> for 443.</param>
    /// <param name="path">Path segments, e.g. <c>["users", "alice"]</c>.</param>
    /// <exception cref="ArgumentException">The host, port or a segment cannot be expressed in a did:web DID.</exception>
    public static string Create(string host, int? port = null, params IEnumerable<string> path)
    {
        ArgumentException.ThrowIfNullOrEmpty(host);
        ArgumentNullException.ThrowIfNull(path);
        var did = new System.Text.StringBuilder("did:web:").Append(Uri.EscapeDataString(host.ToLowerInvariant()));
        if (port is { } p)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(p, 1, nameof(port));
            ArgumentOutOfRangeException.ThrowIfGreaterThan(p, 65535, nameof(port));
            did.Append("%3A").Append(p.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        foreach (var segment in path)
        {
            did.Append(':').Append(Uri.EscapeDataString(segment ?? string.Empty));
        }

        var text = did.ToString();
        return TryGetDocumentUrl(text, out _, out var message) ? text : throw new ArgumentException(message, nameof(host));
    }

    /// <summary>
    /// Maps a did:web DID to the URL of its DID document (did:web spec §3.2 "Read"): <c>:</c> separates path segments,
    /// a percent-encoded port colon (<c>%3A</c>) is decoded, <c>/.well-known</c> is used when there is no path, and
    /// <c>/did.json</c> is appended. The scheme is <c>https</c>; IP addresses are rejected (the id must be a domain name
    /// that a TLS certificate can name). Never throws.
    /// </summary>
    /// <param name="did">The did:web DID.</param>
    /// <param name="url">The document URL.</param>
    /// <param name="message">Why the DID cannot be mapped.</param>
    public static bool TryGetDocumentUrl(string? did, [NotNullWhen(true)] out Uri? url, [NotNullWhen(false)] out string? message) =>
        TryGetDocumentUrl(did, allowHttpForLoopback: false, out url, out message);

    internal static bool TryGetDocumentUrl(string? did, bool allowHttpForLoopback, [NotNullWhen(true)] out Uri? url, [NotNullWhen(false)] out string? message)
    {
        url = null;
        if (!Did.TryParse(did, out var parsed, out var problem) || parsed.Method != MethodName)
        {
            message = problem?.Message ?? "Not a did:web DID.";
            return false;
        }

        var segments = parsed.MethodSpecificId.Split(':');
        var authority = Uri.UnescapeDataString(segments[0]);
        if (!TryParseAuthority(authority, out var host, out var port, out var isLoopback))
        {
            message = "The did:web domain is not a valid host name with an optional port.";
            return false;
        }

        var isIp = IPAddress.TryParse(host.Trim('[', ']'), out _);
        var useHttp = allowHttpForLoopback && isLoopback;
        if (isIp && !useHttp)
        {
            message = "A did:web domain must not be an IP address.";
            return false;
        }

        var path = new System.Text.StringBuilder();
        for (var i = 1; i < segments.Length; i++)
        {
            var segment = Uri.UnescapeDataString(segments[i]);
            if (segment.Length == 0 || segment is "." or ".." || segment.AsSpan().IndexOfAny(ForbiddenInSegment) >= 0)
            {
                message = "A did:web path segment is empty, a dot segment, or holds a reserved character.";
                return false;
            }

            path.Append('/').Append(Uri.EscapeDataString(segment));
        }

        if (path.Length == 0)
        {
            path.Append("/.well-known");
        }

        path.Append("/did.json");
        var scheme = useHttp ? "http" : "https";
        var text = port is null ? $"{scheme}://{host}{path}" : $"{scheme}://{host}:{port}{path}";
        if (!Uri.TryCreate(text, UriKind.Absolute, out url))
        {
            message = "The did:web DID does not map to a valid URL.";
            return false;
        }

        message = null;
        return true;
    }

    private static readonly System.Buffers.SearchValues<char> ForbiddenInSegment = System.Buffers.SearchValues.Create("/\\?#%@\0\r\n\t ");

    private static bool TryParseAuthority(string authority, [NotNullWhen(true)] out string? host, out int? port, out bool isLoopback)
    {
        host = null;
        port = null;
        isLoopback = false;
        if (authority.Length is 0 or > 255 || authority.Contains('@', StringComparison.Ordinal))
        {
            return false;
        }

        var hostPart = authority;
        var colon = authority.LastIndexOf(':');
        if (colon >= 0 && !authority.EndsWith(']'))
        {
            if (!int.TryParse(authority.AsSpan(colon + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var p) || p is < 1 or > 65535)
            {
                return false;
            }

            port = p;
            hostPart = authority[..colon];
        }

        var kind = Uri.CheckHostName(hostPart.Trim('[', ']'));
        if (kind is UriHostNameType.Unknown or UriHostNameType.Basic)
        {
            return false;
        }

        if (kind == UriHostNameType.Dns && (hostPart.Contains(':', StringComparison.Ordinal) || !hostPart.Contains('.', StringComparison.Ordinal) && hostPart != "localhost"))
        {
            return false;
        }

        isLoopback = hostPart == "localhost" || (IPAddress.TryParse(hostPart.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
        host = hostPart.ToLowerInvariant();
        return true;
    }
}
