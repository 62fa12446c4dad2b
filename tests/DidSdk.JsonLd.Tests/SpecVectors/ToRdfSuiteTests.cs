using System.Text.Json.Nodes;
using DidSdk.JsonLd.Rdf;
using DidSdk.Testing;

namespace DidSdk.JsonLd.Tests.SpecVectors;

/// <summary>
/// The W3C JSON-LD 1.1 API toRdf suite (spec-vectors/json-ld-api/toRdf-manifest.jsonld). Every entry not listed in
/// out-of-scope.json (with its reason) runs as a named test: positive entries must produce a dataset isomorphic to the
/// expected N-Quads (compared after RDFC-1.0), negative entries must fail with the expected JSON-LD error code.
/// </summary>
[Category("SpecVector")]
public sealed class ToRdfSuiteTests
{
    private static readonly string Root = Path.Combine(RepoPaths.SpecVectors, "json-ld-api");

    private static JsonObject OutOfScope() => JsonNode.Parse(File.ReadAllText(Path.Combine(Root, "out-of-scope.json")))!["entries"]!.AsObject();

    private static IEnumerable<TestCaseData> Entries()
    {
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(Root, "toRdf-manifest.jsonld")))!.AsObject();
        var skip = OutOfScope();
        foreach (var entry in manifest["sequence"]!.AsArray())
        {
            var id = entry!["@id"]!.GetValue<string>().TrimStart('#');
            if (skip.ContainsKey(id))
            {
                continue;
            }

            yield return new TestCaseData(entry.DeepClone()).SetName($"toRdf {id} {entry["name"]!.GetValue<string>()}");
        }
    }

    [Test]
    public void OutOfScope_EveryEntryHasAReasonAndExists()
    {
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(Root, "toRdf-manifest.jsonld")))!.AsObject();
        var ids = manifest["sequence"]!.AsArray().Select(e => e!["@id"]!.GetValue<string>().TrimStart('#')).ToHashSet();
        foreach (var (id, reason) in OutOfScope())
        {
            Assert.That(ids, Does.Contain(id));
            Assert.That(reason!.GetValue<string>(), Is.Not.Empty);
        }
    }

    [TestCaseSource(nameof(Entries))]
    public async Task ToRdf_SuiteEntry_MatchesExpectation(JsonObject entry)
    {
        var input = entry["input"]!.GetValue<string>();
        var option = entry["option"] as JsonObject;
        var options = new JsonLdOptions
        {
            Base = option?["base"]?.GetValue<string>() ?? SuiteDocumentLoader.BaseIri + input,
            AllowUndefinedTerms = true,
            RdfDirection = option?["rdfDirection"]?.GetValue<string>(),
        };
        var document = JsonNode.Parse(File.ReadAllText(Path.Combine(Root, input)))!;
        var result = await JsonLdProcessor.ToRdfAsync(document, new SuiteDocumentLoader(Root), options);
        var types = entry["@type"]!.AsArray().Select(t => t!.GetValue<string>()).ToList();

        if (types.Contains("jld:NegativeEvaluationTest"))
        {
            Assert.That(result.Succeeded, Is.False, "expected " + entry["expectErrorCode"]);
            Assert.That(result.Error, Is.EqualTo(entry["expectErrorCode"]!.GetValue<string>()));
            return;
        }

        Assert.That(result.Succeeded, Is.True, result.Problem?.ToString());
        if (types.Contains("jld:PositiveSyntaxTest"))
        {
            return;
        }

        var expected = NQuads.Parse(File.ReadAllText(Path.Combine(Root, entry["expect"]!.GetValue<string>())));
        Assert.That(expected.Succeeded, Is.True);
        var actualCanonical = RdfCanonicalizer.Canonicalize(result.Dataset!);
        var expectedCanonical = RdfCanonicalizer.Canonicalize(expected.Dataset!);
        Assert.That(actualCanonical.CanonicalNQuads, Is.EqualTo(expectedCanonical.CanonicalNQuads), NQuads.Serialize(result.Dataset!));
    }
}
