using System.Text.Json;
using System.Text.Json.Nodes;

namespace DidSdk.JsonLd.Processing;

/// <summary>
/// Expansion, <see href="https://www.w3.org/TR/json-ld11-api/#expansion-algorithm">JSON-LD 1.1 API §5.1.2</see>.
/// Expanded values are plain .NET objects: <see cref="Dictionary{TKey,TValue}"/> maps, <see cref="List{T}"/> arrays,
/// strings, booleans, doubles, <see langword="null"/>, and <see cref="JsonNode"/> for <c>@json</c> literals.
/// </summary>
internal sealed partial class JsonLdEngine
{
    private int _depth;

    public static Dictionary<string, object?> NewMap() => new(StringComparer.Ordinal);

    public static List<object?> AsList(object? value) => value as List<object?> ?? [value];

    private static void AddValue(Dictionary<string, object?> map, string key, object? value)
    {
        if (!map.TryGetValue(key, out var existing) || existing is not List<object?> list)
        {
            list = existing is null && !map.ContainsKey(key) ? [] : [existing];
            map[key] = list;
        }

        if (value is List<object?> values)
        {
            list.AddRange(values);
        }
        else
        {
            list.Add(value);
        }
    }

    private static bool IsString(JsonNode? node, out string value)
    {
        if (node is JsonValue v && v.GetValueKind() == JsonValueKind.String)
        {
            value = v.GetValue<string>();
            return true;
        }

        value = string.Empty;
        return false;
    }

    private static object? Scalar(JsonValue v) => v.GetValueKind() switch
    {
        JsonValueKind.String => v.GetValue<string>(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Number => v.GetValue<double>(),
        _ => null,
    };

    /// <summary>§5.1.2 Expansion Algorithm.</summary>
    public object? Expand(ActiveContext active, string? activeProperty, JsonNode? element, string? baseUrl, bool fromMap = false)
    {
        Charge();
        if (element is null)
        {
            return null;
        }

        if (++_depth > _options.MaxDepth)
        {
            throw new JsonLdException("expansion limit", "the document nests too deeply");
        }

        try
        {
            return ExpandCore(active, activeProperty, element, baseUrl, fromMap);
        }
        finally
        {
            _depth--;
        }
    }

    private object? ExpandCore(ActiveContext active, string? activeProperty, JsonNode element, string? baseUrl, bool fromMap)
    {
        var propertyTerm = active.Term(activeProperty);
        if (element is JsonValue scalar)
        {
            if (activeProperty is null || activeProperty == "@graph")
            {
                return null;
            }

            if (propertyTerm is { HasContext: true })
            {
                active = ProcessContext(active, propertyTerm.Context, propertyTerm.BaseUrl, null, overrideProtected: true);
            }

            return ExpandValue(active, activeProperty, Scalar(scalar));
        }

        if (element is JsonArray array)
        {
            var result = new List<object?>();
            var isList = propertyTerm?.HasContainer("@list") == true;
            foreach (var item in array)
            {
                var expanded = Expand(active, activeProperty, item, baseUrl, fromMap);
                if (isList && expanded is List<object?> inner)
                {
                    var wrapped = NewMap();
                    wrapped["@list"] = inner;
                    expanded = wrapped;
                }

                if (expanded is List<object?> many)
                {
                    result.AddRange(many);
                }
                else if (expanded is not null)
                {
                    result.Add(expanded);
                }
            }

            return result;
        }

        var map = (JsonObject)element;

        // Step 7: a term-scoped (non-propagated) context does not apply to new node objects.
        if (active.PreviousContext is not null && !fromMap)
        {
            var revert = true;
            var onlyId = map.Count == 1;
            foreach (var (key, _) in map)
            {
                var expandedKey = ExpandIri(active, key, false, true, null, null);
                if (expandedKey == "@value")
                {
                    revert = false;
                    break;
                }

                if (onlyId && expandedKey == "@id")
                {
                    revert = false;
                }
            }

            if (revert)
            {
                active = active.PreviousContext;
            }
        }

        if (propertyTerm is { HasContext: true })
        {
            active = ProcessContext(active, propertyTerm.Context, propertyTerm.BaseUrl, null, overrideProtected: true);
        }

        if (map.TryGetPropertyValue("@context", out var localContext))
        {
            active = ProcessContext(active, localContext, baseUrl, null);
        }

        var typeScoped = active;
        string? inputType = null;
        var keys = new List<string>(map.Count);
        foreach (var (key, _) in map)
        {
            keys.Add(key);
        }

