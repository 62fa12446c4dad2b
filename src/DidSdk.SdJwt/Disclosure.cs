using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DidSdk.Core;
using DidSdk.Core.Json;

namespace DidSdk.SdJwt;

/// <summary>
/// A disclosure (RFC 9901 §4.2): a salt, a claim name (absent for an array element) and the claim value, encoded as
/// base64url of the UTF-8 JSON array. The <see cref="Encoded"/> string is kept exactly as produced or received,
/// because digests are computed over it.
/// </summary>
public sealed class Disclosure
{
    private readonly JsonNode? _value;

    private Disclosure(string salt, string? claimName, JsonNode? value, string encoded)
    {
        Salt = salt;
        ClaimName = claimName;
        this._value = value;
        Encoded = encoded;
    }

    /// <summary>The salt.</summary>
    public string Salt { get; }

    /// <summary>The claim name, or <see langword="null"/> for an array element (§4.2.2).</summary>
    public string? ClaimName { get; }

    /// <summary>Whether this discloses an array element.</summary>
    public bool IsArrayElement => ClaimName is null;

    /// <summary>The disclosed value (a fresh copy on each read, so callers cannot alter the disclosure).</summary>
    public JsonNode? Value => _value?.DeepClone();

    /// <summary>The value itself, for processing that copies what it keeps.</summary>
    internal JsonNode? RawValue => _value;

    /// <summary>The base64url-encoded disclosure, as it appears in the SD-JWT.</summary>
    public string Encoded { get; }

    /// <summary>The digest of <see cref="Encoded"/> under <paramref name="algorithm"/>.</summary>
    public string Digest(SdHashAlgorithm algorithm)
    {
        ArgumentNullException.ThrowIfNull(algorithm);
        return algorithm.Digest(Encoded);
    }

    /// <summary>Creates a disclosure for an object property (<paramref name="claimName"/> set) or an array element.</summary>
    public static Disclosure Create(string salt, string? claimName, JsonNode? claimValue, DisclosureJsonStyle style = DisclosureJsonStyle.Compact)
    {
        ArgumentException.ThrowIfNullOrEmpty(salt);
        if (claimName is "_sd" or "...")
        {
            throw new ArgumentException("The claim names _sd and ... cannot be disclosed (RFC 9901 §4.2.1).", nameof(claimName));
        }

        var array = new JsonArray { (JsonNode)salt };
        if (claimName is not null)
        {
            array.Add((JsonNode)claimName);
        }

        array.Add((JsonNode?)claimValue?.DeepClone());
        var json = style == DisclosureJsonStyle.Spaced ? SpacedJson.Write(array) : array.ToJsonString();
        return new Disclosure(salt, claimName, claimValue?.DeepClone(), StrictBase64Url.Encode(Encoding.UTF8.GetBytes(json)));
    }

    /// <summary>Decodes a received disclosure. Never throws for bad input.</summary>
    /// <param name="encoded">The base64url disclosure.</param>
    /// <param name="maxDepth">The JSON nesting limit.</param>
    /// <param name="disclosure">The disclosure.</param>
    /// <param name="problem">A <see cref="SdJwtProblemCodes.DisclosureMalformed"/> problem.</param>
    public static bool TryParse(string encoded, int maxDepth, [NotNullWhen(true)] out Disclosure? disclosure, [NotNullWhen(false)] out Problem? problem)
    {
        disclosure = null;
        if (!string.IsNullOrEmpty(encoded) && TryParseFlat(encoded, maxDepth, out disclosure))
        {
            problem = null;
            return true;
        }

        if (string.IsNullOrEmpty(encoded) || !StrictBase64Url.TryDecode(encoded, out var bytes))
        {
            problem = new Problem(SdJwtProblemCodes.DisclosureMalformed, "A disclosure is not base64url.");
            return false;
        }

        var status = StrictJson.TryParseNode(bytes, maxDepth, out var node);
        if (status != StrictJsonStatus.Ok)
        {
            problem = status == StrictJsonStatus.TooDeep
                ? new Problem(SdJwtProblemCodes.TooDeep, $"A disclosure nests deeper than {maxDepth} levels.")
                : new Problem(SdJwtProblemCodes.DisclosureMalformed, $"A disclosure is not valid JSON ({status}).");
            return false;
        }

        if (node is not JsonArray array || array.Count is not (2 or 3)
            || array[0] is not JsonValue saltValue || saltValue.GetValueKind() != JsonValueKind.String)
        {
            problem = new Problem(SdJwtProblemCodes.DisclosureMalformed, "A disclosure must be a JSON array of 2 or 3 elements starting with a string salt.");
            return false;
        }

        string? name = null;
        if (array.Count == 3)
        {
            if (array[1] is not JsonValue nameValue || nameValue.GetValueKind() != JsonValueKind.String)
            {
                problem = new Problem(SdJwtProblemCodes.DisclosureMalformed, "A disclosure's claim name must be a string.");
                return false;
            }

            name = nameValue.GetValue<string>();
        }

        var claimValue = array[^1];
        array.RemoveAt(array.Count - 1);
        disclosure = new Disclosure(saltValue.GetValue<string>(), name, claimValue, encoded);
        problem = null;
        return true;
    }

