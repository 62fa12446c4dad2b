using System.Security.Cryptography;
using System.Text.Json.Nodes;
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
    }

    private static IEnumerable<TestCaseData> Invalid()
    {
        yield return new TestCaseData(new JsonObject { ["id"] = "https://bank.example/a" }).SetName("TryParse_NoDigest_InvalidRelatedResource");
        yield return new TestCaseData(new JsonObject { ["digestSRI"] = "sha256-" + Convert.ToBase64String(Digest) }).SetName("TryParse_NoId_InvalidRelatedResource");
        yield return new TestCaseData(new JsonObject { ["id"] = 5, ["digestSRI"] = "sha256-" + Convert.ToBase64String(Digest) }).SetName("TryParse_IdNumber_InvalidRelatedResource");
        yield return new TestCaseData(new JsonObject { ["id"] = "https://bank.example/a", ["digestSRI"] = "sha384-" + Convert.ToBase64String(Digest) }).SetName("TryParse_SriLengthWrong_InvalidRelatedResource");
        yield return new TestCaseData(new JsonObject { ["id"] = "https://bank.example/a", ["digestSRI"] = "md5-" + Convert.ToBase64String(Digest[..16]) }).SetName("TryParse_SriMd5_InvalidRelatedResource");
        yield return new TestCaseData(new JsonObject { ["id"] = "https://bank.example/a", ["digestMultibase"] = "not multibase" }).SetName("TryParse_MultibaseGarbage_InvalidRelatedResource");
        yield return new TestCaseData(new JsonObject { ["id"] = "https://bank.example/a", ["digestSRI"] = 256 }).SetName("TryParse_SriNumber_InvalidRelatedResource");
        yield return new TestCaseData(new JsonArray(
            new JsonObject { ["id"] = "https://bank.example/a", ["digestSRI"] = "sha256-" + Convert.ToBase64String(Digest) },
            new JsonObject { ["id"] = "https://bank.example/a", ["digestSRI"] = "sha256-" + Convert.ToBase64String(Digest) })).SetName("TryParse_DuplicateId_InvalidRelatedResource");
        yield return new TestCaseData(new JsonArray()).SetName("TryParse_EmptyArray_InvalidRelatedResource");
        yield return new TestCaseData(JsonValue.Create("https://bank.example/a")).SetName("TryParse_String_InvalidRelatedResource");
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
        Assert.That(missing!.Code, Is.EqualTo(CredentialProblemCodes.InvalidRelatedResource));
    }
}
