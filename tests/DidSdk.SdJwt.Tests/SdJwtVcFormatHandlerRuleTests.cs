using System.Text.Json.Nodes;
using DidSdk.Core;
using DidSdk.Core.Jose;
using DidSdk.Core.Methods;
using DidSdk.Credentials;
using DidSdk.Crypto;
using Microsoft.Extensions.Time.Testing;

namespace DidSdk.SdJwt.Tests;

/// <summary>The handler's security rules: trust asked only after verification, expiry, tampering, key binding, format sniffing.</summary>
public sealed class SdJwtVcFormatHandlerRuleTests
{
    private const string Vct = "https://kyc.example/credentials/kyc/v1";
    private const string Audience = "did:example:bank-b";
    private const string Nonce = "nonce-7";
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

    private Task<SdJwtToken> IssueAsync(DateTimeOffset? expiresAt = null) =>
        new SdJwtVcIssuer(new KeySigner(_issuerKey, DidKey.GetVerificationMethodId(_issuerKey.PublicKey)), timeProvider: _clock).IssueAsync(new SdJwtVcIssuanceRequest
        {
            Issuer = _issuerDid,
            Vct = Vct,
            Claims = new JsonObject { ["given_name"] = "Ji-woo", ["birthdate"] = "1990-04-12", ["age_over_18"] = true },
            Disclosable = ["/given_name", "/birthdate", "/age_over_18"],
            HolderPublicKey = _holderKey.PublicKey,
            ExpiresAt = expiresAt ?? _clock.GetUtcNow().AddYears(1),
        });

    private Task<SdJwtToken> PresentAsync(SdJwtToken token, string nonce = Nonce) =>
        SdJwtHolder.PresentAsync(token, ["/age_over_18"], new KeyBindingRequest { HolderSigner = new KeySigner(_holderKey), Audience = Audience, Nonce = nonce, IssuedAt = _clock.GetUtcNow() });

    private CredentialVerifier Verifier(ITrustPolicy? trust = null, bool allowExpired = false, bool withHandler = true) => new(
        new DidKeyResolver(),
        new CredentialVerifierOptions { AllowExpiredCredentials = allowExpired },
        _clock,
        trust,
        formatHandlers: withHandler ? [new SdJwtVcFormatHandler(Audience, Nonce)] : []);

    private static void AssertProblem(CredentialVerificationResult result, string code) =>
        Assert.That(result.Problems, Has.Some.Matches<Problem>(p => p.Code == code), string.Join("; ", result.Problems));

    [Test]
    public async Task VerifyAsync_SdJwtVcThroughCredentialVerifier_VerifiedWithOnlyDisclosedClaims()
    {
        var presentation = (await PresentAsync(await IssueAsync())).ToCompact();

        var result = await Verifier(new TrustedIssuersPolicy([_issuerDid])).VerifyAsync(presentation);

        Assert.That(result.Problems, Is.Empty);
        Assert.That(result.Format, Is.EqualTo("dc+sd-jwt"));
        Assert.That(result.Issuer, Is.EqualTo(_issuerDid));
        Assert.That(result.Credential!.Credential["age_over_18"]!.GetValue<bool>(), Is.True);
        Assert.That(result.Claims!.ContainsKey("birthdate"), Is.False);
        Assert.That(result.Claims!.ContainsKey("_sd"), Is.False);
    }

    [Test]
    public async Task VerifyAsync_JsonSerializedPresentation_Verified()
    {
        var presentation = (await PresentAsync(await IssueAsync())).ToFlattenedJson();

        var result = await Verifier().VerifyAsync(presentation);

        Assert.That(result.Problems, Is.Empty);
        Assert.That(result.Format, Is.EqualTo("dc+sd-jwt"));
    }

    [Test]
    public async Task VerifyAsync_WithoutHandler_NotVerified()
    {
        var presentation = (await PresentAsync(await IssueAsync())).ToCompact();

        var result = await Verifier(withHandler: false).VerifyAsync(presentation);

        Assert.That(result.Succeeded, Is.False);
    }

    [Test]
    public async Task VerifyAsync_IssuerNotTrustedByPolicy_UntrustedIssuer()
    {
        var presentation = (await PresentAsync(await IssueAsync())).ToCompact();

        AssertProblem(await Verifier(new TrustedIssuersPolicy(["did:example:other-bank"])).VerifyAsync(presentation), CredentialProblemCodes.UntrustedIssuer);
    }

