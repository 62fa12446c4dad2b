using System.Text.Json.Nodes;
using DidSdk.Core.Jose;
using DidSdk.Core.Methods;
using DidSdk.Core.Resolution;
using DidSdk.Credentials;
using DidSdk.Crypto;
using Microsoft.Extensions.Time.Testing;

namespace DidSdk.SdJwt.Tests;

/// <summary>
/// A <c>vc+sd-jwt</c> enveloped in a VP-JOSE (<c>vp+jwt</c>) or VP-COSE (<c>vp+cose</c>) presentation
/// (<c>data:application/vc+sd-jwt,</c>, VC-JOSE-COSE §3.3) is unwrapped by <see cref="PresentationVerifier"/> and verified
/// by the registered <see cref="VcSdJwtFormatHandler"/> (issue 19, "vc+sd-jwt inside vp+jwt").
/// </summary>
public sealed class VpJoseEnvelopedVcSdJwtTests
{
    private const string Audience = "https://bank-b.example";
    private const string Nonce = "n-7";
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
    private static readonly string[] Disclosable = ["/credentialSubject/given_name", "/credentialSubject/family_name", "/credentialSubject/kyc_level"];

    private sealed class Party : IDisposable
    {
        public Party(KeyType type)
        {
            Key = PrivateKey.Generate(type);
            Did = DidKey.Create(Key.PublicKey);
            Signer = new KeySigner(Key, DidKey.GetVerificationMethodId(Key.PublicKey));
        }

        public PrivateKey Key { get; }

        public string Did { get; }

        public KeySigner Signer { get; }

        public void Dispose() => Key.Dispose();
    }

    private Party _issuer = null!;
    private Party _holder = null!;
    private Party _other = null!;

    [SetUp]
    public void SetUp()
    {
        _issuer = new Party(KeyType.P256);
        _holder = new Party(KeyType.Ed25519);
        _other = new Party(KeyType.P256);
    }

    [TearDown]
    public void TearDown()
    {
        _issuer.Dispose();
        _holder.Dispose();
        _other.Dispose();
    }

    private JsonObject Credential() => new()
    {
        ["@context"] = new JsonArray("https://www.w3.org/ns/credentials/v2", "https://www.w3.org/ns/credentials/examples/v2"),
        ["type"] = new JsonArray("VerifiableCredential", "KycCredential"),
        ["issuer"] = _issuer.Did,
        ["validFrom"] = "2026-01-01T00:00:00Z",
        ["credentialSubject"] = new JsonObject { ["id"] = _holder.Did, ["given_name"] = "Alice", ["family_name"] = "Doe", ["kyc_level"] = "enhanced" },
    };

    /// <summary>The issuer's credential with only <c>kyc_level</c> disclosed, as the holder puts it in the envelope.</summary>
    private async Task<SdJwtToken> PresentedAsync(ISigner? issuerSigner = null, PublicKeyMaterial? holderKey = null, KeyBindingRequest? keyBinding = null)
    {
        var issued = await VcSdJwt.IssueAsync(Credential(), issuerSigner ?? _issuer.Signer, Disclosable, holderKey);
        return await SdJwtHolder.PresentAsync(issued, ["/credentialSubject/kyc_level"], keyBinding);
    }

    private JsonObject Presentation(string sdJwt, string? holder = null) => new()
    {
        ["@context"] = new JsonArray("https://www.w3.org/ns/credentials/v2"),
        ["type"] = new JsonArray("VerifiablePresentation"),
        ["holder"] = holder ?? _holder.Did,
        ["verifiableCredential"] = new JsonArray(new JsonObject
        {
            ["@context"] = new JsonArray("https://www.w3.org/ns/credentials/v2"),
            ["id"] = VpSdJwt.EnvelopedCredentialPrefix + sdJwt,
            ["type"] = "EnvelopedVerifiableCredential",
        }),
    };

    private static CredentialVerifier CredentialVerifier(bool withHandler = true) => new(
        new CompositeDidResolver(new DidKeyResolver()),
        timeProvider: new FakeTimeProvider(Now),
        formatHandlers: withHandler ? [new VcSdJwtFormatHandler(Audience, Nonce, new SdJwtVerifierOptions { RequireKeyBinding = false })] : null);

    private static PresentationVerifier Verifier(bool withHandler = true) => new(CredentialVerifier(withHandler));

