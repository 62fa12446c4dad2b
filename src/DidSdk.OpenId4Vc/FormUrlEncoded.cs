using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Text;

namespace DidSdk.OpenId4Vc;

/// <summary>
/// <c>application/x-www-form-urlencoded</c> bodies of OAuth requests. Parameters sent more than once are refused
/// (RFC 6749 §3.1: request parameters MUST NOT be included more than once).
/// </summary>
public static class FormUrlEncoded
{
    /// <summary>The most parameters read from one body.</summary>
    public const int MaxParameters = 64;

    /// <summary>Parses <paramref name="text"/>; <see langword="false"/> for a repeated or empty name, or too many parameters.</summary>
    /// <param name="text">The encoded form (or URI query without <c>?</c>).</param>
    /// <param name="parameters">The decoded parameters.</param>
    public static bool TryParse(string text, [NotNullWhen(true)] out Dictionary<string, string>? parameters)
    {
        ArgumentNullException.ThrowIfNull(text);
        parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        if (text.Length == 0)
        {
            return true;
        }

        var pairs = text.Split('&');
        if (pairs.Length > MaxParameters)
        {
            parameters = null;
            return false;
        }

        foreach (var pair in pairs)
        {
            if (pair.Length == 0)
            {
                continue;
            }

            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            var name = WebUtility.UrlDecode(eq < 0 ? pair : pair[..eq]);
            var value = eq < 0 ? "" : WebUtility.UrlDecode(pair[(eq + 1)..]);
            if (name.Length == 0 || !parameters.TryAdd(name, value))
            {
                parameters = null;
                return false;
            }
        }

        return true;
    }

    /// <summary>Parses a UTF-8 body; see <see cref="TryParse(string, out Dictionary{string, string}?)"/>.</summary>
    /// <param name="utf8">The body bytes.</param>
    /// <param name="parameters">The decoded parameters.</param>
    public static bool TryParse(ReadOnlySpan<byte> utf8, [NotNullWhen(true)] out Dictionary<string, string>? parameters)
    {
        string text;
        try
        {
            text = new UTF8Encoding(false, true).GetString(utf8);
        }
        catch (DecoderFallbackException)
        {
            parameters = null;
            return false;
        }

        return TryParse(text, out parameters);
    }

    /// <summary>Encodes parameters as a form body.</summary>
    /// <param name="parameters">The parameters.</param>
    public static string Encode(IEnumerable<KeyValuePair<string, string>> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return string.Join('&', parameters.Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value)));
    }
}
