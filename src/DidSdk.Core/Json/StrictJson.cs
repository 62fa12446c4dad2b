using System.Text.Json;
using System.Text.Json.Nodes;

namespace DidSdk.Core.Json;

/// <summary>
/// Parses untrusted JSON with a depth limit and without duplicate member names (RFC 8259 §4 leaves duplicates to
/// the implementation; RFC 7515 §4 and RFC 8785 §3.1 require rejecting them). Never throws for invalid input.
/// </summary>
public static class StrictJson
{
    /// <summary>The default maximum nesting depth (the top-level object or array is depth 1).</summary>
    public const int DefaultMaxDepth = 32;

    /// <summary>
    /// Parses <paramref name="utf8Json"/> into a <see cref="JsonNode"/> tree, built in one pass. Strings and booleans
    /// are held as <see cref="string"/> and <see cref="bool"/> values; numbers keep their exact JSON text (a
    /// <see cref="JsonElement"/>), so large or precise numbers survive a round trip unchanged.
    /// </summary>
    /// <param name="utf8Json">The UTF-8 JSON text.</param>
    /// <param name="maxDepth">The maximum nesting depth; the top-level object or array is depth 1.</param>
    /// <param name="node">The parsed value (<see langword="null"/> for a JSON <c>null</c> or on failure).</param>
    /// <returns>The status; <paramref name="node"/> is meaningful only for <see cref="StrictJsonStatus.Ok"/>.</returns>
    public static StrictJsonStatus TryParseNode(ReadOnlySpan<byte> utf8Json, int maxDepth, out JsonNode? node)
    {
        node = null;
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDepth, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxDepth, 1000);
        if (!System.Text.Unicode.Utf8.IsValid(utf8Json))
        {
            return StrictJsonStatus.Invalid;
        }

        // One pass that builds the tree as it reads: the reader enforces syntax and depth, unescaping a string rejects
        // a lone surrogate, and JsonObject.Add rejects a repeated name. Strings and booleans are held as .NET values
        // (read without re-decoding); numbers keep their JSON text (a JsonElement), so no precision is lost.
        var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { MaxDepth = maxDepth });
        try
        {
            if (!reader.Read())
            {
                return StrictJsonStatus.Invalid;
            }

            var built = Build(ref reader);
            if (reader.Read())
            {
                return StrictJsonStatus.Invalid;
            }

            node = built;
            return StrictJsonStatus.Ok;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or ArgumentException)
        {
            // The reader pass names the first problem in document order (syntax, depth, a lone surrogate); text it
            // accepts was refused for a repeated member name.
            var status = Validate(utf8Json, maxDepth);
            return status == StrictJsonStatus.Ok ? StrictJsonStatus.DuplicateMember : status;
        }
    }

    // Recursion depth is bounded by the reader's MaxDepth (at most 1000).
    private static JsonNode? Build(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                var obj = new JsonObject();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                {
                    var name = Known(ref reader) ?? reader.GetString()!;
                    reader.Read();
                    obj.Add(name, Build(ref reader));
                }

                return obj;
            case JsonTokenType.StartArray:
                var array = new JsonArray();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    array.Add(Build(ref reader));
                }

                return array;
            case JsonTokenType.String:
                return JsonValue.Create(Known(ref reader) ?? reader.GetString()!);
            case JsonTokenType.Number:
                return JsonValue.Create(JsonElement.ParseValue(ref reader));
            case JsonTokenType.True:
                return JsonValue.Create(true);
            case JsonTokenType.False:
                return JsonValue.Create(false);
            default:
                return null;
        }
    }

    // Names and values that nearly every JOSE header, JWT and credential holds, shared instead of allocated per parse
    // (strings are immutable, so a shared instance is indistinguishable from a fresh one).
    private static readonly string[] KnownStrings =
    [
        "alg", "kid", "typ", "cty", "crit", "jwk", "iss", "sub", "aud", "exp", "nbf", "iat", "jti", "nonce", "cnf", "vc", "vp",
        "@context", "id", "type", "issuer", "validFrom", "validUntil", "credentialSubject", "credentialStatus", "credentialSchema",
        "name", "description", "proof", "issuanceDate", "expirationDate", "holder", "verifiableCredential", "statusPurpose",
        "statusListIndex", "statusListCredential", "EdDSA", "ES256", "ES384", "ES256K", "vc+jwt", "vp+jwt", "JWT",
        "VerifiableCredential", "VerifiablePresentation", "https://www.w3.org/ns/credentials/v2", "https://www.w3.org/2018/credentials/v1",
    ];

    private static readonly byte[][] KnownUtf8 = [.. KnownStrings.Select(System.Text.Encoding.UTF8.GetBytes)];

    private static readonly int MaxKnownLength = KnownUtf8.Max(k => k.Length);

    private static string? Known(ref Utf8JsonReader reader)
    {
        // Longer text (digests, signatures, claim values) is never one of them: no scan.
        if (reader.ValueIsEscaped || reader.HasValueSequence || reader.ValueSpan.Length > MaxKnownLength)
        {
            return null;
        }

        var value = reader.ValueSpan;
        for (var i = 0; i < KnownUtf8.Length; i++)
        {
            if (value.SequenceEqual(KnownUtf8[i]))
            {
                return KnownStrings[i];
            }
        }

        return null;
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
        var status = PreCheck(utf8Json.Span, maxDepth);
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
            return Classify(utf8Json.Span, maxDepth);
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

    // One pass in the common case: the document parser itself enforces syntax, depth and unique member names, so the
    // separate reader pass (Validate) only runs to name the reason when it throws, or when an escape could hide a lone
    // surrogate (the parser unescapes strings lazily, so it would not notice).
    private static StrictJsonStatus PreCheck(ReadOnlySpan<byte> utf8Json, int maxDepth)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDepth, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxDepth, 1000);
        if (!System.Text.Unicode.Utf8.IsValid(utf8Json))
        {
            return StrictJsonStatus.Invalid;
        }

        return utf8Json.IndexOf("\\u"u8) >= 0 ? Validate(utf8Json, maxDepth) : StrictJsonStatus.Ok;
    }

    // The parser refused the text: the reader pass tells syntax and depth apart; text it accepts was refused for a duplicate name.
    private static StrictJsonStatus Classify(ReadOnlySpan<byte> utf8Json, int maxDepth)
    {
        var status = Validate(utf8Json, maxDepth);
        return status == StrictJsonStatus.Ok ? StrictJsonStatus.DuplicateMember : status;
    }

    // The reader counts the top-level container as depth 1, as maxDepth does.
    private static JsonDocumentOptions DocumentOptions(int maxDepth) => new()
    {
        MaxDepth = maxDepth,
        AllowDuplicateProperties = false,
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Disallow,
    };
}
