using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using DidSdk.Core.Json;
using DidSdk.JsonLd.Rdf;

namespace DidSdk.JsonLd.Processing;

/// <summary>
/// Node map generation (<see href="https://www.w3.org/TR/json-ld11-api/#node-map-generation">§7.2</see>) and
/// deserialization to RDF (<see href="https://www.w3.org/TR/json-ld11-api/#deserialize-json-ld-to-rdf-algorithm">§8.1</see>).
/// </summary>
internal sealed partial class JsonLdEngine
{
    private const string Rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
    private const string Xsd = "http://www.w3.org/2001/XMLSchema#";

    private readonly Dictionary<string, string> _blankNodes = new(StringComparer.Ordinal);
    private int _blankCounter;

    private string BlankId(string? existing)
    {
        if (existing is not null && _blankNodes.TryGetValue(existing, out var id))
        {
            return id;
        }

        id = "_:b" + _blankCounter.ToString(CultureInfo.InvariantCulture);
        _blankCounter++;
        if (existing is not null)
        {
            _blankNodes.Add(existing, id);
        }

        return id;
    }

    public RdfDataset ToRdf(object? expanded)
    {
        var nodeMap = new SortedDictionary<string, SortedDictionary<string, Dictionary<string, object?>>>(StringComparer.Ordinal)
        {
            ["@default"] = new(StringComparer.Ordinal),
        };
        BuildNodeMap(expanded, nodeMap, "@default", null, null, null);
        var dataset = new RdfDataset();
        foreach (var (graphName, graph) in nodeMap)
        {
            RdfTerm? graphTerm = null;
            if (graphName != "@default")
            {
                graphTerm = ToTerm(graphName);
                if (graphTerm is null)
                {
                    continue;
                }
            }

            foreach (var (subject, node) in graph)
            {
                var subjectTerm = ToTerm(subject);
                if (subjectTerm is null)
                {
                    continue;
                }

                var properties = new List<string>(node.Keys);
                properties.Sort(StringComparer.Ordinal);
                foreach (var property in properties)
                {
                    var values = node[property];
                    if (property == "@type")
                    {
                        foreach (var type in AsList(values))
                        {
                            if (type is string t && ToTerm(t) is { } typeTerm)
                            {
                                Emit(dataset, new RdfQuad(subjectTerm, RdfTerm.Iri(Rdf + "type"), typeTerm, graphTerm));
                            }
                        }

                        continue;
                    }

                    if (IsKeyword(property) || property.StartsWith("_:", StringComparison.Ordinal))
                    {
                        continue;
                    }

                    var predicate = ToTerm(property);
                    if (predicate is null)
                    {
                        continue;
                    }

                    foreach (var item in AsList(values))
                    {
                        var obj = ObjectToRdf(item, dataset, graphTerm);
                        if (obj is not null)
                        {
                            Emit(dataset, new RdfQuad(subjectTerm, predicate, obj, graphTerm));
                        }
                    }
                }
            }
        }

        return dataset;
    }

    private void Emit(RdfDataset dataset, RdfQuad quad)
    {
        if (dataset.Count >= _options.MaxQuads)
        {
            throw new JsonLdException("expansion limit", "too many quads");
        }

        dataset.Add(quad);
    }

    private static RdfTerm? ToTerm(string id)
    {
        if (id.StartsWith("_:", StringComparison.Ordinal))
        {
            return RdfTerm.BlankNode(id[2..]);
        }

        return Iri.IsAbsolute(id) && !Iri.HasInvalidCharacters(id) ? RdfTerm.Iri(id) : null;
    }

    private RdfTerm? ObjectToRdf(object? item, RdfDataset dataset, RdfTerm? graph)
    {
        if (item is not Dictionary<string, object?> map)
        {
            return null;
        }

        if (map.TryGetValue("@list", out var list))
        {
            return ListToRdf(AsList(list), dataset, graph);
        }

        if (!map.TryGetValue("@value", out var value))
        {
            return map.TryGetValue("@id", out var id) && id is string s ? ToTerm(s) : null;
        }

        var datatype = map.TryGetValue("@type", out var dt) ? dt as string : null;
        if (datatype is not null && datatype != "@json" && ToTerm(datatype) is not { Kind: RdfTermKind.Iri })
        {
            return null;
        }

        var language = map.TryGetValue("@language", out var lg) ? lg as string : null;
        if (language is not null && !IsWellFormedLanguage(language))
        {
            return null;
        }

        string lexical;
        if (datatype == "@json")
        {
            lexical = Encoding.UTF8.GetString(Jcs.Canonicalize(value is JsonLdNull ? null : (JsonNode?)value));
            datatype = Rdf + "JSON";
        }
        else if (value is bool b)
        {
            lexical = b ? "true" : "false";
            datatype ??= Xsd + "boolean";
        }
        else if (value is double d)
        {
            if (d % 1 != 0 || Math.Abs(d) >= 1e21 || datatype == Xsd + "double")
            {
                lexical = CanonicalDouble(d);
                datatype ??= Xsd + "double";
            }
            else
            {
                lexical = d.ToString("F0", CultureInfo.InvariantCulture);
                if (lexical == "-0")
                {
                    lexical = "0";
                }

                datatype ??= Xsd + "integer";
            }
        }
        else if (value is string str)
        {
            lexical = str;
        }
        else
        {
            return null;
        }

        var direction = map.TryGetValue("@direction", out var dir) ? dir as string : null;
        if (direction is not null && _options.RdfDirection == "i18n-datatype")
        {
            return RdfTerm.Literal(lexical, "https://www.w3.org/ns/i18n#" + (language ?? string.Empty) + "_" + direction);
        }

        if (direction is not null && _options.RdfDirection == "compound-literal")
        {
            var node = RdfTerm.BlankNode(BlankId(null)[2..]);
            Emit(dataset, new RdfQuad(node, RdfTerm.Iri(Rdf + "value"), RdfTerm.Literal(lexical), graph));
            if (language is not null)
            {
                Emit(dataset, new RdfQuad(node, RdfTerm.Iri(Rdf + "language"), RdfTerm.Literal(language), graph));
            }

            Emit(dataset, new RdfQuad(node, RdfTerm.Iri(Rdf + "direction"), RdfTerm.Literal(direction), graph));
            return node;
        }

        return language is not null ? RdfTerm.Literal(lexical, null, language) : RdfTerm.Literal(lexical, datatype);
    }

