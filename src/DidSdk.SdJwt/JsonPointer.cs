using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json.Nodes;

namespace DidSdk.SdJwt;

/// <summary>JSON Pointer (RFC 6901) parsing and formatting, for naming the claims to make disclosable or to disclose.</summary>
public static class JsonPointer
{
    /// <summary>Splits <paramref name="text"/>, a pointer such as <c>/address/street_address</c> or <c>/nationalities/0</c> into reference tokens.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out IReadOnlyList<string>? tokens)
    {
        tokens = null;
        if (text is null || (text.Length > 0 && text[0] != '/'))
        {
            return false;
        }

        var parts = new List<string>();
        if (text.Length == 0)
        {
            tokens = parts;
            return true;
        }

        foreach (var raw in text[1..].Split('/'))
        {
            var token = new StringBuilder(raw.Length);
            for (var i = 0; i < raw.Length; i++)
            {
                if (raw[i] != '~')
                {
                    token.Append(raw[i]);
                    continue;
                }

                if (i + 1 >= raw.Length || raw[i + 1] is not ('0' or '1'))
                {
                    return false;
                }

                token.Append(raw[i + 1] == '0' ? '~' : '/');
                i++;
            }

            parts.Add(token.ToString());
        }

        tokens = parts;
        return true;
    }

    /// <summary>Formats reference tokens as a pointer.</summary>
    public static string Format(IEnumerable<string> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var builder = new StringBuilder();
        foreach (var token in tokens)
        {
            builder.Append('/').Append(token.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal));
        }

        return builder.ToString();
    }

    /// <summary>Whether <paramref name="prefix"/> is <paramref name="path"/> or one of its ancestors.</summary>
    internal static bool IsPrefixOf(string prefix, string path) =>
        path.Length == prefix.Length
            ? string.Equals(prefix, path, StringComparison.Ordinal)
            : path.Length > prefix.Length && path.StartsWith(prefix, StringComparison.Ordinal) && path[prefix.Length] == '/';

    /// <summary>Whether the pointer's tokens name a member or element of <paramref name="node"/> (array indexes in canonical decimal form).</summary>
    internal static bool Exists(JsonNode? node, IReadOnlyList<string> tokens)
    {
        foreach (var token in tokens)
        {
            switch (node)
            {
                case JsonObject obj when obj.TryGetPropertyValue(token, out var next):
                    node = next;
                    break;
                case JsonArray array when int.TryParse(token, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index)
                    && index < array.Count && token == index.ToString(System.Globalization.CultureInfo.InvariantCulture):
                    node = array[index];
                    break;
                default:
                    return false;
            }
        }

        return true;
    }
}
