using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DidSdk.Core;
using DidSdk.Core.Json;

namespace DidSdk.SdJwt;

/// <summary>
/// An SD-JWT or SD-JWT+KB (RFC 9901 §4): the Issuer-signed JWT, the disclosures, and an optional Key Binding JWT.
/// Parsing checks the structure and decodes the disclosures; <see cref="SdJwtVerifier"/> checks everything else.
/// </summary>
public sealed class SdJwtToken
{
    /// <summary>Creates a token from its parts.</summary>
    /// <param name="issuerSignedJwt">The Issuer-signed JWT (compact JWS).</param>
    /// <param name="disclosures">The disclosures, in presentation order.</param>
    /// <param name="keyBindingJwt">The Key Binding JWT, or <see langword="null"/>.</param>
    public SdJwtToken(string issuerSignedJwt, IEnumerable<Disclosure> disclosures, string? keyBindingJwt = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(issuerSignedJwt);
        ArgumentNullException.ThrowIfNull(disclosures);
        _issuerSignedJwtText = issuerSignedJwt;
        IssuerSignedJwtMemory = issuerSignedJwt.AsMemory();
        Disclosures = [.. disclosures];
        _keyBindingJwtText = keyBindingJwt;
        KeyBindingJwtMemory = keyBindingJwt is null ? default(ReadOnlyMemory<char>?) : keyBindingJwt.AsMemory();
    }

    // Parsed tokens keep the JWTs as slices of the presentation: verifying reads them in place, and their own strings
    // are made only if someone asks for them.
    private SdJwtToken(ReadOnlyMemory<char> issuerSignedJwt, IReadOnlyList<Disclosure> disclosures, ReadOnlyMemory<char>? keyBindingJwt, ReadOnlyMemory<char> compactWithoutKeyBinding)
    {
        IssuerSignedJwtMemory = issuerSignedJwt;
        CompactWithoutKeyBindingMemory = compactWithoutKeyBinding;
        Disclosures = disclosures;
        KeyBindingJwtMemory = keyBindingJwt;
    }

    private string? _issuerSignedJwtText;
    private string? _keyBindingJwtText;

    /// <summary>The Issuer-signed JWT (for the JSON serialization, rebuilt from the first signature).</summary>
    public string IssuerSignedJwt => _issuerSignedJwtText ??= IssuerSignedJwtMemory.ToString();

    /// <summary>The disclosures.</summary>
    public IReadOnlyList<Disclosure> Disclosures { get; }

    /// <summary>The Key Binding JWT, if this is an SD-JWT+KB.</summary>
    public string? KeyBindingJwt => KeyBindingJwtMemory is { } kb ? _keyBindingJwtText ??= kb.ToString() : null;

    internal ReadOnlyMemory<char> IssuerSignedJwtMemory { get; }

    internal ReadOnlyMemory<char>? KeyBindingJwtMemory { get; }

    /// <summary>For a token parsed from the compact form, <c>&lt;JWT&gt;~&lt;D1&gt;~…~&lt;DN&gt;~</c> as a slice of the presentation (the <c>sd_hash</c> input); empty otherwise.</summary>
    internal ReadOnlyMemory<char> CompactWithoutKeyBindingMemory { get; }

    /// <summary>The compact SD-JWT without key binding: <c>&lt;JWT&gt;~&lt;D1&gt;~…~&lt;DN&gt;~</c> — the input of <c>sd_hash</c> (§4.3.1).</summary>
    public string ToCompactWithoutKeyBinding()
    {
        var builder = new StringBuilder(IssuerSignedJwt).Append('~');
        foreach (var disclosure in Disclosures)
        {
            builder.Append(disclosure.Encoded).Append('~');
        }

        return builder.ToString();
    }

    /// <summary>The compact serialization (§4): <c>&lt;JWT&gt;~&lt;D1&gt;~…~&lt;DN&gt;~[&lt;KB-JWT&gt;]</c>.</summary>
    public string ToCompact() => ToCompactWithoutKeyBinding() + KeyBindingJwt;

