using System.Text.Json;
using System.Text.Json.Nodes;

namespace DidSdk.Core.Json;

/// <summary>The outcome of <see cref="StrictJson"/> parsing.</summary>
public enum StrictJsonStatus
{
    /// <summary>The input is well-formed JSON within the limits.</summary>
    Ok,

    /// <summary>The input is not well-formed JSON (RFC 8259), including invalid UTF-8.</summary>
    Invalid,

    /// <summary>Objects or arrays nest deeper than the allowed depth.</summary>
    TooDeep,

    /// <summary>An object has two members with the same name (after unescaping).</summary>
    DuplicateMember,

    /// <summary>The input is longer than the allowed size.</summary>
    TooLarge,

    /// <summary>A string or member name escapes a lone surrogate (for example <c>"\ud800"</c>), which is not Unicode text.</summary>
    LoneSurrogate,
}

/// <summary>
/// Parses untrusted JSON with a depth limit and without duplicate member names (RFC 8259 §4 leaves duplicates to
/// the implementation; RFC 7515 §4 and RFC 8785 §3.1 require rejecting them). Never throws for invalid input.
/// </summary>
public static class StrictJson
{
    /// <summary>The default maximum nesting depth (the top-level object or array is depth 1).</summary>
    public const int DefaultMaxDepth = 32;

    /// <summary>Parses <paramref name="utf8Json"/> into a <see cref="JsonNode"/>.</summary>
    /// <param name="utf8Json">The UTF-8 JSON text.</param>
    /// <param name="maxDepth">The maximum nesting depth; the top-level object or array is depth 1.</param>
    /// <param name="node">The parsed value (<see langword="null"/> for a JSON <c>null</c> or on failure).</param>
    /// <returns>The status; <paramref name="node"/> is meaningful only for <see cref="StrictJsonStatus.Ok"/>.</returns>
    public static StrictJsonStatus TryParseNode(ReadOnlySpan<byte> utf8Json, int maxDepth, out JsonNode? node)
    {
        node = null;
        var status = Validate(utf8Json, maxDepth);
        if (status != StrictJsonStatus.Ok)
        {
            return status;
        }

        try
        {
            node = JsonNode.Parse(utf8Json, null, DocumentOptions(maxDepth));
            return StrictJsonStatus.Ok;
        }
        catch (JsonException)
        {
            // The text already passed the syntax and depth check, so the only remaining rejection is a duplicate name.
            return StrictJsonStatus.DuplicateMember;
        }
    }

    /// <summary>Parses <paramref name="utf8Json"/> and requires the top-level value to be an object.</summary>
    /// <returns>The status, or <see cref="StrictJsonStatus.Invalid"/> when the value is not an object.</returns>
    public static StrictJsonStatus TryParseObject(ReadOnlySpan<byte> utf8Json, int maxDepth, out JsonObject? jsonObject)
    {
        var status = TryParseNode(utf8Json, maxDepth, out var node);
        jsonObject = node as JsonObject;
        return status == StrictJsonStatus.Ok && jsonObject is null ? StrictJsonStatus.Invalid : status;
    }

    /// <summary>Parses <paramref name="utf8Json"/> into a <see cref="JsonDocument"/> the caller must dispose.</summary>
    public static StrictJsonStatus TryParseDocument(ReadOnlyMemory<byte> utf8Json, int maxDepth, out JsonDocument? document)
    {
        document = null;
        var status = Validate(utf8Json.Span, maxDepth);
        if (status != StrictJsonStatus.Ok)
        {
            return status;
        }

        try
        {
            document = JsonDocument.Parse(utf8Json, DocumentOptions(maxDepth));
            return StrictJsonStatus.Ok;
        }
        catch (JsonException)
        {
            return StrictJsonStatus.DuplicateMember;
        }
    }

    /// <summary>Checks syntax (including UTF-8 validity) and depth without building a tree.</summary>
    public static StrictJsonStatus Validate(ReadOnlySpan<byte> utf8Json, int maxDepth)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDepth, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxDepth, 1000);

        // Utf8JsonReader does not validate UTF-8 inside strings; ill-formed bytes (including encoded surrogates) are rejected here.
        if (!System.Text.Unicode.Utf8.IsValid(utf8Json))
        {
            return StrictJsonStatus.Invalid;
        }

        // One more level than allowed so that the reader reaches our own depth check instead of throwing first.
        var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { MaxDepth = maxDepth + 1 });
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && reader.CurrentDepth + 1 > maxDepth)
                {
                    return StrictJsonStatus.TooDeep;
                }

                if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName && reader.ValueIsEscaped && !UnescapesToText(ref reader))
                {
                    return StrictJsonStatus.LoneSurrogate;
                }
            }

            return StrictJsonStatus.Ok;
        }
        catch (JsonException)
        {
            return StrictJsonStatus.Invalid;
        }
    }

    private static bool UnescapesToText(ref Utf8JsonReader reader)
    {
        try
        {
            // Only escaped strings can hide a lone surrogate (raw UTF-8 was validated above); unescaping one rejects it.
            _ = reader.GetString();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static JsonDocumentOptions DocumentOptions(int maxDepth) => new()
    {
        MaxDepth = maxDepth + 1,
        AllowDuplicateProperties = false,
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Disallow,
    };
}
