using System.Text.Json;
using System.Text.Json.Nodes;

namespace DidSdk.JsonLd.Processing;

/// <summary>
/// The synchronous JSON-LD 1.1 core. Context processing follows
/// <see href="https://www.w3.org/TR/json-ld11-api/#context-processing-algorithms">JSON-LD 1.1 API §4</see>.
/// Documents come from <see cref="_documents"/>; a missing one raises <see cref="DocumentNeededException"/> so that the
/// async shell can load it and run again.
/// </summary>
internal sealed partial class JsonLdEngine(JsonLdOptions options, Dictionary<string, (JsonNode Document, string Url)> documents, IJsonLdDocumentLoader? loader = null, CancellationToken cancellationToken = default)
{
    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "@base", "@container", "@context", "@default", "@direction", "@embed", "@explicit", "@graph", "@id", "@import",
        "@included", "@index", "@json", "@language", "@list", "@nest", "@none", "@omitDefault", "@prefix", "@preserve",
        "@protected", "@propagate", "@requireAll", "@reverse", "@set", "@type", "@value", "@version", "@vocab",
    };

    private readonly JsonLdOptions _options = options;
    private readonly Dictionary<string, (JsonNode Document, string Url)> _documents = documents;
    private readonly IJsonLdDocumentLoader? _loader = loader;
    private readonly CancellationToken _cancellationToken = cancellationToken;

    /// <summary>Every document returned by <see cref="Load"/>, in order: what a cached context processing depends on.</summary>
    private readonly List<(string Url, JsonNode Document, string DocumentUrl)> _loads = [];
    private int _contexts;
    private int _work;
    private TermScope _termScope = new(null, false, false, [], true);

    public static bool IsKeyword(string? s) => s is not null && Keywords.Contains(s);

    /// <summary>Has the form of a keyword: <c>@</c> followed by one or more ALPHA (reserved, ignored with a warning).</summary>
    public static bool HasKeywordForm(string s)
    {
        if (s.Length < 2 || s[0] != '@')
        {
            return false;
        }

        for (var i = 1; i < s.Length; i++)
        {
            if (!char.IsAsciiLetter(s[i]))
            {
                return false;
            }
        }

        return true;
    }

    private void Charge()
    {
        if (++_work > _options.MaxWork)
        {
            throw new JsonLdException("expansion limit", "too much expansion work");
        }
    }

    /// <summary>
    /// §4.1.2 Context Processing, through <see cref="ContextCache"/> when <paramref name="local"/> is part of a bundled
    /// context document and <paramref name="active"/> has a token. The result may be shared: never change it, clone it.
    /// </summary>
    public ActiveContext ProcessContext(ActiveContext active, JsonNode? local, string? baseUrl, List<string>? remoteContexts, bool overrideProtected = false, bool propagate = true, bool validateScoped = true)
    {
        if (active.Token is not { } token || local is not (JsonObject or JsonArray) || !BundledContextLoader.IsBundled(local))
        {
            return ProcessContextCore(active, local, baseUrl, remoteContexts, overrideProtected, propagate, validateScoped);
        }

        var key = new ContextCache.Key(token, local, baseUrl, ContextCache.RemoteKey(remoteContexts), overrideProtected, propagate, validateScoped, _options.MaxRemoteContextDepth);
        if (ContextCache.TryGet(key, out var entry) && Replay(entry))
        {
            return entry.Result;
        }

        var contexts = _contexts;
        var work = _work;
        var loads = _loads.Count;
        var result = ProcessContextCore(active, local, baseUrl, remoteContexts, overrideProtected, propagate, validateScoped);
        var loaded = _loads.GetRange(loads, _loads.Count - loads).ToArray();
        foreach (var (_, document, _) in loaded)
        {
            if (!BundledContextLoader.IsBundled(document))
            {
                return result;
            }
        }

        // A non-propagated result keeps the active context as its previous context: share it only if that one is shared
        // too (read-only), never a context its owner may still change (a context being built, validating a scoped one).
        if (!active.IsSealed && (!propagate || (local is JsonObject o && o.ContainsKey("@propagate"))))
        {
            return result;
        }

        if (!result.IsSealed)
        {
            result.Seal();
        }

        ContextCache.Add(key, new ContextCache.Entry(result, _contexts - contexts, _work - work, loaded));
        return result;
    }

    /// <summary>
    /// Takes a cached processing as done here: only if the loader still gives the same documents and the units it charged
    /// fit in what is left (otherwise processing again reaches the limit at the same step and with the same error).
    /// </summary>
    private bool Replay(ContextCache.Entry entry)
    {
        if (_contexts + entry.Contexts > _options.MaxContexts || _work + entry.Work > _options.MaxWork)
        {
            return false;
        }

        foreach (var (url, document, documentUrl) in entry.Loads)
        {
            var (current, currentUrl) = Load(url, "loading remote context failed");
            if (!ReferenceEquals(current, document) || currentUrl != documentUrl)
            {
                return false;
            }
        }

        _contexts += entry.Contexts;
        _work += entry.Work;
        return true;
    }

    private ActiveContext ProcessContextCore(ActiveContext active, JsonNode? local, string? baseUrl, List<string>? remoteContexts, bool overrideProtected, bool propagate, bool validateScoped)
    {
        if (++_contexts > _options.MaxContexts)
        {
            throw new JsonLdException("context overflow", "too many contexts");
        }

        remoteContexts ??= [];
        var result = active.Clone();
        if (local is JsonObject lo && lo.TryGetPropertyValue("@propagate", out var pv))
        {
            if (pv is not JsonValue pval || pval.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False))
            {
                throw new JsonLdException("invalid @propagate value");
            }

            propagate = pval.GetValue<bool>();
        }

        if (!propagate && result.PreviousContext is null)
        {
            result.PreviousContext = active;
        }

        IEnumerable<JsonNode?> items = local is JsonArray arr ? arr : new JsonNode?[] { local };
        foreach (var item in items)
        {
            Charge();
            if (item is null)
            {
                if (!overrideProtected && result.HasProtected)
                {
                    throw new JsonLdException("invalid context nullification");
                }

                var fresh = new ActiveContext(active.OriginalBaseUrl);
                if (!propagate)
                {
                    fresh.PreviousContext = result;
                }

                result = fresh;
                continue;
            }

            if (item is JsonValue sv && sv.GetValueKind() == JsonValueKind.String)
            {
                var url = Iri.Resolve(baseUrl, sv.GetValue<string>());
                if (!validateScoped && remoteContexts.Contains(url))
                {
                    continue;
                }

                if (remoteContexts.Count >= _options.MaxRemoteContextDepth)
                {
                    throw new JsonLdException("context overflow", "remote contexts nest too deeply");
                }

                if (remoteContexts.Contains(url))
                {
                    throw new JsonLdException("recursive context inclusion");
                }

                var (document, documentUrl) = Load(url, "loading remote context failed");
                if (document is not JsonObject docObj || !docObj.TryGetPropertyValue("@context", out var loadedContext))
                {
                    throw new JsonLdException("invalid remote context");
                }

                var nested = new List<string>(remoteContexts) { url };
                result = ProcessContext(result, loadedContext, documentUrl, nested, overrideProtected, true, validateScoped);
                continue;
            }

            if (item is not JsonObject context)
            {
                throw new JsonLdException("invalid local context");
            }

            // A local context wrapped as {"@context": ...} (as a context document is) is unwrapped, as jsonld.js does;
            // the W3C vc-di-eddsa suite's credentials use this form.
            if (context.Count == 1 && context.TryGetPropertyValue("@context", out var wrapped))
            {
                result = ProcessContext(result, wrapped, baseUrl, remoteContexts, overrideProtected, true, validateScoped);
                continue;
            }

            // A context that came out of a nested processing may be shared (cached): change a copy.
            if (result.IsSealed)
            {
                result = result.Clone();
            }

            if (context.TryGetPropertyValue("@version", out var version))
            {
                if (version is not JsonValue vv || vv.GetValueKind() != JsonValueKind.Number || vv.GetValue<double>() != 1.1)
                {
                    throw new JsonLdException("invalid @version value");
                }
            }

            if (context.TryGetPropertyValue("@import", out var import))
            {
                if (import is not JsonValue iv || iv.GetValueKind() != JsonValueKind.String)
                {
                    throw new JsonLdException("invalid @import value");
                }

                var url = Iri.Resolve(baseUrl, iv.GetValue<string>());
                var (document, _) = Load(url, "loading remote context failed");
                if (document is not JsonObject docObj || docObj["@context"] is not JsonObject imported)
                {
                    throw new JsonLdException("invalid remote context");
                }

                if (imported.ContainsKey("@import"))
                {
                    throw new JsonLdException("invalid context entry");
                }

                var merged = new JsonObject();
                foreach (var (k, v) in imported)
                {
                    merged[k] = v?.DeepClone();
                }

                foreach (var (k, v) in context)
                {
                    merged[k] = v?.DeepClone();
                }

                context = merged;
            }

            if (context.TryGetPropertyValue("@base", out var baseValue) && remoteContexts.Count == 0)
            {
                if (baseValue is null)
                {
                    result.BaseIri = null;
                }
                else if (baseValue is JsonValue bv && bv.GetValueKind() == JsonValueKind.String)
                {
                    var b = bv.GetValue<string>();
                    if (Iri.IsAbsolute(b))
                    {
                        result.BaseIri = b;
                    }
                    else if (result.BaseIri is not null)
                    {
                        result.BaseIri = Iri.Resolve(result.BaseIri, b);
                    }
                    else
                    {
                        throw new JsonLdException("invalid base IRI");
                    }
                }
                else
                {
                    throw new JsonLdException("invalid base IRI");
                }
            }

            if (context.TryGetPropertyValue("@vocab", out var vocab))
            {
                if (vocab is null)
                {
                    result.Vocab = null;
                }
                else if (vocab is JsonValue vocv && vocv.GetValueKind() == JsonValueKind.String)
                {
                    var expanded = ExpandIri(result, vocv.GetValue<string>(), documentRelative: true, vocab: true, null, null);
                    if (expanded is null || IsKeyword(expanded) || (!Iri.IsAbsolute(expanded) && !expanded.StartsWith("_:", StringComparison.Ordinal)))
                    {
                        throw new JsonLdException("invalid vocab mapping");
                    }

                    result.Vocab = expanded;
                }
                else
                {
                    throw new JsonLdException("invalid vocab mapping");
                }
            }

            if (context.TryGetPropertyValue("@language", out var language))
            {
                if (language is null)
                {
                    result.DefaultLanguage = null;
                }
                else if (language is JsonValue lv && lv.GetValueKind() == JsonValueKind.String)
                {
                    result.DefaultLanguage = lv.GetValue<string>().ToLowerInvariant();
                }
                else
                {
                    throw new JsonLdException("invalid default language");
                }
            }

            if (context.TryGetPropertyValue("@direction", out var direction))
            {
                if (direction is null)
                {
                    result.DefaultDirection = null;
                }
                else if (direction is JsonValue dv && dv.GetValueKind() == JsonValueKind.String && dv.GetValue<string>() is "ltr" or "rtl")
                {
                    result.DefaultDirection = dv.GetValue<string>();
                }
                else
                {
                    throw new JsonLdException("invalid base direction");
                }
            }

            var isProtected = false;
            if (context.TryGetPropertyValue("@protected", out var prot))
            {
                if (prot is not JsonValue pval2 || pval2.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False))
                {
                    throw new JsonLdException("invalid @protected value");
                }

                isProtected = pval2.GetValue<bool>();
            }

            var defined = new Dictionary<string, bool>(StringComparer.Ordinal);
            var saved = _termScope;
            _termScope = new TermScope(baseUrl, isProtected, overrideProtected, remoteContexts, validateScoped);
            try
            {
                foreach (var (key, _) in context)
                {
                    if (key is "@base" or "@direction" or "@import" or "@language" or "@propagate" or "@protected" or "@version" or "@vocab")
                    {
                        continue;
                    }

                    CreateTermDefinition(result, context, key, defined, baseUrl, isProtected, overrideProtected, remoteContexts, validateScoped);
                }
            }
            finally
            {
                _termScope = saved;
            }
        }

        return result;
    }

    private (JsonNode? Document, string Url) Load(string url, string error)
    {
        if (_documents.TryGetValue(url, out var cached))
        {
            _loads.Add((url, cached.Document, cached.Url));
            return cached;
        }

        if (!Iri.IsAbsolute(url))
        {
            throw new JsonLdException(error, "not an absolute URL");
        }

        if (_loader is null)
        {
            throw new DocumentNeededException(url);
        }

        // A loader that answers at once (the bundled one does) needs no trip through the async shell; anything else
        // (pending, failed) goes there with the task, so the loader is asked once per URL either way.
        var task = _loader.LoadDocumentAsync(url, _cancellationToken);
#pragma warning disable RS0030 // Reading the result of a task that has already completed successfully: nothing blocks.
        if (task.IsCompletedSuccessfully && task.Result is { Succeeded: true } loaded)
#pragma warning restore RS0030
        {
            var entry = (loaded.Document, loaded.DocumentUrl);
            _documents[url] = entry;
            _loads.Add((url, entry.Document, entry.DocumentUrl));
            return entry;
        }

        throw new DocumentNeededException(url, task);
    }

    /// <summary>§4.2.2 Create Term Definition.</summary>
    private void CreateTermDefinition(ActiveContext active, JsonObject local, string term, Dictionary<string, bool> defined, string? baseUrl, bool isProtected, bool overrideProtected, List<string> remoteContexts, bool validateScoped)
    {
        if (defined.TryGetValue(term, out var done))
        {
            if (done)
            {
                return;
            }

            throw new JsonLdException("cyclic IRI mapping", term);
        }

        if (term.Length == 0)
        {
            throw new JsonLdException("invalid term definition", "empty term");
        }

        defined[term] = false;
        var value = local[term];
        if (term == "@type")
        {
            if (value is not JsonObject typeDef || typeDef.Count == 0)
            {
                throw new JsonLdException("keyword redefinition", term);
            }

            foreach (var (k, v) in typeDef)
            {
                var ok = (k == "@container" && v is JsonValue cv && cv.GetValueKind() == JsonValueKind.String && cv.GetValue<string>() == "@set")
                    || (k == "@protected");
                if (!ok)
                {
                    throw new JsonLdException("keyword redefinition", term);
                }
            }
        }
        else if (IsKeyword(term))
        {
            throw new JsonLdException("keyword redefinition", term);
        }
        else if (HasKeywordForm(term))
        {
            defined[term] = true;
            return;
        }

        var previous = active.Term(term);
        active.RemoveTerm(term);
        JsonObject definitionValue;
        var simpleTerm = false;
        if (value is null)
        {
            definitionValue = new JsonObject { ["@id"] = null };
        }
        else if (value is JsonValue str && str.GetValueKind() == JsonValueKind.String)
        {
            definitionValue = new JsonObject { ["@id"] = str.GetValue<string>() };
            simpleTerm = true;
        }
        else if (value is JsonObject obj)
        {
            definitionValue = obj;
        }
        else
        {
            throw new JsonLdException("invalid term definition", term);
        }

        var definition = new TermDefinition { Protected = isProtected };
        if (definitionValue.TryGetPropertyValue("@protected", out var protValue))
        {
            if (protValue is not JsonValue pv || pv.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False))
            {
                throw new JsonLdException("invalid @protected value");
            }

            definition.Protected = pv.GetValue<bool>();
        }

        if (definitionValue.TryGetPropertyValue("@type", out var typeValue))
        {
            if (typeValue is not JsonValue tv || tv.GetValueKind() != JsonValueKind.String)
            {
                throw new JsonLdException("invalid type mapping");
            }

            var type = ExpandIri(active, tv.GetValue<string>(), false, true, local, defined);
            if (type is null || (type is not ("@id" or "@json" or "@none" or "@vocab") && !Iri.IsAbsolute(type)))
            {
                throw new JsonLdException("invalid type mapping");
            }

            definition.TypeMapping = type;
        }

        if (definitionValue.TryGetPropertyValue("@reverse", out var reverseValue))
        {
            if (definitionValue.ContainsKey("@id") || definitionValue.ContainsKey("@nest"))
            {
                throw new JsonLdException("invalid reverse property");
            }

            if (reverseValue is not JsonValue rv || rv.GetValueKind() != JsonValueKind.String)
            {
                throw new JsonLdException("invalid IRI mapping");
            }

            var reverse = rv.GetValue<string>();
            if (HasKeywordForm(reverse))
            {
                defined[term] = true;
                return;
            }

            var iri = ExpandIri(active, reverse, false, true, local, defined);
            if (iri is null || !iri.Contains(':', StringComparison.Ordinal))
            {
                throw new JsonLdException("invalid IRI mapping");
            }

            definition.Iri = iri;
            if (definitionValue.TryGetPropertyValue("@container", out var rc))
            {
                if (rc is not null && !(rc is JsonValue rcv && rcv.GetValueKind() == JsonValueKind.String && rcv.GetValue<string>() is "@set" or "@index"))
                {
                    throw new JsonLdException("invalid reverse property");
                }

                if (rc is JsonValue rcs)
                {
                    definition.Container = [rcs.GetValue<string>()];
                }
            }

            definition.Reverse = true;
            Finish(active, term, definition, previous, overrideProtected, defined);
            return;
        }

        if (definitionValue.TryGetPropertyValue("@id", out var idValue) && !(idValue is JsonValue idv0 && idv0.GetValueKind() == JsonValueKind.String && idv0.GetValue<string>() == term))
        {
            if (idValue is null)
            {
                definition.Iri = null;
            }
            else if (idValue is not JsonValue idv || idv.GetValueKind() != JsonValueKind.String)
            {
                throw new JsonLdException("invalid IRI mapping");
            }
            else
            {
                var id = idv.GetValue<string>();
                if (!IsKeyword(id) && HasKeywordForm(id))
                {
                    defined[term] = true;
                    return;
                }

                var iri = ExpandIri(active, id, false, true, local, defined);
                if (iri is null || (!IsKeyword(iri) && !iri.Contains(':', StringComparison.Ordinal)))
                {
                    throw new JsonLdException("invalid IRI mapping", term);
                }

                if (iri == "@context")
                {
                    throw new JsonLdException("invalid keyword alias");
                }

                definition.Iri = iri;
                var colon = term.IndexOf(':', 1);
                if ((colon > 0 && colon < term.Length - 1) || term.Contains('/', StringComparison.Ordinal))
                {
                    defined[term] = true;
                    var self = ExpandIri(active, term, false, true, local, defined);
                    if (self != iri)
                    {
                        throw new JsonLdException("invalid IRI mapping", term);
                    }
                }

                if (!term.Contains(':', StringComparison.Ordinal) && !term.Contains('/', StringComparison.Ordinal) && simpleTerm
                    && (iri.StartsWith("_:", StringComparison.Ordinal) || (iri.Length > 0 && iri[^1] is ':' or '/' or '?' or '#' or '[' or ']' or '@')))
                {
                    definition.Prefix = true;
                }
            }
        }
        else if (term.IndexOf(':', 1) > 0)
        {
            var colon = term.IndexOf(':', 1);
            var prefix = term[..colon];
            var suffix = term[(colon + 1)..];
            if (local.ContainsKey(prefix))
            {
                CreateTermDefinition(active, local, prefix, defined, baseUrl, isProtected, overrideProtected, remoteContexts, validateScoped);
            }

            definition.Iri = active.Term(prefix) is { Iri: { } prefixIri } ? prefixIri + suffix : term;
        }
        else if (term.Contains('/', StringComparison.Ordinal))
        {
            var iri = ExpandIri(active, term, false, true, null, null);
            if (iri is null || !Iri.IsAbsolute(iri))
            {
                throw new JsonLdException("invalid IRI mapping", term);
            }

            definition.Iri = iri;
        }
        else if (term == "@type")
        {
            definition.Iri = "@type";
        }
        else if (active.Vocab is not null)
        {
            definition.Iri = active.Vocab + term;
        }
        else
        {
            throw new JsonLdException("invalid IRI mapping", term);
        }

        if (definitionValue.TryGetPropertyValue("@container", out var containerValue))
        {
            var container = new HashSet<string>(StringComparer.Ordinal);
            IEnumerable<JsonNode?> entries = containerValue is JsonArray ca ? ca : new JsonNode?[] { containerValue };
            foreach (var entry in entries)
            {
                if (entry is not JsonValue ev || ev.GetValueKind() != JsonValueKind.String
                    || ev.GetValue<string>() is not ("@graph" or "@id" or "@index" or "@language" or "@list" or "@set" or "@type"))
                {
                    throw new JsonLdException("invalid container mapping");
                }

                container.Add(ev.GetValue<string>());
            }

            if (!ValidContainer(container))
            {
                throw new JsonLdException("invalid container mapping");
            }

            definition.Container = container;
            if (container.Contains("@type"))
            {
                definition.TypeMapping ??= "@id";
                if (definition.TypeMapping is not ("@id" or "@vocab"))
                {
                    throw new JsonLdException("invalid type mapping");
                }
            }
        }

        if (definitionValue.TryGetPropertyValue("@index", out var indexValue))
        {
            if (!definition.HasContainer("@index") || indexValue is not JsonValue xv || xv.GetValueKind() != JsonValueKind.String)
            {
                throw new JsonLdException("invalid term definition", "@index");
            }

            var index = xv.GetValue<string>();
            var expandedIndex = ExpandIri(active, index, false, true, local, defined);
            if (expandedIndex is null || IsKeyword(expandedIndex) || !Iri.IsAbsolute(expandedIndex))
            {
                throw new JsonLdException("invalid term definition", "@index");
            }

            definition.Index = index;
        }

        if (definitionValue.TryGetPropertyValue("@context", out var scoped))
        {
            try
            {
                ProcessContext(active, scoped, baseUrl, [.. remoteContexts], overrideProtected: true, validateScoped: false);
            }
            catch (JsonLdException e) when (e.Error is not ("loading remote context failed" or "expansion limit" or "context overflow"))
            {
                throw new JsonLdException("invalid scoped context", e.Error);
            }

            definition.HasContext = true;
            definition.Context = scoped;
            definition.BaseUrl = baseUrl;
        }

        if (definitionValue.TryGetPropertyValue("@language", out var languageValue) && !definitionValue.ContainsKey("@type"))
        {
            if (languageValue is not null && (languageValue is not JsonValue lv || lv.GetValueKind() != JsonValueKind.String))
            {
                throw new JsonLdException("invalid language mapping");
            }

            definition.HasLanguage = true;
            definition.Language = languageValue?.GetValue<string>().ToLowerInvariant();
        }

        if (definitionValue.TryGetPropertyValue("@direction", out var directionValue) && !definitionValue.ContainsKey("@type"))
        {
            if (directionValue is not null && !(directionValue is JsonValue dv && dv.GetValueKind() == JsonValueKind.String && dv.GetValue<string>() is "ltr" or "rtl"))
            {
                throw new JsonLdException("invalid base direction");
            }

            definition.HasDirection = true;
            definition.Direction = directionValue?.GetValue<string>();
        }

        if (definitionValue.TryGetPropertyValue("@nest", out var nestValue))
        {
            if (nestValue is not JsonValue nv || nv.GetValueKind() != JsonValueKind.String || (IsKeyword(nv.GetValue<string>()) && nv.GetValue<string>() != "@nest"))
            {
                throw new JsonLdException("invalid @nest value");
            }

            definition.Nest = nv.GetValue<string>();
        }

        if (definitionValue.TryGetPropertyValue("@prefix", out var prefixValue))
        {
            if (term.Contains(':', StringComparison.Ordinal) || term.Contains('/', StringComparison.Ordinal))
            {
                throw new JsonLdException("invalid term definition", "@prefix");
            }

            if (prefixValue is not JsonValue pfv || pfv.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False))
            {
                throw new JsonLdException("invalid @prefix value");
            }

            definition.Prefix = pfv.GetValue<bool>();
            if (definition.Prefix && IsKeyword(definition.Iri))
            {
                throw new JsonLdException("invalid term definition", "@prefix");
            }
        }

        foreach (var (k, _) in definitionValue)
        {
            if (k is not ("@id" or "@reverse" or "@container" or "@context" or "@direction" or "@index" or "@language" or "@nest" or "@prefix" or "@protected" or "@type"))
            {
                throw new JsonLdException("invalid term definition", k);
            }
        }

        Finish(active, term, definition, previous, overrideProtected, defined);
    }

    private static void Finish(ActiveContext active, string term, TermDefinition definition, TermDefinition? previous, bool overrideProtected, Dictionary<string, bool> defined)
    {
        if (!overrideProtected && previous is { Protected: true })
        {
            if (!definition.SameAs(previous))
            {
                throw new JsonLdException("protected term redefinition", term);
            }

            definition = previous;
        }

        active.SetTerm(term, definition);
        if (definition.Protected)
        {
            active.HasProtected = true;
        }

        defined[term] = true;
    }

    private static bool ValidContainer(HashSet<string> c)
    {
        if (c.Count == 0)
        {
            return true;
        }

        if (c.Contains("@list"))
        {
            return c.Count == 1;
        }

        if (c.Contains("@graph"))
        {
            foreach (var x in c)
            {
                if (x is not ("@graph" or "@id" or "@index" or "@set"))
                {
                    return false;
                }
            }

            return !(c.Contains("@id") && c.Contains("@index"));
        }

        var nonSet = 0;
        foreach (var x in c)
        {
            if (x != "@set")
            {
                nonSet++;
            }
        }

        return nonSet <= 1;
    }

    /// <summary>§5.2.2 IRI Expansion.</summary>
    public string? ExpandIri(ActiveContext active, string? value, bool documentRelative, bool vocab, JsonObject? local, Dictionary<string, bool>? defined)
    {
        if (value is null || IsKeyword(value))
        {
            return value;
        }

        if (HasKeywordForm(value))
        {
            return null;
        }

        if (local is not null && defined is not null && local.ContainsKey(value) && !(defined.TryGetValue(value, out var d) && d))
        {
            CreateTermDefinition(active, local, value, defined, _termScope.BaseUrl, _termScope.Protected, _termScope.Override, _termScope.Remote, _termScope.Validate);
        }

        var term = active.Term(value);
        if (term is not null && IsKeyword(term.Iri))
        {
            return term.Iri;
        }

        if (vocab && active.Terms.ContainsKey(value))
        {
            return term?.Iri;
        }

        var colon = value.Length > 1 ? value.IndexOf(':', 1) : -1;
        if (colon > 0)
        {
            var prefix = value[..colon];
            var suffix = value[(colon + 1)..];
            if (prefix == "_" || suffix.StartsWith("//", StringComparison.Ordinal))
            {
                return value;
            }

            if (local is not null && defined is not null && local.ContainsKey(prefix) && !(defined.TryGetValue(prefix, out var dp) && dp))
            {
                CreateTermDefinition(active, local, prefix, defined, _termScope.BaseUrl, _termScope.Protected, _termScope.Override, _termScope.Remote, _termScope.Validate);
            }

            if (active.Term(prefix) is { Iri: { } prefixIri, Prefix: true })
            {
                return prefixIri + suffix;
            }

            if (Iri.IsAbsolute(value))
            {
                return value;
            }
        }

        if (vocab && active.Vocab is not null)
        {
            return active.Vocab + value;
        }

        if (documentRelative)
        {
            return Iri.Resolve(active.BaseIri, value);
        }

        return value;
    }

    /// <summary>The parameters of the context being processed, for terms created on demand by IRI expansion.</summary>
    private readonly record struct TermScope(string? BaseUrl, bool Protected, bool Override, List<string> Remote, bool Validate);
}
