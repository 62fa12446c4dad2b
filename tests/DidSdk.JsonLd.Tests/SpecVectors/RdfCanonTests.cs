using System.Text.Json.Nodes;
using DidSdk.JsonLd.Rdf;
using DidSdk.Testing;

namespace DidSdk.JsonLd.Tests.SpecVectors;

/// <summary>The W3C rdf-canon test suite (spec-vectors/rdf-canon/manifest.jsonld): every entry is a named test.</summary>
[Category("SpecVector")]
public sealed class RdfCanonTests
{
    private static readonly string Root = Path.Combine(RepoPaths.SpecVectors, "rdf-canon");

    private static IEnumerable<TestCaseData> Entries(string type)
    {
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(Root, "manifest.jsonld")))!.AsObject();
        foreach (var entry in manifest["entries"]!.AsArray())
        {
            if (entry!["type"]!.GetValue<string>() != type)
            {
                continue;
            }

            var id = entry["id"]!.GetValue<string>().TrimStart('#');
            yield return new TestCaseData(
                entry["action"]!.GetValue<string>(),
                entry["result"]?.GetValue<string>(),
                entry["hashAlgorithm"]?.GetValue<string>() ?? "SHA256")
                .SetName($"{id} {entry["name"]!.GetValue<string>()}");
        }
    }

    private static IEnumerable<TestCaseData> EvalTests() => Entries("rdfc:RDFC10EvalTest");

    private static IEnumerable<TestCaseData> MapTests() => Entries("rdfc:RDFC10MapTest");

    private static IEnumerable<TestCaseData> NegativeTests() => Entries("rdfc:RDFC10NegativeEvalTest");

    private static RdfCanonicalizationResult Run(string action, string hash)
    {
        var parsed = NQuads.Parse(File.ReadAllText(Path.Combine(Root, action)));
        Assert.That(parsed.Succeeded, Is.True, parsed.Problem?.ToString());
        return RdfCanonicalizer.Canonicalize(parsed.Dataset!, new RdfCanonicalizationOptions { HashAlgorithm = hash });
    }

    [TestCaseSource(nameof(EvalTests))]
    public void Canonicalize_EvalTest_EqualsExpectedNQuads(string action, string result, string hash)
    {
        var canonical = Run(action, hash);

        Assert.That(canonical.Succeeded, Is.True, canonical.Problem?.ToString());
        Assert.That(canonical.CanonicalNQuads, Is.EqualTo(File.ReadAllText(Path.Combine(Root, result))));
    }

    [TestCaseSource(nameof(MapTests))]
    public void Canonicalize_MapTest_IssuesExpectedIdentifiers(string action, string result, string hash)
    {
        var canonical = Run(action, hash);
        var expected = JsonNode.Parse(File.ReadAllText(Path.Combine(Root, result)))!.AsObject();

        Assert.That(canonical.Succeeded, Is.True, canonical.Problem?.ToString());
        Assert.That(canonical.IssuedIdentifiers, Has.Count.EqualTo(expected.Count));
        foreach (var (label, id) in expected)
        {
            Assert.That(canonical.IssuedIdentifiers![label], Is.EqualTo(id!.GetValue<string>()), label);
        }
    }

    [TestCaseSource(nameof(NegativeTests))]
    public void Canonicalize_PoisonGraph_FailsWithWorkLimit(string action, string? result, string hash)
    {
        _ = result;
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var canonical = Run(action, hash);

        Assert.That(canonical.Succeeded, Is.False);
        Assert.That(canonical.Problem!.Code, Is.EqualTo(JsonLdProblemCodes.CanonicalizationWorkLimit));
        Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(10)));
    }
}
