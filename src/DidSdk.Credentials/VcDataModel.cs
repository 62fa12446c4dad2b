using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using DidSdk.Core;

namespace DidSdk.Credentials;

/// <summary>The data model rules shared by credentials and presentations (VC Data Model 2.0 §4).</summary>
internal static partial class VcDataModel
{
    public const string V2Context = "https://www.w3.org/ns/credentials/v2";
    public const string V1Context = "https://www.w3.org/2018/credentials/v1";

    // Terms the VC v2 context defines as @protected (a subset that matters for type confusion).
    private static readonly HashSet<string> ProtectedTerms = new(StringComparer.Ordinal)
    {
        "VerifiableCredential", "VerifiablePresentation", "EnvelopedVerifiableCredential", "EnvelopedVerifiablePresentation",
        "credentialSubject", "issuer", "holder", "validFrom", "validUntil", "credentialStatus", "credentialSchema", "evidence",
        "termsOfUse", "refreshService", "verifiableCredential", "proof", "name", "description", "id", "type",
        "DataIntegrityProof", "BitstringStatusListEntry", "BitstringStatusListCredential", "JsonSchema",
    };

    /// <summary>A property's values: none when absent, the items of an array, or the single value (no copy).</summary>
    public static NodeValues Nodes(JsonNode? node) => new(node);

    public static IReadOnlyList<JsonObject> Objects(JsonNode? node)
    {
        var values = Nodes(node);
        if (values.Count == 0)
        {
            return [];
        }

        var objects = new List<JsonObject>(values.Count);
        foreach (var value in values)
        {
            if (value is JsonObject o)
            {
                objects.Add(o);
            }
        }

        return objects;
    }

    public static List<string> TypesOf(JsonObject obj)
    {
        var values = Nodes(obj["type"]);
        var types = new List<string>(values.Count);
        foreach (var value in values)
        {
            if (AsString(value) is { } type)
            {
                types.Add(type);
            }
        }

        return types;
    }

