using System.Text.Json;
using System.Text.Json.Nodes;
using DidSdk.Core.Dids;
using DidSdk.Crypto;

namespace DidSdk.Core.Tests.Dids;

public class DidDocumentTests
{
    internal const string Example = """
        {
          "@context": ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"],
          "id": "did:example:123",
          "alsoKnownAs": ["https://example.com/alice"],
          "controller": "did:example:123",
          "verificationMethod": [
            {
              "id": "#key-1",
              "type": "Multikey",
              "controller": "did:example:123",
              "publicKeyMultibase": "z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK"
            },
            {
              "id": "did:example:123#key-2",
              "type": "JsonWebKey2020",
              "controller": "did:example:123",
              "publicKeyJwk": { "kty": "OKP", "crv": "Ed25519", "x": "O2onvM62pC1io6jQKm8Nc2UyFXcd4kOmOsBIoYtZ2ik", "ext": true }
            },
            {
              "id": "did:example:123#foreign",
              "type": "Multikey",
              "controller": "did:example:other",
              "publicKeyMultibase": "z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK"
            }
          ],
          "authentication": [
            "#key-1",
            {
              "id": "did:example:123#auth-only",
              "type": "Ed25519VerificationKey2020",
              "controller": "did:example:123",
              "publicKeyMultibase": "z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK"
            }
          ],
          "assertionMethod": ["did:example:123#key-2", "did:example:123#foreign", "did:example:123#missing"],
          "service": [
            { "id": "#linked-domain", "type": "LinkedDomains", "serviceEndpoint": "https://bar.example.com", "extra": [1, 2] },
            { "id": "did:example:123#hub", "type": ["A", "B"], "serviceEndpoint": { "origins": ["https://a.example"] } }
          ],
          "custom": { "nested": [true, null, 1.5] }
        }
        """;

    [Test]
    public void TryParse_FullDocument_ReadsEveryProperty()
    {
        Assert.That(DidDocument.TryParse(Example, DidRepresentation.JsonLd, out var doc, out var problem), Is.True, problem?.ToString());
        Assert.Multiple(() =>
        {
            Assert.That(doc!.Id, Is.EqualTo("did:example:123"));
            Assert.That(doc.Context, Is.EqualTo(new[] { DidContexts.DidV1, DidContexts.MultikeyV1 }));
            Assert.That(doc.AlsoKnownAs, Is.EqualTo(new[] { "https://example.com/alice" }));
            Assert.That(doc.Controller, Is.EqualTo(new[] { "did:example:123" }));
            Assert.That(doc.VerificationMethod.Select(m => m.Id), Is.EqualTo(new[] { "did:example:123#key-1", "did:example:123#key-2", "did:example:123#foreign" }));
            Assert.That(doc.Authentication[0].Id, Is.EqualTo("did:example:123#key-1"));
            Assert.That(doc.Authentication[0].IsEmbedded, Is.False);
            Assert.That(doc.Authentication[1].Embedded!.Type, Is.EqualTo("Ed25519VerificationKey2020"));
            Assert.That(doc.Service[0].Id, Is.EqualTo("did:example:123#linked-domain"));
            Assert.That(doc.Service[0].ServiceEndpointUri, Is.EqualTo("https://bar.example.com"));
            Assert.That(doc.Service[1].Type, Is.EqualTo(new[] { "A", "B" }));
            Assert.That(doc.Service[1].ServiceEndpoint.ValueKind, Is.EqualTo(JsonValueKind.Object));
            Assert.That(doc.AdditionalProperties.ContainsKey("custom"), Is.True);
            Assert.That(doc.VerificationMethod[1].PublicKeyJwk!.Crv, Is.EqualTo("Ed25519"));
        });
    }

