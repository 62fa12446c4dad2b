namespace DidSdk.JsonLd;

/// <summary>IRI helpers: absolute-IRI test and RFC 3986 §5.2 reference resolution.</summary>
internal static class Iri
{
    /// <summary>Whether <paramref name="value"/> starts with a scheme (<c>ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) ":"</c>).</summary>
    public static bool IsAbsolute(string value)
    {
        if (value.Length == 0 || !char.IsAsciiLetter(value[0]))
        {
            return false;
        }

        for (var i = 1; i < value.Length; i++)
        {
            var c = value[i];
            if (c == ':')
            {
                return true;
            }

            if (!char.IsAsciiLetterOrDigit(c) && c != '+' && c != '-' && c != '.')
            {
                return false;
            }
        }

        return false;
    }

    /// <summary>Whether the value contains characters an IRI never has (space, controls, &lt;&gt;"{}|\^`).</summary>
    public static bool HasInvalidCharacters(string value)
    {
        var hash = value.IndexOf('#', StringComparison.Ordinal);
        if (hash >= 0 && value.IndexOf('#', hash + 1) >= 0)
        {
            return true;
        }

        foreach (var c in value)
        {
            if (c <= 0x20 || c is '<' or '>' or '"' or '{' or '}' or '|' or '\\' or '^' or '`')
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Resolves <paramref name="reference"/> against the absolute <paramref name="baseIri"/> (RFC 3986 §5.2.2).</summary>
    public static string Resolve(string? baseIri, string reference)
    {
        if (IsAbsolute(reference))
        {
            // RFC 3986 §5.2.2: an absolute reference only has its dot segments removed.
            Split(reference, out var sc, out var au, out var pa, out var qu, out var fr);
            return Compose(sc, au, RemoveDotSegments(pa), qu, fr);
        }

        if (baseIri is null)
        {
            return reference;
        }

        Split(baseIri, out var bScheme, out var bAuthority, out var bPath, out var bQuery, out _);
        Split("x:" + reference, out _, out var rAuthority, out var rPath, out var rQuery, out var rFragment);
        string? authority;
        string path;
        string? query;
        if (rAuthority is not null)
        {
            authority = rAuthority;
            path = RemoveDotSegments(rPath);
            query = rQuery;
        }
        else
        {
            authority = bAuthority;
            if (rPath.Length == 0)
            {
                path = bPath;
                query = rQuery ?? bQuery;
            }
            else
            {
                if (rPath[0] == '/')
                {
                    path = RemoveDotSegments(rPath);
                }
                else
                {
                    string merged;
                    if (bAuthority is not null && bPath.Length == 0)
                    {
                        merged = "/" + rPath;
                    }
                    else
                    {
                        var slash = bPath.LastIndexOf('/');
                        merged = slash >= 0 ? string.Concat(bPath.AsSpan(0, slash + 1), rPath) : rPath;
                    }

                    path = RemoveDotSegments(merged);
                }

                query = rQuery;
            }
        }

        return Compose(bScheme, authority, path, query, rFragment);
    }

    private static string Compose(string? scheme, string? authority, string path, string? query, string? fragment)
    {
        var sb = new System.Text.StringBuilder();
        if (scheme is not null)
        {
            sb.Append(scheme).Append(':');
        }

        if (authority is not null)
        {
            sb.Append("//").Append(authority);
        }

        sb.Append(path);
        if (query is not null)
        {
            sb.Append('?').Append(query);
        }

        if (fragment is not null)
        {
            sb.Append('#').Append(fragment);
        }

        return sb.ToString();
    }

    private static void Split(string iri, out string? scheme, out string? authority, out string path, out string? query, out string? fragment)
    {
        var rest = iri;
        scheme = null;
        var colon = rest.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0 && IsAbsolute(rest))
        {
            scheme = rest[..colon];
            rest = rest[(colon + 1)..];
        }

        fragment = null;
        var hash = rest.IndexOf('#', StringComparison.Ordinal);
        if (hash >= 0)
        {
            fragment = rest[(hash + 1)..];
            rest = rest[..hash];
        }

        query = null;
        var q = rest.IndexOf('?', StringComparison.Ordinal);
        if (q >= 0)
        {
            query = rest[(q + 1)..];
            rest = rest[..q];
        }

        authority = null;
        if (rest.StartsWith("//", StringComparison.Ordinal))
        {
            var end = rest.IndexOf('/', 2);
            if (end < 0)
            {
                end = rest.Length;
            }

            authority = rest[2..end];
            rest = rest[end..];
        }

        path = rest;
    }

    private static string RemoveDotSegments(string path)
    {
        if (path.IndexOf('.', StringComparison.Ordinal) < 0)
        {
            return path;
        }

        var input = path;
        var output = new List<string>();
        while (input.Length > 0)
        {
            if (input.StartsWith("../", StringComparison.Ordinal))
            {
                input = input[3..];
            }
            else if (input.StartsWith("./", StringComparison.Ordinal))
            {
                input = input[2..];
            }
            else if (input.StartsWith("/./", StringComparison.Ordinal))
            {
                input = input[2..];
            }
            else if (input == "/.")
            {
                input = "/";
            }
            else if (input.StartsWith("/../", StringComparison.Ordinal))
            {
                input = input[3..];
                if (output.Count > 0)
                {
                    output.RemoveAt(output.Count - 1);
                }
            }
            else if (input == "/..")
            {
                input = "/";
                if (output.Count > 0)
                {
                    output.RemoveAt(output.Count - 1);
                }
            }
            else if (input is "." or "..")
            {
                input = string.Empty;
            }
            else
            {
                var start = input[0] == '/' ? 1 : 0;
                var next = input.IndexOf('/', start);
                if (next < 0)
                {
                    next = input.Length;
                }

                output.Add(input[..next]);
                input = input[next..];
            }
        }

        return string.Concat(output);
    }
}