    /// <summary>The string, when <paramref name="node"/> is a JSON string.</summary>
    public static string? AsString(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    /// <summary>
    /// An absolute URI as the data model means "URL" (RFC 3986 §3: <c>scheme ":" hier-part</c>): a scheme of letters,
    /// digits, <c>+ - .</c> starting with a letter, a non-empty rest, and none of the characters URIs exclude. A
    /// syntactic check on purpose: full <see cref="Uri"/> parsing costs about a microsecond per value on the
    /// verification hot path and adds nothing the data model asks for.
    /// </summary>
    /// <summary>
    /// VC Data Model 2.0 §5.3 Integrity of Related Resources: one or more objects, each with a URL <c>id</c> (unique)
    /// and a <c>digestSRI</c> (W3C Subresource Integrity: <c>sha256-</c>/<c>sha384-</c>/<c>sha512-</c> and the base64
    /// digest of that length) and/or a <c>digestMultibase</c> (a multibase base58btc or base64url multihash).
    /// </summary>
    public static void CheckRelatedResources(JsonObject obj, List<Problem> problems)
    {
        if (!obj.TryGetPropertyValue("relatedResource", out var node))
        {
            return;
        }

        var entries = Nodes(node);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var shapeOk = entries.Count > 0;
        var digestsOk = true;
        foreach (var entry in entries)
        {
            shapeOk = entry is JsonObject resource
                && AsString(resource["id"]) is { } id && IsUrl(id) && ids.Add(id)
                && (resource.ContainsKey("digestSRI") || resource.ContainsKey("digestMultibase"));
            if (!shapeOk)
            {
                break;
            }

            var r = (JsonObject)entry!;
            digestsOk &= (!r.TryGetPropertyValue("digestSRI", out var sri) || IsDigestSri(AsString(sri)))
                && (!r.TryGetPropertyValue("digestMultibase", out var multibase) || IsDigestMultibase(AsString(multibase)));
        }

        if (!shapeOk)
        {
            problems.Add(new Problem(CredentialProblemCodes.InvalidRelatedResource, "relatedResource needs one or more objects, each with a unique URL id and a digestSRI or digestMultibase (§5.3)."));
        }
        else if (!digestsOk)
        {
            problems.Add(new Problem(CredentialProblemCodes.RelatedResourceDigestInvalid, "A relatedResource digest is not a sha256/384/512 SRI digest or a multibase multihash (§5.3)."));
        }
    }

    private static bool IsDigestSri(string? value)
    {
        var dash = value?.IndexOf('-', StringComparison.Ordinal) ?? -1;
        if (value is null || dash < 0)
        {
            return false;
        }

        var length = value[..dash] switch { "sha256" => 32, "sha384" => 48, "sha512" => 64, _ => 0 };
        var digest = new byte[64];
        return length > 0 && Convert.TryFromBase64String(value[(dash + 1)..], digest, out var written) && written == length;
    }

    private static bool IsDigestMultibase(string? value)
    {
        if (value is not { Length: > 1 })
        {
            return false;
        }

        var encoding = value[0] switch { 'z' => DidSdk.Crypto.MultibaseEncoding.Base58Btc, 'u' => DidSdk.Crypto.MultibaseEncoding.Base64Url, _ => (DidSdk.Crypto.MultibaseEncoding?)null };

        // A multihash: code, length, digest (sha2-256 0x12, sha2-384 0x20, sha2-512 0x13, sha3-256 0x16 ...: one-byte varints here).
        // The W3C VC 2.0 test suite's fixture is a bare (non-multihash) SHA-256 digest: a digest of a SHA-2 length is accepted too.
        return encoding is { } e && DidSdk.Crypto.Multibase.TryDecode(value, e, out var bytes)
            && ((bytes.Length > 2 && bytes[1] == bytes.Length - 2) || bytes.Length is 32 or 48 or 64);
    }

    public static bool IsUrl(string text)
    {
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon < 1 || colon == text.Length - 1 || !char.IsAsciiLetter(text[0]))
        {
            return false;
        }

        for (var i = 1; i < colon; i++)
        {
            if (!char.IsAsciiLetterOrDigit(text[i]) && text[i] is not ('+' or '-' or '.'))
            {
                return false;
            }
        }

        return !text.AsSpan(colon + 1).ContainsAny(NotInUris);
    }

    /// <summary>
    /// <see cref="IsUrl(string)"/> on well-formed UTF-8 text: the same answer, since every character the rule names is
    /// ASCII and the bytes of other characters are never ASCII.
    /// </summary>
    public static bool IsUrl(ReadOnlySpan<byte> utf8)
    {
        var colon = utf8.IndexOf((byte)':');
        if (colon < 1 || colon == utf8.Length - 1 || !char.IsAsciiLetter((char)utf8[0]))
        {
            return false;
        }

        for (var i = 1; i < colon; i++)
        {
            if (!char.IsAsciiLetterOrDigit((char)utf8[i]) && utf8[i] is not ((byte)'+' or (byte)'-' or (byte)'.'))
            {
                return false;
            }
        }

        return !utf8[(colon + 1)..].ContainsAny(NotInUrisUtf8);
    }

    private const string NotInUriCharacters =
        "\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\b\t\n\u000b\f\r\u000e\u000f\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f \"<>\\^`{|}\u007f";

    private static readonly System.Buffers.SearchValues<char> NotInUris = System.Buffers.SearchValues.Create(NotInUriCharacters);

    private static readonly System.Buffers.SearchValues<byte> NotInUrisUtf8 = System.Buffers.SearchValues.Create(System.Text.Encoding.ASCII.GetBytes(NotInUriCharacters));