    [Test]
    public async Task VerifyAsync_ForgedToken_TrustPolicyNotAsked()
    {
        var presentation = (await PresentAsync(await IssueAsync(), nonce: "replayed")).ToCompact();
        var policy = new CountingPolicy();

        var result = await Verifier(policy).VerifyAsync(presentation);

        AssertProblem(result, SdJwtProblemCodes.KeyBindingWrongNonce);
        Assert.That(policy.Calls, Is.Zero);
    }

    [Test]
    public async Task VerifyAsync_Verified_TrustPolicyAskedWithVctIatAndSigningMethod()
    {
        var token = await IssueAsync();
        var presentation = (await PresentAsync(token)).ToCompact();
        var policy = new CountingPolicy();

        var result = await Verifier(policy).VerifyAsync(presentation);

        Assert.That(result.Problems, Is.Empty);
        Assert.That(policy.Calls, Is.EqualTo(1));
        Assert.That(policy.LastContext!.Issuer, Is.EqualTo(_issuerDid));
        Assert.That(policy.LastContext.CredentialTypes, Is.EqualTo(new[] { Vct }));
        Assert.That(policy.LastContext.IssuedAt, Is.EqualTo(_clock.GetUtcNow()));
        Assert.That(policy.LastContext.VerificationMethod, Is.EqualTo(DidKey.GetVerificationMethodId(_issuerKey.PublicKey)));
        Assert.That(policy.LastContext.Format, Is.EqualTo("dc+sd-jwt"));
        Assert.That(policy.LastContext.VerificationTime, Is.EqualTo(_clock.GetUtcNow()));
        Assert.That(result.Trust!.Reason, Is.EqualTo("counted"));
    }

    [Test]
    public async Task VerifyAsync_Expired_RejectedUnlessAllowExpiredCredentials()
    {
        var token = await IssueAsync(expiresAt: _clock.GetUtcNow().AddDays(1));
        _clock.Advance(TimeSpan.FromDays(2));
        var presentation = (await PresentAsync(token)).ToCompact();

        AssertProblem(await Verifier().VerifyAsync(presentation), SdJwtProblemCodes.IssuerJwtExpired);
        Assert.That((await Verifier(allowExpired: true).VerifyAsync(presentation)).Problems, Is.Empty);
    }

    [Test]
    public async Task VerifyAsync_TamperedDisclosure_NotVerified()
    {
        var presentation = (await PresentAsync(await IssueAsync())).ToCompact();
        var parts = presentation.Split('~');
        parts[1] = parts[1][..^2] + (parts[1][^2] == 'A' ? "B" : "A") + parts[1][^1];

        Assert.That((await Verifier().VerifyAsync(string.Join('~', parts))).Succeeded, Is.False);
    }

    [TestCase("eyJhbGciOiJFZERTQSJ9.eyJpc3MiOiJ4In0.c2ln", false, TestName = "CanHandle_JwtWithoutTilde_False")]
    [TestCase("eyJhbGciOiJFZERTQSJ9.eyJpc3MiOiJ4In0.c2ln~", true, TestName = "CanHandle_CompactSdJwt_True")]
    [TestCase("eyJhbGciOiJFZERTQSJ9.eyJpc3MiOiJ4In0.c2ln~WyJzIiwiYSIsMV0~", true, TestName = "CanHandle_CompactSdJwtWithDisclosure_True")]
    [TestCase("{\"@context\":[\"https://www.w3.org/ns/credentials/v2\"],\"proof\":{}}", false, TestName = "CanHandle_DataIntegrityJson_False")]
    [TestCase("{\"payload\":\"e30\",\"protected\":\"e30\",\"header\":{\"disclosures\":[]},\"signature\":\"c2ln\"}", true, TestName = "CanHandle_JsonSerialization_True")]
    [TestCase("~abc", false, TestName = "CanHandle_LeadingTilde_False")]
    [TestCase("", false, TestName = "CanHandle_Empty_False")]
    public void CanHandle_Input_Expected(string input, bool expected) =>
        Assert.That(new SdJwtVcFormatHandler(null, null).CanHandle(input), Is.EqualTo(expected));

    private sealed class CountingPolicy : ITrustPolicy
    {
        public int Calls { get; private set; }

        public TrustPolicyContext? LastContext { get; private set; }

        public ValueTask<TrustPolicyResult> EvaluateAsync(TrustPolicyContext context, CancellationToken cancellationToken = default)
        {
            Calls++;
            LastContext = context;
            return ValueTask.FromResult(TrustPolicyResult.Trusted("counted"));
        }
    }
}
