using System.Text.Json;
using System.Text.Json.Nodes;

namespace DidSdk.OpenId4Vc;

// Small, non-throwing readers over untrusted JSON.
internal static class JsonRead
{
    public const int MaxDepth = 32;

    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = MaxDepth };

    public static JsonObject? ParseObject(ReadOnlySpan<byte> utf8)
    {
        try
        {
            return JsonNode.Parse(utf8, documentOptions: DocumentOptions) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static JsonObject? ParseObject(string text)
    {
        try
        {
            return JsonNode.Parse(text, documentOptions: DocumentOptions) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static JsonNode? ParseNode(string text)
    {
        try
        {
            return JsonNode.Parse(text, documentOptions: DocumentOptions);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static string? String(JsonObject? obj, string name) =>
        obj is not null && obj.TryGetPropertyValue(name, out var node) && node is JsonValue value && value.GetValueKind() == JsonValueKind.String
            ? value.GetValue<string>()
            : null;

    // Parsed documents hold JsonElement-backed values, documents built in memory hold CLR numbers: the text form covers both.
    public static long? Integer(JsonObject? obj, string name) =>
        obj is not null && obj.TryGetPropertyValue(name, out var node) && node is JsonValue value && value.GetValueKind() == JsonValueKind.Number
            && long.TryParse(value.ToJsonString(), System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var number)
            ? number
            : null;

    public static JsonObject? Object(JsonObject? obj, string name) =>
        obj is not null && obj.TryGetPropertyValue(name, out var node) ? node as JsonObject : null;

    public static JsonArray? Array(JsonObject? obj, string name) =>
        obj is not null && obj.TryGetPropertyValue(name, out var node) ? node as JsonArray : null;

    // An array whose every element is a string; null when absent or when any element is not a string.
    public static List<string>? Strings(JsonObject? obj, string name)
    {
        var array = Array(obj, name);
        if (array is null)
        {
            return null;
        }

        var list = new List<string>(array.Count);
        foreach (var item in array)
        {
            if (item is not JsonValue value || value.GetValueKind() != JsonValueKind.String)
            {
                return null;
            }

            list.Add(value.GetValue<string>());
        }

        return list;
    }

    public static JsonArray ToArray(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode?)JsonValue.Create(v))]);
}
