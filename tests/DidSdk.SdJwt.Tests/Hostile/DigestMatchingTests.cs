using System.Text.Json.Nodes;

namespace DidSdk.SdJwt.Tests.Hostile;

/// <summary>
/// Disclosures are matched to digests in a scan when there are few and through a dictionary when there are many, and
/// seen digests are tracked in a scan before a set (issue 20): the rules must hold on both sides of each switch.
/// </summary>
public sealed class DigestMatchingTests : HostileInputFixture
{
    private static Disclosure[] Claims(int count, string prefix = "claim_") =>
        [.. Enumerable.Range(0, count).Select(i => D(prefix + i, "value " + i, salt: "salt-" + prefix + i))];

    private static JsonArray Decoys(int count) =>
        new([.. Enumerable.Range(0, count).Select(i => (JsonNode)Digest(D("decoy", i, salt: "decoy-" + i)))]);

    private async Task<SdJwtVerificationResult> VerifyTokenAsync(SdJwtToken token) =>
        await new SdJwtVerifier(new SdJwtVerifierOptions { RequireKeyBinding = false }, Clock).VerifyAsync(token, SdJwtIssuerKey.FromPublicKey(IssuerKey.PublicKey), null, null);

    [TestCase(3, 0, TestName = "VerifyAsync_FewDisclosuresFewDigests_AcceptedWithPointers")]
    [TestCase(3, 40, TestName = "VerifyAsync_FewDisclosuresManyDigests_AcceptedWithPointers")]
    [TestCase(20, 0, TestName = "VerifyAsync_ManyDisclosuresFewDigests_AcceptedWithPointers")]
    [TestCase(20, 40, TestName = "VerifyAsync_ManyDisclosuresManyDigests_AcceptedWithPointers")]
    public async Task VerifyAsync_AllReferenced_AcceptedWithPointers(int disclosures, int decoys)
    {
        var ds = Claims(disclosures);
        var payload = Payload();
        var digests = Decoys(decoys);
        foreach (var d in ds.Reverse())
        {
            digests.Add(Digest(d));
        }

        payload["_sd"] = digests;
        var result = await VerifyAsync(Present(payload, ds));

        AssertAccepted(result);
        Assert.That(result.SdJwt!.DisclosedPointers, Is.EqualTo(ds.Select(d => "/" + d.ClaimName)));
        Assert.That(result.Claims!["claim_0"]!.GetValue<string>(), Is.EqualTo("value 0"));
    }

    [TestCase(3, TestName = "VerifyAsync_ManyArrayElementsFewDisclosed_AcceptedWithPointers")]
    [TestCase(20, TestName = "VerifyAsync_ManyArrayElementsManyDisclosed_AcceptedWithPointers")]
    public async Task VerifyAsync_ArrayElements_AcceptedWithPointers(int count)
    {
        var ds = Enumerable.Range(0, count).Select(i => D(null, "element " + i, salt: "element-" + i)).ToArray();
        var payload = Payload();
        payload["list"] = new JsonArray([.. ds.Select(d => (JsonNode)new JsonObject { ["..."] = Digest(d) })]);
        var result = await VerifyAsync(Present(payload, ds));

        AssertAccepted(result);
        Assert.That(result.SdJwt!.DisclosedPointers, Is.EqualTo(Enumerable.Range(0, count).Select(i => "/list/" + i)));
    }

    [TestCase(3, 5, TestName = "VerifyAsync_RepeatedDigestAmongFew_DuplicateDigest")]
    [TestCase(3, 40, TestName = "VerifyAsync_RepeatedDigestAfterManyDecoys_DuplicateDigest")]
    [TestCase(20, 40, TestName = "VerifyAsync_RepeatedDigestAmongManyDisclosures_DuplicateDigest")]
    public async Task VerifyAsync_RepeatedDigest_DuplicateDigest(int disclosures, int decoys)
    {
        var ds = Claims(disclosures);
        var payload = Payload();
        var digests = Decoys(decoys);
        foreach (var d in ds)
        {
            digests.Add(Digest(d));
        }

        digests.Add(Digest(D("decoy", 0, salt: "decoy-0")));
        payload["_sd"] = digests;

        AssertRejected(await VerifyAsync(Present(payload, ds)), SdJwtProblemCodes.DuplicateDigest);
    }

    [Test]
    public async Task VerifyAsync_RepeatedDigestInNestedObjectAfterMany_DuplicateDigest()
    {
        var payload = Payload();
        payload["_sd"] = Decoys(40);
        payload["nested"] = new JsonObject { ["_sd"] = new JsonArray((JsonNode)Digest(D("decoy", 39, salt: "decoy-39"))) };

        AssertRejected(await VerifyAsync(Present(payload)), SdJwtProblemCodes.DuplicateDigest);
    }

    [TestCase(3, TestName = "VerifyAsync_SameDisclosureTwiceAmongFew_DuplicateDisclosure")]
    [TestCase(20, TestName = "VerifyAsync_SameDisclosureTwiceAmongMany_DuplicateDisclosure")]
    public async Task VerifyAsync_SameDisclosureTwiceInABuiltToken_DuplicateDisclosure(int count)
    {
        var ds = Claims(count);
        var payload = Payload();
        payload["_sd"] = new JsonArray([.. ds.Select(d => (JsonNode)Digest(d))]);
        var token = new SdJwtToken(SignIssuerJwt(payload), [.. ds, ds[count / 2]]);

        var result = await VerifyTokenAsync(token);

        Assert.That(result.Succeeded, Is.False);
        Assert.That(result.Problems.Select(p => p.Code), Is.EqualTo(new[] { SdJwtProblemCodes.DuplicateDisclosure }));
    }

    [TestCase(3, TestName = "VerifyAsync_OneOfFewUnreferenced_UnreferencedDisclosure")]
    [TestCase(20, TestName = "VerifyAsync_OneOfManyUnreferenced_UnreferencedDisclosure")]
    public async Task VerifyAsync_OneUnreferenced_UnreferencedDisclosure(int count)
    {
        var ds = Claims(count);
        var payload = Payload();
        payload["_sd"] = new JsonArray([.. ds.Skip(1).Select(d => (JsonNode)Digest(d))]);

        AssertRejected(await VerifyAsync(Present(payload, ds)), SdJwtProblemCodes.UnreferencedDisclosure);
    }

    [Test]
    public async Task VerifyAsync_DigestOfAnotherLength_NotMatched()
    {
        var ds = Claims(3);
        var payload = Payload();
        payload["_sd"] = new JsonArray([.. ds.Select(d => (JsonNode)(Digest(d) + "A"))]);

        AssertRejected(await VerifyAsync(Present(payload, ds)), SdJwtProblemCodes.UnreferencedDisclosure);
    }
}
