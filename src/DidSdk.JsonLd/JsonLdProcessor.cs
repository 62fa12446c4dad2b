using System.Text.Json.Nodes;
using DidSdk.Core;
using DidSdk.JsonLd.Processing;
using DidSdk.JsonLd.Rdf;

namespace DidSdk.JsonLd;

/// <summary>
/// JSON-LD 1.1 processing for Verifiable Credentials: <see href="https://www.w3.org/TR/json-ld11-api/#expansion">expansion</see>
/// and <see href="https://www.w3.org/TR/json-ld11-api/#deserialize-json-ld-to-rdf-algorithm">deserialization to RDF</see>
/// (processing mode <c>json-ld-1.1</c>). Contexts come only from the <see cref="IJsonLdDocumentLoader"/> given; an undefined
/// term is an error unless <see cref="JsonLdOptions.AllowUndefinedTerms"/> is set. Never throws for invalid input.
/// </summary>
public static class JsonLdProcessor
{
    private static readonly JsonLdOptions Defaults = new();

    /// <summary>Expands a document.</summary>
    public static async Task<JsonLdExpansionResult> ExpandAsync(JsonNode document, IJsonLdDocumentLoader loader, JsonLdOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(loader);
        var (value, problem, error) = await RunAsync(document, loader, options ?? Defaults, toRdf: false, cancellationToken).ConfigureAwait(false);
        return problem is null ? new JsonLdExpansionResult(ToJson((List<object?>)value!) as JsonArray, null, null) : new JsonLdExpansionResult(null, problem, error);
    }

    /// <summary>Deserializes a document to an RDF dataset (expansion, node map, toRdf; blank nodes labelled <c>b0</c>, <c>b1</c>, ...).</summary>
    public static async Task<JsonLdToRdfResult> ToRdfAsync(JsonNode document, IJsonLdDocumentLoader loader, JsonLdOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(loader);
        var (value, problem, error) = await RunAsync(document, loader, options ?? Defaults, toRdf: true, cancellationToken).ConfigureAwait(false);
        return problem is null ? new JsonLdToRdfResult((RdfDataset)value!, null, null) : new JsonLdToRdfResult(null, problem, error);
    }

    /// <summary>Deserializes to RDF and canonicalizes with RDFC-1.0: the canonical N-Quads a Data Integrity <c>*-rdfc-*</c> cryptosuite hashes.</summary>
    public static async Task<RdfCanonicalizationResult> CanonicalizeAsync(JsonNode document, IJsonLdDocumentLoader loader, JsonLdOptions? options = null, RdfCanonicalizationOptions? canonicalizationOptions = null, CancellationToken cancellationToken = default)
    {
        var rdf = await ToRdfAsync(document, loader, options, cancellationToken).ConfigureAwait(false);
        return rdf.Succeeded ? RdfCanonicalizer.Canonicalize(rdf.Dataset, canonicalizationOptions) : new RdfCanonicalizationResult(null, null, null, rdf.Problem);
    }

    private static async Task<(object? Value, Problem? Problem, string? Error)> RunAsync(JsonNode document, IJsonLdDocumentLoader loader, JsonLdOptions options, bool toRdf, CancellationToken cancellationToken)
    {
        var documents = new Dictionary<string, (JsonNode Document, string Url)>(StringComparer.Ordinal);
        for (var attempt = 0; ; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var engine = new JsonLdEngine(options, documents, loader, cancellationToken);
            try
            {
                var active = new ActiveContext(options.Base);
                var expanded = engine.Expand(active, null, document, options.Base);
                var list = expanded switch
                {
                    null => [],
                    List<object?> l => l,
                    Dictionary<string, object?> m when m.Count == 1 && m.TryGetValue("@graph", out var g) => JsonLdEngine.AsList(g),
                    _ => [expanded],
                };
                return toRdf ? (engine.ToRdf(list), null, null) : (list, null, null);
            }
            catch (JsonLdException e)
            {
                return (null, new Problem(e.ProblemCode, $"JSON-LD error: {e.Error}."), e.Error);
            }
            catch (DocumentNeededException needed)
            {
                if (attempt >= options.MaxContexts)
                {
                    return (null, new Problem(JsonLdProblemCodes.ExpansionLimit, "JSON-LD error: too many remote contexts."), "context overflow");
                }

                var loaded = await (needed.Pending ?? loader.LoadDocumentAsync(needed.Url, cancellationToken)).ConfigureAwait(false);
                if (!loaded.Succeeded)
                {
                    return (null, new Problem(loaded.Problem.Code, $"JSON-LD error: loading remote context failed ({loaded.Problem.Message})"), "loading remote context failed");
                }

                documents[needed.Url] = (loaded.Document, loaded.DocumentUrl);
            }
        }
    }

    private static JsonNode? ToJson(object? value) => value switch
    {
        null => null,
        JsonLdNull => null,
        string s => JsonValue.Create(s),
        bool b => JsonValue.Create(b),
        double d => JsonValue.Create(d),
        JsonNode n => n.DeepClone(),
        List<object?> list => ToArray(list),
        Dictionary<string, object?> map => ToObject(map),
        _ => null,
    };

    private static JsonArray ToArray(List<object?> list)
    {
        var array = new JsonArray();
        foreach (var item in list)
        {
            array.Add(ToJson(item));
        }

        return array;
    }

    private static JsonObject ToObject(Dictionary<string, object?> map)
    {
        var obj = new JsonObject();
        foreach (var (k, v) in map)
        {
            obj[k] = ToJson(v);
        }

        return obj;
    }
}
