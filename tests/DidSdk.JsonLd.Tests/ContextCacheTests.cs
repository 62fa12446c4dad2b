using System.Text.Json.Nodes;
using DidSdk.JsonLd.Processing;
using DidSdk.Testing;

namespace DidSdk.JsonLd.Tests;

/// <summary>
/// The processed-context cache: the same results with and without it, no leaking between documents (new terms, protected
/// terms, scoped contexts, base IRIs, loaders that map a URL elsewhere), limits that still hold, and a bound.
/// </summary>
public sealed class ContextCacheTests
{
    private const string V2 = "https://www.w3.org/ns/credentials/v2";

    private static readonly string VcDiEddsa = Path.Combine(RepoPaths.SpecVectors, "data-integrity", "vc-di-eddsa");

    private static readonly string VcDiEcdsa = Path.Combine(RepoPaths.SpecVectors, "data-integrity", "vc-di-ecdsa");

    private static IEnumerable<TestCaseData> Documents()
    {
        yield return new TestCaseData(Path.Combine(VcDiEddsa, "unsigned.json")).SetName("Canonicalize_VcDiEddsaUnsigned_SameWithAndWithoutCache");
        yield return new TestCaseData(Path.Combine(VcDiEddsa, "eddsa-rdfc-2022", "signedDataInt.json")).SetName("Canonicalize_VcDiEddsaSigned_SameWithAndWithoutCache");
        yield return new TestCaseData(Path.Combine(VcDiEddsa, "proof-set-chain", "signedProofChain2.json")).SetName("Canonicalize_VcDiEddsaProofChain_SameWithAndWithoutCache");
        yield return new TestCaseData(Path.Combine(VcDiEcdsa, "ecdsa-rdfc-2019-p256", "signedECDSAP256.json")).SetName("Canonicalize_VcDiEcdsaSigned_SameWithAndWithoutCache");
    }

    [TestCaseSource(nameof(Documents))]
    public async Task Canonicalize_Document_SameWithAndWithoutCache(string path)
    {
        var document = JsonNode.Parse(File.ReadAllText(path))!;
        var uncached = await JsonLdProcessor.CanonicalizeAsync(document, new CopyingLoader());
        ContextCache.Clear();
        var cold = await JsonLdProcessor.CanonicalizeAsync(document, BundledContextLoader.Instance);
        var warm = await JsonLdProcessor.CanonicalizeAsync(document, BundledContextLoader.Instance);
        var asyncLoader = await JsonLdProcessor.CanonicalizeAsync(document, new YieldingLoader());

        Assert.That(uncached.Succeeded, Is.True, uncached.Problem?.ToString());
        Assert.That(cold.CanonicalNQuads, Is.EqualTo(uncached.CanonicalNQuads));
        Assert.That(warm.CanonicalNQuads, Is.EqualTo(uncached.CanonicalNQuads));
        Assert.That(asyncLoader.CanonicalNQuads, Is.EqualTo(uncached.CanonicalNQuads));
    }

    [Test]
    public async Task ExpandAsync_AllDocumentsInEitherOrder_SameAsUncached()
    {
        var documents = Documents().Select(d => JsonNode.Parse(File.ReadAllText((string)d.Arguments[0]!))!).ToList();
        var expected = new List<string>();
        foreach (var d in documents)
        {
            expected.Add((await JsonLdProcessor.ExpandAsync(d, new CopyingLoader())).Expanded!.ToJsonString());
        }

        ContextCache.Clear();
        for (var i = documents.Count - 1; i >= 0; i--)
        {
            Assert.That((await JsonLdProcessor.ExpandAsync(documents[i], BundledContextLoader.Instance)).Expanded!.ToJsonString(), Is.EqualTo(expected[i]));
        }

        for (var i = 0; i < documents.Count; i++)
        {
            Assert.That((await JsonLdProcessor.ExpandAsync(documents[i], BundledContextLoader.Instance)).Expanded!.ToJsonString(), Is.EqualTo(expected[i]));
        }
    }