    private async Task<CredentialVerificationResult> VerifyJoseAsync(string sdJwt, bool withHandler = true) =>
        await Verifier(withHandler).VerifyAsync(await VcJwt.PresentJoseAsync(Presentation(sdJwt), _holder.Signer, Audience, Nonce), Audience, Nonce);

    /// <summary>A VP-JOSE carrying <paramref name="sdJwt"/>, presented (holder and signature) by <paramref name="presenter"/>.</summary>
    private async Task<CredentialVerificationResult> VerifyJoseByAsync(string sdJwt, Party presenter) =>
        await Verifier().VerifyAsync(await VcJwt.PresentJoseAsync(Presentation(sdJwt, presenter.Did), presenter.Signer, Audience, Nonce), Audience, Nonce);

    private KeyBindingRequest HolderKeyBinding() => new() { HolderSigner = _holder.Signer, Audience = Audience, Nonce = Nonce, IssuedAt = Now };

    private static string Describe(CredentialVerificationResult result) => string.Join("; ", result.Problems.Select(p => $"{p.Code}<-{p.Cause?.Code}"));

    private static void AssertCause(CredentialVerificationResult result, string code)
    {
        Assert.That(result.Succeeded, Is.False);
        Assert.That(
            result.Problems.Where(p => p.Code == CredentialProblemCodes.EmbeddedCredentialInvalid).Select(p => p.Cause?.Code),
            Does.Contain(code),
            string.Join("; ", result.Problems.Select(p => $"{p.Code}<-{p.Cause?.Code}")));
        Assert.That(
            result.Credentials.SelectMany(c => c.Problems).Select(p => p.Code),
            Has.None.AnyOf(CredentialProblemCodes.InvalidType, CredentialProblemCodes.InvalidIssuer, CredentialProblemCodes.InvalidCredentialSubject),
            "The envelope must not be checked as if it were the credential.");
    }

    [Test]
    public async Task VerifyAsync_VpJoseWithEnvelopedVcSdJwt_VerifiesAndExposesDisclosedClaims()
    {
        var result = await VerifyJoseAsync((await PresentedAsync()).ToCompact());

        Assert.That(result.Succeeded, Is.True, string.Join("; ", result.Problems.Select(p => $"{p.Code}<-{p.Cause?.Code}")));
        Assert.That(result.Format, Is.EqualTo(CredentialFormats.VpJose));
        Assert.That(result.Issuer, Is.EqualTo(_holder.Did));
        Assert.That(result.Credentials, Has.Count.EqualTo(1));
        var credential = result.Credentials[0];
        Assert.That(credential.Format, Is.EqualTo(VcSdJwt.Type));
        Assert.That(credential.Issuer, Is.EqualTo(_issuer.Did));
        var subject = credential.Claims!["credentialSubject"]!.AsObject();
        Assert.That(subject["kyc_level"]!.GetValue<string>(), Is.EqualTo("enhanced"));
        Assert.That(subject.ContainsKey("given_name"), Is.False, "an undisclosed claim stays hidden");
        Assert.That(subject.ContainsKey("family_name"), Is.False, "an undisclosed claim stays hidden");
    }

    [Test]
    public async Task VerifyAsync_VpJoseWithTamperedDisclosure_RefusedWithUnreferencedDisclosure()
    {
        var presented = await PresentedAsync();
        var original = presented.Disclosures.Single();

        // Same salt and name, another value: its digest is in no _sd of the Issuer-signed JWT.
        var forged = Disclosure.Create(original.Salt, original.ClaimName, "basic");
        var result = await VerifyJoseAsync(presented.With([forged], null).ToCompact());

        AssertCause(result, SdJwtProblemCodes.UnreferencedDisclosure);
    }

    [Test]
    public async Task VerifyAsync_VpJoseWithVcSdJwtSignedByAnotherKey_RefusedWithIssuerSignatureInvalid()
    {
        // The kid names the issuer's method, but another key signed: the issuer's DID does not authorize it.
        var forger = new KeySigner(_other.Key, DidKey.GetVerificationMethodId(_issuer.Key.PublicKey));
        var result = await VerifyJoseAsync((await PresentedAsync(forger)).ToCompact());

        AssertCause(result, SdJwtProblemCodes.IssuerSignatureInvalid);
    }

    [Test]
    public async Task VerifyAsync_VpJoseWithVcSdJwtAndNoHandler_RefusedWithEnvelopedFormatUnsupported()
    {
        var result = await VerifyJoseAsync((await PresentedAsync()).ToCompact(), withHandler: false);

        AssertCause(result, CredentialProblemCodes.EnvelopedFormatUnsupported);
    }

