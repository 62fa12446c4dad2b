using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using DidSdk.Core.Jose;
using DidSdk.Core.Methods;
using DidSdk.Core.Resolution;
using DidSdk.Credentials;
using DidSdk.Crypto;
using DidSdk.SdJwt.TokenStatus;
using DidSdk.Testing;

namespace DidSdk.SdJwt.Tests;

public sealed partial class ReadmeTests
{
    [Test]
    public async Task ReadmeExample_Runs()
    {
        using var issuerKey = PrivateKey.Generate(KeyType.Ed25519);
        using var walletKey = PrivateKey.Generate(KeyType.Ed25519);
        var issuerDid = DidKey.Create(issuerKey.PublicKey);
        var issuerKeyId = DidKey.GetVerificationMethodId(issuerKey.PublicKey);
        var cachingResolver = new CachingDidResolver(new CompositeDidResolver(new DidKeyResolver()));
        var kycClaims = new JsonObject
        {
            ["given_name"] = "Ji-woo",
            ["birthdate"] = "1990-04-12",
            ["nationality"] = "KR",
            ["address"] = new JsonObject { ["locality"] = "Seoul", ["country"] = "KR" },
            ["kyc_level"] = "enhanced",
            ["age_over_18"] = true,
        };
        var index = 42;
        var nonce = "n-0S6_WzA2Mj";
        var list = new TokenStatusList(2, 1024);
        var statusToken = await StatusListToken.CreateAsync(list, new StatusListTokenDescriptor { Subject = new Uri("https://bank-a.example/status/1"), IssuedAt = TimeProvider.System.GetUtcNow() }, new KeySigner(issuerKey, issuerKeyId));
        using var httpClient = new HttpClient(new StatusListHandler(statusToken));

        // Issuer (Bank A): claims, which of them are selectively disclosable (JSON Pointers), the holder's key.
        var credential = await new SdJwtVcIssuer(new KeySigner(issuerKey, issuerKeyId)).IssueAsync(new SdJwtVcIssuanceRequest
        {
            Issuer = issuerDid,
            Vct = "https://kyc.consortium.example/credentials/kyc/v1",
            Claims = kycClaims,
            Disclosable = ["/given_name", "/birthdate", "/nationality", "/address", "/kyc_level", "/age_over_18"],
            HolderPublicKey = walletKey.PublicKey,
            Status = new StatusListReference(index, new Uri("https://bank-a.example/status/1")),
        });

        // Holder (wallet): disclose three claims, bind the presentation to the verifier's audience and nonce.
        var presentation = await SdJwtHolder.PresentAsync(credential, ["/age_over_18", "/nationality", "/kyc_level"],
            new KeyBindingRequest { HolderSigner = new KeySigner(walletKey), Audience = "https://bank-b.example", Nonce = nonce, IssuedAt = DateTimeOffset.UtcNow });

        // Verifier (Bank B): issuer key from its DID (did:ethr, did:key, did:web...), status list, trust list.
        var result = await new SdJwtVcVerifier(new SdJwtVcVerifierOptions
        {
            SdJwt = new SdJwtVerifierOptions { ExpectedAudience = "https://bank-b.example", ExpectedNonce = nonce },
            DidVerifier = new DidSignatureVerifier(cachingResolver),
            TrustedIssuers = [issuerDid],
            StatusChecker = new TokenStatusChecker(new HttpStatusListFetcher(httpClient)),
        }).VerifyAsync(presentation.ToCompact());
        // result.IsValid, result.Claims (only what was disclosed), result.Problems (DIDSDK40xx/41xx/48xx codes)

        Assert.That(result.Problems, Is.Empty);
        Assert.That(result.Claims!["nationality"]!.GetValue<string>(), Is.EqualTo("KR"));
        Assert.That(result.Claims!.ContainsKey("birthdate"), Is.False);

        var verifier = new CredentialVerifier(new CredentialVerifierOptions
        {
            Resolver = cachingResolver,
            TrustPolicy = new TrustedIssuersPolicy([issuerDid]),
            FormatHandlers = [new SdJwtVcFormatHandler(new SdJwtVcFormatHandlerOptions
            {
                ExpectedAudience = "https://bank-b.example",
                ExpectedNonce = nonce,
                StatusChecker = new TokenStatusChecker(new HttpStatusListFetcher(httpClient)),
            })],
        });
        var any = await verifier.VerifyAsync(presentation.ToCompact()); // VC-JOSE, VC-JWT 1.1, Data Integrity or SD-JWT VC
        // any.Verified, any.Format ("dc+sd-jwt"), any.Claims, any.Problems

        Assert.That(any.Problems, Is.Empty);
        Assert.That(any.Format, Is.EqualTo("dc+sd-jwt"));
        Assert.That(any.Claims!["kyc_level"]!.GetValue<string>(), Is.EqualTo("enhanced"));
    }

    [Test]
    public void ReadmeExamples_AreTheCodeThisTestRuns()
    {
        var readme = File.ReadAllText(Path.Combine(RepoPaths.Root, "src", "DidSdk.SdJwt", "README.md"));
        var blocks = CodeBlock().Matches(readme);
        Assert.That(blocks, Has.Count.EqualTo(2), "README csharp blocks");
        var thisFile = File.ReadAllText(SourcePath());
        foreach (var line in blocks.SelectMany(b => b.Groups[1].Value.Split('\n')).Select(l => l.Trim()).Where(l => l.Length > 0))
        {
            Assert.That(thisFile, Does.Contain(line), "README line not exercised by this test");
        }
    }

    private static string SourcePath([CallerFilePath] string path = "") => path;

    [GeneratedRegex("```csharp\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex CodeBlock();

    // Stands in for Bank A's status endpoint so the README's HTTPS URI works offline.
    private sealed class StatusListHandler(string token) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(request.RequestUri == new Uri("https://bank-a.example/status/1")
                ? new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(token, System.Text.Encoding.ASCII, StatusListToken.MediaType) }
                : new HttpResponseMessage(HttpStatusCode.NotFound));
    }
}
