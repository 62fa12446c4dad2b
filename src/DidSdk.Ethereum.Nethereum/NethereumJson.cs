using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DidSdk.Ethereum.Rpc;
using Nethereum.JsonRpc.Client;
using Newtonsoft.Json.Linq;

namespace DidSdk.Ethereum.Nethereum;

/// <summary>
/// Moves JSON between System.Text.Json (the SDK) and whatever a Nethereum client uses (Newtonsoft <see cref="JToken"/>
/// for <c>RpcClient</c>, <see cref="JsonElement"/> for System.Text.Json clients), and Nethereum's failures to the SDK's.
/// </summary>
internal static class NethereumJson
{
    private const int MaxDepth = 64;
    private const int MaxMessageLength = 256;
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = MaxDepth };
    private static readonly JsonElement Null = JsonDocument.Parse("null").RootElement.Clone();

    /// <summary>
    /// Parameters as plain CLR values (string, bool, number, list, dictionary) that both Newtonsoft and
    /// System.Text.Json serialize as the same JSON, so the user's client and its interceptors see ordinary values.
    /// </summary>
    public static object?[] ToParameters(JsonArray parameters) => [.. parameters.Select(ToClr)];

    private static object? ToClr(JsonNode? node) => node switch
    {
        null => null,
        JsonArray array => array.Select(ToClr).ToList(),
        JsonObject obj => obj.ToDictionary(p => p.Key, p => ToClr(p.Value), StringComparer.Ordinal),
        JsonValue value => value.GetValueKind() switch
        {
            JsonValueKind.String => value.GetValue<string>(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Number => ToNumber(value),
            _ => null,
        },
        _ => throw new ArgumentException("Unsupported JSON parameter.", nameof(node)),
    };

    private static object ToNumber(JsonValue value)
    {
        var text = value.ToJsonString();
        return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer)
            ? integer
            : decimal.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    /// <summary>A result as the client decoded it (a <see cref="JToken"/>, a <see cref="JsonElement"/> or a primitive) as a detached <see cref="JsonElement"/>.</summary>
    public static JsonElement ToElement(object? result)
    {
        switch (result)
        {
            case null:
                return Null;
            case JsonElement element:
                return element.Clone();
            case JToken token:
                if (token.Type == JTokenType.Null)
                {
                    return Null;
                }

                using (var document = JsonDocument.Parse(token.ToString(Newtonsoft.Json.Formatting.None), DocumentOptions))
                {
                    return document.RootElement.Clone();
                }

            case string text:
                return JsonSerializer.SerializeToElement(text, NethereumJsonContext.Default.String);
            case bool flag:
                return JsonSerializer.SerializeToElement(flag, NethereumJsonContext.Default.Boolean);
            case long or int or ulong or decimal or double:
                using (var document = JsonDocument.Parse(Convert.ToString(result, CultureInfo.InvariantCulture)!, DocumentOptions))
                {
                    return document.RootElement.Clone();
                }

            default:
                throw new EthereumTransportException($"The Nethereum client returned a {result.GetType().Name}, not JSON.");
        }
    }

    /// <summary>A Nethereum error object as the SDK's; the node's message is untrusted text, so it is cleaned and shortened.</summary>
    public static Rpc.RpcError ToError(int code, string? message, object? data) =>
        new(code, Sanitize(message), data is null ? null : ToElement(data) is { ValueKind: not JsonValueKind.Null } element ? element : null);

    /// <summary>Maps what a Nethereum client throws to the SDK's exceptions; <see langword="null"/> for anything else.</summary>
    public static Exception? Translate(string method, Exception exception) => exception switch
    {
        RpcResponseException response when response.RpcError is { } error => new EthereumRpcException(method, ToError(error.Code, error.Message, error.Data)),
        RpcClientTimeoutException timeout => new EthereumTransportException("The node did not answer within the Nethereum client's timeout.", timeout),
        RpcClientUnknownException unknown => new EthereumTransportException("The node could not be reached through the Nethereum client.", unknown, Status(unknown)),
        HttpRequestException http => new EthereumTransportException("The node could not be reached through the Nethereum client.", http, (int?)http.StatusCode),
        IOException io => new EthereumTransportException("The connection to the node broke.", io),
        Newtonsoft.Json.JsonException json => new EthereumTransportException("The node's reply is not valid JSON.", json, 200),
        JsonException json => new EthereumTransportException("The node's reply is not valid JSON.", json, 200),
        _ => null,
    };

    private static int? Status(Exception exception)
    {
        for (var inner = exception.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (inner is HttpRequestException { StatusCode: HttpStatusCode status })
            {
                return (int)status;
            }
        }

        return null;
    }

    private static string Sanitize(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var cut = text.Length > MaxMessageLength;
        var builder = new StringBuilder(Math.Min(text.Length, MaxMessageLength) + 1);
        foreach (var rune in text.EnumerateRunes())
        {
            if (builder.Length + rune.Utf16SequenceLength > MaxMessageLength)
            {
                break;
            }

            var category = Rune.GetUnicodeCategory(rune);
            var unsafeRune = rune == Rune.ReplacementChar
                || category is System.Globalization.UnicodeCategory.Control or System.Globalization.UnicodeCategory.Format
                    or System.Globalization.UnicodeCategory.LineSeparator or System.Globalization.UnicodeCategory.ParagraphSeparator;
            builder.Append(unsafeRune ? "?" : rune.ToString());
        }

        return cut ? builder.Append('…').ToString() : builder.ToString();
    }
}
