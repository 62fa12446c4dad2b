using System.Text.Json.Nodes;
using DidSdk.Core.Jose;
using DidSdk.Crypto;
using DidSdk.Testing;

namespace DidSdk.SdJwt.Tests.SpecVectors;

/// <summary>The sd-jwt-js / sd-jwt-python test cases: issue with their disclosure frame, present with their presentation frame, see their claims.</summary>
[Category("SpecVector")]
public sealed class SdJwtJsCaseTests
{
    private static IEnumerable<TestCaseData> Cases() =>
        RepoPaths.LoadSpecVector("sd-jwt", "sd-jwt-js-cases.json")["cases"]!.AsArray()
            .Select(c => new TestCaseData(c!.AsObject()).SetArgDisplayNames(c!["name"]!.GetValue<string>()));

    private static string[] Pointers(JsonObject c, string name) => [.. c[name]!.AsArray().Select(p => p!.GetValue<string>())];

    [TestCaseSource(nameof(Cases))]
    public async Task IssuePresentVerify_CaseFrames_PresentedClaimsMatch(JsonObject testCase)
    {
        using var issuerKey = PrivateKey.Generate(KeyType.P256);
        using var holderKey = PrivateKey.Generate(KeyType.Ed25519);
        var issuer = new SdJwtIssuer(new KeySigner(issuerKey), new SdJwtIssuerOptions { MaxDecoyDigests = testCase["decoysRequested"]!.GetValue<bool>() ? 3 : 0 });
        var token = await issuer.IssueAsync(new SdJwtIssuanceRequest
        {
            Claims = testCase["claims"]!.AsObject(),
            Disclosable = Pointers(testCase, "disclosable"),
            HolderPublicKey = holderKey.PublicKey,
        });
        var presented = await SdJwtHolder.PresentAsync(token, Pointers(testCase, "disclose"), new KeyBindingRequest
        {
            HolderSigner = new KeySigner(holderKey),
            Audience = "https://verifier.example.org",
            Nonce = "1234567890",
            IssuedAt = DateTimeOffset.UtcNow,
        });

        var result = await new SdJwtVerifier().VerifyAsync(presented.ToCompact(), SdJwtIssuerKey.FromPublicKey(issuerKey.PublicKey), "https://verifier.example.org", "1234567890");

        Assert.That(result.Problems, Is.Empty);
        var claims = result.Claims!.DeepClone().AsObject();
        claims.Remove("cnf");
        Assert.That(JsonNode.DeepEquals(claims, testCase["expectedClaims"]), Is.True, $"ours: {claims.ToJsonString()}\nexpected: {testCase["expectedClaims"]!.ToJsonString()}");
        Assert.That(presented.Disclosures.Count, Is.LessThanOrEqualTo(token.Disclosures.Count));
    }
}
