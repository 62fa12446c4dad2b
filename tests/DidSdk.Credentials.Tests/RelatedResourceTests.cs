using System.Security.Cryptography;
using System.Text.Json.Nodes;
using DidSdk.Core.Jose;
using DidSdk.Core.Methods;
using DidSdk.Core.Resolution;
using DidSdk.Crypto;

namespace DidSdk.Credentials.Tests;

/// <summary>VC Data Model 2.0 §5.3 Integrity of Related Resources (issue 19 item 3).</summary>
public sealed class RelatedResourceTests
{
    private static readonly byte[] Digest = SHA256.HashData("the resource"u8);

    private static JsonObject Credential(JsonNode relatedResource) => new()
    {
        ["@context"] = new JsonArray("https://www.w3.org/ns/credentials/v2"),
        ["type"] = new JsonArray("VerifiableCredential"),
        ["issuer"] = "did:example:bank",
        ["credentialSubject"] = new JsonObject { ["kyc_level"] = "enhanced" },
        ["relatedResource"] = relatedResource,
    };

    private static IEnumerable<TestCaseData> Valid()
    {
        yield return new TestCaseData(new JsonObject { ["id"] = "https://bank.example/logo.png", ["digestSRI"] = "sha256-" + Convert.ToBase64String(Digest) }).SetName("TryParse_DigestSri_Accepted");
        yield return new TestCaseData(new JsonArray(
            new JsonObject { ["id"] = "https://bank.example/a", ["digestMultibase"] = Multibase.Encode(MultibaseEncoding.Base58Btc, [0x12, 0x20, .. Digest]) },
            new JsonObject { ["id"] = "https://bank.example/b", ["digestSRI"] = "sha384-" + Convert.ToBase64String(SHA384.HashData("b"u8)) })).SetName("TryParse_DigestMultibaseAndSri_Accepted");
        yield return new TestCaseData(new JsonObject { ["id"] = "https://bank.example/c", ["digestMultibase"] = Multibase.Encode(MultibaseEncoding.Base64Url, Digest) }).SetName("TryParse_BareSha256DigestMultibase_Accepted");
    }

    private static IEnumerable<TestCaseData> Invalid()
    {
        yield return new TestCaseData(new JsonObject { ["id"] = "https://bank.example/a" }).SetName("TryParse_NoDigest_InvalidRelatedResource");
        yield return new TestCaseData(new JsonObject { ["digestSRI"] = "sha256-" + Convert.ToBase64String(Digest) }).SetName("TryParse_NoId_InvalidRelatedResource");
        yield return new TestCaseData(new JsonObject { ["id"] = 5, ["digestSRI"] = "sha256-" + Convert.ToBase64String(Digest) }).SetName("TryParse_IdNumber_InvalidRelatedResource");
        yield return new TestCaseData(new JsonArray(
            new JsonObject { ["id"] = "https://bank.example/a", ["digestSRI"] = "sha256-" + Convert.ToBase64String(Digest) },
            new JsonObject { ["id"] = "https://bank.example/a", ["digestSRI"] = "sha256-" + Convert.ToBase64String(Digest) })).SetName("TryParse_DuplicateId_InvalidRelatedResource");
        yield return new TestCaseData(new JsonArray()).SetName("TryParse_EmptyArray_InvalidRelatedResource");
        yield return new TestCaseData(JsonValue.Create("https://bank.example/a")).SetName("TryParse_String_InvalidRelatedResource");
    }

    private static IEnumerable<TestCaseData> BadDigests()
    {
        yield return new TestCaseData(new JsonObject { ["id"] = "https://bank.example/a", ["digestSRI"] = "sha384-" + Convert.ToBase64String(Digest) }).SetName("TryParse_SriLengthWrong_DigestInvalid");
        yield return new TestCaseData(new JsonObject { ["id"] = "https://bank.example/a", ["digestSRI"] = "md5-" + Convert.ToBase64String(Digest[..16]) }).SetName("TryParse_SriMd5_DigestInvalid");
        yield return new TestCaseData(new JsonObject { ["id"] = "https://bank.example/a", ["digestMultibase"] = "not multibase" }).SetName("TryParse_MultibaseGarbage_DigestInvalid");
        yield return new TestCaseData(new JsonObject { ["id"] = "https://bank.example/a", ["digestSRI"] = 256 }).SetName("TryParse_SriNumber_DigestInvalid");
        yield return new TestCaseData(new JsonObject { ["id"] = "https://bank.example/a", ["digestMultibase"] = Multibase.Encode(MultibaseEncoding.Base58Btc, [0x12, 0x21, .. Digest]) }).SetName("TryParse_MultihashLengthWrong_DigestInvalid");
    }