    [Test]
    public void ToJson_ParsedDocument_RoundTripsUnknownPropertiesAndAbsolutizesIds()
    {
        Assert.That(DidDocument.TryParse(Example, DidRepresentation.JsonLd, out var doc, out _), Is.True);
        var written = JsonNode.Parse(doc!.ToJson(DidRepresentation.JsonLd))!.AsObject();
        var original = JsonNode.Parse(Example)!.AsObject();
        Assert.Multiple(() =>
        {
            Assert.That(JsonNode.DeepEquals(written["custom"], original["custom"]), Is.True);
            Assert.That(JsonNode.DeepEquals(written["service"]![0]!["extra"], original["service"]![0]!["extra"]), Is.True);
            Assert.That((string?)written["verificationMethod"]![0]!["id"], Is.EqualTo("did:example:123#key-1"));
            Assert.That((string?)written["verificationMethod"]![1]!["publicKeyJwk"]!["kty"], Is.EqualTo("OKP"));
            Assert.That(JsonNode.DeepEquals(written["verificationMethod"]![1]!["publicKeyJwk"]!["ext"], JsonValue.Create(true)), Is.True, "unknown JWK members round-trip");
            Assert.That(written.First().Key, Is.EqualTo("@context"));
        });

        // Second round trip is a fixed point.
        Assert.That(DidDocument.TryParse(doc.ToJson(DidRepresentation.JsonLd), DidRepresentation.JsonLd, out var again, out _), Is.True);
        Assert.That(again!.ToJson(DidRepresentation.JsonLd), Is.EqualTo(doc.ToJson(DidRepresentation.JsonLd)));
    }

    [Test]
    public void ToJson_JsonLdWithoutContext_WritesDidV1()
    {
        var doc = new DidDocument { Id = "did:example:1" };
        Assert.That(doc.ToJson(DidRepresentation.JsonLd), Is.EqualTo("""{"@context":["https://www.w3.org/ns/did/v1"],"id":"did:example:1"}"""));
        Assert.That(doc.ToJson(DidRepresentation.Json), Is.EqualTo("""{"id":"did:example:1"}"""));
    }

    [Test]
    public void TryParse_ContextWithMap_PreservedVerbatim()
    {
        const string json = """{"@context":["https://www.w3.org/ns/did/v1",{"@vocab":"https://example.com/#"}],"id":"did:example:1"}""";
        Assert.That(DidDocument.TryParse(json, DidRepresentation.JsonLd, out var doc, out _), Is.True);
        Assert.That(doc!.ToJson(DidRepresentation.JsonLd), Is.EqualTo(json));
    }

    [TestCase("""{"id":"did:example:1"}""", DidProblemCodes.DocumentInvalidContext, TestName = "TryParse_JsonLdMissingContext_Rejected")]
    [TestCase("""{"@context":"https://www.w3.org/2018/credentials/v1","id":"did:example:1"}""", DidProblemCodes.DocumentInvalidContext, TestName = "TryParse_JsonLdWrongFirstContext_Rejected")]
    [TestCase("""{"@context":["https://w3id.org/security/multikey/v1","https://www.w3.org/ns/did/v1"],"id":"did:example:1"}""", DidProblemCodes.DocumentInvalidContext, TestName = "TryParse_JsonLdDidContextNotFirst_Rejected")]
    [TestCase("""{"@context":[],"id":"did:example:1"}""", DidProblemCodes.DocumentInvalidContext, TestName = "TryParse_JsonLdEmptyContext_Rejected")]
    [TestCase("""{"@context":[1],"id":"did:example:1"}""", DidProblemCodes.DocumentInvalidContext, TestName = "TryParse_JsonLdNumberInContext_Rejected")]
    public void TryParse_JsonLdContextRules(string json, string code)
    {
        Assert.That(DidDocument.TryParse(json, DidRepresentation.JsonLd, out _, out var problem), Is.False);
        Assert.That(problem!.Code, Is.EqualTo(code));
    }

    [Test]
    public void TryParse_StringContext_RoundTripsAsString()
    {
        const string json = """{"@context":"https://www.w3.org/ns/did/v1","id":"did:example:1"}""";
        Assert.That(DidDocument.TryParse(json, DidRepresentation.JsonLd, out var doc, out _), Is.True);
        Assert.That(doc!.Context, Is.EqualTo(new[] { DidContexts.DidV1 }));
        Assert.That(doc.ToJson(DidRepresentation.JsonLd), Is.EqualTo(json));
    }