    public static VcDataModelVersion CheckContext(JsonObject obj, string baseType, List<Problem> problems)
    {
        var contexts = Nodes(obj["@context"]);
        var first = contexts.Count == 0 ? null : AsString(contexts[0]);
        if (first is not (V2Context or V1Context))
        {
            problems.Add(new Problem(CredentialProblemCodes.InvalidContext, $"@context must start with {V2Context} (or {V1Context} for 1.1)."));
            return VcDataModelVersion.V2;
        }

        HashSet<string>? definedHere = null;
        for (var i = 1; i < contexts.Count; i++)
        {
            var context = contexts[i];
            switch (context)
            {
                case JsonValue when AsString(context) is { } url && IsUrl(url):
                    break;
                case JsonObject inline:
                    CheckInlineContext(inline, definedHere ??= new HashSet<string>(StringComparer.Ordinal), problems);
                    break;
                default:
                    problems.Add(new Problem(CredentialProblemCodes.InvalidContext, "Each @context entry must be a URL or an object."));
                    break;
            }
        }

        _ = baseType;
        return first == V1Context ? VcDataModelVersion.V1 : VcDataModelVersion.V2;
    }

    private static void CheckInlineContext(JsonObject inline, HashSet<string> definedHere, List<Problem> problems)
    {
        var isProtected = inline["@protected"] is JsonValue p && p.TryGetValue<bool>(out var b) && b;
        foreach (var (term, definition) in inline)
        {
            if (term.StartsWith('@'))
            {
                continue;
            }

            if (ProtectedTerms.Contains(term) || definedHere.Contains(term))
            {
                problems.Add(new Problem(CredentialProblemCodes.InvalidTermDefinition, $"An inline context redefines the protected term '{term}'."));
                continue;
            }

            var iri = definition switch
            {
                JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
                JsonObject o when o["@id"] is JsonValue id && id.GetValueKind() == JsonValueKind.String => id.GetValue<string>(),
                _ => null,
            };
            if (iri is not null && !IsUrl(iri) && !iri.Contains(':', StringComparison.Ordinal))
            {
                continue; // a compact IRI or term reference; JSON-LD expansion would resolve it
            }

            if (iri is not null && !IsUrl(iri))
            {
                problems.Add(new Problem(CredentialProblemCodes.InvalidTermDefinition, $"The term '{term}' is not mapped to an absolute IRI."));
            }

            if (isProtected)
            {
                definedHere.Add(term);
            }
        }
    }

    public static List<string> CheckTypes(JsonObject obj, string required, string code, List<Problem> problems)
    {
        var nodes = Nodes(obj["type"]);
        var types = TypesOf(obj);
        if (nodes.Count == 0 || types.Count != nodes.Count || !types.Contains(required))
        {
            problems.Add(new Problem(code, $"type must be a string or a list of strings including {required}."));
            return types;
        }

        // With "@vocab": null, a type that is neither defined by a context nor a URL cannot be mapped (§4.5).
        var vocabDisabled = false;
        foreach (var context in Nodes(obj["@context"]))
        {
            vocabDisabled |= context is JsonObject c && c.TryGetPropertyValue("@vocab", out var vocab) && vocab is null;
        }

        if (vocabDisabled)
        {
            var defined = Objects(obj["@context"]).SelectMany(c => c.Select(p => p.Key)).ToHashSet(StringComparer.Ordinal);
            foreach (var type in types.Where(t => !ProtectedTerms.Contains(t) && !defined.Contains(t) && !IsUrl(t)))
            {
                problems.Add(new Problem(CredentialProblemCodes.InvalidTermDefinition, $"The type '{type}' is not defined by any context."));
            }
        }

        return types;
    }

    public static void CheckId(JsonObject obj, List<Problem> problems)
    {
        if (obj.TryGetPropertyValue("id", out var id) && (AsString(id) is not { } url || !IsUrl(url)))
        {
            problems.Add(new Problem(CredentialProblemCodes.InvalidId, "id must be a single URL."));
        }
    }