    [TestCaseSource(nameof(Valid))]
    public void TryParse_WellFormed_Accepted(JsonNode relatedResource)
    {
        Assert.That(VerifiableCredential.TryParse(Credential(relatedResource), out _, out var problems), Is.True, string.Join("; ", problems));
    }

    [TestCaseSource(nameof(Invalid))]
    public void TryParse_Malformed_InvalidRelatedResource(JsonNode relatedResource)
    {
        Assert.That(VerifiableCredential.TryParse(Credential(relatedResource), out _, out var problems), Is.False);
        Assert.That(problems.Select(p => p.Code), Does.Contain(CredentialProblemCodes.InvalidRelatedResource));
    }

    [TestCaseSource(nameof(BadDigests))]
    public void TryParse_BadDigest_RelatedResourceDigestInvalid(JsonNode relatedResource)
    {
        Assert.That(VerifiableCredential.TryParse(Credential(relatedResource), out _, out var problems), Is.False);
        Assert.That(problems.Select(p => p.Code), Does.Contain(CredentialProblemCodes.RelatedResourceDigestInvalid));
        Assert.That(problems.Select(p => p.Code), Does.Not.Contain(CredentialProblemCodes.InvalidRelatedResource));
    }

    [Test]
    public void TryVerifyRelatedResource_MatchingAndTamperedResource_DigestsDecide()
    {
        var related = new JsonArray(
            new JsonObject { ["id"] = "https://bank.example/sri", ["digestSRI"] = "sha256-" + Convert.ToBase64String(Digest) },
            new JsonObject { ["id"] = "https://bank.example/mb", ["digestMultibase"] = Multibase.Encode(MultibaseEncoding.Base58Btc, [0x12, 0x20, .. Digest]) });
        Assert.That(VerifiableCredential.TryParse(Credential(related), out var vc, out _), Is.True);

        Assert.That(vc!.TryVerifyRelatedResource("https://bank.example/sri", "the resource"u8, out var ok), Is.True, ok?.ToString());
        Assert.That(vc.TryVerifyRelatedResource("https://bank.example/mb", "the resource"u8, out _), Is.True);
        Assert.That(vc.TryVerifyRelatedResource("https://bank.example/sri", "the resourcf"u8, out var sriProblem), Is.False);
        Assert.That(sriProblem!.Code, Is.EqualTo(CredentialProblemCodes.RelatedResourceDigestMismatch));
        Assert.That(vc.TryVerifyRelatedResource("https://bank.example/mb", "tampered"u8, out var mbProblem), Is.False);
        Assert.That(mbProblem!.Code, Is.EqualTo(CredentialProblemCodes.RelatedResourceDigestMismatch));
        Assert.That(vc.TryVerifyRelatedResource("https://bank.example/other", "the resource"u8, out var missing), Is.False);
        var bare = Credential(new JsonObject { ["id"] = "https://bank.example/c", ["digestMultibase"] = Multibase.Encode(MultibaseEncoding.Base64Url, Digest) });
        Assert.That(VerifiableCredential.TryParse(bare, out var bareVc, out _), Is.True);
        Assert.That(bareVc!.TryVerifyRelatedResource("https://bank.example/c", "the resource"u8, out _), Is.True);
        Assert.That(bareVc.TryVerifyRelatedResource("https://bank.example/c", "tampered"u8, out var bareProblem), Is.False);
        Assert.That(bareProblem!.Code, Is.EqualTo(CredentialProblemCodes.RelatedResourceDigestMismatch));
        Assert.That(missing!.Code, Is.EqualTo(CredentialProblemCodes.InvalidRelatedResource));
    }

    // ---- CredentialVerifier with an IRelatedResourceProvider ----