    [Test]
    public void TryParse_PlainJsonWithoutContext_Accepted()
    {
        Assert.That(DidDocument.TryParse("""{"id":"did:example:1"}""", DidRepresentation.Json, out var doc, out _), Is.True);
        Assert.That(doc!.Context, Is.Empty);
    }

    private static IEnumerable<TestCaseData> InvalidDocuments()
    {
        yield return Case("not json", DidProblemCodes.DocumentMalformed, "NotJson");
        yield return Case("[]", DidProblemCodes.DocumentMalformed, "Array");
        yield return Case("""{"id":"did:example:1",}""", DidProblemCodes.DocumentMalformed, "TrailingComma");
        yield return Case("""{"id":"did:example:1","id":"did:example:2"}""", DidProblemCodes.DocumentMalformed, "DuplicateMember");
        yield return Case("""{"id":"did:example:1"} {}""", DidProblemCodes.DocumentMalformed, "TrailingData");
        yield return Case(new string('[', 100) + new string(']', 100), DidProblemCodes.DocumentMalformed, "TooDeep");
        yield return Case("{}", DidProblemCodes.DocumentInvalidId, "MissingId");
        yield return Case("""{"id":"https://example.com"}""", DidProblemCodes.DocumentInvalidId, "IdNotDid");
        yield return Case("""{"id":"did:example:1#frag"}""", DidProblemCodes.DocumentInvalidId, "IdIsDidUrl");
        yield return Case("""{"id":5}""", DidProblemCodes.DocumentInvalidId, "IdNumber");
        yield return Case("""{"id":"did:example:1","controller":"https://x"}""", DidProblemCodes.DocumentInvalidProperty, "ControllerNotDid");
        yield return Case("""{"id":"did:example:1","controller":[]}""", DidProblemCodes.DocumentInvalidProperty, "ControllerEmpty");
        yield return Case("""{"id":"did:example:1","alsoKnownAs":"https://x"}""", DidProblemCodes.DocumentInvalidProperty, "AlsoKnownAsNotSet");
        yield return Case("""{"id":"did:example:1","alsoKnownAs":["not a uri"]}""", DidProblemCodes.DocumentInvalidProperty, "AlsoKnownAsNotUri");
        yield return Case("""{"id":"did:example:1","verificationMethod":{}}""", DidProblemCodes.DocumentInvalidProperty, "VerificationMethodNotArray");
        yield return Case("""{"id":"did:example:1","verificationMethod":[{"id":"#k","type":"Multikey"}]}""", DidProblemCodes.DocumentInvalidVerificationMethod, "VerificationMethodNoController");
        yield return Case("""{"id":"did:example:1","verificationMethod":[{"id":"k","type":"Multikey","controller":"did:example:1"}]}""", DidProblemCodes.DocumentInvalidVerificationMethod, "VerificationMethodBadId");
        yield return Case("""{"id":"did:example:1","verificationMethod":[{"id":"#k","type":1,"controller":"did:example:1"}]}""", DidProblemCodes.DocumentInvalidVerificationMethod, "VerificationMethodTypeNotString");
        yield return Case("""{"id":"did:example:1","verificationMethod":[{"id":"#k","type":"JsonWebKey","controller":"did:example:1","publicKeyJwk":{"kty":"OKP","crv":"Ed25519","x":"O2onvM62pC1io6jQKm8Nc2UyFXcd4kOmOsBIoYtZ2ik","d":"nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A"}}]}""", DidProblemCodes.DocumentInvalidVerificationMethod, "PrivateJwk");
        yield return Case("""{"id":"did:example:1","verificationMethod":[{"id":"#k","type":"Multikey","controller":"did:example:1"},{"id":"did:example:1#k","type":"Multikey","controller":"did:example:1"}]}""", DidProblemCodes.DocumentDuplicateId, "DuplicateMethodId");
        yield return Case("""{"id":"did:example:1","verificationMethod":[{"id":"#k","type":"Multikey","controller":"did:example:1"}],"authentication":[{"id":"#k","type":"Multikey","controller":"did:example:1"}]}""", DidProblemCodes.DocumentDuplicateId, "EmbeddedReusesId");
        yield return Case("""{"id":"did:example:1","authentication":"#k"}""", DidProblemCodes.DocumentInvalidProperty, "RelationshipNotArray");
        yield return Case("""{"id":"did:example:1","authentication":[5]}""", DidProblemCodes.DocumentInvalidVerificationMethod, "RelationshipNumber");
        yield return Case("""{"id":"did:example:1","authentication":["k"]}""", DidProblemCodes.DocumentInvalidProperty, "RelationshipBadReference");
        yield return Case("""{"id":"did:example:1","service":[{"id":"#s","type":"X"}]}""", DidProblemCodes.DocumentInvalidService, "ServiceNoEndpoint");
        yield return Case("""{"id":"did:example:1","service":[{"id":"#s","type":[],"serviceEndpoint":"https://x"}]}""", DidProblemCodes.DocumentInvalidService, "ServiceEmptyType");
        yield return Case("""{"id":"did:example:1","service":[{"id":"#s","type":"X","serviceEndpoint":5}]}""", DidProblemCodes.DocumentInvalidService, "ServiceEndpointNumber");
        yield return Case("""{"id":"did:example:1","service":[{"id":"#s","type":"X","serviceEndpoint":"https://x"},{"id":"#s","type":"Y","serviceEndpoint":"https://y"}]}""", DidProblemCodes.DocumentDuplicateId, "DuplicateServiceId");

        static TestCaseData Case(string json, string code, string name) => new TestCaseData(json, code).SetName("TryParse_Invalid_" + name);
    }

