using DidSdk.Core.Dids;
using DidSdk.Core.Resolution;
using DidSdk.Core.Tests.Dids;

namespace DidSdk.Core.Tests.Resolution;

public class DidUrlDereferencerTests
{
    private static DidUrlDereferencer Create(out FakeMethodResolver fake)
    {
        DidDocument.TryParse(DidDocumentTests.Example, DidRepresentation.JsonLd, out var doc, out _);
        var document = doc!;
        fake = new FakeMethodResolver
        {
            Respond = did => did == "did:example:123"
                ? DidResolutionResult.Success(document, new DidDocumentMetadata { VersionId = "1" })
                : DidResolutionResult.Failure(DidResolutionErrors.NotFound),
        };
        return new DidUrlDereferencer(new CompositeDidResolver(fake));
    }

    [Test]
    public async Task DereferenceAsync_PlainDid_Document()
    {
        var result = await Create(out _).DereferenceAsync("did:example:123");
        Assert.That(result.Succeeded, Is.True);
        Assert.That(result.DidDocument!.Id, Is.EqualTo("did:example:123"));
        Assert.That(result.DereferencingMetadata.ContentType, Is.EqualTo(DidMediaTypes.DidLdJson));
        Assert.That(result.ContentMetadata.VersionId, Is.EqualTo("1"));
    }

    [Test]
    public async Task DereferenceAsync_FragmentOfMethod_VerificationMethod()
    {
        var result = await Create(out _).DereferenceAsync("did:example:123#key-1");
        Assert.That(result.VerificationMethod!.Id, Is.EqualTo("did:example:123#key-1"));
        Assert.That(result.ContentToJson(), Does.Contain("\"publicKeyMultibase\""));
    }

    [Test]
    public async Task DereferenceAsync_FragmentOfEmbeddedMethod_VerificationMethod()
    {
        var result = await Create(out _).DereferenceAsync("did:example:123#auth-only");
        Assert.That(result.VerificationMethod!.Type, Is.EqualTo("Ed25519VerificationKey2020"));
    }

    [Test]
    public async Task DereferenceAsync_FragmentOfService_Service()
    {
        var result = await Create(out _).DereferenceAsync("did:example:123#linked-domain");
        Assert.That(result.Service!.ServiceEndpointUri, Is.EqualTo("https://bar.example.com"));
    }

    [Test]
    public async Task DereferenceAsync_UnknownFragment_NotFound()
    {
        var result = await Create(out _).DereferenceAsync("did:example:123#nope");
        Assert.That(result.DereferencingMetadata.Error, Is.EqualTo(DidResolutionErrors.NotFound));
    }

    [TestCase("did:example:123?service=linked-domain", "https://bar.example.com")]
    [TestCase("did:example:123?service=linked-domain&relativeRef=%2Fpath%2Ffile.json", "https://bar.example.com/path/file.json")]
    [TestCase("did:example:123?service=linked-domain&relativeRef=/a/b?x=1#frag", "https://bar.example.com/a/b?x=1#frag")]
    public async Task DereferenceAsync_ServiceParameter_EndpointUrl(string didUrl, string expected)
    {
        var result = await Create(out _).DereferenceAsync(didUrl);
        Assert.That(result.Succeeded, Is.True, result.DereferencingMetadata.ErrorMessage);
        Assert.That(result.ServiceEndpointUrl, Is.EqualTo(expected));
        Assert.That(result.DereferencingMetadata.ContentType, Is.EqualTo("text/uri-list"));
    }

    [TestCase("did:example:123?service=hub", DidResolutionErrors.NotFound, TestName = "DereferenceAsync_ServiceWithMapEndpoint_NotFound")]
    [TestCase("did:example:123?service=missing", DidResolutionErrors.NotFound, TestName = "DereferenceAsync_UnknownService_NotFound")]
    [TestCase("did:example:123?relativeRef=/x", DidResolutionErrors.InvalidDidUrl, TestName = "DereferenceAsync_RelativeRefWithoutService_Invalid")]
    [TestCase("did:example:123?service=a&service=b", DidResolutionErrors.InvalidDidUrl, TestName = "DereferenceAsync_RepeatedParameter_Invalid")]
    [TestCase("did:example:123?versionTime=yesterday", DidResolutionErrors.InvalidDidUrl, TestName = "DereferenceAsync_BadVersionTime_Invalid")]
    [TestCase("did:example:123/some/path", DidResolutionErrors.NotFound, TestName = "DereferenceAsync_Path_NotFound")]
    [TestCase("did:example:999#key-1", DidResolutionErrors.NotFound, TestName = "DereferenceAsync_UnresolvableDid_NotFound")]
    [TestCase("did:nope:1#k", DidResolutionErrors.MethodNotSupported, TestName = "DereferenceAsync_UnknownMethod_MethodNotSupported")]
    [TestCase("did:example:123#bad frag", DidResolutionErrors.InvalidDidUrl, TestName = "DereferenceAsync_InvalidUrl_InvalidDidUrl")]
    public async Task DereferenceAsync_Errors(string didUrl, string error)
    {
        var result = await Create(out _).DereferenceAsync(didUrl);
        Assert.That(result.Succeeded, Is.False);
        Assert.That(result.DereferencingMetadata.Error, Is.EqualTo(error));
    }

    [Test]
    public async Task DereferenceAsync_VersionParameters_PassedToResolution()
    {
        var dereferencer = Create(out var fake);
        await dereferencer.DereferenceAsync("did:example:123?versionId=4&versionTime=2024-01-01T00:00:00Z#key-1");
        Assert.That(fake.LastOptions!.VersionId, Is.EqualTo("4"));
        Assert.That(fake.LastOptions.VersionTime, Is.EqualTo(new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero)));
    }

    [Test]
    public async Task DereferenceAsync_AcceptUnsupported_RepresentationNotSupported()
    {
        var result = await Create(out _).DereferenceAsync("did:example:123", new DidDereferencingOptions { Accept = "text/html" });
        Assert.That(result.DereferencingMetadata.Error, Is.EqualTo(DidResolutionErrors.RepresentationNotSupported));
    }

    [Test]
    public async Task ToJson_Success_ThreeMembers()
    {
        var json = (await Create(out _).DereferenceAsync("did:example:123#key-1")).ToJson();
        using var parsed = System.Text.Json.JsonDocument.Parse(json);
        Assert.That(parsed.RootElement.GetProperty("contentStream").GetProperty("id").GetString(), Is.EqualTo("did:example:123#key-1"));
        Assert.That(parsed.RootElement.GetProperty("dereferencingMetadata").GetProperty("contentType").GetString(), Is.EqualTo(DidMediaTypes.DidLdJson));
    }
}