    private sealed class Resources(Dictionary<string, byte[]> resources) : IRelatedResourceProvider
    {
        public List<string> Asked { get; } = [];

        public Task<byte[]?> GetResourceAsync(string id, CancellationToken cancellationToken = default)
        {
            Asked.Add(id);
            return Task.FromResult(resources.TryGetValue(id, out var bytes) ? bytes : null);
        }
    }

    private static async Task<(string DataIntegrity, string Jose)> SignedAsync()
    {
        using var key = PrivateKey.Generate(KeyType.Ed25519);
        var did = DidKey.Create(key.PublicKey);
        var signer = new KeySigner(key, DidKey.GetVerificationMethodId(key.PublicKey));
        var credential = Credential(new JsonArray(
            new JsonObject { ["id"] = "https://bank.example/terms", ["digestSRI"] = "sha256-" + Convert.ToBase64String(Digest) },
            new JsonObject { ["id"] = "https://bank.example/logo", ["digestMultibase"] = Multibase.Encode(MultibaseEncoding.Base58Btc, [0x12, 0x20, .. SHA256.HashData("logo"u8)]) }));
        credential["issuer"] = did;
        var di = await DataIntegrity.AddProofAsync(credential, signer, new DataIntegrityProofOptions { VerificationMethod = signer.KeyId! });
        return (di.ToJsonString(), await VcJwt.IssueJoseAsync(credential, signer));
    }

    private static CredentialVerifier Verifier(IRelatedResourceProvider? resources) =>
        new(new CompositeDidResolver(new DidKeyResolver()), relatedResources: resources);

    [Test]
    public async Task VerifyAsync_ProvidedResourcesMatch_Verified()
    {
        var (di, jose) = await SignedAsync();
        var resources = new Resources(new() { ["https://bank.example/terms"] = "the resource"u8.ToArray(), ["https://bank.example/logo"] = "logo"u8.ToArray() });

        Assert.That((await Verifier(resources).VerifyAsync(di)).Problems, Is.Empty);
        Assert.That((await Verifier(resources).VerifyAsync(jose)).Problems, Is.Empty);
        Assert.That(resources.Asked, Is.EquivalentTo(new[] { "https://bank.example/terms", "https://bank.example/logo", "https://bank.example/terms", "https://bank.example/logo" }));
    }

    [Test]
    public async Task VerifyAsync_ProvidedResourceTampered_RelatedResourceDigestMismatch()
    {
        var (di, jose) = await SignedAsync();
        var resources = new Resources(new() { ["https://bank.example/terms"] = "the resource"u8.ToArray(), ["https://bank.example/logo"] = "another logo"u8.ToArray() });

        foreach (var credential in new[] { di, jose })
        {
            var result = await Verifier(resources).VerifyAsync(credential);
            Assert.That(result.Succeeded, Is.False);
            Assert.That(result.Problems.Select(p => p.Code), Is.EqualTo(new[] { CredentialProblemCodes.RelatedResourceDigestMismatch }));
        }
    }

    [Test]
    public async Task VerifyAsync_NoProviderOrResourceNotHeld_DigestsNotChecked()
    {
        var (di, _) = await SignedAsync();

        Assert.That((await Verifier(null).VerifyAsync(di)).Problems, Is.Empty);
        Assert.That((await Verifier(new Resources([])).VerifyAsync(di)).Problems, Is.Empty);
    }

    [Test]
    public async Task VerifyAsync_SignedCredentialWithBadDigest_RelatedResourceDigestInvalid()
    {
        using var key = PrivateKey.Generate(KeyType.Ed25519);
        var signer = new KeySigner(key, DidKey.GetVerificationMethodId(key.PublicKey));
        var credential = Credential(new JsonObject { ["id"] = "https://bank.example/a", ["digestSRI"] = "sha1-" + Convert.ToBase64String(new byte[20]) });
        credential["issuer"] = DidKey.Create(key.PublicKey);
        var signed = await DataIntegrity.AddProofAsync(credential, signer, new DataIntegrityProofOptions { VerificationMethod = signer.KeyId! });

        var result = await Verifier(null).VerifyAsync(signed.ToJsonString());

        Assert.That(result.Problems.Select(p => p.Code), Does.Contain(CredentialProblemCodes.RelatedResourceDigestInvalid));
    }
}