    public static string? CheckIssuer(JsonObject obj, List<Problem> problems)
    {
        switch (obj["issuer"])
        {
            case JsonValue v when AsString(v) is { } url && IsUrl(url):
                return url;
            case JsonObject o when AsString(o["id"]) is { } url && IsUrl(url):
                return url;
            default:
                problems.Add(new Problem(CredentialProblemCodes.InvalidIssuer, "issuer must be a URL or an object whose id is a URL."));
                return null;
        }
    }

    public static void CheckSubjects(JsonObject obj, List<Problem> problems)
    {
        var subjects = Nodes(obj["credentialSubject"]);
        if (subjects.Count == 0)
        {
            problems.Add(new Problem(CredentialProblemCodes.InvalidCredentialSubject, "credentialSubject is required."));
            return;
        }

        foreach (var subject in subjects)
        {
            if (subject is not JsonObject s || s.Count == 0)
            {
                problems.Add(new Problem(CredentialProblemCodes.InvalidCredentialSubject, "Each credential subject must be an object with at least one claim."));
                continue;
            }

            if (s.TryGetPropertyValue("id", out var id) && (AsString(id) is not { } url || !IsUrl(url)))
            {
                problems.Add(new Problem(CredentialProblemCodes.InvalidCredentialSubject, "A credential subject's id must be a single URL."));
            }
        }
    }

    public static (DateTimeOffset? From, DateTimeOffset? Until) CheckValidity(JsonObject obj, VcDataModelVersion version, List<Problem> problems)
    {
        var (fromName, untilName) = version == VcDataModelVersion.V1 ? ("issuanceDate", "expirationDate") : ("validFrom", "validUntil");
        var anyInvalid = false;
        var from = ReadDateTimeStamp(obj, fromName, problems, ref anyInvalid);
        var until = ReadDateTimeStamp(obj, untilName, problems, ref anyInvalid);
        if (version == VcDataModelVersion.V1 && from is null && !anyInvalid)
        {
            problems.Add(new Problem(CredentialProblemCodes.InvalidValidityPeriod, "A VC 1.1 credential needs issuanceDate."));
        }

        if (from is { } f && until is { } u && u < f)
        {
            problems.Add(new Problem(CredentialProblemCodes.InvalidValidityPeriod, $"{untilName} is before {fromName}."));
        }

        return (from, until);
    }

    private static DateTimeOffset? ReadDateTimeStamp(JsonObject obj, string name, List<Problem> problems, ref bool invalid)
    {
        if (!obj.TryGetPropertyValue(name, out var node))
        {
            return null;
        }

        if (AsString(node) is { } text && TryParseDateTimeStamp(text, out var value))
        {
            return value;
        }

        invalid = true;
        problems.Add(new Problem(CredentialProblemCodes.InvalidValidityPeriod, $"{name} must be an XML Schema dateTimeStamp (with a time zone)."));
        return null;
    }

    public static bool TryParseDateTimeStamp(string text, out DateTimeOffset value)
    {
        if (TryParseUtcSeconds(text, out value))
        {
            return true;
        }

        value = default;
        return DateTimeStamp().IsMatch(text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out value);
    }

    /// <summary>
    /// The common spelling, <c>yyyy-MM-ddTHH:mm:ssZ</c>, without the regular expression and culture-aware parser. Anything
    /// else (fractions, offsets, a leap second, a year beyond 9999) is <see langword="false"/> here and goes the general way,
    /// which also decides rejections.
    /// </summary>
    public static bool TryParseUtcSeconds(ReadOnlySpan<char> text, out DateTimeOffset value)
    {
        value = default;
        if (text.Length != 20 || text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':' || text[16] != ':' || text[19] != 'Z')
        {
            return false;
        }

        var year = Digits(text, 0, 4);
        var month = Digits(text, 5, 2);
        var day = Digits(text, 8, 2);
        var hour = Digits(text, 11, 2);
        var minute = Digits(text, 14, 2);
        var second = Digits(text, 17, 2);
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour is < 0 or > 23
            || minute is < 0 or > 59 || second is < 0 or > 59)
        {
            return false;
        }

