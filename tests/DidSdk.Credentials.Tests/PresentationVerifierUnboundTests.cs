using System.Text.Json.Nodes;
using DidSdk.Core.Jose;
using DidSdk.Core.Methods;
using DidSdk.Core.Resolution;
using DidSdk.Crypto;
using Microsoft.Extensions.Time.Testing;

namespace DidSdk.Credentials.Tests;

/// <summary>
/// <see cref="PresentationVerifier.VerifyWithoutExchangeBindingAsync"/> (no aud/nonce check, everything else checked) and
/// keys supplied for holders that are not DIDs (never for a DID holder, never for a credential's issuer).
/// </summary>
public sealed class PresentationVerifierUnboundTests
{
    private const string UrlHolder = "https://holder.bank-b.example";
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
    private PrivateKey _issuerKey = null!;
    private PrivateKey _holderKey = null!;
    private PrivateKey _otherKey = null!;
    private string _holderDid = null!;
    private KeySigner _issuer = null!;

    [SetUp]
    public void SetUp()
    {
        _issuerKey = PrivateKey.Generate(KeyType.Ed25519);
        _holderKey = PrivateKey.Generate(KeyType.P256);
        _otherKey = PrivateKey.Generate(KeyType.P256);
        _holderDid = DidKey.Create(_holderKey.PublicKey);
        _issuer = new KeySigner(_issuerKey, DidKey.GetVerificationMethodId(_issuerKey.PublicKey));
    }

    [TearDown]
    public void TearDown()
    {
        _issuerKey.Dispose();
        _holderKey.Dispose();
        _otherKey.Dispose();
    }

    private async Task<JsonObject> PresentationAsync(string holder)
    {
        var vc = await VcJwt.IssueJoseAsync(
            new JsonObject
            {
                ["@context"] = new JsonArray("https://www.w3.org/ns/credentials/v2"),
                ["type"] = new JsonArray("VerifiableCredential"),
                ["issuer"] = DidKey.Create(_issuerKey.PublicKey),
                ["validFrom"] = "2026-01-01T00:00:00Z",
                ["credentialSubject"] = new JsonObject { ["id"] = "did:example:customer", ["age_over_18"] = true },
            },
            _issuer);
        return new JsonObject
        {
            ["@context"] = new JsonArray("https://www.w3.org/ns/credentials/v2"),
            ["type"] = new JsonArray("VerifiablePresentation"),
            ["holder"] = holder,
            ["verifiableCredential"] = new JsonArray(new JsonObject
            {
                ["@context"] = "https://www.w3.org/ns/credentials/v2",
                ["id"] = "data:application/vc+jwt," + vc,
                ["type"] = "EnvelopedVerifiableCredential",
            }),
        };
    }

    private static CredentialVerifier Credentials() => new(new CompositeDidResolver(new DidKeyResolver()), timeProvider: new FakeTimeProvider(Now));

    private static PresentationVerifier Verifier(string? holder = null, PublicKeyMaterial? key = null) =>
        holder is null ? new(Credentials()) : new(Credentials(), new Dictionary<string, PublicKeyMaterial> { [holder] = key! });

    private static void AssertProblem(CredentialVerificationResult result, string code) =>
        Assert.That(result.Problems, Has.Some.Matches<DidSdk.Core.Problem>(p => p.Code == code), string.Join("; ", result.Problems));

    [Test]
    public async Task VerifyWithoutExchangeBindingAsync_DidHolderOtherAudienceAndNonce_Verified()
    {
        var vp = await VcJwt.PresentJoseAsync(await PresentationAsync(_holderDid), new KeySigner(_holderKey, DidKey.GetVerificationMethodId(_holderKey.PublicKey)), "https://elsewhere.example", "n-1");

        var bound = await Verifier().VerifyAsync(vp, "https://bank-b.example", "n-2");
        var unbound = await Verifier().VerifyWithoutExchangeBindingAsync(vp);

        AssertProblem(bound, CredentialProblemCodes.WrongAudience);
        AssertProblem(bound, CredentialProblemCodes.WrongNonce);
        Assert.That(unbound.Problems, Is.Empty);
        Assert.That(unbound.Credentials.Single().Succeeded, Is.True);
    }

    [Test]
    public async Task VerifyWithoutExchangeBindingAsync_Expired_StillRejected()
    {
        var presentation = await PresentationAsync(_holderDid);
        presentation["exp"] = Now.AddHours(-1).ToUnixTimeSeconds();
        var vp = await VcJwt.PresentJoseAsync(presentation, new KeySigner(_holderKey, DidKey.GetVerificationMethodId(_holderKey.PublicKey)), "a", "n");

        AssertProblem(await Verifier().VerifyWithoutExchangeBindingAsync(vp), CredentialProblemCodes.PresentationExpired);
    }

