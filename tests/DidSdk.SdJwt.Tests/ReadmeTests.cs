using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using DidSdk.Core.Methods;
using DidSdk.Credentials;
using DidSdk.Crypto;
using DidSdk.SdJwt.TokenStatus;
using DidSdk.Testing;
using KycExamples;

namespace DidSdk.SdJwt.Tests;

/// <summary>The README's code blocks are the files under <c>Readme/</c>, verbatim (using lines included), and they run.</summary>
public sealed partial class ReadmeTests
{
    private static JsonObject KycClaims() => new()
    {
        ["given_name"] = "Ji-woo",
        ["birthdate"] = "1990-04-12",
        ["nationality"] = "KR",
        ["address"] = new JsonObject { ["locality"] = "Seoul", ["country"] = "KR" },
        ["kyc_level"] = "enhanced",
        ["age_over_18"] = true,
    };

    [Test]
    public async Task KycExample_IssuePresentVerify_OnlyDisclosedClaims()
    {
        using var issuerKey = PrivateKey.Generate(KeyType.Ed25519);
        using var walletKey = PrivateKey.Generate(KeyType.Ed25519);
        var (credential, statusListToken) = await KycExample.IssueAsync(issuerKey, walletKey.PublicKey, KycClaims());
        using var httpClient = new HttpClient(new StatusListHandler(KycExample.StatusListUri, statusListToken));
        var verifier = KycExample.CreateVerifier(httpClient, new TrustedIssuersPolicy([DidKey.Create(issuerKey.PublicKey)]));
        var presentation = await KycExample.PresentAsync(credential, walletKey, "https://bank-b.example", "n-0S6_WzA2Mj");

        var claims = await KycExample.VerifyAsync(verifier, presentation.ToCompact(), "n-0S6_WzA2Mj");
        var replayed = await KycExample.VerifyAsync(verifier, presentation.ToCompact(), "another-nonce");

        Assert.That(claims, Is.Not.Null);
        Assert.That(claims!["nationality"]!.GetValue<string>(), Is.EqualTo("KR"));
        Assert.That(claims.ContainsKey("birthdate"), Is.False);
        Assert.That(replayed, Is.Null);
    }

    [Test]
    public async Task AnyFormatExample_SdJwtVc_VerifiedAsDcSdJwt()
    {
        using var issuerKey = PrivateKey.Generate(KeyType.Ed25519);
        using var walletKey = PrivateKey.Generate(KeyType.Ed25519);
        var (credential, statusListToken) = await KycExample.IssueAsync(issuerKey, walletKey.PublicKey, KycClaims());
        using var httpClient = new HttpClient(new StatusListHandler(KycExample.StatusListUri, statusListToken));
        var presentation = await KycExample.PresentAsync(credential, walletKey, "https://bank-b.example", "n-1");

        var result = await AnyFormatExample.VerifyAsync(
            presentation.ToCompact(),
            "n-1",
            new DidKeyResolver(),
            new TrustedIssuersPolicy([DidKey.Create(issuerKey.PublicKey)]),
            new TokenStatusChecker(new HttpStatusListFetcher(httpClient)));

        Assert.That(result.Problems, Is.Empty);
        Assert.That(result.Format, Is.EqualTo("dc+sd-jwt"));
        Assert.That(result.Claims!["kyc_level"]!.GetValue<string>(), Is.EqualTo("enhanced"));
    }

