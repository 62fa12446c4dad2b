using System.Text.Json.Nodes;

namespace DidSdk.SdJwt.Tests.Hostile;

/// <summary>
/// The Key Binding JWT's claims are read from the payload bytes without a tree when the payload is the usual flat
/// object (issue 20); everything else goes the general way. Both ways must judge alike, and the claims the result
/// exposes must be the same either way.
/// </summary>
public sealed class KeyBindingClaimsReadingTests : HostileInputFixture
{
    private string _sdJwt = null!;

    [SetUp]
    public void CreateSdJwt() => _sdJwt = SdJwt(SignIssuerJwt(Payload()));

    private static string Escaped(string text) => "@raw:\"\\u" + ((int)text[0]).ToString("x4", System.Globalization.CultureInfo.InvariantCulture) + text[1..] + "\"";

    [Test]
    public async Task VerifyAsync_UsualPayload_AcceptedWithTheSameClaimsEveryTime()
    {
        var result = await VerifyAsync(_sdJwt + KeyBindingJwt(_sdJwt));

        AssertAccepted(result);
        var claims = result.SdJwt!.KeyBindingClaims;
        Assert.That(claims, Is.Not.Null);
        Assert.That(claims!["nonce"]!.GetValue<string>(), Is.EqualTo(Nonce));
        Assert.That(claims["aud"]!.GetValue<string>(), Is.EqualTo(Audience));
        Assert.That(claims["iat"]!.GetValue<long>(), Is.EqualTo(Now.ToUnixTimeSeconds()));
        Assert.That(result.SdJwt.KeyBindingClaims, Is.SameAs(claims));
    }

    [Test]
    public async Task VerifyAsync_KeyBindingClaimsReadFromManyThreads_OneObject()
    {
        var result = await VerifyAsync(_sdJwt + KeyBindingJwt(_sdJwt));
        var seen = new JsonObject?[16];

        Parallel.For(0, seen.Length, i => seen[i] = result.SdJwt!.KeyBindingClaims);

        Assert.That(seen, Is.All.SameAs(seen[0]).And.All.Not.Null);
    }

    [TestCase("nonce")]
    [TestCase("aud")]
    public async Task VerifyAsync_EscapedButEqualText_Accepted(string claim)
    {
        var result = await VerifyAsync(_sdJwt + KeyBindingJwt(_sdJwt, c => c[claim] = Escaped(claim == "nonce" ? Nonce : Audience)));

        AssertAccepted(result);
        Assert.That(result.SdJwt!.KeyBindingClaims![claim]!.GetValue<string>(), Is.EqualTo(claim == "nonce" ? Nonce : Audience));
    }

    [Test]
    public async Task VerifyAsync_EscapedSdHash_Accepted() =>
        AssertAccepted(await VerifyAsync(_sdJwt + KeyBindingJwt(_sdJwt, c => c["sd_hash"] = Escaped(SdHashAlgorithm.Sha256.Digest(_sdJwt)))));

    [Test]
    public async Task VerifyAsync_NestedExtraClaim_AcceptedWithIt()
    {
        var result = await VerifyAsync(_sdJwt + KeyBindingJwt(_sdJwt, c => c["extra"] = new JsonObject { ["a"] = new JsonArray(1, 2) }));

        AssertAccepted(result);
        Assert.That(result.SdJwt!.KeyBindingClaims!["extra"]!["a"]!.AsArray(), Has.Count.EqualTo(2));
    }

    [Test]
    public async Task VerifyAsync_AudienceArrayOfOne_Accepted() =>
        AssertAccepted(await VerifyAsync(_sdJwt + KeyBindingJwt(_sdJwt, c => c["aud"] = new JsonArray(Audience))));

    [Test]
    public async Task VerifyAsync_EmptyAudienceArray_KeyBindingWrongAudience() =>
        AssertRejected(await VerifyAsync(_sdJwt + KeyBindingJwt(_sdJwt, c => c["aud"] = new JsonArray())), SdJwtProblemCodes.KeyBindingWrongAudience);