    [Test]
    public async Task ExpandAsync_TermAddedOnTopOfCachedContext_NotSeenByTheNextDocument()
    {
        var extended = JsonNode.Parse($$$"""
            {"@context":["{{{V2}}}",{"favoriteColor":"https://example.org/favoriteColor"}],
             "type":"VerifiableCredential","credentialSubject":{"favoriteColor":"blue"}}
            """)!;
        var plain = JsonNode.Parse($$$"""
            {"@context":"{{{V2}}}","type":"VerifiableCredential","credentialSubject":{"favoriteColor":"blue"}}
            """)!;

        var first = await JsonLdProcessor.ExpandAsync(plain, BundledContextLoader.Instance);
        var withTerm = await JsonLdProcessor.ExpandAsync(extended, BundledContextLoader.Instance);
        var again = await JsonLdProcessor.ExpandAsync(plain, BundledContextLoader.Instance);

        Assert.That(withTerm.Succeeded, Is.True, withTerm.Problem?.ToString());
        Assert.That(withTerm.Expanded!.ToJsonString(), Does.Contain("https://example.org/favoriteColor"));
        Assert.That(first.Problem?.Code, Is.EqualTo(JsonLdProblemCodes.UndefinedTerm));
        Assert.That(again.Problem?.Code, Is.EqualTo(JsonLdProblemCodes.UndefinedTerm));
    }

    [Test]
    public async Task ExpandAsync_ProtectedTermRedefinedAfterCachedContext_FailsEveryTime()
    {
        var hostile = JsonNode.Parse($$$"""
            {"@context":["{{{V2}}}",{"name":"https://attacker.example/name"}],"type":"VerifiableCredential","name":"Not what was signed"}
            """)!;

        var uncached = await JsonLdProcessor.ExpandAsync(hostile, new CopyingLoader());
        _ = await JsonLdProcessor.ExpandAsync(JsonNode.Parse($$$"""{"@context":"{{{V2}}}","type":"VerifiableCredential"}""")!, BundledContextLoader.Instance);
        var first = await JsonLdProcessor.ExpandAsync(hostile, BundledContextLoader.Instance);
        var second = await JsonLdProcessor.ExpandAsync(hostile, BundledContextLoader.Instance);

        Assert.That(uncached.Problem?.Code, Is.EqualTo(JsonLdProblemCodes.ProtectedTermRedefinition));
        Assert.That(first.Problem?.Code, Is.EqualTo(JsonLdProblemCodes.ProtectedTermRedefinition));
        Assert.That(second.Problem?.Code, Is.EqualTo(JsonLdProblemCodes.ProtectedTermRedefinition));
    }

    [Test]
    public async Task ExpandAsync_DifferentBases_DoNotCollide()
    {
        var document = JsonNode.Parse($$$"""{"@context":"{{{V2}}}","id":"credentials/1","type":"VerifiableCredential","issuer":"issuers/2"}""")!;

        var a = await JsonLdProcessor.ExpandAsync(document, BundledContextLoader.Instance, new JsonLdOptions { Base = "https://a.example/" });
        var b = await JsonLdProcessor.ExpandAsync(document, BundledContextLoader.Instance, new JsonLdOptions { Base = "https://b.example/x/" });
        var none = await JsonLdProcessor.ExpandAsync(document, BundledContextLoader.Instance);
        var a2 = await JsonLdProcessor.ExpandAsync(document, BundledContextLoader.Instance, new JsonLdOptions { Base = "https://a.example/" });

        Assert.That(a.Expanded!.ToJsonString(), Does.Contain("https://a.example/credentials/1").And.Contain("https://a.example/issuers/2"));
        Assert.That(b.Expanded!.ToJsonString(), Does.Contain("https://b.example/x/credentials/1").And.Contain("https://b.example/x/issuers/2"));
        Assert.That(none.Expanded!.ToJsonString(), Does.Not.Contain("a.example").And.Not.Contain("b.example"));
        Assert.That(a2.Expanded!.ToJsonString(), Is.EqualTo(a.Expanded.ToJsonString()));
    }

