using System.Collections.ObjectModel;
using System.Text.Json;

namespace DidSdk.Core.Dids;

/// <summary>JSON helpers shared by the DID document model.</summary>
internal static class DidJson
{
    public static readonly IReadOnlyDictionary<string, JsonElement> NoProperties =
        new ReadOnlyDictionary<string, JsonElement>(new Dictionary<string, JsonElement>());

    /// <summary>The most bytes a DID document may have (1 MiB); hostile input needs a bound.</summary>
    public const int MaxDocumentBytes = 1024 * 1024;

    /// <summary>The deepest nesting accepted; DID documents are shallow.</summary>
    public const int MaxDepth = 32;

    public static readonly JsonDocumentOptions ParseOptions = new()
    {
        MaxDepth = MaxDepth,
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Disallow,
        AllowDuplicateProperties = false,
    };

    /// <summary>
    /// Compact output without HTML-oriented escaping (<c>+</c> in media types, non-ASCII text): DID documents are data,
    /// never embedded in HTML by this SDK, and escaped forms would make the output differ from other implementations.
    /// </summary>
    public static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = false,
        SkipValidation = false,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>A detached, insertion-ordered, read-only copy.</summary>
    public static IReadOnlyDictionary<string, JsonElement> Freeze(IReadOnlyDictionary<string, JsonElement>? source)
    {
        if (source is null || source.Count == 0)
        {
            return NoProperties;
        }

        var copy = new Dictionary<string, JsonElement>(source.Count, StringComparer.Ordinal);
        foreach (var (key, value) in source)
        {
            copy[key] = value.Clone();
        }

        return new ReadOnlyDictionary<string, JsonElement>(copy);
    }

    public static void WriteAdditional(Utf8JsonWriter writer, IReadOnlyDictionary<string, JsonElement> additional)
    {
        foreach (var (key, value) in additional)
        {
            writer.WritePropertyName(key);
            value.WriteTo(writer);
        }
    }

    public static void WriteStringOrSet(Utf8JsonWriter writer, string name, IReadOnlyList<string> values)
    {
        if (values.Count == 1)
        {
            writer.WriteString(name, values[0]);
            return;
        }

        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }

    public static void WriteSetIfAny(Utf8JsonWriter writer, string name, IReadOnlyList<string> values)
    {
        if (values.Count == 0)
        {
            return;
        }

        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }

    /// <summary>Reads a string, or a non-empty array of strings, into a list.</summary>
    public static bool TryReadStringOrSet(JsonElement element, out List<string> values)
    {
        values = [];
        if (element.ValueKind == JsonValueKind.String)
        {
            values.Add(element.GetString()!);
            return true;
        }

        if (element.ValueKind != JsonValueKind.Array)
        {
            return false;
        }

        foreach (var item in element.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                return false;
            }

            values.Add(item.GetString()!);
        }

        return true;
    }
}