    [TestCase("nonce", TestName = "VerifyAsync_DuplicateNonce_KeyBindingClaimMalformed")]
    [TestCase("sd_hash", TestName = "VerifyAsync_DuplicateSdHash_KeyBindingClaimMalformed")]
    [TestCase("aud", TestName = "VerifyAsync_DuplicateAud_KeyBindingClaimMalformed")]
    [TestCase("iat", TestName = "VerifyAsync_DuplicateIat_KeyBindingClaimMalformed")]
    public async Task VerifyAsync_DuplicateClaim_KeyBindingClaimMalformed(string claim)
    {
        // The first copy is the expected value, the second too: a repeated name is refused whatever it says.
        var result = await VerifyAsync(_sdJwt + KeyBindingJwt(_sdJwt, c =>
        {
            var value = c[claim]!.ToJsonString();
            c["dup"] = "@raw:0, \"" + claim + "\": " + value;
        }));

        AssertRejected(result, SdJwtProblemCodes.KeyBindingClaimMalformed);
    }

    [Test]
    public async Task VerifyAsync_DuplicateEscapedName_KeyBindingClaimMalformed() =>
        AssertRejected(await VerifyAsync(_sdJwt + KeyBindingJwt(_sdJwt, c => c["x"] = "@raw:1, \"n\\u006fnce\": \"" + Nonce + "\"")), SdJwtProblemCodes.KeyBindingClaimMalformed);

    [Test]
    public async Task VerifyAsync_ExcessDepth_KeyBindingClaimMalformed() =>
        AssertRejected(await VerifyAsync(_sdJwt + KeyBindingJwt(_sdJwt, c => c["deep"] = "@raw:" + new string('[', 40) + new string(']', 40))), SdJwtProblemCodes.KeyBindingClaimMalformed);

    [TestCase("nonce", "null")]
    [TestCase("aud", "null")]
    [TestCase("aud", "[\"https://bank-b.example\", 1]")]
    [TestCase("iat", "\"1700000000\"")]
    [TestCase("iat", "true")]
    [TestCase("iss", "1")]
    [TestCase("sub", "false")]
    [TestCase("jti", "{}")]
    public async Task VerifyAsync_RegisteredClaimOfWrongType_KeyBindingClaimMalformed(string claim, string raw)
    {
        var result = await VerifyAsync(_sdJwt + KeyBindingJwt(_sdJwt, c => c[claim] = "@raw:" + raw));

        AssertRejected(result, SdJwtProblemCodes.KeyBindingClaimMalformed);
        Assert.That(result.Problems.Single(p => p.Code == SdJwtProblemCodes.KeyBindingClaimMalformed).Cause?.Code, Is.EqualTo(DidSdk.Core.Jose.JoseProblemCodes.ClaimsMalformed));
    }

    [Test]
    public async Task VerifyAsync_LoneSurrogateEscape_KeyBindingClaimMalformed() =>
        AssertRejected(await VerifyAsync(_sdJwt + KeyBindingJwt(_sdJwt, c => c["extra"] = "@raw:\"\\ud800\"")), SdJwtProblemCodes.KeyBindingClaimMalformed);

    [Test]
    public async Task VerifyAsync_TrailingGarbage_KeyBindingClaimMalformed() =>
        AssertRejected(await VerifyAsync(_sdJwt + KeyBindingJwt(_sdJwt, c => c["z"] = "@raw:1} {\"a\": 1")), SdJwtProblemCodes.KeyBindingClaimMalformed);

    [Test]
    public async Task VerifyAsync_NonceDiffersInLastCharacter_KeyBindingWrongNonce() =>
        AssertRejected(await VerifyAsync(_sdJwt + KeyBindingJwt(_sdJwt, c => c["nonce"] = Nonce[..^1] + "k")), SdJwtProblemCodes.KeyBindingWrongNonce);

    [Test]
    public async Task VerifyAsync_NonAsciiNonceExpected_ComparedAsText()
    {
        var result = await Verifier().VerifyAsync(_sdJwt + KeyBindingJwt(_sdJwt, c => c["nonce"] = "@raw:\"nonce-é\""), Audience, "nonce-é");

        AssertAccepted(result);
    }
}
