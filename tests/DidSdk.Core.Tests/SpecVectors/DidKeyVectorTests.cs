using System.Text.Json.Nodes;
using DidSdk.Core.Dids;
using DidSdk.Core.Methods;
using DidSdk.Crypto;

namespace DidSdk.Core.Tests.SpecVectors;

[Category("SpecVector")]
public class DidKeyVectorTests
{
    private static IEnumerable<TestCaseData> SpecDocuments() =>
        DidVectorFiles.Load("did-key-spec.json")["documents"]!.AsArray()
            .Select((d, i) => new TestCaseData(d!["did"]!.GetValue<string>(), d["didDocument"]!.ToJsonString()).SetName($"DidKeySpec_Document_{i + 1}"));

    [TestCaseSource(nameof(SpecDocuments))]
    public void Resolve_SpecExample_DocumentEqualsSpec(string did, string expectedJson)
    {
        // The spec examples use the DID 1.1 context; everything else must match member for member.
        var resolver = new DidKeyResolver(new DidKeyOptions { Context = [DidContexts.DidV11] });
        var result = resolver.Resolve(did);
        Assert.That(result.Succeeded, Is.True, result.DidResolutionMetadata.ErrorMessage);
        var actual = JsonNode.Parse(result.DidDocument!.ToJson(DidRepresentation.JsonLd));
        var expected = JsonNode.Parse(expectedJson);
        Assert.That(JsonNode.DeepEquals(actual, expected), Is.True, $"expected {expected!.ToJsonString()}\nactual   {actual!.ToJsonString()}");
    }

    [TestCaseSource(nameof(SpecDocuments))]
    public void Consume_SpecExample_ParsesAndRoundTrips(string did, string expectedJson)
    {
        Assert.That(DidDocument.TryParse(expectedJson, DidRepresentation.JsonLd, out var doc, out var problem), Is.True, problem?.ToString());
        Assert.That(doc!.Id, Is.EqualTo(did));
        Assert.That(JsonNode.DeepEquals(JsonNode.Parse(doc.ToJson(DidRepresentation.JsonLd)), JsonNode.Parse(expectedJson)), Is.True);
    }

    private static IEnumerable<TestCaseData> SpecDids() =>
        DidVectorFiles.Load("did-key-spec.json")["dids"]!.AsArray()
            .Select((d, i) => new TestCaseData(d!["did"]!.GetValue<string>(), d["keyType"]?.GetValue<string>(), d["expectedError"]?.GetValue<string>())
                .SetName($"DidKeySpec_Did_{i + 1}_{d["name"]!.GetValue<string>().Replace(' ', '_')}"));

    [TestCaseSource(nameof(SpecDids))]
    public void Resolve_SpecTestVectorDid_ExpectedOutcome(string did, string? keyType, string? expectedError)
    {
        var result = new DidKeyResolver().Resolve(did);
        if (expectedError is not null)
        {
            Assert.That(result.DidResolutionMetadata.Error, Is.EqualTo(expectedError));
            return;
        }

        Assert.That(result.Succeeded, Is.True, result.DidResolutionMetadata.ErrorMessage);
        var method = result.DidDocument!.VerificationMethod.Single();
        Assert.That(method.TryGetPublicKey(out var key, out _), Is.True);
        Assert.That(key!.KeyType.ToString(), Is.EqualTo(keyType));
        Assert.That(DidKey.Create(key), Is.EqualTo(did), "re-encoding the key gives the same DID");
    }

    private static IEnumerable<TestCaseData> Vectors2022() =>
        DidVectorFiles.Load("did-key-2022-vectors.json")["vectors"]!.AsArray()
            .Select((v, i) => new TestCaseData(v!.AsObject()).SetName($"DidKey2022_{v!["file"]!.GetValue<string>().Replace(".json", string.Empty)}_{i + 1}"));

    [TestCaseSource(nameof(Vectors2022))]
    public void Resolve_2022Vector_IdsAndKeyBytesMatch(JsonObject vector)
    {
        var did = vector["did"]!.GetValue<string>();
        var result = new DidKeyResolver().Resolve(did);
        if (vector["expectedError"]?.GetValue<string>() is { } error)
        {
            Assert.That(result.DidResolutionMetadata.Error, Is.EqualTo(error));
            return;
        }

        Assert.That(result.Succeeded, Is.True, result.DidResolutionMetadata.ErrorMessage);
        var keyType = Enum.Parse<KeyType>(vector["keyType"]!.GetValue<string>());
        var expected = PublicKeyMaterial.Import(keyType, Convert.FromHexString(vector["publicKeyHex"]!.GetValue<string>()));
        var doc = result.DidDocument!;
        var fragment = did["did:key:".Length..];
        Assert.That(doc.VerificationMethod.Single().Id, Is.EqualTo(did + "#" + fragment));
        Assert.That(doc.VerificationMethod.Single().TryGetPublicKey(out var key, out _), Is.True);
        Assert.That(key, Is.EqualTo(expected));
        Assert.That(DidKey.Create(expected), Is.EqualTo(did));

        if (vector["privateKeyJwk"] is { } privateJwk)
        {
            using var privateKey = Jwk.Parse(privateJwk.ToJsonString()).ToPrivateKey();
            Assert.That(DidKey.Create(privateKey.PublicKey), Is.EqualTo(did), "the vector's private key gives its DID");
        }

        if (vector["keyAgreementFragment"]?.GetValue<string>() is { } agreementFragment)
        {
            var agreement = doc.KeyAgreement.Single();
            Assert.That(agreement.Id, Is.EqualTo(did + "#" + agreementFragment));
            Assert.That(agreement.Embedded!.TryGetPublicKey(out var x25519, out _), Is.True);
            Assert.That(Convert.ToHexStringLower(x25519!.Bytes), Is.EqualTo(vector["keyAgreementPublicKeyHex"]!.GetValue<string>()));
        }
    }
}
