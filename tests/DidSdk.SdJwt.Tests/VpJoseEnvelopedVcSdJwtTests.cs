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
    private async Task<SdJwtToken> PresentedAsync(ISigner? issuerSigner = null)
    {
        var issued = await VcSdJwt.IssueAsync(Credential(), issuerSigner ?? _issuer.Signer, Disclosable);
        return await SdJwtHolder.PresentAsync(issued, ["/credentialSubject/kyc_level"], keyBinding: null);
    }

    private JsonObject Presentation(string sdJwt) => new()
    {
        ["@context"] = new JsonArray("https://www.w3.org/ns/credentials/v2"),
        ["type"] = new JsonArray("VerifiablePresentation"),
        ["holder"] = _holder.Did,
        ["verifiableCredential"] = new JsonArray(new JsonObject
        {
            ["@context"] = new JsonArray("https://www.w3.org/ns/credentials/v2"),
            ["id"] = VpSdJwt.EnvelopedCredentialPrefix + sdJwt,
            ["type"] = "EnvelopedVerifiableCredential",
        }),
    };

    private static PresentationVerifier Verifier(bool withHandler = true) => new(new CredentialVerifier(
        new CompositeDidResolver(new DidKeyResolver()),
        timeProvider: new FakeTimeProvider(Now),
        formatHandlers: withHandler ? [new VcSdJwtFormatHandler(Audience, Nonce, new SdJwtVerifierOptions { RequireKeyBinding = false })] : null));

    private async Task<CredentialVerificationResult> VerifyJoseAsync(string sdJwt, bool withHandler = true) =>
        await Verifier(withHandler).VerifyAsync(await VcJwt.PresentJoseAsync(Presentation(sdJwt), _holder.Signer, Audience, Nonce), Audience, Nonce);

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
}
