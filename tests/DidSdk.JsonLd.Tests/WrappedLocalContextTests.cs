using System.Text.Json.Nodes;

namespace DidSdk.JsonLd.Tests;

/// <summary>A local context written as <c>{"@context": {...}}</c> is unwrapped (jsonld.js behaviour; the vc-di-eddsa suite's credentials use it).</summary>
public sealed class WrappedLocalContextTests
{
    [Test]
    public async Task ExpandAsync_WrappedLocalContext_TermsDefined()
    {
        var document = JsonNode.Parse("""
            {"@context":["https://www.w3.org/2018/credentials/v1",{"@context":{"alumniOf":"https://www.example.org/alumniOf"}}],
             "type":["VerifiableCredential"],"credentialSubject":{"id":"did:example:1","alumniOf":"The School of Examples"}}
            """)!;

        var result = await JsonLdProcessor.ExpandAsync(document, BundledContextLoader.Instance);

        Assert.That(result.Succeeded, Is.True, result.Problem?.ToString());
        Assert.That(result.Expanded!.ToJsonString(), Does.Contain("https://www.example.org/alumniOf"));
    }

    [Test]
    public async Task ExpandAsync_WrappedContextWithOtherMembers_InvalidContext()
    {
        var document = JsonNode.Parse("""
            {"@context":[{"@context":{"a":"https://example.org/a"},"b":"https://example.org/b"}],"a":"x"}
            """)!;

        var result = await JsonLdProcessor.ExpandAsync(document, BundledContextLoader.Instance);

        Assert.That(result.Succeeded, Is.False);
    }
}