        value = new DateTimeOffset(year, month, day, hour, minute, second, TimeSpan.Zero);
        return true;
    }

    // The decimal value of text[start..start+count], or -1 when a character is not an ASCII digit.
    private static int Digits(ReadOnlySpan<char> text, int start, int count)
    {
        var result = 0;
        for (var i = start; i < start + count; i++)
        {
            var digit = text[i] - '0';
            if ((uint)digit > 9)
            {
                return -1;
            }

            result = (result * 10) + digit;
        }

        return result;
    }

    public static void CheckTypedObjects(JsonObject obj, string name, bool needsId, List<Problem> problems)
    {
        if (!obj.TryGetPropertyValue(name, out var property))
        {
            return;
        }

        foreach (var item in Nodes(property))
        {
            if (item is not JsonObject o || TypesOf(o) is not { Count: > 0 } types || Nodes(o["type"]).Count != types.Count)
            {
                problems.Add(new Problem(CredentialProblemCodes.InvalidTypedObject, $"Each {name} needs a type."));
                continue;
            }

            if (o.TryGetPropertyValue("id", out var id) ? AsString(id) is not { } url || !IsUrl(url) : needsId)
            {
                problems.Add(new Problem(CredentialProblemCodes.InvalidTypedObject, $"A {name} id must be a single URL{(needsId ? " and is required" : string.Empty)}."));
            }
        }
    }

    private static readonly string[] LanguageProperties = ["name", "description"];

    public static void CheckLanguageValues(JsonObject obj, List<Problem> problems)
    {
        foreach (var name in LanguageProperties)
        {
            foreach (var item in Nodes(obj[name]))
            {
                var ok = item switch
                {
                    JsonValue v => v.GetValueKind() == JsonValueKind.String,
                    JsonObject o => o["@value"] is JsonValue value && value.GetValueKind() == JsonValueKind.String
                        && o.All(p => p.Key is "@value" or "@language" or "@direction"),
                    _ => false,
                };
                if (!ok)
                {
                    problems.Add(new Problem(CredentialProblemCodes.InvalidLanguageValue, $"{name} must be a string or language value objects (@value, @language, @direction)."));
                }
            }
        }
    }

    [GeneratedRegex(@"^-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex DateTimeStamp();
}

/// <summary>A property's values without copying: none when absent, the items of an array, or the single value.</summary>
internal readonly struct NodeValues(JsonNode? node) : IReadOnlyList<JsonNode?>
{
    /// <summary>The number of values.</summary>
    public int Count => node switch
    {
        null => 0,
        JsonArray array => array.Count,
        _ => 1,
    };

    /// <summary>The value at <paramref name="index"/>.</summary>
    public JsonNode? this[int index] => node is JsonArray array ? array[index]
        : index == 0 && node is not null ? node : throw new ArgumentOutOfRangeException(nameof(index));

    /// <summary>Enumerates the values.</summary>
    public Enumerator GetEnumerator() => new(node);

    IEnumerator<JsonNode?> IEnumerable<JsonNode?>.GetEnumerator()
    {
        foreach (var value in this)
        {
            yield return value;
        }
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => ((IEnumerable<JsonNode?>)this).GetEnumerator();

    /// <summary>The enumerator.</summary>
    public struct Enumerator(JsonNode? node)
    {
        private int _index = -1;

        /// <summary>The current value.</summary>
        public readonly JsonNode? Current => node is JsonArray array ? array[_index] : node;

        /// <summary>Moves to the next value.</summary>
        public bool MoveNext() => ++_index < (node switch { null => 0, JsonArray array => array.Count, _ => 1 });
    }
}