        keys.Sort(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            if (ExpandIri(active, key, false, true, null, null) != "@type")
            {
                continue;
            }

            var types = new List<string>();
            IEnumerable<JsonNode?> values = map[key] is JsonArray ta ? ta : new JsonNode?[] { map[key] };
            foreach (var t in values)
            {
                if (IsString(t, out var s))
                {
                    types.Add(s);
                }
            }

            types.Sort(StringComparer.Ordinal);
            foreach (var t in types)
            {
                if (typeScoped.Term(t) is { HasContext: true } typeTerm)
                {
                    active = ProcessContext(active, typeTerm.Context, typeTerm.BaseUrl, null, propagate: false);
                }
            }

            if (types.Count > 0)
            {
                inputType = ExpandIri(active, types[^1], false, true, null, null);
            }
        }

        var result2 = NewMap();
        ExpandObject(active, typeScoped, activeProperty, map, result2, baseUrl, inputType);
        if (result2.TryGetValue("@id", out var nodeId) && nodeId is JsonLdNull)
        {
            // An @id with the form of a keyword is ignored, and so is the node it names.
            return null;
        }

        if (result2.TryGetValue("@value", out var value))
        {
            foreach (var (k, _) in result2)
            {
                if (k is not ("@value" or "@language" or "@direction" or "@type" or "@index"))
                {
                    throw new JsonLdException("invalid value object");
                }
            }

            if (result2.ContainsKey("@type") && (result2.ContainsKey("@language") || result2.ContainsKey("@direction")))
            {
                throw new JsonLdException("invalid value object");
            }

            var type = result2.TryGetValue("@type", out var tv) ? tv : null;
            if (type is string ts && ts == "@json")
            {
                // Any JSON value.
            }
            else if (value is null || (value is List<object?> { Count: 0 }))
            {
                return null;
            }
            else if (value is not string && result2.ContainsKey("@language"))
            {
                throw new JsonLdException("invalid language-tagged value");
            }
            else if (type is not null && (type is not string typeIri || !Iri.IsAbsolute(typeIri) || Iri.HasInvalidCharacters(typeIri) || typeIri.StartsWith("_:", StringComparison.Ordinal)))
            {
                throw new JsonLdException("invalid typed value");
            }
        }
        else if (result2.TryGetValue("@type", out var types2) && types2 is not List<object?>)
        {
            result2["@type"] = new List<object?> { types2 };
        }
        else if (result2.ContainsKey("@set") || result2.ContainsKey("@list"))
        {
            if (result2.Count > (result2.ContainsKey("@index") ? 2 : 1))
            {
                throw new JsonLdException("invalid set or list object");
            }

            if (result2.TryGetValue("@set", out var set))
            {
                return set;
            }
        }

        if (result2.Count == 1 && result2.ContainsKey("@language"))
        {
            return null;
        }

        if (activeProperty is null || activeProperty == "@graph")
        {
            if (result2.Count == 0 || result2.ContainsKey("@value") || result2.ContainsKey("@list")
                || (result2.Count == 1 && result2.ContainsKey("@id")))
            {
                return null;
            }
        }

        return result2;
    }

