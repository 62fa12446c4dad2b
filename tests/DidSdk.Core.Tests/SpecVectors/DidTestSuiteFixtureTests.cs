using System.Text.Json.Nodes;
using DidSdk.Core.Dids;
using DidSdk.Core.Methods;
using DidSdk.Crypto;

namespace DidSdk.Core.Tests.SpecVectors;

/// <summary>
/// The W3C DID Core test suite fixtures (other implementations' DIDs, DID URLs, representations and resolution
/// executions), copied into <c>spec-vectors/did-test-suite</c>.
/// </summary>
[Category("SpecVector")]
public class DidTestSuiteFixtureTests
{
    private static string FixtureDirectory =>
        DidSdk.Testing.RepoPaths.UpstreamDirectory("did-test-suite", "packages", "did-core-test-server", "suites", "implementations");

    private static IEnumerable<(string File, JsonObject Json)> Fixtures() =>
        Directory.GetFiles(FixtureDirectory, "*.json").Order(StringComparer.Ordinal)
            .Select(f => (Path.GetFileName(f), JsonNode.Parse(File.ReadAllText(f))!.AsObject()));

    private static IEnumerable<TestCaseData> Representations()
    {
        foreach (var (file, json) in Fixtures())
        {
            if (json["dids"] is not JsonArray dids)
            {
                continue;
            }

            foreach (var did in dids.Select(d => d!.GetValue<string>()).Where(d => json[d] is JsonObject))
            {
                foreach (var (mediaType, value) in json[did]!.AsObject())
                {
                    if (value?["representation"] is JsonValue representation)
                    {
                        yield return new TestCaseData(did, mediaType, representation.GetValue<string>())
                            .SetName($"DidTestSuite_{file.Replace(".json", string.Empty)}_{did[..Math.Min(did.Length, 40)]}_{mediaType.Replace("application/", string.Empty)}");
                    }
                }
            }
        }
    }

    [TestCaseSource(nameof(Representations))]
    public void Consume_PublishedRepresentation_Conforms(string did, string mediaType, string representation)
    {
        Assert.That(Did.TryParse(did, out _, out var problem), Is.True, problem?.ToString());
        Assert.That(DidMediaTypes.TryParse(mediaType, out var kind), Is.True);
        Assert.That(DidDocument.TryParse(representation, kind, out var doc, out problem), Is.True, problem?.ToString());
        Assert.That(doc!.Id, Is.EqualTo(did));

        // Production of the consumed model gives an equivalent representation.
        Assert.That(DidDocument.TryParse(doc.ToJson(kind), kind, out var again, out problem), Is.True, problem?.ToString());
        Assert.That(again!.ToJson(kind), Is.EqualTo(doc.ToJson(kind)));
    }

    private static IEnumerable<TestCaseData> DidKeyDocuments()
    {
        foreach (var (file, json) in Fixtures())
        {
            if (json["didMethod"]?.GetValue<string>() != "did:key" || json["dids"] is not JsonArray dids)
            {
                continue;
            }

            foreach (var did in dids.Select(d => d!.GetValue<string>()))
            {
                var model = json[did]!["didDocumentDataModel"]!["properties"]!;
                yield return new TestCaseData(did, model.ToJsonString()).SetName($"DidTestSuite_{file.Replace(".json", string.Empty)}_{did[..Math.Min(did.Length, 40)]}_SameKey");
            }
        }
    }

    [TestCaseSource(nameof(DidKeyDocuments))]
    public void Resolve_OtherImplementationsDidKey_SameKeyOrUnsupported(string did, string theirDocument)
    {
        // The abstract data model may omit @context, so it is consumed as plain JSON.
        Assert.That(DidDocument.TryParse(theirDocument, DidRepresentation.Json, out var theirs, out var problem), Is.True, problem?.ToString());
        var result = new DidKeyResolver().Resolve(did);
        if (!DidKey.TryGetPublicKey(did, out var key, out var error, out _))
        {
            // BLS12-381, P-384 and P-521 keys are outside this SDK's key types.
            Assert.That(error, Is.EqualTo(DidSdk.Core.Resolution.DidResolutionErrors.UnsupportedPublicKeyType));
            return;
        }

        Assert.That(result.Succeeded, Is.True, result.DidResolutionMetadata.ErrorMessage);
        var primary = theirs!.FindVerificationMethod(did + "#" + did["did:key:".Length..]);
        if (primary is null)
        {
            // Pre-DID Core documents list keys under "publicKey", which DID Core no longer defines.
            Assert.That(theirs.AdditionalProperties.ContainsKey("publicKey"), Is.True, "their document names the key by its multibase value");
            return;
        }

        Assert.That(primary!.TryGetPublicKey(out var theirKey, out problem), Is.True, problem?.ToString());
        Assert.That(theirKey, Is.EqualTo(key));
        Assert.That(result.DidDocument!.VerificationMethod[0].Id, Is.EqualTo(primary.Id));

        // Their derived X25519 key agreement key, when they publish one, is ours too.
        var theirAgreement = theirs.KeyAgreement.Select(r => r.Embedded ?? theirs.FindVerificationMethod(r.Id)).FirstOrDefault(m => m is not null && m.Id != primary!.Id);
        if (theirAgreement is not null && key.KeyType == KeyType.Ed25519)
        {
            Assert.That(theirAgreement.TryGetPublicKey(out var theirX, out problem), Is.True, problem?.ToString());
            Assert.That(result.DidDocument.KeyAgreement.Single().Embedded!.TryGetPublicKey(out var ourX, out _), Is.True);
            Assert.That(ourX, Is.EqualTo(theirX));
        }
    }

    private static IEnumerable<TestCaseData> Executions()
    {
        foreach (var (file, json) in Fixtures())
        {
            if (json["executions"] is not JsonArray executions)
            {
                continue;
            }

            for (var i = 0; i < executions.Count; i++)
            {
                var input = executions[i]!["input"]!;
                var output = executions[i]!["output"]!;
                var isDereference = executions[i]!["function"]!.GetValue<string>() == "dereference";
                var value = (isDereference ? input["didUrl"] : input["did"])!.GetValue<string>();
                var error = (isDereference ? output["dereferencingMetadata"] : output["didResolutionMetadata"])?["error"]?.GetValue<string>();
                yield return new TestCaseData(value, isDereference, error).SetName($"DidTestSuite_{file.Replace(".json", string.Empty)}_execution_{i}");
            }
        }
    }

    [TestCaseSource(nameof(Executions))]
    public void Parse_ExecutionInput_SyntaxVerdictMatches(string input, bool isDidUrl, string? error)
    {
        var valid = isDidUrl ? DidUrl.TryParse(input, out _, out var problem) : Did.TryParse(input, out _, out problem);
        if (error is "invalidDid" or "invalidDidUrl")
        {
            Assert.That(valid, Is.False, "the suite expects a syntax error");
        }
        else
        {
            Assert.That(valid, Is.True, problem?.ToString());
        }
    }
}