    private RdfTerm ListToRdf(List<object?> items, RdfDataset dataset, RdfTerm? graph)
    {
        if (items.Count == 0)
        {
            return RdfTerm.Iri(Rdf + "nil");
        }

        var nodes = new RdfTerm[items.Count];
        for (var i = 0; i < nodes.Length; i++)
        {
            nodes[i] = RdfTerm.BlankNode(BlankId(null)[2..]);
        }

        for (var i = 0; i < nodes.Length; i++)
        {
            var obj = ObjectToRdf(items[i], dataset, graph);
            if (obj is not null)
            {
                Emit(dataset, new RdfQuad(nodes[i], RdfTerm.Iri(Rdf + "first"), obj, graph));
            }

            Emit(dataset, new RdfQuad(nodes[i], RdfTerm.Iri(Rdf + "rest"), i + 1 < nodes.Length ? nodes[i + 1] : RdfTerm.Iri(Rdf + "nil"), graph));
        }

        return nodes[0];
    }

    private static bool IsWellFormedLanguage(string tag)
    {
        var parts = tag.Split('-');
        for (var i = 0; i < parts.Length; i++)
        {
            var p = parts[i];
            if (p.Length is 0 or > 8)
            {
                return false;
            }

            foreach (var c in p)
            {
                if (i == 0 ? !char.IsAsciiLetter(c) : !char.IsAsciiLetterOrDigit(c))
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>The XSD canonical double: one digit, a point, at least one digit, <c>E</c>, the exponent (e.g. <c>1.1E1</c>).</summary>
    private static string CanonicalDouble(double d)
    {
        var s = d.ToString("E16", CultureInfo.InvariantCulture);
        var r = d.ToString("R", CultureInfo.InvariantCulture);
        _ = s;

        // Shortest round-trip digits, then re-shaped into d.dddEn.
        var negative = r.StartsWith('-');
        if (negative)
        {
            r = r[1..];
        }

        var exponent = 0;
        var e = r.IndexOfAny(['E', 'e']);
        if (e >= 0)
        {
            exponent = int.Parse(r.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            r = r[..e];
        }

        var point = r.IndexOf('.', StringComparison.Ordinal);
        var digits = point >= 0 ? r.Remove(point, 1) : r;
        var intLength = point >= 0 ? point : r.Length;
        var firstNonZero = 0;
        while (firstNonZero < digits.Length - 1 && digits[firstNonZero] == '0')
        {
            firstNonZero++;
        }

        exponent += intLength - firstNonZero - 1;
        digits = digits[firstNonZero..].TrimEnd('0');
        if (digits.Length == 0)
        {
            digits = "0";
            exponent = 0;
        }

        var mantissa = digits[..1] + "." + (digits.Length > 1 ? digits[1..] : "0");
        return (negative ? "-" : string.Empty) + mantissa + "E" + exponent.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>§7.2.2 Node Map Generation.</summary>
    private void BuildNodeMap(object? element, SortedDictionary<string, SortedDictionary<string, Dictionary<string, object?>>> nodeMap, string activeGraph, object? activeSubject, string? activeProperty, Dictionary<string, object?>? list)
    {
        Charge();
        if (element is List<object?> array)
        {
            foreach (var item in array)
            {
                BuildNodeMap(item, nodeMap, activeGraph, activeSubject, activeProperty, list);
            }

            return;
        }

        if (element is not Dictionary<string, object?> map)
        {
            return;
        }

        if (!nodeMap.TryGetValue(activeGraph, out var graph))
        {
            graph = new SortedDictionary<string, Dictionary<string, object?>>(StringComparer.Ordinal);
            nodeMap[activeGraph] = graph;
        }

        Dictionary<string, object?>? subjectNode = activeSubject is string sid && graph.TryGetValue(sid, out var sn) ? sn : null;
        if (map.TryGetValue("@type", out var types))
        {
            if (types is List<object?> typeList)
            {
                for (var i = 0; i < typeList.Count; i++)
                {
                    if (typeList[i] is string ts && ts.StartsWith("_:", StringComparison.Ordinal))
                    {
                        typeList[i] = BlankId(ts);
                    }
                }
            }
            else if (types is string single && single.StartsWith("_:", StringComparison.Ordinal))
            {
                map["@type"] = BlankId(single);
            }
        }

        if (map.ContainsKey("@value"))
        {
            if (list is null)
            {
                AddUnique(subjectNode!, activeProperty!, map);
            }
            else
            {
                ((List<object?>)list["@list"]!).Add(map);
            }

            return;
        }

        if (map.TryGetValue("@list", out var listItems))
        {
            var result = NewMap();
            result["@list"] = new List<object?>();
            BuildNodeMap(listItems, nodeMap, activeGraph, activeSubject, activeProperty, result);
            if (list is null)
            {
                AddValue(subjectNode!, activeProperty!, result);
            }
            else
            {
                ((List<object?>)list["@list"]!).Add(result);
            }

            return;
        }

        string id;
        if (map.TryGetValue("@id", out var idValue) && idValue is string s)
        {
            id = s.StartsWith("_:", StringComparison.Ordinal) ? BlankId(s) : s;
        }
        else if (map.ContainsKey("@id"))
        {
            // An @id that expanded to null: the node still exists, with a fresh blank node.
            id = BlankId(null);
        }
        else
        {
            id = BlankId(null);
        }

        if (!graph.TryGetValue(id, out var node))
        {
            node = NewMap();
            node["@id"] = id;
            graph[id] = node;
        }

        if (activeSubject is Dictionary<string, object?> reverseSubject)
        {
            AddUnique(node, activeProperty!, reverseSubject);
        }
        else if (activeProperty is not null)
        {
            var reference = NewMap();
            reference["@id"] = id;
            if (list is null)
            {
                AddUnique(subjectNode!, activeProperty, reference);
            }
            else
            {
                ((List<object?>)list["@list"]!).Add(reference);
            }
        }

        if (map.TryGetValue("@type", out var nodeTypes))
        {
            foreach (var t in AsList(nodeTypes))
            {
                AddUnique(node, "@type", t);
            }
        }

        if (map.TryGetValue("@index", out var index))
        {
            if (node.TryGetValue("@index", out var existingIndex) && !Equals(existingIndex, index))
            {
                throw new JsonLdException("conflicting indexes");
            }

            node["@index"] = index;
        }

        if (map.TryGetValue("@reverse", out var reverse) && reverse is Dictionary<string, object?> reverseMap)
        {
            var referenced = NewMap();
            referenced["@id"] = id;
            foreach (var (property, values) in reverseMap)
            {
                foreach (var value in AsList(values))
                {
                    BuildNodeMap(value, nodeMap, activeGraph, referenced, property, null);
                }
            }
        }

        if (map.TryGetValue("@graph", out var graphValue))
        {
            BuildNodeMap(graphValue, nodeMap, id, null, null, null);
        }

        if (map.TryGetValue("@included", out var included))
        {
            BuildNodeMap(included, nodeMap, activeGraph, null, null, null);
        }

        var keys = new List<string>(map.Keys);
        keys.Sort(StringComparer.Ordinal);
        foreach (var property in keys)
        {
            if (property is "@id" or "@type" or "@index" or "@reverse" or "@graph" or "@included")
            {
                continue;
            }

            var p = property.StartsWith("_:", StringComparison.Ordinal) ? BlankId(property) : property;
            if (!node.ContainsKey(p))
            {
                node[p] = new List<object?>();
            }

            BuildNodeMap(map[property], nodeMap, activeGraph, id, p, null);
        }
    }

    private static void AddUnique(Dictionary<string, object?> node, string property, object? value)
    {
        if (!node.TryGetValue(property, out var existing) || existing is not List<object?> list)
        {
            list = [];
            node[property] = list;
        }

        foreach (var item in list)
        {
            if (DeepEquals(item, value))
            {
                return;
            }
        }

        list.Add(value);
    }

    private static bool DeepEquals(object? a, object? b)
    {
        if (a is Dictionary<string, object?> ma && b is Dictionary<string, object?> mb)
        {
            if (ma.Count != mb.Count)
            {
                return false;
            }

            foreach (var (k, v) in ma)
            {
                if (!mb.TryGetValue(k, out var w) || !DeepEquals(v, w))
                {
                    return false;
                }
            }

            return true;
        }

        if (a is List<object?> la && b is List<object?> lb)
        {
            if (la.Count != lb.Count)
            {
                return false;
            }

            for (var i = 0; i < la.Count; i++)
            {
                if (!DeepEquals(la[i], lb[i]))
                {
                    return false;
                }
            }

            return true;
        }

        if (a is JsonNode ja && b is JsonNode jb)
        {
            return JsonNode.DeepEquals(ja, jb);
        }

        return Equals(a, b);
    }
}
