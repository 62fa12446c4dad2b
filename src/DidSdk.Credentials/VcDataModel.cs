using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using DidSdk.Core;

namespace DidSdk.Credentials;

/// <summary>Which data model a credential follows.</summary>
public enum VcDataModelVersion
{
    /// <summary>VC Data Model 2.0 (<c>https://www.w3.org/ns/credentials/v2</c>).</summary>
    V2,

    /// <summary>VC Data Model 1.1 (<c>https://www.w3.org/2018/credentials/v1</c>), read for compatibility.</summary>
    V1,
}

/// <summary>A verifiable credential's JSON, checked against the data model and read into typed properties.</summary>
public sealed class VerifiableCredential
{
    private VerifiableCredential(JsonObject json, VcDataModelVersion version, IReadOnlyList<string> types, string issuer, DateTimeOffset? validFrom, DateTimeOffset? validUntil)
    {
        Json = json;
        Version = version;
        Types = types;
        Issuer = issuer;
        ValidFrom = validFrom;
        ValidUntil = validUntil;
    }

    /// <summary>The credential (unknown properties preserved). A copy of what was parsed; changing it changes nothing here.</summary>
    public JsonObject Json { get; }

    /// <summary>The data model version, from the first <c>@context</c>.</summary>
    public VcDataModelVersion Version { get; }

    /// <summary>The <c>type</c> values.</summary>
    public IReadOnlyList<string> Types { get; }

    /// <summary>The issuer's URL (the string, or the <c>id</c> of the issuer object).</summary>
    public string Issuer { get; }

    /// <summary><c>validFrom</c> (1.1: <c>issuanceDate</c>).</summary>
    public DateTimeOffset? ValidFrom { get; }

    /// <summary><c>validUntil</c> (1.1: <c>expirationDate</c>).</summary>
    public DateTimeOffset? ValidUntil { get; }

    /// <summary>The <c>id</c>, if any.</summary>
    public string? Id => Json["id"]?.GetValue<string>();

    /// <summary>The credential subjects (one or many).</summary>
    public IReadOnlyList<JsonObject> CredentialSubjects => VcDataModel.Objects(Json["credentialSubject"]);

    /// <summary>The <c>credentialStatus</c> entries.</summary>
    public IReadOnlyList<JsonObject> CredentialStatus => VcDataModel.Objects(Json["credentialStatus"]);

    /// <summary>Checks <paramref name="json"/> against the data model. Never throws for bad input.</summary>
    public static bool TryParse(JsonNode? json, out VerifiableCredential? credential, out IReadOnlyList<Problem> problems) =>
        TryParse(json, copy: true, out credential, out problems);

    /// <summary>As above; without <paramref name="copy"/> the result wraps the caller's object (for JSON the caller owns and will not change).</summary>
    internal static bool TryParse(JsonNode? json, bool copy, out VerifiableCredential? credential, out IReadOnlyList<Problem> problems)
    {
        credential = null;
        var list = new List<Problem>();
        problems = list;
        if (json is not JsonObject obj)
        {
            list.Add(new Problem(CredentialProblemCodes.Malformed, "A credential is a JSON object."));
            return false;
        }

        var version = VcDataModel.CheckContext(obj, "VerifiableCredential", list);
        var types = VcDataModel.CheckTypes(obj, "VerifiableCredential", CredentialProblemCodes.InvalidType, list);
        VcDataModel.CheckId(obj, list);
        var issuer = VcDataModel.CheckIssuer(obj, list);
        VcDataModel.CheckSubjects(obj, list);
        var (from, until) = VcDataModel.CheckValidity(obj, version, list);
        foreach (var (name, needsId) in new[] { ("credentialStatus", false), ("credentialSchema", true), ("evidence", false), ("termsOfUse", false), ("refreshService", false), ("proof", false) })
        {
            VcDataModel.CheckTypedObjects(obj, name, needsId, list);
        }

        VcDataModel.CheckLanguageValues(obj, list);
        if (obj["issuer"] is JsonObject issuerObject)
        {
            VcDataModel.CheckLanguageValues(issuerObject, list);
        }

        if (list.Count > 0)
        {
            return false;
        }

        credential = new VerifiableCredential(copy ? obj.DeepClone().AsObject() : obj, version, types, issuer!, from, until);
        return true;
    }
}

/// <summary>A verifiable presentation's JSON, checked against the data model.</summary>
public sealed class VerifiablePresentation
{
    private VerifiablePresentation(JsonObject json, IReadOnlyList<string> types, string? holder)
    {
        Json = json;
        Types = types;
        Holder = holder;
    }

    /// <summary>The presentation (a copy).</summary>
    public JsonObject Json { get; }