    [TestCaseSource(nameof(InvalidDocuments))]
    public void TryParse_InvalidDocument_ReturnsCode(string json, string code)
    {
        Assert.That(DidDocument.TryParse(json, DidRepresentation.Json, out var doc, out var problem), Is.False);
        Assert.That(doc, Is.Null);
        Assert.That(problem!.Code, Is.EqualTo(code));
    }

    [Test]
    public void TryParse_Oversized_Rejected()
    {
        var json = "{\"id\":\"did:example:1\",\"pad\":\"" + new string('a', 1024 * 1024) + "\"}";
        Assert.That(DidDocument.TryParse(json, DidRepresentation.Json, out _, out var problem), Is.False);
        Assert.That(problem!.Code, Is.EqualTo(DidProblemCodes.DocumentMalformed));
    }

    [Test]
    public void TryParse_JsonElementWithDuplicateMembers_Rejected()
    {
        using var parsed = JsonDocument.Parse("""{"id":"did:example:1","x":{"a":1,"a":2}}""");
        Assert.That(DidDocument.TryParse(parsed.RootElement, DidRepresentation.Json, out _, out var problem), Is.False);
        Assert.That(problem!.Code, Is.EqualTo(DidProblemCodes.DocumentMalformed));
    }

    [Test]
    public void FindVerificationMethod_RelativeAbsoluteAndEmbedded_Found()
    {
        DidDocument.TryParse(Example, DidRepresentation.JsonLd, out var doc, out _);
        Assert.That(doc!.FindVerificationMethod("#key-1")!.Id, Is.EqualTo("did:example:123#key-1"));
        Assert.That(doc.FindVerificationMethod("did:example:123#key-2")!.Type, Is.EqualTo("JsonWebKey2020"));
        Assert.That(doc.FindVerificationMethod(DidUrl.Parse("did:example:123#auth-only")), Is.Not.Null);
        Assert.That(doc.FindVerificationMethod("#nope"), Is.Null);
        Assert.That(doc.FindService("#hub")!.HasType("B"), Is.True);
    }

