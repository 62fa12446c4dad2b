using System.Text.Json.Nodes;
using DidSdk.Core.Jose;
using DidSdk.Core.Methods;
using DidSdk.Core.Resolution;
using DidSdk.Crypto;
using Microsoft.Extensions.Time.Testing;

namespace DidSdk.Credentials.Tests;

public sealed class PresentationVerifierTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
    private PrivateKey _issuerKey = null!;
    private PrivateKey _holderKey = null!;
    private string _holderDid = null!;
    private KeySigner _issuer = null!;
    private KeySigner _holder = null!;

    [SetUp]
    public void SetUp()
    {
        _issuerKey = PrivateKey.Generate(KeyType.Ed25519);
        _holderKey = PrivateKey.Generate(KeyType.Secp256k1);
        _holderDid = DidKey.Create(_holderKey.PublicKey);
        _issuer = new KeySigner(_issuerKey, DidKey.GetVerificationMethodId(_issuerKey.PublicKey));
        _holder = new KeySigner(_holderKey, DidKey.GetVerificationMethodId(_holderKey.PublicKey));
    }

    [TearDown]
    public void TearDown()
    {
        _issuerKey.Dispose();
        _holderKey.Dispose();
    }

    private JsonObject Credential() => new()
    {
        ["@context"] = new JsonArray("https://www.w3.org/ns/credentials/v2"),
        ["type"] = new JsonArray("VerifiableCredential"),
        ["issuer"] = DidKey.Create(_issuerKey.PublicKey),
        ["validFrom"] = "2026-01-01T00:00:00Z",
        ["credentialSubject"] = new JsonObject { ["id"] = _holderDid, ["age_over_18"] = true },
    };

    private static PresentationVerifier Verifier() => new(new CredentialVerifier(new CompositeDidResolver(new DidKeyResolver()), timeProvider: new FakeTimeProvider(Now)));

    private static void AssertProblem(CredentialVerificationResult result, string code) =>
        Assert.That(result.Problems, Has.Some.Matches<DidSdk.Core.Problem>(p => p.Code == code), string.Join("; ", result.Problems));

    [Test]
    public async Task VerifyAsync_VpJwt11WithVcJwt_VerifiedWithCredentialResults()
    {
        var vc = await VcJwt.IssueJwt11Async(Credential(), _issuer);
        var vp = await VcJwt.PresentJwt11Async(_holderDid, [vc], _holder, "https://bank-b.example", "n-1");

        var result = await Verifier().VerifyAsync(vp, "https://bank-b.example", "n-1");

        Assert.That(result.Problems, Is.Empty);
        Assert.That(result.Issuer, Is.EqualTo(_holderDid));
        Assert.That(result.Credentials.Single().Succeeded, Is.True);
    }

    [Test]
    public async Task VerifyAsync_VpJoseWithEnvelopedVcJose_Verified()
    {
        var vc = await VcJwt.IssueJoseAsync(Credential(), _issuer);
        var presentation = new JsonObject
        {
            ["@context"] = new JsonArray("https://www.w3.org/ns/credentials/v2"),
            ["type"] = new JsonArray("VerifiablePresentation"),
            ["holder"] = _holderDid,
            ["verifiableCredential"] = new JsonArray(new JsonObject
            {
                ["@context"] = "https://www.w3.org/ns/credentials/v2",
                ["id"] = "data:application/vc+jwt," + vc,
                ["type"] = "EnvelopedVerifiableCredential",
            }),
        };
        var vp = await VcJwt.PresentJoseAsync(presentation, _holder, "https://bank-b.example", "n-2");

        var result = await Verifier().VerifyAsync(vp, "https://bank-b.example", "n-2");

        Assert.That(result.Problems, Is.Empty);
        Assert.That(result.Format, Is.EqualTo(CredentialFormats.VpJose));
    }

    [Test]
    public async Task VerifyAsync_ReplayedNonceOrOtherAudience_Rejected()
    {
        var vc = await VcJwt.IssueJwt11Async(Credential(), _issuer);
        var vp = await VcJwt.PresentJwt11Async(_holderDid, [vc], _holder, "https://bank-b.example", "n-1");

        AssertProblem(await Verifier().VerifyAsync(vp, "https://bank-b.example", "n-2"), CredentialProblemCodes.WrongNonce);
        AssertProblem(await Verifier().VerifyAsync(vp, "https://bank-c.example", "n-1"), CredentialProblemCodes.WrongAudience);
    }

    [Test]
    public async Task VerifyAsync_SignedByOtherThanHolder_SignatureInvalid()
    {
        using var thief = PrivateKey.Generate(KeyType.Secp256k1);
        var vc = await VcJwt.IssueJwt11Async(Credential(), _issuer);
        var vp = await VcJwt.PresentJwt11Async(_holderDid, [vc], new KeySigner(thief, _holder.KeyId), "https://bank-b.example", "n-1");

        AssertProblem(await Verifier().VerifyAsync(vp, "https://bank-b.example", "n-1"), CredentialProblemCodes.SignatureInvalid);
    }

    [Test]
    public async Task VerifyAsync_EmbeddedCredentialForged_EmbeddedInvalid()
    {
        using var forger = PrivateKey.Generate(KeyType.Ed25519);
        var forged = await VcJwt.IssueJwt11Async(Credential(), new KeySigner(forger, _issuer.KeyId));
        var vp = await VcJwt.PresentJwt11Async(_holderDid, [forged], _holder, "https://bank-b.example", "n-1");

        AssertProblem(await Verifier().VerifyAsync(vp, "https://bank-b.example", "n-1"), CredentialProblemCodes.EmbeddedCredentialInvalid);
    }

    [Test]
    public async Task VerifyAsync_DataIntegrityPresentation_ChallengeAndDomainChecked()
    {
        using var edHolder = PrivateKey.Generate(KeyType.Ed25519);
        var edHolderDid = DidKey.Create(edHolder.PublicKey);
        var credential = Credential();
        credential["credentialSubject"]!["id"] = edHolderDid;
        var vc = await DataIntegrity.AddProofAsync(credential, _issuer, new DataIntegrityProofOptions { VerificationMethod = _issuer.KeyId!, Created = Now });
        var presentation = new JsonObject
        {
            ["@context"] = new JsonArray("https://www.w3.org/ns/credentials/v2"),
            ["type"] = new JsonArray("VerifiablePresentation"),
            ["holder"] = edHolderDid,
            ["verifiableCredential"] = new JsonArray(vc),
        };
        var signed = await DataIntegrity.AddProofAsync(presentation, new KeySigner(edHolder), new DataIntegrityProofOptions
        {
            VerificationMethod = DidKey.GetVerificationMethodId(edHolder.PublicKey),
            ProofPurpose = "authentication",
            Challenge = "n-4",
            Domain = "https://bank-b.example",
            Created = Now,
        });

        var ok = await Verifier().VerifyAsync(signed.ToJsonString(), "https://bank-b.example", "n-4");
        var replay = await Verifier().VerifyAsync(signed.ToJsonString(), "https://bank-b.example", "n-5");
        var otherVerifier = await Verifier().VerifyAsync(signed.ToJsonString(), "https://bank-c.example", "n-4");

        Assert.That(ok.Problems, Is.Empty);
        Assert.That(ok.Format, Is.EqualTo(CredentialFormats.DataIntegrity));
        Assert.That(ok.Credentials.Single().Succeeded, Is.True);
        AssertProblem(replay, CredentialProblemCodes.WrongNonce);
        AssertProblem(otherVerifier, CredentialProblemCodes.WrongAudience);
    }

    [Test]
    public async Task VerifyAsync_DataIntegrityPresentationWithAssertionPurpose_Rejected()
    {
        using var edHolder = PrivateKey.Generate(KeyType.Ed25519);
        var edHolderDid = DidKey.Create(edHolder.PublicKey);
        var presentation = new JsonObject
        {
            ["@context"] = new JsonArray("https://www.w3.org/ns/credentials/v2"),
            ["type"] = new JsonArray("VerifiablePresentation"),
            ["holder"] = edHolderDid,
        };
        var signed = await DataIntegrity.AddProofAsync(presentation, new KeySigner(edHolder), new DataIntegrityProofOptions
        {
            VerificationMethod = DidKey.GetVerificationMethodId(edHolder.PublicKey),
            Challenge = "n-4",
            Domain = "https://bank-b.example",
        });

        AssertProblem(await Verifier().VerifyAsync(signed.ToJsonString(), "https://bank-b.example", "n-4"), CredentialProblemCodes.ProofPurposeMismatch);
    }

    private async Task<JsonObject> HolderlessPresentationAsync(PrivateKey presenter, bool rdfc)
    {
        // The examples context's @vocab defines the claim terms, as JSON-LD processing (eddsa-rdfc-2022) requires.
        var credential = Credential();
        credential["@context"] = new JsonArray("https://www.w3.org/ns/credentials/v2", "https://www.w3.org/ns/credentials/examples/v2");
        var vc = await DataIntegrity.AddProofAsync(credential, _issuer, new DataIntegrityProofOptions { VerificationMethod = _issuer.KeyId!, Created = Now });
        var presentation = new JsonObject
        {
            ["@context"] = new JsonArray("https://www.w3.org/ns/credentials/v2"),
            ["type"] = new JsonArray("VerifiablePresentation"),
            ["verifiableCredential"] = new JsonArray(vc),
        };
        var options = new DataIntegrityProofOptions
        {
            VerificationMethod = DidKey.GetVerificationMethodId(presenter.PublicKey),
            ProofPurpose = "authentication",
            Challenge = "n-6",
            Domain = "https://bank-b.example",
            Created = Now,
        };
        return rdfc
            ? await EddsaRdfc2022.AddProofAsync(presentation, new KeySigner(presenter), options)
            : await DataIntegrity.AddProofAsync(presentation, new KeySigner(presenter), options);
    }

    [TestCase(false, TestName = "VerifyAsync_HolderlessEddsaJcs2022_PresenterIsProofDid")]
    [TestCase(true, TestName = "VerifyAsync_HolderlessEddsaRdfc2022_PresenterIsProofDid")]
    public async Task VerifyAsync_Holderless_PresenterIsProofDid(bool rdfc)
    {
        using var presenter = PrivateKey.Generate(KeyType.Ed25519);

        var result = await Verifier().VerifyAsync((await HolderlessPresentationAsync(presenter, rdfc)).ToJsonString(), "https://bank-b.example", "n-6");

        Assert.That(result.Problems, Is.Empty);
        Assert.That(result.Issuer, Is.EqualTo(DidKey.Create(presenter.PublicKey)));
        Assert.That(result.Credentials.Single().Succeeded, Is.True);
    }

    [Test]
    public async Task VerifyAsync_HolderlessProofMethodSwappedToAnotherDid_Rejected()
    {
        using var presenter = PrivateKey.Generate(KeyType.Ed25519);
        using var other = PrivateKey.Generate(KeyType.Ed25519);
        var presentation = await HolderlessPresentationAsync(presenter, rdfc: false);
        presentation["proof"]!["verificationMethod"] = DidKey.GetVerificationMethodId(other.PublicKey);

        var result = await Verifier().VerifyAsync(presentation.ToJsonString(), "https://bank-b.example", "n-6");

        Assert.That(result.Succeeded, Is.False);
        AssertProblem(result, CredentialProblemCodes.SignatureInvalid);
    }

    [Test]
    public async Task VerifyAsync_HolderlessProofsOfTwoDids_InvalidPresentation()
    {
        using var presenter = PrivateKey.Generate(KeyType.Ed25519);
        using var second = PrivateKey.Generate(KeyType.Ed25519);
        var presentation = await HolderlessPresentationAsync(presenter, rdfc: false);
        var both = await DataIntegrity.AddProofAsync(presentation, new KeySigner(second), new DataIntegrityProofOptions
        {
            VerificationMethod = DidKey.GetVerificationMethodId(second.PublicKey),
            ProofPurpose = "authentication",
            Challenge = "n-6",
            Domain = "https://bank-b.example",
        });

        AssertProblem(await Verifier().VerifyAsync(both.ToJsonString(), "https://bank-b.example", "n-6"), CredentialProblemCodes.InvalidPresentation);
    }
}