    private void ExpandObject(ActiveContext active, ActiveContext typeScoped, string? activeProperty, JsonObject element, Dictionary<string, object?> result, string? baseUrl, string? inputType)
    {
        List<string>? nests = null;
        foreach (var (key, value) in element)
        {
            Charge();
            if (key == "@context")
            {
                continue;
            }

            var expandedProperty = ExpandIri(active, key, false, true, null, null);
            if (expandedProperty is null || (!expandedProperty.Contains(':', StringComparison.Ordinal) && !IsKeyword(expandedProperty)))
            {
                if (!_options.AllowUndefinedTerms)
                {
                    throw new JsonLdException("undefined term", "a property is not defined by any context");
                }

                continue;
            }

            if (IsKeyword(expandedProperty))
            {
                if (activeProperty == "@reverse")
                {
                    throw new JsonLdException("invalid reverse property map");
                }

                if (result.ContainsKey(expandedProperty) && expandedProperty is not ("@included" or "@type"))
                {
                    throw new JsonLdException("colliding keywords", expandedProperty);
                }

                object? expandedValue = null;
                switch (expandedProperty)
                {
                    case "@id":
                        if (!IsString(value, out var id))
                        {
                            throw new JsonLdException("invalid @id value");
                        }

                        expandedValue = (object?)ExpandIri(active, id, true, false, null, null) ?? new JsonLdNull();
                        break;
                    case "@type":
                        {
                            var types = new List<object?>();
                            IEnumerable<JsonNode?> items = value is JsonArray ta ? ta : new JsonNode?[] { value };
                            foreach (var t in items)
                            {
                                if (!IsString(t, out var ts))
                                {
                                    throw new JsonLdException("invalid type value");
                                }

                                var expandedType = ExpandIri(typeScoped, ts, true, true, null, null);
                                if (!_options.AllowUndefinedTerms && (expandedType is null || (!Iri.IsAbsolute(expandedType) && !expandedType.StartsWith("_:", StringComparison.Ordinal)) || !IsDefinedType(typeScoped, ts)))
                                {
                                    throw new JsonLdException("undefined term", "a type is not defined by any context");
                                }

                                types.Add(expandedType);
                            }

                            if (result.TryGetValue("@type", out var existingTypes))
                            {
                                var merged = AsList(existingTypes);
                                merged.AddRange(types);
                                expandedValue = merged;
                            }
                            else
                            {
                                expandedValue = value is JsonArray ? types : types[0];
                            }

                            break;
                        }

                    case "@graph":
                        expandedValue = AsList(Expand(active, "@graph", value, baseUrl));
                        break;
                    case "@included":
                        {
                            var included = AsList(Expand(active, null, value, baseUrl));
                            foreach (var item in included)
                            {
                                if (item is not Dictionary<string, object?> node || node.ContainsKey("@value") || node.ContainsKey("@list") || node.ContainsKey("@set"))
                                {
                                    throw new JsonLdException("invalid @included value");
                                }
                            }

                            if (result.TryGetValue("@included", out var existing))
                            {
                                var merged = AsList(existing);
                                merged.AddRange(included);
                                included = merged;
                            }

                            expandedValue = included;
                            break;
                        }

                    case "@value":
                        if (inputType == "@json")
                        {
                            expandedValue = value is null ? new JsonLdNull() : value;
                        }
                        else if (value is null)
                        {
                            result["@value"] = null;
                            continue;
                        }
                        else if (value is JsonValue sv)
                        {
                            expandedValue = Scalar(sv);
                        }
                        else
                        {
                            throw new JsonLdException("invalid value object value");
                        }

                        break;
                    case "@language":
                        if (!IsString(value, out var lang))
                        {
                            throw new JsonLdException("invalid language-tagged string");
                        }

                        expandedValue = lang.ToLowerInvariant();
                        break;
                    case "@direction":
                        if (!IsString(value, out var dir) || dir is not ("ltr" or "rtl"))
                        {
                            throw new JsonLdException("invalid base direction");
                        }

                        expandedValue = dir;
                        break;
                    case "@index":
                        if (!IsString(value, out var index))
                        {
                            throw new JsonLdException("invalid @index value");
                        }

                        expandedValue = index;
                        break;
                    case "@list":
                        if (activeProperty is null || activeProperty == "@graph")
                        {
                            continue;
                        }

                        expandedValue = AsList(Expand(active, activeProperty, value, baseUrl));
                        break;
                    case "@set":
                        expandedValue = Expand(active, activeProperty, value, baseUrl);
                        break;
                    case "@reverse":
                        {
                            if (value is not JsonObject)
                            {
                                throw new JsonLdException("invalid @reverse value");
                            }

                            var reversed = Expand(active, "@reverse", value, baseUrl) as Dictionary<string, object?> ?? NewMap();
                            if (reversed.TryGetValue("@reverse", out var doubleReverse) && doubleReverse is Dictionary<string, object?> dr)
                            {
                                foreach (var (p, items) in dr)
                                {
                                    AddValue(result, p, AsList(items));
                                }
                            }

                            Dictionary<string, object?>? reverseMap = null;
                            foreach (var (p, items) in reversed)
                            {
                                if (p == "@reverse")
                                {
                                    continue;
                                }

                                if (reverseMap is null)
                                {
                                    if (!result.TryGetValue("@reverse", out var rm) || rm is not Dictionary<string, object?> rmap)
                                    {
                                        rmap = NewMap();
                                        result["@reverse"] = rmap;
                                    }

                                    reverseMap = rmap;
                                }

                                foreach (var item in AsList(items))
                                {
                                    if (item is Dictionary<string, object?> io && (io.ContainsKey("@value") || io.ContainsKey("@list")))
                                    {
                                        throw new JsonLdException("invalid reverse property value");
                                    }

                                    AddValue(reverseMap, p, item);
                                }
                            }

                            continue;
                        }

                    case "@nest":
                        (nests ??= []).Add(key);
                        continue;
                    default:
                        continue;
                }

                if (expandedValue is not null)
                {
                    result[expandedProperty] = expandedValue;
                }

                continue;
            }

            var term = active.Term(key);
            object? expanded;
            if (term?.TypeMapping == "@json")
            {
                var literal = NewMap();
                literal["@value"] = value is null ? new JsonLdNull() : value;
                literal["@type"] = "@json";
                expanded = literal;
            }
            else if (term?.HasContainer("@language") == true && value is JsonObject languageMap)
            {
                var list = new List<object?>();
                var direction = term.HasDirection ? term.Direction : active.DefaultDirection;
                foreach (var (language, languageValue) in Ordered(languageMap))
                {
                    IEnumerable<JsonNode?> items = languageValue is JsonArray la ? la : new JsonNode?[] { languageValue };
                    foreach (var item in items)
                    {
                        if (item is null)
                        {
                            continue;
                        }

                        if (!IsString(item, out var s))
                        {
                            throw new JsonLdException("invalid language map value");
                        }

                        var v = NewMap();
                        v["@value"] = s;
                        if (language != "@none" && ExpandIri(active, language, false, true, null, null) != "@none")
                        {
                            v["@language"] = language.ToLowerInvariant();
                        }

                        if (direction is not null)
                        {
                            v["@direction"] = direction;
                        }

                        list.Add(v);
                    }
                }

                expanded = list;
            }
            else if (term is not null && (term.HasContainer("@index") || term.HasContainer("@type") || term.HasContainer("@id")) && value is JsonObject indexMap)
            {
                expanded = ExpandIndexMap(active, key, term, indexMap, baseUrl);
            }
            else
            {
                expanded = Expand(active, key, value, baseUrl);
            }

            if (expanded is null)
            {
                continue;
            }

            if (term?.HasContainer("@list") == true && !(expanded is Dictionary<string, object?> lo && lo.ContainsKey("@list")))
            {
                var wrapped = NewMap();
                wrapped["@list"] = AsList(expanded);
                expanded = wrapped;
            }

            if (term?.HasContainer("@graph") == true && !term.HasContainer("@id") && !term.HasContainer("@index"))
            {
                var graphs = new List<object?>();
                foreach (var item in AsList(expanded))
                {
                    var g = NewMap();
                    g["@graph"] = AsList(item);
                    graphs.Add(g);
                }

                expanded = graphs;
            }

            if (term?.Reverse == true)
            {
                if (!result.TryGetValue("@reverse", out var rm) || rm is not Dictionary<string, object?> reverseMap)
                {
                    reverseMap = NewMap();
                    result["@reverse"] = reverseMap;
                }

                foreach (var item in AsList(expanded))
                {
                    if (item is Dictionary<string, object?> io && (io.ContainsKey("@value") || io.ContainsKey("@list")))
                    {
                        throw new JsonLdException("invalid reverse property value");
                    }

                    AddValue(reverseMap, expandedProperty, item);
                }
            }
            else
            {
                AddValue(result, expandedProperty, AsList(expanded));
            }
        }

        if (nests is null)
        {
            return;
        }

        nests.Sort(StringComparer.Ordinal);
        foreach (var nestingKey in nests)
        {
            IEnumerable<JsonNode?> nested = element[nestingKey] is JsonArray na ? na : new JsonNode?[] { element[nestingKey] };
            foreach (var nestedValue in nested)
            {
                if (nestedValue is not JsonObject nestedMap)
                {
                    throw new JsonLdException("invalid @nest value");
                }

                foreach (var (k, _) in nestedMap)
                {
                    if (ExpandIri(active.Term(nestingKey) is { HasContext: true } nt ? ProcessContext(active, nt.Context, nt.BaseUrl, null, overrideProtected: true) : active, k, false, true, null, null) == "@value")
                    {
                        throw new JsonLdException("invalid @nest value");
                    }
                }

                var nestContext = active.Term(nestingKey) is { HasContext: true } nestTerm
                    ? ProcessContext(active, nestTerm.Context, nestTerm.BaseUrl, null, overrideProtected: true)
                    : active;
                ExpandObject(nestContext, typeScoped, activeProperty, nestedMap, result, baseUrl, inputType);
            }
        }
    }

