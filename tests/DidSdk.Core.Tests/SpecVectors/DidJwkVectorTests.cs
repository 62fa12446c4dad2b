using System.Text.Json.Nodes;
using DidSdk.Core.Dids;
using DidSdk.Core.Methods;
using DidSdk.Crypto;

namespace DidSdk.Core.Tests.SpecVectors;

[Category("SpecVector")]
public class DidJwkVectorTests
{
    private static IEnumerable<TestCaseData> Examples() =>
        DidVectorFiles.Load("did-jwk-spec.json")["examples"]!.AsArray()
            .Select(e => new TestCaseData(e!.AsObject()).SetName($"DidJwkSpec_{e!["name"]!.GetValue<string>()}"));

    [TestCaseSource(nameof(Examples))]
    public void Resolve_SpecExample_DocumentEqualsCorrectedSpec(JsonObject example)
    {
        var did = example["did"]!.GetValue<string>();
        var result = DidJwkResolver.Resolve(did);
        Assert.That(result.Succeeded, Is.True, result.DidResolutionMetadata.ErrorMessage);
        var actual = JsonNode.Parse(result.DidDocument!.ToJson(DidRepresentation.JsonLd));
        Assert.That(JsonNode.DeepEquals(actual, example["didDocument"]), Is.True, $"expected {example["didDocument"]!.ToJsonString()}\nactual   {actual!.ToJsonString()}");
        Assert.That(example["didUrl"]!.GetValue<string>(), Is.EqualTo(did + "#0"));
    }

    [TestCaseSource(nameof(Examples))]
    public void TryGetJwk_SpecExample_DecodedJwkMatches(JsonObject example)
    {
        Assert.That(DidJwk.TryGetJwk(example["did"]!.GetValue<string>(), out var jwk, out _, out _), Is.True);
        Assert.That(JsonNode.DeepEquals(JsonNode.Parse(jwk!.ToJson()), example["decodedJwk"]), Is.True);
        Assert.That(Jwk.TryParse(example["decodedJwk"]!.ToJsonString(), out var expected, out _), Is.True);
        Assert.That(DidJwk.TryGetJwk(DidJwk.Create(expected!), out var again, out _, out _), Is.True);
        Assert.That(again!.ToPublicKey(), Is.EqualTo(jwk.ToPublicKey()));
    }

    [Test]
    public void Consume_PublishedP256Document_ErratumRejected()
    {
        // The spec's P-256 example has "did:jwk:$eyJ..." in authentication; '$' is not an idchar (DID Core §3.1).
        var example = DidVectorFiles.Load("did-jwk-spec.json")["examples"]!.AsArray().Single(e => e!["erratum"] is not null)!;
        Assert.That(DidDocument.TryParse(example["didDocumentAsPublished"]!.ToJsonString(), DidRepresentation.JsonLd, out _, out var problem), Is.False);
        Assert.That(problem!.Code, Is.EqualTo(DidProblemCodes.DocumentInvalidProperty));
        Assert.That(DidDocument.TryParse(example["didDocument"]!.ToJsonString(), DidRepresentation.JsonLd, out _, out problem), Is.True, problem?.ToString());
    }
}