    /// <summary>The <c>type</c> values.</summary>
    public IReadOnlyList<string> Types { get; }

    /// <summary>The holder's URL, if given.</summary>
    public string? Holder { get; }

    /// <summary>The embedded credentials (JSON objects; enveloped ones have a <c>data:</c> URL <c>id</c>).</summary>
    public IReadOnlyList<JsonObject> VerifiableCredentials => VcDataModel.Objects(Json["verifiableCredential"]);

    /// <summary>Checks <paramref name="json"/> against the data model (embedded credentials included). Never throws for bad input.</summary>
    public static bool TryParse(JsonNode? json, out VerifiablePresentation? presentation, out IReadOnlyList<Problem> problems)
    {
        presentation = null;
        var list = new List<Problem>();
        problems = list;
        if (json is not JsonObject obj)
        {
            list.Add(new Problem(CredentialProblemCodes.Malformed, "A presentation is a JSON object."));
            return false;
        }

        VcDataModel.CheckContext(obj, "VerifiablePresentation", list);
        var types = VcDataModel.CheckTypes(obj, "VerifiablePresentation", CredentialProblemCodes.InvalidType, list);
        VcDataModel.CheckId(obj, list);
        string? holder = null;
        switch (obj["holder"])
        {
            case null:
                break;
            case JsonValue v when v.GetValueKind() == JsonValueKind.String && VcDataModel.IsUrl(v.GetValue<string>()):
                holder = v.GetValue<string>();
                break;
            case JsonObject o when o["id"] is JsonValue id && id.GetValueKind() == JsonValueKind.String && VcDataModel.IsUrl(id.GetValue<string>()):
                holder = id.GetValue<string>();
                break;
            default:
                list.Add(new Problem(CredentialProblemCodes.InvalidPresentation, "holder must be a URL or an object with a URL id."));
                break;
        }

        foreach (var node in VcDataModel.Nodes(obj["verifiableCredential"]))
        {
            if (node is not JsonObject vc)
            {
                list.Add(new Problem(CredentialProblemCodes.InvalidPresentation, "verifiableCredential entries must be objects (an enveloped credential is an object with a data: URL id)."));
                continue;
            }

            if (vc["id"] is JsonValue envelopedId && envelopedId.GetValueKind() == JsonValueKind.String && envelopedId.GetValue<string>().StartsWith("data:", StringComparison.Ordinal))
            {
                if (VcDataModel.CheckTypes(vc, "EnvelopedVerifiableCredential", CredentialProblemCodes.InvalidPresentation, []).Count == 0 || !VcDataModel.TypesOf(vc).Contains("EnvelopedVerifiableCredential"))
                {
                    list.Add(new Problem(CredentialProblemCodes.InvalidPresentation, "An enveloped credential needs type EnvelopedVerifiableCredential."));
                }

                continue;
            }

            if (!VerifiableCredential.TryParse(vc, out _, out var inner))
            {
                list.AddRange(inner);
            }
        }

        if (list.Count > 0)
        {
            return false;
        }

        presentation = new VerifiablePresentation(obj.DeepClone().AsObject(), types, holder);
        return true;
    }
}

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

    public static IReadOnlyList<JsonNode?> Nodes(JsonNode? node) => node switch
    {
        null => [],
        JsonArray array => [.. array],
        _ => [node],
    };

    public static IReadOnlyList<JsonObject> Objects(JsonNode? node) => [.. Nodes(node).OfType<JsonObject>()];

    public static List<string> TypesOf(JsonObject obj) =>
        [.. Nodes(obj["type"]).OfType<JsonValue>().Where(v => v.GetValueKind() == JsonValueKind.String).Select(v => v.GetValue<string>())];

    public static bool IsUrl(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && !text.Contains(' ', StringComparison.Ordinal) && uri.Scheme.Length > 0;

    public static VcDataModelVersion CheckContext(JsonObject obj, string baseType, List<Problem> problems)
    {
        var contexts = Nodes(obj["@context"]);
        if (contexts.Count == 0 || contexts[0] is not JsonValue first || first.GetValueKind() != JsonValueKind.String
            || first.GetValue<string>() is not (V2Context or V1Context))
        {
            problems.Add(new Problem(CredentialProblemCodes.InvalidContext, $"@context must start with {V2Context} (or {V1Context} for 1.1)."));
            return VcDataModelVersion.V2;
        }

        var definedHere = new HashSet<string>(StringComparer.Ordinal);
        foreach (var context in contexts.Skip(1))
        {
            switch (context)
            {
                case JsonValue v when v.GetValueKind() == JsonValueKind.String && IsUrl(v.GetValue<string>()):
                    break;
                case JsonObject inline:
                    CheckInlineContext(inline, definedHere, problems);
                    break;
                default:
                    problems.Add(new Problem(CredentialProblemCodes.InvalidContext, "Each @context entry must be a URL or an object."));
                    break;
            }
        }

        _ = baseType;
        return first.GetValue<string>() == V1Context ? VcDataModelVersion.V1 : VcDataModelVersion.V2;
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
        var vocabDisabled = Nodes(obj["@context"]).OfType<JsonObject>().Any(c => c.ContainsKey("@vocab") && c["@vocab"] is null);
        if (vocabDisabled)
        {
            var defined = Nodes(obj["@context"]).OfType<JsonObject>().SelectMany(c => c.Select(p => p.Key)).ToHashSet(StringComparer.Ordinal);
            foreach (var type in types.Where(t => !ProtectedTerms.Contains(t) && !defined.Contains(t) && !IsUrl(t)))
            {
                problems.Add(new Problem(CredentialProblemCodes.InvalidTermDefinition, $"The type '{type}' is not defined by any context."));
            }
        }

        return types;
    }

    public static void CheckId(JsonObject obj, List<Problem> problems)
    {
        if (obj.ContainsKey("id") && (obj["id"] is not JsonValue v || v.GetValueKind() != JsonValueKind.String || !IsUrl(v.GetValue<string>())))
        {
            problems.Add(new Problem(CredentialProblemCodes.InvalidId, "id must be a single URL."));
        }
    }

    public static string? CheckIssuer(JsonObject obj, List<Problem> problems)
    {
        switch (obj["issuer"])
        {
            case JsonValue v when v.GetValueKind() == JsonValueKind.String && IsUrl(v.GetValue<string>()):
                return v.GetValue<string>();
            case JsonObject o when o["id"] is JsonValue id && id.GetValueKind() == JsonValueKind.String && IsUrl(id.GetValue<string>()):
                return id.GetValue<string>();
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

            if (s.ContainsKey("id") && (s["id"] is not JsonValue id || id.GetValueKind() != JsonValueKind.String || !IsUrl(id.GetValue<string>())))
            {
                problems.Add(new Problem(CredentialProblemCodes.InvalidCredentialSubject, "A credential subject's id must be a single URL."));
            }
        }
    }

    public static (DateTimeOffset? From, DateTimeOffset? Until) CheckValidity(JsonObject obj, VcDataModelVersion version, List<Problem> problems)
    {
        var (fromName, untilName) = version == VcDataModelVersion.V1 ? ("issuanceDate", "expirationDate") : ("validFrom", "validUntil");
        DateTimeOffset? Read(string name)
        {
            if (!obj.ContainsKey(name))
            {
                return null;
            }

            if (obj[name] is JsonValue v && v.GetValueKind() == JsonValueKind.String && TryParseDateTimeStamp(v.GetValue<string>(), out var value))
            {
                return value;
            }

            problems.Add(new Problem(CredentialProblemCodes.InvalidValidityPeriod, $"{name} must be an XML Schema dateTimeStamp (with a time zone)."));
            return null;
        }

        var from = Read(fromName);
        var until = Read(untilName);
        if (version == VcDataModelVersion.V1 && from is null && !problems.Any(p => p.Code == CredentialProblemCodes.InvalidValidityPeriod))
        {
            problems.Add(new Problem(CredentialProblemCodes.InvalidValidityPeriod, "A VC 1.1 credential needs issuanceDate."));
        }

        if (from is { } f && until is { } u && u < f)
        {
            problems.Add(new Problem(CredentialProblemCodes.InvalidValidityPeriod, $"{untilName} is before {fromName}."));
        }

        return (from, until);
    }

    public static bool TryParseDateTimeStamp(string text, out DateTimeOffset value)
    {
        value = default;
        return DateTimeStamp().IsMatch(text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out value);
    }

    public static void CheckTypedObjects(JsonObject obj, string name, bool needsId, List<Problem> problems)
    {
        foreach (var item in Nodes(obj[name]))
        {
            if (item is not JsonObject o || TypesOf(o).Count == 0 || Nodes(o["type"]).Count != TypesOf(o).Count)
            {
                problems.Add(new Problem(CredentialProblemCodes.InvalidTypedObject, $"Each {name} needs a type."));
                continue;
            }

            if (o.ContainsKey("id") ? o["id"] is not JsonValue id || id.GetValueKind() != JsonValueKind.String || !IsUrl(id.GetValue<string>()) : needsId)
            {
                problems.Add(new Problem(CredentialProblemCodes.InvalidTypedObject, $"A {name} id must be a single URL{(needsId ? " and is required" : string.Empty)}."));
            }
        }
    }

    public static void CheckLanguageValues(JsonObject obj, List<Problem> problems)
    {
        foreach (var name in new[] { "name", "description" })
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
