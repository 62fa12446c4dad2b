using System.Security.Cryptography;
using System.Text.Json.Nodes;
using DidSdk.JsonLd.Rdf;

namespace DidSdk.JsonLd.Tests;

public sealed class BundledContextLoaderTests
{
    private static IEnumerable<TestCaseData> Urls() => BundledContextLoader.Urls.Select(u => new TestCaseData(u).SetName($"Load_{u}_MatchesPinnedHash"));

    [TestCaseSource(nameof(Urls))]
    public async Task Load_Bundled_MatchesPinnedHash(string url)
    {
        var bytes = BundledContextLoader.GetBytes(url)!;

        Assert.That(Convert.ToHexStringLower(SHA256.HashData(bytes)), Is.EqualTo(BundledContextLoader.PinnedSha256(url)));
        var loaded = await BundledContextLoader.Instance.LoadDocumentAsync(url);
        Assert.That(loaded.Succeeded, Is.True);
        Assert.That(loaded.Document!["@context"], Is.Not.Null);
    }

    [Test]
    public void PinnedSha256_CredentialsV2_IsThePublishedValue()
    {
        // VC Data Model 2.0 §B.1 publishes this digest for https://www.w3.org/ns/credentials/v2.
        Assert.That(BundledContextLoader.PinnedSha256("https://www.w3.org/ns/credentials/v2"), Is.EqualTo("59955ced6697d61e03f2b2556febe5308ab16842846f5b586d7f1f7adec92734"));
    }

    [Test]
    public async Task LoadDocumentAsync_Unknown_ContextNotAvailable()
    {
        var result = await BundledContextLoader.Instance.LoadDocumentAsync("https://example.com/ctx");

        Assert.That(result.Problem!.Code, Is.EqualTo(JsonLdProblemCodes.ContextNotAvailable));
    }

    [Test]
    public async Task ReadmeExample_Runs()
    {
        var credential = JsonNode.Parse("""
            {"@context":["https://www.w3.org/ns/credentials/v2","https://www.w3.org/ns/credentials/examples/v2"],
             "type":["VerifiableCredential"],"issuer":"did:example:issuer","credentialSubject":{"id":"did:example:subject","alumniOf":"Example U"}}
            """)!;
        RdfCanonicalizationResult canonical = await JsonLdProcessor.CanonicalizeAsync(credential, BundledContextLoader.Instance);

        Assert.That(canonical.Succeeded, Is.True, canonical.Problem?.ToString());
        Assert.That(canonical.CanonicalNQuads, Does.Contain("<did:example:subject> <https://www.w3.org/ns/credentials/examples#alumniOf> \"Example U\" ."));
    }

    [Test]
    public async Task ToRdf_UndefinedProperty_FailsWithUndefinedTerm()
    {
        var credential = JsonNode.Parse("""{"@context":["https://www.w3.org/ns/credentials/v2"],"type":["VerifiableCredential"],"credentialSubject":{"undefinedClaim":1}}""")!;

        var result = await JsonLdProcessor.ToRdfAsync(credential, BundledContextLoader.Instance);

        Assert.That(result.Problem!.Code, Is.EqualTo(JsonLdProblemCodes.UndefinedTerm));
    }

    [Test]
    public async Task ToRdf_ProtectedTermRedefined_Fails()
    {
        var credential = JsonNode.Parse("""{"@context":["https://www.w3.org/ns/credentials/v2",{"name":"https://evil.example/name"}],"type":["VerifiableCredential"],"name":"x"}""")!;

        var result = await JsonLdProcessor.ToRdfAsync(credential, BundledContextLoader.Instance);

        Assert.That(result.Problem!.Code, Is.EqualTo(JsonLdProblemCodes.ProtectedTermRedefinition));
        Assert.That(result.Error, Is.EqualTo("protected term redefinition"));
    }

    [Test]
    public async Task ToRdf_RemoteContextNotBundled_ContextNotAvailable()
    {
        var credential = JsonNode.Parse("""{"@context":["https://evil.example/context"],"type":"X"}""")!;

        var result = await JsonLdProcessor.ToRdfAsync(credential, BundledContextLoader.Instance);

        Assert.That(result.Problem!.Code, Is.EqualTo(JsonLdProblemCodes.ContextNotAvailable));
    }

    [Test]
    public async Task ToRdf_DeepNesting_ExpansionLimit()
    {
        var json = "{\"@context\":{\"@vocab\":\"http://e/\"},\"a\":" + string.Concat(Enumerable.Repeat("{\"a\":", 100)) + "1" + new string('}', 100) + "}";

        var result = await JsonLdProcessor.ToRdfAsync(JsonNode.Parse(json, documentOptions: new System.Text.Json.JsonDocumentOptions { MaxDepth = 256 })!, BundledContextLoader.Instance);

        Assert.That(result.Problem!.Code, Is.EqualTo(JsonLdProblemCodes.ExpansionLimit));
    }
}
