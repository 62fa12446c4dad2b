namespace DidSdk.Core.Dids;

/// <summary>Character classes of DID Core 1.0 §3.1/§3.2 and RFC 3986 §2–§3.</summary>
internal static class DidSyntax
{
    /// <summary>The longest DID or DID URL accepted (characters). DID Core sets no limit; hostile input needs one.</summary>
    public const int MaxLength = 2048;

    public static bool IsAlpha(char c) => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z');

    public static bool IsDigit(char c) => c is >= '0' and <= '9';

    public static bool IsHexDigit(char c) => IsDigit(c) || c is (>= 'a' and <= 'f') or (>= 'A' and <= 'F');

    public static bool IsMethodChar(char c) => c is (>= 'a' and <= 'z') or (>= '0' and <= '9');

    /// <summary><c>idchar</c> without <c>pct-encoded</c>.</summary>
    public static bool IsIdChar(char c) => IsAlpha(c) || IsDigit(c) || c is '.' or '-' or '_';

    public static bool IsUnreserved(char c) => IsAlpha(c) || IsDigit(c) || c is '-' or '.' or '_' or '~';

    public static bool IsSubDelim(char c) => c is '!' or '$' or '&' or '\'' or '(' or ')' or '*' or '+' or ',' or ';' or '=';

    /// <summary><c>pchar</c> without <c>pct-encoded</c> (RFC 3986 §3.3).</summary>
    public static bool IsPChar(char c) => IsUnreserved(c) || IsSubDelim(c) || c is ':' or '@';

    /// <summary>Whether <paramref name="s"/>[<paramref name="i"/>] starts a valid <c>pct-encoded</c> triplet.</summary>
    public static bool IsPctEncodedAt(ReadOnlySpan<char> s, int i) =>
        i + 2 < s.Length && s[i] == '%' && IsHexDigit(s[i + 1]) && IsHexDigit(s[i + 2]);

    /// <summary>Validates a method-specific id: <c>*( *idchar ":" ) 1*idchar</c>.</summary>
    public static bool IsValidMethodSpecificId(ReadOnlySpan<char> s, out bool badPercent)
    {
        badPercent = false;
        if (s.IsEmpty || s[^1] == ':')
        {
            return false;
        }

        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (c == '%')
            {
                if (!IsPctEncodedAt(s, i))
                {
                    badPercent = true;
                    return false;
                }

                i += 2;
            }
            else if (!IsIdChar(c) && c != ':')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Validates <c>path-abempty</c>, <c>query</c> or <c>fragment</c> characters.</summary>
    /// <param name="s">The component without its delimiter.</param>
    /// <param name="extra">Extra characters allowed beyond <c>pchar</c> (<c>/</c> for paths; <c>/?</c> for query and fragment).</param>
    /// <param name="badPercent">Set when the failure is a malformed percent-encoding.</param>
    public static bool IsValidComponent(ReadOnlySpan<char> s, ReadOnlySpan<char> extra, out bool badPercent)
    {
        badPercent = false;
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (c == '%')
            {
                if (!IsPctEncodedAt(s, i))
                {
                    badPercent = true;
                    return false;
                }

                i += 2;
            }
            else if (!IsPChar(c) && !extra.Contains(c))
            {
                return false;
            }
        }

        return true;
    }
}