    [Test]
    public async Task VpSdJwtExample_PresentVerify_OnlyDisclosedClaimAndOnlyForTheNonce()
    {
        using var issuerKey = PrivateKey.Generate(KeyType.P256);
        using var holderKey = PrivateKey.Generate(KeyType.Ed25519);
        var issuerDid = DidKey.Create(issuerKey.PublicKey);
        var holderDid = DidKey.Create(holderKey.PublicKey);
        var credential = await VcSdJwt.IssueAsync(
            new JsonObject
            {
                ["@context"] = new JsonArray("https://www.w3.org/ns/credentials/v2"),
                ["type"] = new JsonArray("VerifiableCredential", "KycCredential"),
                ["issuer"] = issuerDid,
                ["credentialSubject"] = new JsonObject { ["id"] = holderDid, ["given_name"] = "Ji-woo", ["kyc_level"] = "enhanced" },
            },
            new Core.Jose.KeySigner(issuerKey, DidKey.GetVerificationMethodId(issuerKey.PublicKey)),
            ["/credentialSubject/given_name", "/credentialSubject/kyc_level"],
            holderKey.PublicKey);
        var presentation = await VpSdJwtExample.PresentAsync(credential, holderDid, new Core.Jose.KeySigner(holderKey, DidKey.GetVerificationMethodId(holderKey.PublicKey)), "https://bank-b.example", "n-1");
        var trust = new TrustedIssuersPolicy([issuerDid]);

        var result = await VpSdJwtExample.VerifyAsync(presentation, "n-1", new DidKeyResolver(), trust);
        var replayed = await VpSdJwtExample.VerifyAsync(presentation, "n-2", new DidKeyResolver(), trust);

        Assert.That(result.Problems, Is.Empty);
        Assert.That(result.Issuer, Is.EqualTo(holderDid));
        var subject = result.Credentials.Single().Claims!["credentialSubject"]!;
        Assert.That(subject["kyc_level"]!.GetValue<string>(), Is.EqualTo("enhanced"));
        Assert.That(subject["given_name"], Is.Null);
        Assert.That(replayed.Succeeded, Is.False);
    }

    [TestCase(0, "KycExample.cs")]
    [TestCase(1, "AnyFormatExample.cs")]
    [TestCase(2, "VpSdJwtExample.cs")]
    public void ReadmeBlock_IsTheCompiledFileVerbatim(int block, string file)
    {
        var readme = File.ReadAllText(Path.Combine(RepoPaths.Root, "src", "DidSdk.SdJwt", "README.md"));
        var blocks = CodeBlock().Matches(readme.ReplaceLineEndings("\n"));
        var source = File.ReadAllText(Path.Combine(RepoPaths.Root, "tests", "DidSdk.SdJwt.Tests", "Readme", file)).ReplaceLineEndings("\n");

        Assert.That(blocks, Has.Count.EqualTo(3), "README csharp blocks");
        Assert.That(blocks[block].Groups[1].Value.TrimEnd(), Is.EqualTo(source.TrimEnd()));
    }

    [Test]
    public void ReadmeCodeTable_ListsExactlyTheCodesThatExist()
    {
        var readme = File.ReadAllText(Path.Combine(RepoPaths.Root, "src", "DidSdk.SdJwt", "README.md"));
        var documented = CodeRow().Matches(readme).Select(m => $"{m.Groups[2].Value}={m.Groups[1].Value}");
        var existing = new[] { typeof(SdJwtProblemCodes), typeof(TokenStatusProblemCodes) }
            .SelectMany(t => t.GetFields())
            .Select(f => $"{f.Name}={f.GetRawConstantValue()}");

        Assert.That(documented, Is.EquivalentTo(existing));
        Assert.That(existing.Select(e => e.Split('=')[1]), Is.Unique, "one code per failure");
    }

    [GeneratedRegex("^\\| `(DIDSDK\\d{4})` \\| `(\\w+)` \\|", RegexOptions.Multiline)]
    private static partial Regex CodeRow();

    [GeneratedRegex("```csharp[^\\n]*\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex CodeBlock();

    // Stands in for Bank A's status endpoint so the README's HTTPS URI works offline.
    private sealed class StatusListHandler(Uri uri, string token) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(request.RequestUri == uri
                ? new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(token, System.Text.Encoding.ASCII, StatusListToken.MediaType) }
                : new HttpResponseMessage(HttpStatusCode.NotFound));
    }
}