    [TestCase("#key-1", VerificationRelationship.Authentication)]
    [TestCase("did:example:123#key-1", VerificationRelationship.Authentication)]
    [TestCase("did:example:123#auth-only", VerificationRelationship.Authentication)]
    [TestCase("did:example:123#key-2", VerificationRelationship.AssertionMethod)]
    public void TryGetAuthorizedVerificationMethod_Listed_Authorized(string id, VerificationRelationship purpose)
    {
        DidDocument.TryParse(Example, DidRepresentation.JsonLd, out var doc, out _);
        Assert.That(doc!.TryGetAuthorizedVerificationMethod(id, purpose, out var method, out var problem), Is.True, problem?.ToString());
        Assert.That(method!.Id, Does.EndWith(id.Split('#')[1]));
    }

    [TestCase("did:example:123#key-1", VerificationRelationship.AssertionMethod, DidProblemCodes.VerificationMethodNotAuthorized, TestName = "Authorize_MethodNotInRelationship_NotAuthorized")]
    [TestCase("did:example:123#key-2", VerificationRelationship.CapabilityInvocation, DidProblemCodes.VerificationMethodNotAuthorized, TestName = "Authorize_EmptyRelationship_NotAuthorized")]
    [TestCase("did:example:123#auth-only", VerificationRelationship.AssertionMethod, DidProblemCodes.VerificationMethodNotAuthorized, TestName = "Authorize_EmbeddedElsewhere_NotAuthorized")]
    [TestCase("did:example:123#missing", VerificationRelationship.AssertionMethod, DidProblemCodes.VerificationMethodNotFound, TestName = "Authorize_ReferencedButMissing_NotFound")]
    [TestCase("did:example:123#foreign", VerificationRelationship.AssertionMethod, DidProblemCodes.VerificationMethodControllerMismatch, TestName = "Authorize_OtherController_Mismatch")]
    [TestCase("did:example:456#key-1", VerificationRelationship.Authentication, DidProblemCodes.VerificationMethodForeignDid, TestName = "Authorize_OtherDid_Foreign")]
    [TestCase("key-1", VerificationRelationship.Authentication, DidProblemCodes.InvalidRelativeReference, TestName = "Authorize_BareName_Invalid")]
    [TestCase("did:example:123#key 1", VerificationRelationship.Authentication, DidProblemCodes.InvalidFragment, TestName = "Authorize_InvalidUrl_Invalid")]
    public void TryGetAuthorizedVerificationMethod_NotAuthorized_ReturnsCode(string id, VerificationRelationship purpose, string code)
    {
        DidDocument.TryParse(Example, DidRepresentation.JsonLd, out var doc, out _);
        Assert.That(doc!.TryGetAuthorizedVerificationMethod(id, purpose, out var method, out var problem), Is.False);
        Assert.That(method, Is.Null);
        Assert.That(problem!.Code, Is.EqualTo(code));
        Assert.That(doc.IsAuthorized(id, purpose), Is.False);
    }

    [Test]
    public void Builder_ObjectInitializer_ProducesExpectedJson()
    {
        var key = PublicKeyMaterial.Import(KeyType.Ed25519, Convert.FromHexString("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"));
        var method = new VerificationMethod
        {
            Id = "did:example:1#k",
            Type = VerificationMethodTypes.Multikey,
            Controller = "did:example:1",
            PublicKeyMultibase = Multikey.Encode(key),
        };
        var doc = new DidDocument
        {
            Context = [DidContexts.DidV1, DidContexts.MultikeyV1],
            Id = "did:example:1",
            VerificationMethod = [method],
            AssertionMethod = ["did:example:1#k"],
            KeyAgreement = [method],
        };
        Assert.That(doc.TryGetAuthorizedVerificationMethod("#k", VerificationRelationship.AssertionMethod, out var found), Is.True);
        Assert.That(found!.TryGetPublicKey(out var decoded, out _), Is.True);
        Assert.That(decoded, Is.EqualTo(key));
        var json = doc.ToJson(DidRepresentation.JsonLd);
        Assert.That(DidDocument.TryParse(json, DidRepresentation.JsonLd, out var parsed, out var problem), Is.False, "embedding the same method twice reuses its id");
        Assert.That(problem!.Code, Is.EqualTo(DidProblemCodes.DocumentDuplicateId));
    }