    /// <summary>The flattened JWS JSON serialization (§8.1): disclosures and <c>kb_jwt</c> in the unprotected header.</summary>
    public string ToFlattenedJson()
    {
        var parts = IssuerSignedJwt.Split('.');
        var header = new JsonObject { ["disclosures"] = new JsonArray([.. Disclosures.Select(d => (JsonNode)d.Encoded)]) };
        if (KeyBindingJwt is not null)
        {
            header["kb_jwt"] = KeyBindingJwt;
        }

        return new JsonObject { ["header"] = header, ["payload"] = parts[1], ["protected"] = parts[0], ["signature"] = parts[2] }.ToJsonString();
    }

    /// <summary>A copy with a different set of disclosures and key binding (what a holder presents).</summary>
    public SdJwtToken With(IEnumerable<Disclosure> disclosures, string? keyBindingJwt) => new(IssuerSignedJwt, disclosures, keyBindingJwt);

    /// <summary>Reads an SD-JWT in compact or JWS JSON serialization (§8), detected by the first character.</summary>
    public static bool TryParse(string? text, SdJwtReaderOptions? options, [NotNullWhen(true)] out SdJwtToken? token, [NotNullWhen(false)] out Problem? problem)
    {
        var trimmed = text?.Trim();
        return trimmed is { Length: > 0 } && trimmed[0] == '{'
            ? TryParseJson(trimmed, options, out token, out problem)
            : TryParseCompact(trimmed, options, out token, out problem);
    }

    /// <summary>Reads the compact serialization. Never throws for bad input.</summary>
    public static bool TryParseCompact(string? text, SdJwtReaderOptions? options, [NotNullWhen(true)] out SdJwtToken? token, [NotNullWhen(false)] out Problem? problem)
    {
        options ??= SdJwtReaderOptions.Default;
        token = null;
        if (string.IsNullOrEmpty(text))
        {
            problem = new Problem(SdJwtProblemCodes.Malformed, "The SD-JWT is empty.");
            return false;
        }

        if (text.Length > options.MaxTokenLength)
        {
            problem = new Problem(SdJwtProblemCodes.TooLarge, $"The SD-JWT is longer than {options.MaxTokenLength} characters.");
            return false;
        }

        // Counted before splitting, so a token of a million '~' costs no million strings.
        var separators = text.AsSpan().Count('~');
        if (separators < 1)
        {
            problem = new Problem(SdJwtProblemCodes.Malformed, "An SD-JWT has at least one '~' after the Issuer-signed JWT (§4).");
            return false;
        }

        if (separators - 1 > options.MaxDisclosures)
        {
            problem = new Problem(SdJwtProblemCodes.TooManyDisclosures, $"The SD-JWT has more than {options.MaxDisclosures} disclosures.");
            return false;
        }

        var span = text.AsSpan();
        var firstSeparator = span.IndexOf('~');
        var lastSeparator = span.LastIndexOf('~');
        if (firstSeparator == 0)
        {
            problem = new Problem(SdJwtProblemCodes.Malformed, "The Issuer-signed JWT is missing.");
            return false;
        }

        ReadOnlyMemory<char>? kb = lastSeparator == text.Length - 1 ? default(ReadOnlyMemory<char>?) : text.AsMemory(lastSeparator + 1);
        var disclosures = new List<Disclosure>(separators - 1);
        HashSet<string>? seen = null;
        var start = firstSeparator + 1;
        while (start <= lastSeparator && disclosures.Count < separators - 1)
        {
            var end = start + span[start..].IndexOf('~');
            if (!TryAddDisclosure(text.Substring(start, end - start), disclosures, ref seen, options, out problem))
            {
                return false;
            }

            start = end + 1;
        }

        token = new SdJwtToken(text.AsMemory(0, firstSeparator), disclosures, kb, text.AsMemory(0, lastSeparator + 1));
        problem = null;
        return true;
    }

