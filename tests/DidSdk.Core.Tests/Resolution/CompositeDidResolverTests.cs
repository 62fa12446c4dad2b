using DidSdk.Core.Resolution;

namespace DidSdk.Core.Tests.Resolution;

public class CompositeDidResolverTests
{
    [Test]
    public async Task ResolveAsync_KnownMethod_Routes()
    {
        var example = new FakeMethodResolver("example");
        var other = new FakeMethodResolver("other");
        var resolver = new CompositeDidResolver(example, other);
        var result = await resolver.ResolveAsync("did:other:1");
        Assert.That(result.Succeeded, Is.True);
        Assert.That(other.Calls, Is.EqualTo(1));
        Assert.That(example.Calls, Is.Zero);
    }

    [Test]
    public async Task ResolveAsync_UnknownMethod_MethodNotSupported()
    {
        var result = await new CompositeDidResolver(new FakeMethodResolver()).ResolveAsync("did:nope:1");
        Assert.That(result.DidResolutionMetadata.Error, Is.EqualTo(DidResolutionErrors.MethodNotSupported));
        Assert.That(result.DidDocument, Is.Null);
    }

    [TestCase("not-a-did")]
    [TestCase("did:example:1#frag")]
    [TestCase("")]
    public async Task ResolveAsync_InvalidDid_InvalidDid(string did)
    {
        var fake = new FakeMethodResolver();
        var result = await new CompositeDidResolver(fake).ResolveAsync(did);
        Assert.That(result.DidResolutionMetadata.Error, Is.EqualTo(DidResolutionErrors.InvalidDid));
        Assert.That(fake.Calls, Is.Zero);
    }

    [Test]
    public void Constructor_DuplicateMethod_Throws()
    {
        Assert.That(() => new CompositeDidResolver(new FakeMethodResolver(), new FakeMethodResolver()), Throws.ArgumentException);
    }

    [Test]
    public void ResolveAsync_Cancelled_Throws()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.That(async () => await new CompositeDidResolver(new FakeMethodResolver()).ResolveAsync("did:example:1", null, cts.Token), Throws.InstanceOf<OperationCanceledException>());
    }

    [Test]
    public void ToJson_Failure_HasThreeMembers()
    {
        var json = DidResolutionResult.Failure(DidResolutionErrors.NotFound, "gone").ToJson();
        Assert.That(json, Is.EqualTo("""{"didDocument":null,"didResolutionMetadata":{"error":"notFound","errorMessage":"gone"},"didDocumentMetadata":{}}"""));
    }

    [Test]
    public void ToJson_SuccessWithMetadata_WritesXsdDateTimes()
    {
        var result = DidResolutionResult.Success(
            new DidSdk.Core.Dids.DidDocument { Id = "did:example:1" },
            new DidDocumentMetadata { Created = new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.FromHours(2)), Deactivated = true, VersionId = "7" },
            DidSdk.Core.Dids.DidRepresentation.Json);
        Assert.That(result.ToJson(), Is.EqualTo("""{"didDocument":{"id":"did:example:1"},"didResolutionMetadata":{"contentType":"application/did+json"},"didDocumentMetadata":{"created":"2024-01-02T01:04:05Z","deactivated":true,"versionId":"7"}}"""));
    }
}