    private static bool IsDefinedType(ActiveContext context, string type) =>
        context.Terms.ContainsKey(type) || context.Vocab is not null || type.Contains(':', StringComparison.Ordinal);

    private static List<KeyValuePair<string, JsonNode?>> Ordered(JsonObject map)
    {
        var list = new List<KeyValuePair<string, JsonNode?>>(map.Count);
        foreach (var entry in map)
        {
            list.Add(entry);
        }

        list.Sort(static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        return list;
    }

    private List<object?> ExpandIndexMap(ActiveContext active, string key, TermDefinition term, JsonObject value, string? baseUrl)
    {
        var result = new List<object?>();
        var indexKey = term.Index ?? "@index";
        foreach (var (index, indexValue) in Ordered(value))
        {
            var mapContext = active;
            if (term.HasContainer("@id") || term.HasContainer("@type"))
            {
                mapContext = active.PreviousContext ?? active;
            }

            if (term.HasContainer("@type") && mapContext.Term(index) is { HasContext: true } indexTerm)
            {
                mapContext = ProcessContext(mapContext, indexTerm.Context, indexTerm.BaseUrl, null);
            }
            else if (!term.HasContainer("@type") && !term.HasContainer("@id"))
            {
                mapContext = active;
            }

            var expandedIndex = ExpandIri(active, index, false, true, null, null);
            var items = AsList(Expand(mapContext, key, indexValue, baseUrl, fromMap: true));
            foreach (var raw in items)
            {
                var item = raw;
                if (term.HasContainer("@graph") && !(item is Dictionary<string, object?> gm && IsGraphObject(gm)))
                {
                    var g = NewMap();
                    g["@graph"] = AsList(item);
                    item = g;
                }

                if (item is not Dictionary<string, object?> itemMap)
                {
                    result.Add(item);
                    continue;
                }

                if (term.HasContainer("@index") && indexKey != "@index" && expandedIndex != "@none")
                {
                    var reExpanded = ExpandValue(active, indexKey, index);
                    var expandedIndexKey = ExpandIri(active, indexKey, false, true, null, null)!;
                    var values = new List<object?> { reExpanded };
                    if (itemMap.TryGetValue(expandedIndexKey, out var existing))
                    {
                        values.AddRange(AsList(existing));
                    }

                    itemMap[expandedIndexKey] = values;
                    if (itemMap.ContainsKey("@value") && itemMap.Count > 1)
                    {
                        throw new JsonLdException("invalid value object");
                    }
                }
                else if (term.HasContainer("@index") && !itemMap.ContainsKey("@index") && expandedIndex != "@none")
                {
                    itemMap["@index"] = index;
                }
                else if (term.HasContainer("@id") && !itemMap.ContainsKey("@id") && expandedIndex != "@none")
                {
                    itemMap["@id"] = ExpandIri(active, index, true, false, null, null);
                }
                else if (term.HasContainer("@type") && expandedIndex != "@none")
                {
                    var types = new List<object?> { expandedIndex };
                    if (itemMap.TryGetValue("@type", out var existingTypes))
                    {
                        types.AddRange(AsList(existingTypes));
                    }

                    itemMap["@type"] = types;
                }

                result.Add(itemMap);
            }
        }

        return result;
    }

    private static bool IsGraphObject(Dictionary<string, object?> map)
    {
        if (!map.ContainsKey("@graph"))
        {
            return false;
        }

        foreach (var (k, _) in map)
        {
            if (k is not ("@graph" or "@id" or "@index" or "@context"))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>§5.3.2 Value Expansion.</summary>
    private Dictionary<string, object?> ExpandValue(ActiveContext active, string activeProperty, object? value)
    {
        var term = active.Term(activeProperty);
        if (term?.TypeMapping == "@id" && value is string idValue)
        {
            var r = NewMap();
            r["@id"] = ExpandIri(active, idValue, true, false, null, null);
            return r;
        }

        if (term?.TypeMapping == "@vocab" && value is string vocabValue)
        {
            var r = NewMap();
            r["@id"] = ExpandIri(active, vocabValue, true, true, null, null);
            return r;
        }

        var result = NewMap();
        result["@value"] = value;
        if (term?.TypeMapping is { } type && type is not ("@id" or "@vocab" or "@none"))
        {
            result["@type"] = type;
        }
        else if (value is string)
        {
            var language = term is { HasLanguage: true } ? term.Language : active.DefaultLanguage;
            var direction = term is { HasDirection: true } ? term.Direction : active.DefaultDirection;
            if (language is not null)
            {
                result["@language"] = language;
            }

            if (direction is not null)
            {
                result["@direction"] = direction;
            }
        }

        return result;
    }
}

/// <summary>The JSON literal <c>null</c> as an <c>@json</c> value (distinct from "no value").</summary>
internal sealed class JsonLdNull;