    [Test]
    public void Collections_CopiedOnInit_LaterMutationInvisible()
    {
        var list = new List<string> { "did:example:2" };
        var doc = new DidDocument { Id = "did:example:1", Controller = list };
        list.Add("did:example:3");
        Assert.That(doc.Controller, Has.Count.EqualTo(1));
    }

    [Test]
    public void Builder_RelativeIds_ResolvedAgainstDocumentId()
    {
        var doc = new DidDocument
        {
            Id = "did:example:1",
            VerificationMethod = [new VerificationMethod { Id = "#k", Type = VerificationMethodTypes.Multikey, Controller = "did:example:1", PublicKeyMultibase = "z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK" }],
            AssertionMethod = ["#k"],
        };
        Assert.That(doc.FindVerificationMethod("did:example:1#k"), Is.Not.Null);
        Assert.That(doc.TryGetAuthorizedVerificationMethod("did:example:1#k", VerificationRelationship.AssertionMethod, out var method, out var problem), Is.True, problem?.ToString());
        Assert.That(method!.Id, Is.EqualTo("#k"));
        Assert.That(doc.IsAuthorized("#k", VerificationRelationship.Authentication), Is.False);
    }

    private static readonly byte[] MutationBytes = [.. "{}[]\":,\\ #%az09"u8, 0xff, 0xc3, 0x00];

    [Test]
    public void TryParse_RandomMutations_NeverThrow()
    {
        // Byte-level mutations of a valid document: parsing either succeeds or returns a problem, and never throws.
        var random = new Random(7);
        var original = System.Text.Encoding.UTF8.GetBytes(Example);
        var accepted = 0;
        for (var i = 0; i < 3000; i++)
        {
            var bytes = (byte[])original.Clone();
            for (var m = random.Next(1, 4); m > 0; m--)
            {
                bytes[random.Next(bytes.Length)] = MutationBytes[random.Next(MutationBytes.Length)];
            }

            foreach (var representation in new[] { DidRepresentation.Json, DidRepresentation.JsonLd })
            {
                bool ok = false;
                Assert.That(() => ok = DidDocument.TryParse(bytes, representation, out var doc, out var problem) && doc!.ToJson(representation).Length > 0, Throws.Nothing);
                accepted += ok ? 1 : 0;
            }
        }

        Assert.That(accepted, Is.GreaterThan(0));
    }

    [Test]
    public void TryParse_InvalidUtf8InString_Malformed()
    {
        byte[] json = [.. "{\"id\":\"did:example:1\",\"x\":\""u8, 0xc3, 0x28, .. "\"}"u8];
        Assert.That(DidDocument.TryParse(json, DidRepresentation.Json, out _, out var problem), Is.False);
        Assert.That(problem!.Code, Is.EqualTo(DidProblemCodes.DocumentMalformed));
    }

    [Test]
    public void TryParse_RsaJwk_KeptButNoKey()
    {
        const string json = """{"id":"did:example:1","verificationMethod":[{"id":"#rsa","type":"RsaVerificationKey2018","controller":"did:example:1","publicKeyJwk":{"kty":"RSA","e":"AQAB","n":"tmUPNfRyWBG8"}}]}""";
        Assert.That(DidDocument.TryParse(json, DidRepresentation.Json, out var doc, out var problem), Is.True, problem?.ToString());
        var method = doc!.VerificationMethod.Single();
        Assert.That(method.PublicKeyJwk?.Kty ?? (string?)method.AdditionalProperties["publicKeyJwk"].GetProperty("kty").GetString(), Is.EqualTo("RSA"));
        Assert.That(method.TryGetPublicKey(out _, out problem), Is.False);
        Assert.That(problem!.Code, Is.EqualTo(DidProblemCodes.UnsupportedVerificationMethodType));
        Assert.That(JsonNode.DeepEquals(JsonNode.Parse(doc.ToJson())!["verificationMethod"]![0]!["publicKeyJwk"], JsonNode.Parse(json)!["verificationMethod"]![0]!["publicKeyJwk"]), Is.True);
    }
}