    /// <summary>
    /// Reads the usual disclosure, a salt, maybe a claim name and a plain value (string, number, boolean or null), from
    /// a pooled buffer without building a tree for the array. Anything else, valid or not, is left to the general path,
    /// so its problems stay exactly as they were; what this accepts gives the same disclosure the general path would.
    /// </summary>
    private static bool TryParseFlat(string encoded, int maxDepth, [NotNullWhen(true)] out Disclosure? disclosure)
    {
        disclosure = null;
        if (maxDepth is < 1 or > 1000)
        {
            return false;
        }

        var length = StrictBase64Url.GetDecodedLength(encoded.Length);
        byte[]? rented = null;
        var buffer = length <= 512 ? stackalloc byte[512] : (rented = ArrayPool<byte>.Shared.Rent(length));
        try
        {
            if (!StrictBase64Url.TryDecode(encoded, buffer, out var written) || !System.Text.Unicode.Utf8.IsValid(buffer[..written]))
            {
                return false;
            }

            var reader = new Utf8JsonReader(buffer[..written], new JsonReaderOptions { MaxDepth = maxDepth });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray || !reader.Read() || reader.TokenType != JsonTokenType.String)
            {
                return false;
            }

            var salt = reader.GetString()!;
            string? name = null;
            JsonNode? value;
            if (!reader.Read())
            {
                return false;
            }

            if (reader.TokenType == JsonTokenType.String)
            {
                var second = reader.GetString()!;
                if (!reader.Read())
                {
                    return false;
                }

                if (reader.TokenType == JsonTokenType.EndArray)
                {
                    value = JsonValue.Create(second);
                }
                else
                {
                    name = second;
                    if (!TryReadPlainValue(ref reader, out value) || !reader.Read() || reader.TokenType != JsonTokenType.EndArray)
                    {
                        return false;
                    }
                }
            }
            else if (!TryReadPlainValue(ref reader, out value) || !reader.Read() || reader.TokenType != JsonTokenType.EndArray)
            {
                return false;
            }

            if (reader.Read())
            {
                return false;
            }

            disclosure = new Disclosure(salt, name, value, encoded);
            return true;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return false;
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    // The nodes StrictJson builds for the same tokens: strings and booleans as .NET values, numbers as their JSON text.
    private static bool TryReadPlainValue(ref Utf8JsonReader reader, out JsonNode? value)
    {
        value = null;
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                value = JsonValue.Create(reader.GetString()!);
                return true;
            case JsonTokenType.Number:
                value = JsonValue.Create(JsonElement.ParseValue(ref reader));
                return true;
            case JsonTokenType.True or JsonTokenType.False:
                value = JsonValue.Create(reader.TokenType == JsonTokenType.True);
                return true;
            case JsonTokenType.Null:
                return true;
            default:
                return false;
        }
    }

    /// <inheritdoc/>
    public override string ToString() => Encoded;
}