    /// <summary>Reads the flattened or general JWS JSON serialization (§8). Never throws for bad input.</summary>
    public static bool TryParseJson(string? json, SdJwtReaderOptions? options, [NotNullWhen(true)] out SdJwtToken? token, [NotNullWhen(false)] out Problem? problem)
    {
        options ??= SdJwtReaderOptions.Default;
        token = null;
        if (string.IsNullOrEmpty(json) || json.Length > options.MaxTokenLength)
        {
            problem = new Problem(json is null || json.Length == 0 ? SdJwtProblemCodes.Malformed : SdJwtProblemCodes.TooLarge, "The SD-JWT JSON is empty or too long.");
            return false;
        }

        var status = StrictJson.TryParseObject(Encoding.UTF8.GetBytes(json), options.MaxDepth, out var obj);
        if (status != StrictJsonStatus.Ok)
        {
            problem = status == StrictJsonStatus.TooDeep
                ? new Problem(SdJwtProblemCodes.TooDeep, $"The SD-JWT JSON serialization nests deeper than {options.MaxDepth} levels.")
                : new Problem(SdJwtProblemCodes.Malformed, "The SD-JWT JSON serialization is not a valid JSON object.");
            return false;
        }

        // General serialization: the disclosures and kb_jwt live in the first signature's unprotected header (§8.1).
        var signatureHolder = obj!["signatures"] is JsonArray signatures ? signatures.Count > 0 ? signatures[0] as JsonObject : null : obj;
        if (signatureHolder is null
            || !TryGetString(obj, "payload", out var payload)
            || !TryGetString(signatureHolder, "protected", out var protectedHeader)
            || !TryGetString(signatureHolder, "signature", out var signature)
            || signatureHolder["header"] is not JsonObject unprotectedHeader
            || unprotectedHeader["disclosures"] is not JsonArray disclosureArray)
        {
            problem = new Problem(SdJwtProblemCodes.Malformed, "The JSON serialization needs payload, protected, signature and header.disclosures (§8.1).");
            return false;
        }

        var encoded = new List<string>();
        foreach (var item in disclosureArray)
        {
            if (item is not JsonValue v || v.GetValueKind() != JsonValueKind.String)
            {
                problem = new Problem(SdJwtProblemCodes.Malformed, "header.disclosures must be an array of strings.");
                return false;
            }

            encoded.Add(v.GetValue<string>());
        }

        if (encoded.Count > options.MaxDisclosures)
        {
            problem = new Problem(SdJwtProblemCodes.TooManyDisclosures, $"The SD-JWT has more than {options.MaxDisclosures} disclosures.");
            return false;
        }

        string? kb = null;
        if (unprotectedHeader["kb_jwt"] is { } kbNode)
        {
            if (kbNode is not JsonValue kbValue || kbValue.GetValueKind() != JsonValueKind.String)
            {
                problem = new Problem(SdJwtProblemCodes.Malformed, "header.kb_jwt must be a string.");
                return false;
            }

            kb = kbValue.GetValue<string>();
        }

        return TryBuild($"{protectedHeader}.{payload}.{signature}", [.. encoded], kb, options, out token, out problem);
    }

    private static bool TryGetString(JsonObject obj, string name, [NotNullWhen(true)] out string? value)
    {
        value = obj[name] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
        return value is not null;
    }

    private static bool TryBuild(string jwt, string[] encodedDisclosures, string? kb, SdJwtReaderOptions options, [NotNullWhen(true)] out SdJwtToken? token, [NotNullWhen(false)] out Problem? problem)
    {
        token = null;
        var disclosures = new List<Disclosure>(encodedDisclosures.Length);
        HashSet<string>? seen = null;
        foreach (var encoded in encodedDisclosures)
        {
            if (!TryAddDisclosure(encoded, disclosures, ref seen, options, out problem))
            {
                return false;
            }
        }

        token = new SdJwtToken(jwt, disclosures, kb);
        problem = null;
        return true;
    }

    private static bool TryAddDisclosure(string encoded, List<Disclosure> disclosures, ref HashSet<string>? seen, SdJwtReaderOptions options, [NotNullWhen(false)] out Problem? problem)
    {
        // A presentation holds a few disclosures: those are compared in a scan, and a set is built only for many.
        bool duplicate;
        if (seen is null && disclosures.Count < 16)
        {
            duplicate = false;
            foreach (var earlier in disclosures)
            {
                duplicate |= string.Equals(earlier.Encoded, encoded, StringComparison.Ordinal);
            }
        }
        else
        {
            seen ??= new HashSet<string>(disclosures.Select(d => d.Encoded), StringComparer.Ordinal);
            duplicate = !seen.Add(encoded);
        }

        if (duplicate)
        {
            problem = new Problem(SdJwtProblemCodes.DuplicateDisclosure, "The same disclosure appears twice.");
            return false;
        }

        if (!Disclosure.TryParse(encoded, options.MaxDepth, out var disclosure, out problem))
        {
            return false;
        }

        disclosures.Add(disclosure);
        return true;
    }
}
