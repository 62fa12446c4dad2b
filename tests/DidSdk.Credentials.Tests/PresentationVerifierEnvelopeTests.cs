using System.Text.Json.Nodes;
using DidSdk.Core.Jose;
using DidSdk.Core.Methods;
using DidSdk.Core.Resolution;
using DidSdk.Crypto;
using Microsoft.Extensions.Time.Testing;

namespace DidSdk.Credentials.Tests;

/// <summary>
/// Enveloped credentials whose media type the verifier cannot unwrap itself (issue 19, "vc+sd-jwt inside vp+jwt"): a
/// <c>data:application/vc+sd-jwt,</c> credential goes to the registered <c>vc+sd-jwt</c> handler, and without one (or for an
/// unknown media type) the presentation is refused with <see cref="CredentialProblemCodes.EnvelopedFormatUnsupported"/>, not
/// with data-model problems of the wrapper. The full vc+sd-jwt checks are in DidSdk.SdJwt.Tests (VpJoseEnvelopedVcSdJwtTests).
/// </summary>
public sealed class PresentationVerifierEnvelopeTests
{
    private const string Audience = "https://bank-b.example";
    private const string Nonce = "n-3";
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
    private PrivateKey _holderKey = null!;
    private string _holderDid = null!;
    private KeySigner _holder = null!;

    /// <summary>Stands in for DidSdk.SdJwt's handler: records what it was given and accepts it.</summary>
    private sealed class RecordingHandler(HolderKeyBinding? holderBinding = null) : ICredentialFormatHandler
    {
        public List<string> Inputs { get; } = [];

        public string Format => "vc+sd-jwt";

        public bool CanHandle(string input) => input.Contains('~', StringComparison.Ordinal);

        public Task<CredentialVerificationResult> VerifyAsync(string input, CredentialVerifier verifier, CancellationToken cancellationToken = default)
        {
            Inputs.Add(input);
            return Task.FromResult(new CredentialVerificationResult(Format, "did:example:issuer", new JsonObject(), []) { HolderBinding = holderBinding });
        }
    }

    [SetUp]
    public void SetUp()
    {
        _holderKey = PrivateKey.Generate(KeyType.Ed25519);
        _holderDid = DidKey.Create(_holderKey.PublicKey);
        _holder = new KeySigner(_holderKey, DidKey.GetVerificationMethodId(_holderKey.PublicKey));
    }

    [TearDown]
    public void TearDown() => _holderKey.Dispose();

    private ValueTask<string> PresentAsync(string envelopeId) => VcJwt.PresentJoseAsync(
        new JsonObject
        {
            ["@context"] = new JsonArray("https://www.w3.org/ns/credentials/v2"),
            ["type"] = new JsonArray("VerifiablePresentation"),
            ["holder"] = _holderDid,
            ["verifiableCredential"] = new JsonArray(new JsonObject
            {
                ["@context"] = "https://www.w3.org/ns/credentials/v2",
                ["id"] = envelopeId,
                ["type"] = "EnvelopedVerifiableCredential",
            }),
        },
        _holder,
        Audience,
        Nonce);

    private static PresentationVerifier Verifier(ICredentialFormatHandler? handler = null) => new(new CredentialVerifier(
        new CompositeDidResolver(new DidKeyResolver()),
        timeProvider: new FakeTimeProvider(Now),
        formatHandlers: handler is null ? null : [handler]));

    private static void AssertOnlyCause(CredentialVerificationResult result, string code)
    {
        Assert.That(result.Succeeded, Is.False);
        Assert.That(result.Problems.Select(p => (p.Code, p.Cause?.Code)), Is.EqualTo(new[] { (CredentialProblemCodes.EmbeddedCredentialInvalid, (string?)code) }));
    }