    [Test]
    public async Task ExpandAsync_ScopedContexts_TermMeansWhatItsScopeSays()
    {
        // "id" and "type" of the proof (a property-scoped context with @container @graph) and of the credential, and the
        // type-scoped terms of DataIntegrityProof, processed in both orders.
        var proofFirst = JsonNode.Parse($$$"""
            {"@context":"{{{V2}}}","type":"DataIntegrityProof","cryptosuite":"eddsa-rdfc-2022","proofPurpose":"assertionMethod",
             "verificationMethod":"did:example:1#key","created":"2023-02-24T23:36:38Z"}
            """)!;
        var credential = JsonNode.Parse($$$"""
            {"@context":"{{{V2}}}","type":"VerifiableCredential","issuer":"did:example:1",
             "credentialSubject":{"id":"did:example:2"},
             "proof":{"type":"DataIntegrityProof","cryptosuite":"eddsa-rdfc-2022","proofPurpose":"assertionMethod",
                      "verificationMethod":"did:example:1#key","created":"2023-02-24T23:36:38Z","proofValue":"z1"}}
            """)!;
        var expectedProof = (await JsonLdProcessor.ExpandAsync(proofFirst, new CopyingLoader())).Expanded!.ToJsonString();
        var expectedCredential = (await JsonLdProcessor.ExpandAsync(credential, new CopyingLoader())).Expanded!.ToJsonString();

        ContextCache.Clear();
        var p1 = await JsonLdProcessor.ExpandAsync(proofFirst, BundledContextLoader.Instance);
        var c1 = await JsonLdProcessor.ExpandAsync(credential, BundledContextLoader.Instance);
        ContextCache.Clear();
        var c2 = await JsonLdProcessor.ExpandAsync(credential, BundledContextLoader.Instance);
        var p2 = await JsonLdProcessor.ExpandAsync(proofFirst, BundledContextLoader.Instance);

        Assert.That(expectedCredential, Does.Contain("https://w3id.org/security#proof").And.Contain("https://w3id.org/security#cryptosuite"));
        Assert.That(new[] { p1, p2 }.Select(r => r.Expanded!.ToJsonString()), Is.All.EqualTo(expectedProof));
        Assert.That(new[] { c1, c2 }.Select(r => r.Expanded!.ToJsonString()), Is.All.EqualTo(expectedCredential));
    }

    [Test]
    public async Task ExpandAsync_LoaderMapsUrlElsewhere_GetsItsOwnDocument()
    {
        var document = JsonNode.Parse("""
            {"@context":"https://www.w3.org/2018/credentials/v1","type":"VerifiableCredential","issuer":"did:example:1"}
            """)!;
        var warm = await JsonLdProcessor.ExpandAsync(document, BundledContextLoader.Instance);

        // The same URL answered with the v2 context: "issuer" and "VerifiableCredential" are the same IRIs in both, but
        // v1 types issuer as @id while v2 also defines it as @id; issuanceDate exists only in v1.
        var v1Only = JsonNode.Parse("""
            {"@context":"https://www.w3.org/2018/credentials/v1","type":"VerifiableCredential","issuanceDate":"2010-01-01T00:00:00Z"}
            """)!;
        var remapped = await JsonLdProcessor.ExpandAsync(v1Only, new RemappingLoader("https://www.w3.org/2018/credentials/v1", V2));
        var original = await JsonLdProcessor.ExpandAsync(v1Only, BundledContextLoader.Instance);

        Assert.That(warm.Succeeded, Is.True, warm.Problem?.ToString());
        Assert.That(original.Succeeded, Is.True, original.Problem?.ToString());
        Assert.That(remapped.Problem?.Code, Is.EqualTo(JsonLdProblemCodes.UndefinedTerm));
    }

