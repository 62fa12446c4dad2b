using System.Net;

namespace DidSdk.OpenId4Vc;

// Protocol endpoints require HTTPS; plain HTTP only on a loopback host when the caller turned on the development option.
internal static class SecureUrl
{
    public static bool IsAllowed(Uri uri, bool allowLoopbackHttp) =>
        uri.IsAbsoluteUri
        && (uri.Scheme == Uri.UriSchemeHttps || (allowLoopbackHttp && uri.Scheme == Uri.UriSchemeHttp && IsLoopback(uri)));

    public static bool IsLoopback(Uri uri) =>
        string.Equals(uri.Host, "localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(uri.IdnHost.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
}
