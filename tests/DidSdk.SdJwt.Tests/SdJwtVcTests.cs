using System.Text.Json.Nodes;
using DidSdk.Core.Jose;
using DidSdk.Core.Methods;
using DidSdk.Credentials;
using DidSdk.Crypto;
using DidSdk.SdJwt.TokenStatus;
using DidSdk.Testing;
using Microsoft.Extensions.Time.Testing;

namespace DidSdk.SdJwt.Tests;

public sealed class SdJwtVcTests
{
    private const string Vct = "https://kyc.example/credentials/kyc/v1";
    private static readonly HttpClient Http = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));
    private PrivateKey _issuerKey = null!;
    private PrivateKey _holderKey = null!;
    private string _issuerDid = null!;

    [SetUp]
    public void SetUp()
    {
        _issuerKey = PrivateKey.Generate(KeyType.Ed25519);
        _holderKey = PrivateKey.Generate(KeyType.Ed25519);
        _issuerDid = DidKey.Create(_issuerKey.PublicKey);
    }

    [TearDown]
    public void TearDown()
    {
        _issuerKey.Dispose();
        _holderKey.Dispose();
    }

    private KeySigner IssuerSigner => new(_issuerKey, DidKey.GetVerificationMethodId(_issuerKey.PublicKey));

    private static JsonObject KycClaims() => new()
    {
        ["given_name"] = "Ji-woo",
        ["family_name"] = "Kim",
        ["birthdate"] = "1990-04-12",
        ["nationality"] = "KR",
        ["address"] = new JsonObject { ["locality"] = "Seoul", ["country"] = "KR" },
        ["kyc_level"] = "enhanced",
        ["age_over_18"] = true,
    };

    private static readonly string[] Disclosable = ["/given_name", "/family_name", "/birthdate", "/nationality", "/address", "/kyc_level", "/age_over_18"];

    private Task<SdJwtToken> IssueAsync(StatusListReference? status = null, ISigner? signer = null, string? issuer = null) =>
        new SdJwtVcIssuer(signer ?? IssuerSigner, timeProvider: _clock).IssueAsync(new SdJwtVcIssuanceRequest
        {
            Issuer = issuer ?? _issuerDid,
            Vct = Vct,
            Claims = KycClaims(),
            Disclosable = Disclosable,
            HolderPublicKey = _holderKey.PublicKey,
            ExpiresAt = _clock.GetUtcNow().AddYears(1),
            Status = status,
        });

    private async Task<string> PresentAsync(SdJwtToken token, params string[] pointers) =>
        (await SdJwtHolder.PresentAsync(token, pointers, new KeyBindingRequest { HolderSigner = new KeySigner(_holderKey), Audience = "did:example:bank-b", Nonce = "nonce-1", IssuedAt = _clock.GetUtcNow() })).ToCompact();

    private BoundVerifier Verifier(TokenStatusChecker? checker = null, IReadOnlyCollection<string>? trusted = null, bool allowUncheckedStatus = false, IReadOnlyDictionary<string, PublicKeyMaterial>? issuerKeys = null) => new(new SdJwtVcVerifier(
        new SdJwtVerifierOptions { AllowUncheckedStatus = allowUncheckedStatus },
        new DidKeyResolver(),
        issuerKeys,
        checker,
        trusted is null ? null : new TrustedIssuersPolicy(trusted),
        _clock));

    /// <summary>A verifier with this test's audience and nonce.</summary>
    private sealed class BoundVerifier(SdJwtVcVerifier inner)
    {
        public Task<SdJwtVcVerificationResult> VerifyAsync(string presentation) => inner.VerifyAsync(presentation, "did:example:bank-b", "nonce-1");
    }

    private static void AssertProblem(SdJwtVcVerificationResult result, string code) =>
        Assert.That(result.Problems, Has.Some.Matches<DidSdk.Core.Problem>(p => p.Code == code), string.Join("; ", result.Problems));

    [Test]
    public async Task Issue_Header_IsDcSdJwtWithDidUrlKid()
    {
        var token = await IssueAsync();
        var jws = Jws.ReadCompact(token.IssuerSignedJwt).Token!;
        var payload = JsonNode.Parse(jws.Payload.Span)!.AsObject();

        Assert.That(jws.Type, Is.EqualTo("dc+sd-jwt"));
        Assert.That(jws.KeyId, Does.StartWith(_issuerDid + "#"));
        Assert.That(payload["vct"]!.GetValue<string>(), Is.EqualTo(Vct));
        Assert.That(payload["iat"]!.GetValue<long>(), Is.EqualTo(_clock.GetUtcNow().ToUnixTimeSeconds()));
        Assert.That(payload.ContainsKey("birthdate"), Is.False, "disclosable claims are digests");
    }

    [Test]
    public async Task VerifyAsync_ThreeClaimsDisclosedWithKeyBinding_ValidAndOnlyThose()
    {
        var presentation = await PresentAsync(await IssueAsync(), "/age_over_18", "/nationality", "/kyc_level");

        var result = await Verifier(trusted: [_issuerDid]).VerifyAsync(presentation);

        Assert.That(result.Problems, Is.Empty);
        Assert.That(result.Issuer, Is.EqualTo(_issuerDid));
        Assert.That(result.Vct, Is.EqualTo(Vct));
        Assert.That(result.Claims!.Select(c => c.Key), Is.EquivalentTo(new[] { "iss", "iat", "exp", "vct", "cnf", "age_over_18", "nationality", "kyc_level" }));
    }

    [TestCase(KeyType.Secp256k1)]
    [TestCase(KeyType.P256)]
    public async Task VerifyAsync_OtherIssuerKeyTypes_Valid(KeyType type)
    {
        using var key = PrivateKey.Generate(type);
        var did = DidKey.Create(key.PublicKey);
        var token = await IssueAsync(signer: new KeySigner(key, DidKey.GetVerificationMethodId(key.PublicKey)), issuer: did);

        var result = await Verifier().VerifyAsync(await PresentAsync(token, "/age_over_18"));

        Assert.That(result.Problems, Is.Empty);
    }

    [Test]
    public async Task VerifyAsync_LegacyVcSdJwtType_Accepted()
    {
        var token = await new SdJwtIssuer(IssuerSigner).IssueAsync(new SdJwtIssuanceRequest
        {
            Claims = new JsonObject { ["iss"] = _issuerDid, ["vct"] = Vct, ["age_over_18"] = true },
            Disclosable = ["/age_over_18"],
            Header = new JsonObject { ["typ"] = "vc+sd-jwt" },
            HolderPublicKey = _holderKey.PublicKey,
        });

        Assert.That((await Verifier().VerifyAsync(await PresentAsync(token, "/age_over_18"))).Problems, Is.Empty);
    }

    [Test]
    public async Task VerifyAsync_PlainJwtType_WrongType()
    {
        var token = await new SdJwtIssuer(IssuerSigner).IssueAsync(new SdJwtIssuanceRequest
        {
            Claims = new JsonObject { ["iss"] = _issuerDid, ["vct"] = Vct, ["a"] = 1 },
            Header = new JsonObject { ["typ"] = "JWT" },
        });

        AssertProblem(await Verifier().VerifyAsync(token.ToCompact()), SdJwtProblemCodes.VcWrongType);
    }

    [Test]
    public async Task VerifyAsync_MissingVct_ClaimInvalid()
    {
        var token = await new SdJwtIssuer(IssuerSigner).IssueAsync(new SdJwtIssuanceRequest
        {
            Claims = new JsonObject { ["iss"] = _issuerDid, ["a"] = 1 },
            Header = new JsonObject { ["typ"] = SdJwtVc.Type },
        });

        AssertProblem(await Verifier().VerifyAsync(token.ToCompact()), SdJwtProblemCodes.VcClaimInvalid);
    }

    [TestCase("exp")]
    [TestCase("status")]
    [TestCase("nbf")]
    public async Task VerifyAsync_NeverDisclosableClaimDisclosed_Rejected(string claim)
    {
        var token = await new SdJwtIssuer(IssuerSigner).IssueAsync(new SdJwtIssuanceRequest
        {
            Claims = new JsonObject { ["iss"] = _issuerDid, ["vct"] = Vct, [claim] = claim == "status" ? new JsonObject() : _clock.GetUtcNow().AddDays(1).ToUnixTimeSeconds() },
            Disclosable = ["/" + claim],
            Header = new JsonObject { ["typ"] = SdJwtVc.Type },
            HolderPublicKey = _holderKey.PublicKey,
        });

        AssertProblem(await Verifier().VerifyAsync(await PresentAsync(token, "/" + claim)), SdJwtProblemCodes.VcClaimDisclosed);
    }

    [TestCase("/vct")]
    [TestCase("/iss")]
    [TestCase("/cnf")]
    [TestCase("/status")]
    [TestCase("/exp")]
    public void Issue_RegisteredClaimMarkedDisclosable_Throws(string path)
    {
        var issuer = new SdJwtVcIssuer(IssuerSigner);

        Assert.That(() => issuer.IssueAsync(new SdJwtVcIssuanceRequest { Issuer = _issuerDid, Vct = Vct, Claims = KycClaims(), Disclosable = [path] }), Throws.ArgumentException);
    }

    [Test]
    public void Issue_ClaimsRedefineRegisteredClaim_Throws()
    {
        var claims = KycClaims();
        claims["vct"] = "https://evil.example";

        Assert.That(() => new SdJwtVcIssuer(IssuerSigner).IssueAsync(new SdJwtVcIssuanceRequest { Issuer = _issuerDid, Vct = Vct, Claims = claims }), Throws.ArgumentException);
    }

    [Test]
    public async Task VerifyAsync_IssuerNotTrusted_Untrusted()
    {
        var presentation = await PresentAsync(await IssueAsync(), "/age_over_18");

        AssertProblem(await Verifier(trusted: ["did:example:other-bank"]).VerifyAsync(presentation), CredentialProblemCodes.UntrustedIssuer);
    }

    [Test]
    public async Task VerifyAsync_SignedByKeyOfAnotherDid_SignatureInvalid()
    {
        using var attacker = PrivateKey.Generate(KeyType.Ed25519);
        var token = await IssueAsync(signer: new KeySigner(attacker, DidKey.GetVerificationMethodId(attacker.PublicKey)));

        AssertProblem(await Verifier().VerifyAsync(await PresentAsync(token, "/age_over_18")), SdJwtProblemCodes.IssuerKeyNotEstablished);
    }

    [Test]
    public async Task VerifyAsync_HttpsIssuerWithKnownKey_Valid_UnknownKey_Rejected()
    {
        var token = await IssueAsync(signer: new KeySigner(_issuerKey), issuer: "https://bank-a.example");
        var presentation = await PresentAsync(token, "/age_over_18");
        var withKey = Verifier(issuerKeys: new Dictionary<string, PublicKeyMaterial> { ["https://bank-a.example"] = _issuerKey.PublicKey });

        AssertProblem(await Verifier().VerifyAsync(presentation), SdJwtProblemCodes.IssuerKeyUnknown);
        Assert.That((await withKey.VerifyAsync(presentation)).Problems, Is.Empty);
    }

    [Test]
    public async Task VerifyAsync_RevokedThroughTokenStatusList_Revoked()
    {
        await using var server = LoopbackHttpServer.Start();
        var uri = server.Url("/status/kyc");
        var list = new TokenStatusList(2, 1024);
        async Task PublishAsync() => server.Map("/status/kyc", LoopbackResponse.Text(200, await StatusListToken.CreateAsync(list, new StatusListTokenDescriptor { Subject = uri, IssuedAt = _clock.GetUtcNow() }, IssuerSigner), StatusListToken.MediaType));
        await PublishAsync();
        var presentation = await PresentAsync(await IssueAsync(new StatusListReference(42, uri)), "/age_over_18");
        TokenStatusChecker Checker() => new(new HttpStatusListFetcher(Http, new HttpStatusListFetcherOptions { AllowHttpForLoopback = true }, _clock), timeProvider: _clock);

        Assert.That((await Verifier(Checker()).VerifyAsync(presentation)).Problems, Is.Empty);

        list.Set(42, TokenStatusTypes.Invalid);
        await PublishAsync();
        var revoked = await Verifier(Checker()).VerifyAsync(presentation);

        Assert.That(revoked.Problems.Select(p => p.Code), Is.EqualTo(new[] { TokenStatusProblemCodes.Revoked }));
        Assert.That(revoked.Status!.Status, Is.EqualTo(TokenStatusTypes.Invalid));
    }

    [Test]
    public async Task VerifyAsync_IssuerKnownByKey_StatusListMustCarryThatKeysSignature()
    {
        await using var server = LoopbackHttpServer.Start();
        var uri = server.Url("/status/kyc");
        var list = new TokenStatusList(2, 1024);
        using var otherKey = PrivateKey.Generate(KeyType.Ed25519);
        async Task PublishAsync(ISigner signer) => server.Map("/status/kyc", LoopbackResponse.Text(200, await StatusListToken.CreateAsync(list, new StatusListTokenDescriptor { Subject = uri, IssuedAt = _clock.GetUtcNow() }, signer), StatusListToken.MediaType));
        var presentation = await PresentAsync(await IssueAsync(new StatusListReference(42, uri), new KeySigner(_issuerKey), "https://bank-a.example"), "/age_over_18");
        TokenStatusChecker Checker() => new(new HttpStatusListFetcher(Http, new HttpStatusListFetcherOptions { AllowHttpForLoopback = true }, _clock), timeProvider: _clock);
        var issuerKeys = new Dictionary<string, PublicKeyMaterial> { ["https://bank-a.example"] = _issuerKey.PublicKey };

        await PublishAsync(new KeySigner(_issuerKey));
        var valid = await Verifier(Checker(), issuerKeys: issuerKeys).VerifyAsync(presentation);
        Assert.That(valid.Problems, Is.Empty);
        Assert.That(valid.Status!.Status, Is.EqualTo(TokenStatusTypes.Valid));

        await PublishAsync(new KeySigner(otherKey));
        var forged = await Verifier(Checker(), issuerKeys: issuerKeys).VerifyAsync(presentation);
        Assert.That(forged.Problems.Select(p => p.Code), Is.EqualTo(new[] { TokenStatusProblemCodes.StatusListSignatureInvalid }));
    }

    [Test]
    public async Task VerifyAsync_StatusWithoutChecker_RejectedUnlessAllowed()
    {
        var presentation = await PresentAsync(await IssueAsync(new StatusListReference(1, new Uri("https://bank-a.example/status/1"))), "/age_over_18");

        AssertProblem(await Verifier().VerifyAsync(presentation), SdJwtProblemCodes.StatusUnchecked);
        Assert.That((await Verifier(allowUncheckedStatus: true).VerifyAsync(presentation)).Problems, Is.Empty);
    }
}
