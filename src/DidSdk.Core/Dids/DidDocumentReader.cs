using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using DidSdk.Crypto;

namespace DidSdk.Core.Dids;

/// <summary>The consumption rules of DID Core 1.0 §5 and §6 for JSON and JSON-LD.</summary>
internal static class DidDocumentReader
{
    private const int MaxEntries = 1000;

    public static bool HasNoDuplicateMembers(JsonElement element, int depth = 0)
    {
        if (depth > DidJson.MaxDepth)
        {
            return false;
        }

        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var seen = new HashSet<string>(StringComparer.Ordinal);
                foreach (var property in element.EnumerateObject())
                {
                    if (!seen.Add(property.Name) || !HasNoDuplicateMembers(property.Value, depth + 1))
                    {
                        return false;
                    }
                }

                return true;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    if (!HasNoDuplicateMembers(item, depth + 1))
                    {
                        return false;
                    }
                }

                return true;
            default:
                return true;
        }
    }

    public static bool TryRead(JsonElement root, DidRepresentation representation, [NotNullWhen(true)] out DidDocument? document, [NotNullWhen(false)] out Problem? problem)
    {
        document = null;
        if (root.ValueKind != JsonValueKind.Object)
        {
            problem = new Problem(DidProblemCodes.DocumentMalformed, "A DID document must be a JSON object.");
            return false;
        }

        if (!root.TryGetProperty("id", out var idElement) || idElement.ValueKind != JsonValueKind.String
            || !Did.TryParse(idElement.GetString(), out var subject, out _))
        {
            problem = new Problem(DidProblemCodes.DocumentInvalidId, "The DID document id must be a conforming DID (DID Core 1.0 §5.1.1).");
            return false;
        }

        var id = subject.ToString();
        List<string> context = [];
        JsonElement? rawContext = null;
        List<string> alsoKnownAs = [];
        List<string> controller = [];
        List<VerificationMethod> methods = [];
        var relationships = new List<VerificationMethodReference>[5];
        for (var i = 0; i < relationships.Length; i++)
        {
            relationships[i] = [];
        }

        List<Service> services = [];
        var additional = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        var hasContext = false;

        foreach (var property in root.EnumerateObject())
        {
            var value = property.Value;
            switch (property.Name)
            {
                case "id":
                    break;
                case "@context":
                    hasContext = true;
                    if (!TryReadContext(value, representation, context, out rawContext, out problem))
                    {
                        return false;
                    }

                    break;
                case "alsoKnownAs":
                    if (!DidJson.TryReadStringOrSet(value, out alsoKnownAs) || value.ValueKind != JsonValueKind.Array
                        || alsoKnownAs.Exists(uri => !Uri.TryCreate(uri, UriKind.Absolute, out _)))
                    {
                        problem = Invalid("alsoKnownAs must be a set of URIs (§5.1.3).");
                        return false;
                    }

                    break;
                case "controller":
                    if (!DidJson.TryReadStringOrSet(value, out controller) || controller.Count == 0 || controller.Exists(c => !Did.IsValid(c)))
                    {
                        problem = Invalid("controller must be a DID or a set of DIDs (§5.1.2).");
                        return false;
                    }

                    break;
                case "verificationMethod":
                    if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() > MaxEntries)
                    {
                        problem = Invalid("verificationMethod must be a set of maps (§5.2).");
                        return false;
                    }

                    foreach (var item in value.EnumerateArray())
                    {
                        if (!TryReadMethod(item, subject, out var method, out problem))
                        {
                            return false;
                        }

                        methods.Add(method);
                    }

                    break;
                case "authentication":
                case "assertionMethod":
                case "keyAgreement":
                case "capabilityInvocation":
                case "capabilityDelegation":
                    var slot = property.Name switch
                    {
                        "authentication" => 0,
                        "assertionMethod" => 1,
                        "keyAgreement" => 2,
                        "capabilityInvocation" => 3,
                        _ => 4,
                    };
                    if (!TryReadRelationship(value, subject, relationships[slot], out problem))
                    {
                        return false;
                    }

                    break;
                case "service":
                    if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() > MaxEntries)
                    {
                        problem = Invalid("service must be a set of maps (§5.4).");
                        return false;
                    }

                    foreach (var item in value.EnumerateArray())
                    {
                        if (!TryReadService(item, id, out var service, out problem))
                        {
                            return false;
                        }

                        services.Add(service);
                    }

                    break;
                default:
                    additional[property.Name] = value.Clone();
                    break;
            }
        }

        if (representation == DidRepresentation.JsonLd && !hasContext)
        {
            problem = new Problem(DidProblemCodes.DocumentInvalidContext, "A JSON-LD DID document must have @context (§6.3.1).");
            return false;
        }

        // Verification method ids must be unique across the document (§5.2), including embedded ones.
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var method in methods)
        {
            if (!ids.Add(method.Id))
            {
                problem = new Problem(DidProblemCodes.DocumentDuplicateId, "Two verification methods share an id.");
                return false;
            }
        }

        foreach (var list in relationships)
        {
            foreach (var entry in list)
            {
                if (entry.Embedded is not null && !ids.Add(entry.Id))
                {
                    problem = new Problem(DidProblemCodes.DocumentDuplicateId, "An embedded verification method reuses an id.");
                    return false;
                }
            }
        }

        var serviceIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var service in services)
        {
            if (!serviceIds.Add(service.Id))
            {
                problem = new Problem(DidProblemCodes.DocumentDuplicateId, "Two services share an id (§5.4).");
                return false;
            }
        }

        document = new DidDocument
        {
            Id = id,
            Context = context,
            RawContext = rawContext,
            AlsoKnownAs = alsoKnownAs,
            Controller = controller,
            VerificationMethod = methods,
            Authentication = relationships[0],
            AssertionMethod = relationships[1],
            KeyAgreement = relationships[2],
            CapabilityInvocation = relationships[3],
            CapabilityDelegation = relationships[4],
            Service = services,
            AdditionalProperties = additional,
        };
        problem = null;
        return true;
    }

    private static Problem Invalid(string message) => new(DidProblemCodes.DocumentInvalidProperty, message);

    private static bool TryReadContext(JsonElement value, DidRepresentation representation, List<string> urls, out JsonElement? raw, [NotNullWhen(false)] out Problem? problem)
    {
        raw = null;
        problem = null;
        var hasMaps = false;
        string? first = null;
        if (value.ValueKind == JsonValueKind.String)
        {
            first = value.GetString()!;
            urls.Add(first);

            // Keep the single-string form so it round-trips; production otherwise writes an ordered set.
            hasMaps = true;
        }
        else if (value.ValueKind == JsonValueKind.Array && value.GetArrayLength() is > 0 and <= MaxEntries)
        {
            var index = 0;
            foreach (var item in value.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.String)
                {
                    urls.Add(item.GetString()!);
                    if (index == 0)
                    {
                        first = item.GetString();
                    }
                }
                else if (item.ValueKind == JsonValueKind.Object)
                {
                    hasMaps = true;
                }
                else
                {
                    problem = new Problem(DidProblemCodes.DocumentInvalidContext, "@context items must be URLs or maps (§6.3.1).");
                    return false;
                }

                index++;
            }
        }
        else if (representation == DidRepresentation.JsonLd)
        {
            problem = new Problem(DidProblemCodes.DocumentInvalidContext, "@context must be a string or a non-empty ordered set (§6.3.1).");
            return false;
        }
        else
        {
            // Plain JSON gives @context no meaning (§6.2); keep whatever it is for a faithful round trip.
            raw = value.Clone();
            return true;
        }

        if (representation == DidRepresentation.JsonLd && first is not (DidContexts.DidV1 or DidContexts.DidV11))
        {
            problem = new Problem(DidProblemCodes.DocumentInvalidContext, $"The first @context item must be {DidContexts.DidV1} (§6.3.1).");
            return false;
        }

        if (hasMaps)
        {
            raw = value.Clone();
        }

        return true;
    }

    private static bool TryReadRelationship(JsonElement value, Did subject, List<VerificationMethodReference> entries, [NotNullWhen(false)] out Problem? problem)
    {
        if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() > MaxEntries)
        {
            problem = Invalid("A verification relationship must be a set of DID URLs or verification methods (§5.3).");
            return false;
        }

        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.String)
            {
                if (!DidUrl.TryResolveRelative(item.GetString(), subject, out var url, out _))
                {
                    problem = Invalid("A verification relationship reference must be a DID URL (§5.3).");
                    return false;
                }

                entries.Add(new VerificationMethodReference(url.ToString()));
            }
            else if (TryReadMethod(item, subject, out var method, out problem))
            {
                entries.Add(new VerificationMethodReference(method));
            }
            else
            {
                return false;
            }
        }

        problem = null;
        return true;
    }

    internal static bool TryReadMethod(JsonElement value, Did subject, [NotNullWhen(true)] out VerificationMethod? method, [NotNullWhen(false)] out Problem? problem)
    {
        method = null;
        problem = new Problem(DidProblemCodes.DocumentInvalidVerificationMethod, "A verification method must be a map with a DID URL id, a type and a DID controller (§5.2.1).");
        if (value.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        string? id = null, type = null, controller = null, multibase = null, base58 = null, hex = null, account = null;
        Jwk? jwk = null;
        var additional = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in value.EnumerateObject())
        {
            var v = property.Value;
            switch (property.Name)
            {
                case "id":
                    if (!TryString(v, out var rawId) || !DidUrl.TryResolveRelative(rawId, subject, out var url, out _))
                    {
                        return false;
                    }

                    id = url.ToString();
                    break;
                case "type":
                    if (!TryString(v, out type))
                    {
                        return false;
                    }

                    break;
                case "controller":
                    if (!TryString(v, out controller) || !Did.IsValid(controller))
                    {
                        return false;
                    }

                    break;
                case "publicKeyMultibase":
                    if (!TryString(v, out multibase))
                    {
                        return false;
                    }

                    break;
                case "publicKeyBase58":
                    if (!TryString(v, out base58))
                    {
                        return false;
                    }

                    break;
                case "publicKeyHex":
                    if (!TryString(v, out hex))
                    {
                        return false;
                    }

                    break;
                case "blockchainAccountId":
                    if (!TryString(v, out account))
                    {
                        return false;
                    }

                    break;
                case "publicKeyJwk":
                    // §5.2.1: publicKeyJwk MUST NOT contain private key members.
                    if (v.ValueKind != JsonValueKind.Object || v.TryGetProperty("d", out _))
                    {
                        return false;
                    }

                    if (!Jwk.TryParse(v, out jwk, out _) || jwk.HasPrivateKey)
                    {
                        // A JWK of a key type this SDK does not know (RSA, BLS12-381...) stays in the document but
                        // yields no key.
                        jwk = null;
                        additional[property.Name] = v.Clone();
                    }

                    break;
                default:
                    additional[property.Name] = v.Clone();
                    break;
            }
        }

        if (id is null || type is null || controller is null)
        {
            return false;
        }

        method = new VerificationMethod
        {
            Id = id,
            Type = type,
            Controller = controller,
            PublicKeyMultibase = multibase,
            PublicKeyBase58 = base58,
            PublicKeyHex = hex,
            BlockchainAccountId = account,
            PublicKeyJwk = jwk,
            AdditionalProperties = additional,
        };
        problem = null;
        return true;
    }

    private static bool TryReadService(JsonElement value, string documentId, [NotNullWhen(true)] out Service? service, [NotNullWhen(false)] out Problem? problem)
    {
        service = null;
        problem = new Problem(DidProblemCodes.DocumentInvalidService, "A service must be a map with a URI id, a type and a serviceEndpoint (§5.4).");
        if (value.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        string? id = null;
        List<string>? types = null;
        JsonElement? endpoint = null;
        var additional = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in value.EnumerateObject())
        {
            var v = property.Value;
            switch (property.Name)
            {
                case "id":
                    if (!TryString(v, out var rawId))
                    {
                        return false;
                    }

                    id = rawId.Length > 0 && rawId[0] is '#' or '?' or '/' ? documentId + rawId : rawId;
                    if (!Uri.TryCreate(id, UriKind.Absolute, out _) && !DidUrl.TryParse(id, out _))
                    {
                        return false;
                    }

                    break;
                case "type":
                    if (!DidJson.TryReadStringOrSet(v, out var t) || t.Count == 0)
                    {
                        return false;
                    }

                    types = t;
                    break;
                case "serviceEndpoint":
                    if (!IsValidEndpoint(v, allowArray: true))
                    {
                        return false;
                    }

                    endpoint = v.Clone();
                    break;
                default:
                    additional[property.Name] = v.Clone();
                    break;
            }
        }

        if (id is null || types is null || endpoint is null)
        {
            return false;
        }

        service = new Service { Id = id, Type = types, ServiceEndpoint = endpoint.Value, AdditionalProperties = additional };
        problem = null;
        return true;
    }

    private static bool IsValidEndpoint(JsonElement value, bool allowArray)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                return Uri.TryCreate(value.GetString(), UriKind.Absolute, out _);
            case JsonValueKind.Object:
                return true;
            case JsonValueKind.Array when allowArray && value.GetArrayLength() is > 0 and <= MaxEntries:
                foreach (var item in value.EnumerateArray())
                {
                    if (!IsValidEndpoint(item, allowArray: false))
                    {
                        return false;
                    }
                }

                return true;
            default:
                return false;
        }
    }

    private static bool TryString(JsonElement value, [NotNullWhen(true)] out string? text)
    {
        text = value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        return text is not null;
    }
}