    [Test]
    public async Task VerifyWithoutExchangeBindingAsync_SignedByOtherThanDidHolder_SignatureInvalid()
    {
        var vp = await VcJwt.PresentJoseAsync(await PresentationAsync(_holderDid), new KeySigner(_otherKey, DidKey.GetVerificationMethodId(_holderKey.PublicKey)), "a", "n");

        var result = await Verifier().VerifyWithoutExchangeBindingAsync(vp);

        Assert.That(result.Succeeded, Is.False);
        AssertProblem(result, CredentialProblemCodes.SignatureInvalid);
    }

    [Test]
    public async Task VerifyAsync_UrlHolderWithItsKeySupplied_Verified()
    {
        var vp = await VcJwt.PresentJoseAsync(await PresentationAsync(UrlHolder), new KeySigner(_holderKey, "key-1"), "https://bank-b.example", "n-1");

        var result = await Verifier(UrlHolder, _holderKey.PublicKey).VerifyAsync(vp, "https://bank-b.example", "n-1");

        Assert.That(result.Problems, Is.Empty);
        Assert.That(result.Issuer, Is.EqualTo(UrlHolder));
    }

    [Test]
    public async Task VerifyAsync_UrlHolderWithAnotherKeySupplied_SignatureInvalid()
    {
        var vp = await VcJwt.PresentJoseAsync(await PresentationAsync(UrlHolder), new KeySigner(_holderKey, "key-1"), "https://bank-b.example", "n-1");

        AssertProblem(await Verifier(UrlHolder, _otherKey.PublicKey).VerifyAsync(vp, "https://bank-b.example", "n-1"), CredentialProblemCodes.SignatureInvalid);
    }

    [Test]
    public async Task VerifyAsync_UrlHolderWithoutAKey_IssuerKeyUnavailable()
    {
        var vp = await VcJwt.PresentJoseAsync(await PresentationAsync(UrlHolder), new KeySigner(_holderKey, "key-1"), "https://bank-b.example", "n-1");

        AssertProblem(await Verifier().VerifyAsync(vp, "https://bank-b.example", "n-1"), CredentialProblemCodes.IssuerKeyUnavailable);
    }

    [Test]
    public async Task VerifyAsync_UrlHolderKeySuppliedOnlyAsIssuerKey_IssuerKeyUnavailable()
    {
        // An issuer key is for assertionMethod: it must not verify a holder's authentication signature.
        var vp = await VcJwt.PresentJoseAsync(await PresentationAsync(UrlHolder), new KeySigner(_holderKey, "key-1"), "https://bank-b.example", "n-1");
        var credentials = new CredentialVerifier(new CompositeDidResolver(new DidKeyResolver()), timeProvider: new FakeTimeProvider(Now), issuerKeys: new Dictionary<string, PublicKeyMaterial> { [UrlHolder] = _holderKey.PublicKey });

        AssertProblem(await new PresentationVerifier(credentials).VerifyAsync(vp, "https://bank-b.example", "n-1"), CredentialProblemCodes.IssuerKeyUnavailable);
    }

    [Test]
    public async Task VerifyAsync_DidHolderSignedByOtherKey_WithThatKeySuppliedForTheDid_NotVerified()
    {
        // The DID decides: a key supplied under the DID's name is never used.
        var vp = await VcJwt.PresentJoseAsync(await PresentationAsync(_holderDid), new KeySigner(_otherKey, DidKey.GetVerificationMethodId(_holderKey.PublicKey)), "a", "n");

        var result = await Verifier(_holderDid, _otherKey.PublicKey).VerifyAsync(vp, "a", "n");

        Assert.That(result.Succeeded, Is.False);
        AssertProblem(result, CredentialProblemCodes.SignatureInvalid);
    }

    [Test]
    public async Task VerifyCoseWithoutExchangeBindingAsync_UrlHolderWithItsKey_Verified()
    {
        var vp = await VcCose.PresentAsync(await PresentationAsync(UrlHolder), new KeySigner(_holderKey, "key-1"), "https://elsewhere.example", "n-1");

        var result = await Verifier(UrlHolder, _holderKey.PublicKey).VerifyCoseWithoutExchangeBindingAsync(vp);

        Assert.That(result.Problems, Is.Empty);
        Assert.That(result.Issuer, Is.EqualTo(UrlHolder));
    }

    [Test]
    public async Task VerifyCoseAsync_UrlHolderOtherNonce_WrongNonce()
    {
        var vp = await VcCose.PresentAsync(await PresentationAsync(UrlHolder), new KeySigner(_holderKey, "key-1"), "https://bank-b.example", "n-1");

        AssertProblem(await Verifier(UrlHolder, _holderKey.PublicKey).VerifyCoseAsync(vp, "https://bank-b.example", "n-2"), CredentialProblemCodes.WrongNonce);
    }
}