    [Test]
    public async Task VerifyAsync_VcSdJwtEnvelopeHoldingAVcJwt_RefusedWithWrongType()
    {
        // A vc+jwt labelled vc+sd-jwt must not be verified as a vc+jwt.
        var vcJwt = await VcJwt.IssueJoseAsync(Credential(), _issuer.Signer);
        var result = await VerifyJoseAsync(vcJwt);

        AssertCause(result, CredentialProblemCodes.WrongType);
    }

    [Test]
    public async Task VerifyCoseAsync_VpCoseWithEnvelopedVcSdJwt_VerifiesAndExposesDisclosedClaims()
    {
        var cose = await VcCose.PresentAsync(Presentation((await PresentedAsync()).ToCompact()), _holder.Signer, Audience, Nonce);

        var result = await Verifier().VerifyCoseAsync(cose, Audience, Nonce);

        Assert.That(result.Succeeded, Is.True, string.Join("; ", result.Problems.Select(p => $"{p.Code}<-{p.Cause?.Code}")));
        Assert.That(result.Format, Is.EqualTo(CredentialFormats.VpCose));
        Assert.That(result.Credentials.Single().Claims!["credentialSubject"]!["kyc_level"]!.GetValue<string>(), Is.EqualTo("enhanced"));
    }

    [Test]
    public async Task VerifyCoseAsync_VpCoseWithVcSdJwtAndNoHandler_RefusedWithEnvelopedFormatUnsupported()
    {
        var cose = await VcCose.PresentAsync(Presentation((await PresentedAsync()).ToCompact()), _holder.Signer, Audience, Nonce);

        var result = await Verifier(withHandler: false).VerifyCoseAsync(cose, Audience, Nonce);

        AssertCause(result, CredentialProblemCodes.EnvelopedFormatUnsupported);
    }

    [Test]
    public async Task VerifyAsync_VpJoseWithCnfBoundVcSdJwtSignedByItsHolder_Verifies()
    {
        var result = await VerifyJoseAsync((await PresentedAsync(holderKey: _holder.Key.PublicKey)).ToCompact());

        Assert.That(result.Succeeded, Is.True, Describe(result));
        var binding = result.Credentials.Single().HolderBinding;
        Assert.That(binding, Is.Not.Null, "a cnf-bound credential reports its binding");
        Assert.That(binding!.Key, Is.EqualTo(_holder.Key.PublicKey));
        Assert.That(binding.KeyBindingVerified, Is.False);
    }

    [Test]
    public async Task VerifyAsync_VpJoseWithAnotherHoldersCnfBoundVcSdJwt_RefusedWithCredentialNotBoundToHolder()
    {
        // The other party wraps the holder's key-bound credential in its own, validly signed presentation.
        var result = await VerifyJoseByAsync((await PresentedAsync(holderKey: _holder.Key.PublicKey)).ToCompact(), _other);

        Assert.That(result.Succeeded, Is.False);
        Assert.That(result.Problems, Has.Some.Matches<Core.Problem>(p => p.Code == CredentialProblemCodes.CredentialNotBoundToHolder), Describe(result));
        Assert.That(result.Credentials.Single().Succeeded, Is.True, "the credential itself verifies; only its binding to this presentation fails");
    }

    [Test]
    public async Task VerifyAsync_VpJoseWithCnfBoundVcSdJwtAndValidKeyBindingJwt_Verifies()
    {
        // A Key Binding JWT by the cnf key for this verifier's aud and nonce binds the credential, whoever signs the presentation.
        var presented = await PresentedAsync(holderKey: _holder.Key.PublicKey, keyBinding: HolderKeyBinding());

        var result = await VerifyJoseByAsync(presented.ToCompact(), _other);

        Assert.That(result.Succeeded, Is.True, Describe(result));
        Assert.That(result.Credentials.Single().HolderBinding!.KeyBindingVerified, Is.True);
    }

    [Test]
    public async Task VerifyAsync_VpJoseWithCnfBoundVcSdJwtAndKeyBindingJwtByAnotherKey_Refused()
    {
        var forged = new KeyBindingRequest { HolderSigner = _other.Signer, Audience = Audience, Nonce = Nonce, IssuedAt = Now };
        var presented = await PresentedAsync(holderKey: _holder.Key.PublicKey, keyBinding: forged);

        var result = await VerifyJoseByAsync(presented.ToCompact(), _other);

        AssertCause(result, SdJwtProblemCodes.KeyBindingSignatureInvalid);
    }

