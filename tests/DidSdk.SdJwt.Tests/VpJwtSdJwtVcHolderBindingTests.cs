using System.Text.Json.Nodes;
using DidSdk.Core.Jose;
using DidSdk.Core.Methods;
using DidSdk.Core.Resolution;
using DidSdk.Credentials;
using DidSdk.Crypto;
using Microsoft.Extensions.Time.Testing;

namespace DidSdk.SdJwt.Tests;

/// <summary>
/// A cnf-bound SD-JWT VC (<c>dc+sd-jwt</c>) carried as a compact entry of a VP-JWT (VC-JWT 1.1) presentation, with the SD-JWT VC
/// handler not requiring a Key Binding JWT: <see cref="SdJwtVcFormatHandler"/> reports the binding, so the credential is
/// accepted only from the holder its <c>cnf</c> names (or with a Key Binding JWT that verified).
/// </summary>
public sealed class VpJwtSdJwtVcHolderBindingTests
{
    private const string Audience = "https://bank-b.example";
    private const string Nonce = "n-9";
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    private PrivateKey _issuerKey = null!;
    private PrivateKey _holderKey = null!;
    private PrivateKey _otherKey = null!;

    [SetUp]
    public void SetUp()
    {
        _issuerKey = PrivateKey.Generate(KeyType.Ed25519);
        _holderKey = PrivateKey.Generate(KeyType.Ed25519);
        _otherKey = PrivateKey.Generate(KeyType.P256);
    }

    [TearDown]
    public void TearDown()
    {
        _issuerKey.Dispose();
        _holderKey.Dispose();
        _otherKey.Dispose();
    }

    private static KeySigner SignerOf(PrivateKey key) => new(key, DidKey.GetVerificationMethodId(key.PublicKey));

    private async Task<string> CredentialAsync(PublicKeyMaterial? holderKey, KeyBindingRequest? keyBinding = null)
    {
        var issued = await new SdJwtVcIssuer(SignerOf(_issuerKey), timeProvider: new FakeTimeProvider(Now)).IssueAsync(new SdJwtVcIssuanceRequest
        {
            Issuer = DidKey.Create(_issuerKey.PublicKey),
            Vct = "https://kyc.consortium.example/credentials/kyc/v1",
            Claims = new JsonObject { ["kyc_level"] = "enhanced", ["nationality"] = "KR" },
            Disclosable = ["/kyc_level", "/nationality"],
            HolderPublicKey = holderKey,
            ExpiresAt = Now.AddYears(1),
        });
        return (await SdJwtHolder.PresentAsync(issued, ["/kyc_level"], keyBinding)).ToCompact();
    }

    private static async Task<CredentialVerificationResult> PresentAndVerifyAsync(string sdJwtVc, PrivateKey presenter)
    {
        var verifier = new PresentationVerifier(new CredentialVerifier(
            new CompositeDidResolver(new DidKeyResolver()),
            timeProvider: new FakeTimeProvider(Now),
            formatHandlers: [new SdJwtVcFormatHandler(Audience, Nonce, new SdJwtVerifierOptions { RequireKeyBinding = false })]));
        var vp = await VcJwt.PresentJwt11Async(DidKey.Create(presenter.PublicKey), [sdJwtVc], SignerOf(presenter), Audience, Nonce);
        return await verifier.VerifyAsync(vp, Audience, Nonce);
    }

    private static string Describe(CredentialVerificationResult result) => string.Join("; ", result.Problems.Select(p => $"{p.Code}<-{p.Cause?.Code}"));

    [Test]
    public async Task CnfBoundSdJwtVc_PresentedByItsHolder_Verifies()
    {
        var result = await PresentAndVerifyAsync(await CredentialAsync(_holderKey.PublicKey), _holderKey);

        Assert.That(result.Succeeded, Is.True, Describe(result));
        Assert.That(result.Credentials.Single().HolderBinding!.Key, Is.EqualTo(_holderKey.PublicKey));
    }

    [Test]
    public async Task CnfBoundSdJwtVc_PresentedByAnotherParty_RefusedWithCredentialNotBoundToHolder()
    {
        var result = await PresentAndVerifyAsync(await CredentialAsync(_holderKey.PublicKey), _otherKey);

        Assert.That(result.Succeeded, Is.False);
        Assert.That(result.Problems.Select(p => p.Code), Does.Contain(CredentialProblemCodes.CredentialNotBoundToHolder), Describe(result));
        Assert.That(result.Credentials.Single().Succeeded, Is.True, "the credential itself verifies; only its binding to this presentation fails");
    }

    [Test]
    public async Task CnfBoundSdJwtVc_WithVerifiedKeyBindingJwt_VerifiesFromAnotherPresenter()
    {
        var keyBinding = new KeyBindingRequest { HolderSigner = new KeySigner(_holderKey), Audience = Audience, Nonce = Nonce, IssuedAt = Now };
        var result = await PresentAndVerifyAsync(await CredentialAsync(_holderKey.PublicKey, keyBinding), _otherKey);

        Assert.That(result.Succeeded, Is.True, Describe(result));
        Assert.That(result.Credentials.Single().HolderBinding!.KeyBindingVerified, Is.True);
    }

    [Test]
    public async Task SdJwtVcWithoutCnf_PresentedByAnotherParty_VerifiesAsBefore()
    {
        var result = await PresentAndVerifyAsync(await CredentialAsync(holderKey: null), _otherKey);

        Assert.That(result.Succeeded, Is.True, Describe(result));
        Assert.That(result.Credentials.Single().HolderBinding, Is.Null);
    }
}
