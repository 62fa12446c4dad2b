using System.Text.Json.Nodes;
using DidSdk.Core.Jose;
using DidSdk.Core.Methods;
using DidSdk.Core.Resolution;
using DidSdk.Crypto;
using Microsoft.Extensions.Time.Testing;

namespace DidSdk.Credentials.Tests;

/// <summary>ecdsa-rdfc-2019 and ecdsa-jcs-2019 credentials through <see cref="CredentialVerifier"/> with did:key issuers.</summary>
public sealed class CredentialVerifierEcdsaTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    private static CredentialVerifier Verifier() => new(
        new CachingDidResolver(new CompositeDidResolver(new DidKeyResolver())),
        new CredentialVerifierOptions { AllowUncheckedStatus = true },
        new FakeTimeProvider(Now),
        null);

    private static JsonObject Credential(string issuer, bool v11 = false) => v11
        ? new JsonObject
        {
            ["@context"] = new JsonArray("https://www.w3.org/2018/credentials/v1"),
            ["id"] = "urn:uuid:6a1f5c0c-4f7b-4d7e-9d3e-2b1c8f0e9a11",
            ["type"] = new JsonArray("VerifiableCredential"),
            ["issuer"] = issuer,
            ["issuanceDate"] = "2026-01-01T00:00:00Z",
            ["credentialSubject"] = new JsonObject { ["id"] = "did:example:customer" },
        }
        : new JsonObject
        {
            ["@context"] = new JsonArray("https://www.w3.org/ns/credentials/v2", "https://www.w3.org/ns/credentials/examples/v2"),
            ["id"] = "urn:uuid:3978344f-8596-4c3a-a978-8fcaba3903c5",
            ["type"] = new JsonArray("VerifiableCredential", "AlumniCredential"),
            ["issuer"] = issuer,
            ["validFrom"] = "2026-01-01T00:00:00Z",
            ["credentialSubject"] = new JsonObject { ["id"] = "did:example:customer", ["alumniOf"] = "Example University" },
        };

    [TestCase(KeyType.P256, EcdsaCryptosuites.Rdfc2019)]
    [TestCase(KeyType.P384, EcdsaCryptosuites.Rdfc2019)]
    [TestCase(KeyType.P256, EcdsaCryptosuites.Jcs2019)]
    [TestCase(KeyType.P384, EcdsaCryptosuites.Jcs2019)]
    public async Task VerifyAsync_EcdsaProofByDidKeyIssuer_Verified(KeyType keyType, string suite)
    {
        using var key = PrivateKey.Generate(keyType);
        var signer = new KeySigner(key, DidKey.GetVerificationMethodId(key.PublicKey));
        var secured = await EcdsaCryptosuites.AddProofAsync(Credential(DidKey.Create(key.PublicKey)), signer, new DataIntegrityProofOptions { VerificationMethod = signer.KeyId!, Created = Now.AddMinutes(-1) }, suite);

        var result = await Verifier().VerifyAsync(secured.ToJsonString());

        Assert.That(result.Problems, Is.Empty);
        Assert.That(result.Format, Is.EqualTo(CredentialFormats.DataIntegrity));
        Assert.That(secured["proof"]!["cryptosuite"]!.GetValue<string>(), Is.EqualTo(suite));
    }

    [Test]
    public async Task VerifyAsync_Vc11EcdsaRdfc_DataIntegrityContextAddedAndVerified()
    {
        using var key = PrivateKey.Generate(KeyType.P384);
        var signer = new KeySigner(key, DidKey.GetVerificationMethodId(key.PublicKey));
        var secured = await EcdsaCryptosuites.AddProofAsync(Credential(DidKey.Create(key.PublicKey), v11: true), signer, new DataIntegrityProofOptions { VerificationMethod = signer.KeyId!, Created = Now.AddMinutes(-1) }, EcdsaCryptosuites.Rdfc2019);

        Assert.That(secured["@context"]!.AsArray().Select(c => c!.GetValue<string>()), Has.Member(EddsaRdfc2022.DataIntegrityContext));
        var result = await Verifier().VerifyAsync(secured.ToJsonString());
        Assert.That(result.Problems, Is.Empty);
    }

    [Test]
    public async Task VerifyAsync_EcdsaProofSetWithEddsa_BothVerified()
    {
        using var p384 = PrivateKey.Generate(KeyType.P384);
        using var ed = PrivateKey.Generate(KeyType.Ed25519);
        var issuer = DidKey.Create(p384.PublicKey);
        var ecdsaSigner = new KeySigner(p384, DidKey.GetVerificationMethodId(p384.PublicKey));
        var first = await EcdsaCryptosuites.AddProofAsync(Credential(issuer), ecdsaSigner, new DataIntegrityProofOptions { VerificationMethod = ecdsaSigner.KeyId!, Created = Now.AddMinutes(-2), Id = "urn:proof:1" }, EcdsaCryptosuites.Rdfc2019);
        var second = await EcdsaCryptosuites.AddProofAsync(first, ecdsaSigner, new DataIntegrityProofOptions { VerificationMethod = ecdsaSigner.KeyId!, Created = Now.AddMinutes(-1), PreviousProof = ["urn:proof:1"] }, EcdsaCryptosuites.Jcs2019);

        var result = await Verifier().VerifyAsync(second.ToJsonString());

        Assert.That(second["proof"]!.AsArray(), Has.Count.EqualTo(2));
        Assert.That(result.Problems, Is.Empty);
    }

    [Test]
    public async Task VerifyAsync_TamperedEcdsaCredential_SignatureInvalid()
    {
        using var key = PrivateKey.Generate(KeyType.P256);
        var signer = new KeySigner(key, DidKey.GetVerificationMethodId(key.PublicKey));
        var secured = await EcdsaCryptosuites.AddProofAsync(Credential(DidKey.Create(key.PublicKey)), signer, new DataIntegrityProofOptions { VerificationMethod = signer.KeyId!, Created = Now.AddMinutes(-1) }, EcdsaCryptosuites.Rdfc2019);
        secured["credentialSubject"]!["alumniOf"] = "Forged University";

        var result = await Verifier().VerifyAsync(secured.ToJsonString());

        Assert.That(result.Problems, Has.Some.Matches<DidSdk.Core.Problem>(p => p.Code == CredentialProblemCodes.SignatureInvalid));
    }

    [Test]
    public async Task VerifyAsync_P256SignatureClaimingP384Key_Refused()
    {
        // The curve follows from the signature's size; a 64-byte signature cannot verify against a P-384 verification method.
        using var p384 = PrivateKey.Generate(KeyType.P384);
        using var p256 = PrivateKey.Generate(KeyType.P256);
        var vm = DidKey.GetVerificationMethodId(p384.PublicKey);
        var secured = await EcdsaCryptosuites.AddProofAsync(Credential(DidKey.Create(p384.PublicKey)), new KeySigner(p256, vm), new DataIntegrityProofOptions { VerificationMethod = vm, Created = Now.AddMinutes(-1) }, EcdsaCryptosuites.Jcs2019);

        var result = await Verifier().VerifyAsync(secured.ToJsonString());

        Assert.That(result.Problems, Is.Not.Empty);
    }
}