    [Test]
    public async Task VerifyAsync_VpJoseWithVcSdJwtWithoutCnfPresentedByAnotherParty_VerifiesAsBefore()
    {
        // No cnf: the presentation's signature is the holder's proof, as for an enveloped vc+jwt.
        var result = await VerifyJoseByAsync((await PresentedAsync()).ToCompact(), _other);

        Assert.That(result.Succeeded, Is.True, Describe(result));
        Assert.That(result.Credentials.Single().HolderBinding, Is.Null);
    }

    [Test]
    public async Task VerifyAsync_VpJoseByNonDidHolderWithSuppliedCnfKey_Verifies()
    {
        // A holder that is not a DID: the key supplied for it signed the presentation, and it is the cnf key.
        const string holder = "https://holder.example/alice";
        var sdJwt = (await PresentedAsync(holderKey: _holder.Key.PublicKey)).ToCompact();
        var vp = await VcJwt.PresentJoseAsync(Presentation(sdJwt, holder), new KeySigner(_holder.Key, holder + "#key-1"), Audience, Nonce);
        var verifier = new PresentationVerifier(CredentialVerifier(), new Dictionary<string, PublicKeyMaterial> { [holder] = _holder.Key.PublicKey });

        var result = await verifier.VerifyAsync(vp, Audience, Nonce);

        Assert.That(result.Succeeded, Is.True, Describe(result));
    }

    [Test]
    public async Task VerifyAsync_VpJoseByNonDidHolderWithAnotherSuppliedKey_RefusedWithCredentialNotBoundToHolder()
    {
        const string holder = "https://holder.example/mallory";
        var sdJwt = (await PresentedAsync(holderKey: _holder.Key.PublicKey)).ToCompact();
        var vp = await VcJwt.PresentJoseAsync(Presentation(sdJwt, holder), new KeySigner(_other.Key, holder + "#key-1"), Audience, Nonce);
        var verifier = new PresentationVerifier(CredentialVerifier(), new Dictionary<string, PublicKeyMaterial> { [holder] = _other.Key.PublicKey });

        var result = await verifier.VerifyAsync(vp, Audience, Nonce);

        Assert.That(result.Problems.Select(p => p.Code), Is.EqualTo(new[] { CredentialProblemCodes.CredentialNotBoundToHolder }), Describe(result));
    }

    [Test]
    public async Task VerifyCoseAsync_VpCoseWithCnfBoundVcSdJwtSignedByItsHolder_Verifies()
    {
        var sdJwt = (await PresentedAsync(holderKey: _holder.Key.PublicKey)).ToCompact();
        var cose = await VcCose.PresentAsync(Presentation(sdJwt), _holder.Signer, Audience, Nonce);

        var result = await Verifier().VerifyCoseAsync(cose, Audience, Nonce);

        Assert.That(result.Succeeded, Is.True, Describe(result));
    }

    [Test]
    public async Task VerifyCoseAsync_VpCoseWithAnotherHoldersCnfBoundVcSdJwt_RefusedWithCredentialNotBoundToHolder()
    {
        var sdJwt = (await PresentedAsync(holderKey: _holder.Key.PublicKey)).ToCompact();
        var cose = await VcCose.PresentAsync(Presentation(sdJwt, _other.Did), _other.Signer, Audience, Nonce);

        var result = await Verifier().VerifyCoseAsync(cose, Audience, Nonce);

        Assert.That(result.Problems.Select(p => p.Code), Is.EqualTo(new[] { CredentialProblemCodes.CredentialNotBoundToHolder }), Describe(result));
    }

    [Test]
    public async Task VerifyCoseAsync_VpCoseWithCnfBoundVcSdJwtAndValidKeyBindingJwt_Verifies()
    {
        var sdJwt = (await PresentedAsync(holderKey: _holder.Key.PublicKey, keyBinding: HolderKeyBinding())).ToCompact();
        var cose = await VcCose.PresentAsync(Presentation(sdJwt, _other.Did), _other.Signer, Audience, Nonce);

        var result = await Verifier().VerifyCoseAsync(cose, Audience, Nonce);

        Assert.That(result.Succeeded, Is.True, Describe(result));
    }
}