    [Test]
    public async Task VerifyAsync_EnvelopedVcSdJwtWithoutHandler_RefusedWithEnvelopedFormatUnsupported()
    {
        var vp = await PresentAsync("data:application/vc+sd-jwt,eyJhbGciOiJFUzI1NiJ9.e30.c2ln~");

        var result = await Verifier().VerifyAsync(vp, Audience, Nonce);

        AssertOnlyCause(result, CredentialProblemCodes.EnvelopedFormatUnsupported);
        Assert.That(result.Credentials.Single().Format, Is.EqualTo("vc+sd-jwt"));
    }

    [Test]
    public async Task VerifyAsync_EnvelopedVcSdJwtWithHandler_HandlerGetsTheUnwrappedSdJwt()
    {
        var handler = new RecordingHandler();
        var vp = await PresentAsync("data:application/vc+sd-jwt,eyJhbGciOiJFUzI1NiJ9.e30.c2ln~");

        var result = await Verifier(handler).VerifyAsync(vp, Audience, Nonce);

        Assert.That(result.Succeeded, Is.True, string.Join("; ", result.Problems));
        Assert.That(handler.Inputs, Is.EqualTo(new[] { "eyJhbGciOiJFUzI1NiJ9.e30.c2ln~" }));
    }

    [Test]
    public async Task VerifyAsync_EnvelopedUnknownMediaType_RefusedWithEnvelopedFormatUnsupported()
    {
        var vp = await PresentAsync("data:application/vc+ld+json,{}");

        var result = await Verifier(new RecordingHandler()).VerifyAsync(vp, Audience, Nonce);

        AssertOnlyCause(result, CredentialProblemCodes.EnvelopedFormatUnsupported);
    }

    [Test]
    public async Task VerifyAsync_HandlerReportsCnfKeyItCannotRead_RefusedWithCredentialNotBoundToHolder()
    {
        // E.g. cnf.kid: no key to compare with the presentation's signer, and no Key Binding JWT.
        var result = await Verifier(new RecordingHandler(new HolderKeyBinding(null, keyBindingVerified: false))).VerifyAsync(await PresentAsync("data:application/vc+sd-jwt,eyJhbGciOiJFUzI1NiJ9.e30.c2ln~"), Audience, Nonce);

        Assert.That(result.Problems.Select(p => p.Code), Is.EqualTo(new[] { CredentialProblemCodes.CredentialNotBoundToHolder }));
    }

    [Test]
    public async Task VerifyAsync_HandlerReportsPresenterKeyAsCnf_Verifies()
    {
        var result = await Verifier(new RecordingHandler(new HolderKeyBinding(_holderKey.PublicKey, keyBindingVerified: false))).VerifyAsync(await PresentAsync("data:application/vc+sd-jwt,eyJhbGciOiJFUzI1NiJ9.e30.c2ln~"), Audience, Nonce);

        Assert.That(result.Succeeded, Is.True, string.Join("; ", result.Problems.Select(p => p.Code)));
    }

    [Test]
    public async Task VerifyAsync_HandlerReportsAnotherCnfKey_RefusedWithCredentialNotBoundToHolder()
    {
        using var stranger = PrivateKey.Generate(KeyType.Ed25519);
        var result = await Verifier(new RecordingHandler(new HolderKeyBinding(stranger.PublicKey, keyBindingVerified: false))).VerifyAsync(await PresentAsync("data:application/vc+sd-jwt,eyJhbGciOiJFUzI1NiJ9.e30.c2ln~"), Audience, Nonce);

        Assert.That(result.Problems.Select(p => p.Code), Is.EqualTo(new[] { CredentialProblemCodes.CredentialNotBoundToHolder }));
    }

    [Test]
    public async Task VerifyAsync_HandlerReportsVerifiedKeyBindingJwt_Verifies()
    {
        var result = await Verifier(new RecordingHandler(new HolderKeyBinding(null, keyBindingVerified: true))).VerifyAsync(await PresentAsync("data:application/vc+sd-jwt,eyJhbGciOiJFUzI1NiJ9.e30.c2ln~"), Audience, Nonce);

        Assert.That(result.Succeeded, Is.True, string.Join("; ", result.Problems.Select(p => p.Code)));
    }
}