    [Test]
    public async Task ExpandAsync_LimitsWithWarmCache_SameProblemAsCold()
    {
        var document = JsonNode.Parse(File.ReadAllText(Path.Combine(VcDiEddsa, "unsigned.json")))!;
        var tight = new JsonLdOptions { MaxContexts = 3 };
        var lowWork = new JsonLdOptions { MaxWork = 8 };
        var coldContexts = await JsonLdProcessor.ExpandAsync(document, new CopyingLoader(), tight);
        var coldWork = await JsonLdProcessor.ExpandAsync(document, new CopyingLoader(), lowWork);

        _ = await JsonLdProcessor.ExpandAsync(document, BundledContextLoader.Instance);
        var warmContexts = await JsonLdProcessor.ExpandAsync(document, BundledContextLoader.Instance, tight);
        var warmWork = await JsonLdProcessor.ExpandAsync(document, BundledContextLoader.Instance, lowWork);

        Assert.That(coldContexts.Problem?.Code, Is.EqualTo(JsonLdProblemCodes.ExpansionLimit));
        Assert.That(warmContexts.Problem?.Code, Is.EqualTo(coldContexts.Problem!.Code));
        Assert.That(warmContexts.Error, Is.EqualTo(coldContexts.Error));
        Assert.That(coldWork.Problem?.Code, Is.EqualTo(JsonLdProblemCodes.ExpansionLimit));
        Assert.That(warmWork.Problem?.Code, Is.EqualTo(coldWork.Problem!.Code));
        Assert.That(warmWork.Error, Is.EqualTo(coldWork.Error));
    }

    [Test]
    public async Task CanonicalizeAsync_ManyThreadsWhileTheCacheEmpties_SameAsUncached()
    {
        var documents = Documents().Select(d => JsonNode.Parse(File.ReadAllText((string)d.Arguments[0]!))!).ToList();
        var expected = new List<string>();
        foreach (var d in documents)
        {
            expected.Add((await JsonLdProcessor.CanonicalizeAsync(d, new CopyingLoader())).CanonicalNQuads!);
        }

        var mismatches = 0;
        await Parallel.ForAsync(0, 200, async (i, cancellationToken) =>
        {
            if (i % 37 == 0)
            {
                ContextCache.Clear();
            }

            var result = await JsonLdProcessor.CanonicalizeAsync(documents[i % documents.Count], BundledContextLoader.Instance, cancellationToken: cancellationToken);
            if (result.CanonicalNQuads != expected[i % documents.Count])
            {
                Interlocked.Increment(ref mismatches);
            }
        });

        Assert.That(mismatches, Is.Zero);
    }

    [Test]
    public async Task ExpandAsync_ManyBases_CacheStaysBounded()
    {
        var document = JsonNode.Parse($$$"""{"@context":"{{{V2}}}","type":"VerifiableCredential"}""")!;
        for (var i = 0; i < ContextCache.Capacity + 50; i++)
        {
            var result = await JsonLdProcessor.ExpandAsync(document, BundledContextLoader.Instance, new JsonLdOptions { Base = $"https://example.org/{i}/" });
            Assert.That(result.Succeeded, Is.True);
            Assert.That(ContextCache.Count, Is.LessThanOrEqualTo(ContextCache.Capacity));
        }
    }

    /// <summary>Hands out copies of the bundled documents: nothing it loads is cacheable, so it gives the uncached result.</summary>
    private sealed class CopyingLoader : IJsonLdDocumentLoader
    {
        public Task<JsonLdDocumentLoadResult> LoadDocumentAsync(string url, CancellationToken cancellationToken = default)
        {
            var loaded = BundledContextLoader.Load(url);
            return Task.FromResult(loaded.Succeeded ? JsonLdDocumentLoadResult.Success(loaded.Document.DeepClone(), loaded.DocumentUrl) : loaded);
        }
    }

    /// <summary>The bundled documents, answered asynchronously.</summary>
    private sealed class YieldingLoader : IJsonLdDocumentLoader
    {
        public async Task<JsonLdDocumentLoadResult> LoadDocumentAsync(string url, CancellationToken cancellationToken = default)
        {
            await Task.Yield();
            return BundledContextLoader.Load(url);
        }
    }

    /// <summary>The bundled documents, with one URL answered by another bundled document.</summary>
    private sealed class RemappingLoader(string from, string to) : IJsonLdDocumentLoader
    {
        public Task<JsonLdDocumentLoadResult> LoadDocumentAsync(string url, CancellationToken cancellationToken = default) =>
            Task.FromResult(BundledContextLoader.Load(url == from ? to : url));
    }
}
