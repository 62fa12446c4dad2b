using System.Text.Json.Nodes;
using DidSdk.Core.Resolution;
using DidSdk.Crypto;
using DidSdk.Testing;
using Microsoft.Extensions.Time.Testing;

namespace DidSdk.Credentials.Tests.SpecVectors;

/// <summary>
/// The COSE inputs of the W3C vc-jose-cose-test-suite (cases 29 to 35 of its README): COSE_Sign1 messages made by
/// another implementation, read and verified here. The suite's issuer is an HTTPS URL whose keys the verifier is given.
/// </summary>
[Category("SpecVector")]
public sealed class VcJoseCoseSuiteTests
{
    private const string Issuer = "https://example.issuer/vc-jose-cose";
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    private static string Input(string name) => File.ReadAllText(RepoPaths.UpstreamVector("vc-jose-cose-test-suite", "tests", "input", name)).Trim();

    private static Jwk Key(string name) => Jwk.Parse(JsonNode.Parse(Input(name))!["publicKeyJwk"]!.ToJsonString());

    private static CredentialVerifier Verifier(string keyFile = "vm-p256.json") => new(
        new CompositeDidResolver(),
        new CredentialVerifierOptions(),
        new FakeTimeProvider(Now),
        issuerKeys: new Dictionary<string, PublicKeyMaterial> { [Issuer] = Key(keyFile).ToPublicKey() });

    // The suite writes base64 without padding.
    private static byte[] Bytes(string name) => Convert.FromBase64String(Input(name).PadRight((Input(name).Length + 3) / 4 * 4, '='));

    private static void AssertProblem(CredentialVerificationResult result, string code)
    {
        Assert.That(result.Succeeded, Is.False);
        Assert.That(result.Problems, Has.Some.Matches<DidSdk.Core.Problem>(p => p.Code == code), string.Join("; ", result.Problems));
    }

    [Test]
    public async Task CredentialCoseMinimal_WithTheIssuersP256Key_Verified()
    {
        var result = await Verifier().VerifyAsync(Input("credential-cose-minimal.txt"));

        Assert.That(result.Problems, Is.Empty);
        Assert.That(result.Format, Is.EqualTo(CredentialFormats.VcCose));
        Assert.That(result.Issuer, Is.EqualTo(Issuer));
        Assert.That(result.Claims!["credentialSubject"]!["degree"]!["type"]!.GetValue<string>(), Is.EqualTo("BachelorDegree"));
    }

    [Test]
    public void CredentialCoseMinimal_Headers_AreTheSuitesAndKidIsTheJwkThumbprint()
    {
        Assert.That(CoseSign1.TryRead(Bytes("credential-cose-minimal.txt"), CoseReaderOptions.Default, out var message, out var problem), Is.True, problem?.ToString());
        Assert.That(message, Is.Not.Null);

        Assert.That(message!.Algorithm, Is.EqualTo(-7));
        Assert.That(message.SigningAlgorithm, Is.SameAs(SigningAlgorithm.P256));
        Assert.That(message.Type, Is.EqualTo(VcCose.CredentialMediaType));
        Assert.That(message.ContentType, Is.EqualTo(VcCose.CredentialContentType));
        Assert.That(message.KeyId, Is.EqualTo(Key("vm-p256.json").ComputeThumbprint()));
        Assert.That(SigningAlgorithm.P256.Verify(Key("vm-p256.json").ToPublicKey(), message.ToBeSigned(), message.Signature.Span), Is.True);
    }

    [Test]
    public async Task CredentialCoseMinimal_WithAnotherKey_NotVerified()
    {
        using var other = PrivateKey.Generate(KeyType.P256);
        var verifier = new CredentialVerifier(new CompositeDidResolver(), null, new FakeTimeProvider(Now), issuerKeys: new Dictionary<string, PublicKeyMaterial> { [Issuer] = other.PublicKey });

        AssertProblem(await verifier.VerifyAsync(Input("credential-cose-minimal.txt")), CredentialProblemCodes.SignatureInvalid);
    }

    [Test]
    public async Task CredentialCoseMinimal_AsBytes_Verified()
    {
        var result = await Verifier().VerifyCoseAsync(Bytes("credential-cose-minimal.txt"));

        Assert.That(result.Problems, Is.Empty);
    }

    [Test]
    public async Task CredentialCoseBadSignature_SignatureInvalid() =>
        AssertProblem(await Verifier("vm-ed25519.json").VerifyAsync(Input("credential-cose-bad-signature.txt")), CredentialProblemCodes.SignatureInvalid);

    [Test]
    public async Task CredentialCoseBadMediaType_WrongType() =>
        AssertProblem(await Verifier("vm-p384.json").VerifyAsync(Input("credential-cose-bad-media-type.txt")), CredentialProblemCodes.WrongType);

    [Test]
    public async Task CredentialCoseNotBase64_Hex_UnsupportedFormat() =>
        AssertProblem(await Verifier().VerifyAsync(Input("credential-cose-minimal-not-base64.txt")), CredentialProblemCodes.UnsupportedFormat);

    [Test]
    public void PresentationCoseSingle_SignatureVerifiesWithTheSuitesP384Key()
    {
        Assert.That(CoseSign1.TryRead(Bytes("presentation-cose-single.txt"), CoseReaderOptions.Default, out var message, out var problem), Is.True, problem?.ToString());
        Assert.That(message, Is.Not.Null);

        Assert.That(message!.Algorithm, Is.EqualTo(-35));
        Assert.That(message.Type, Is.EqualTo(VcCose.PresentationMediaType));
        Assert.That(message.ContentType, Is.EqualTo(VcCose.PresentationContentType));
        Assert.That(SigningAlgorithm.P384.Verify(Key("vm-p384.json").ToPublicKey(), message.ToBeSigned(), message.Signature.Span), Is.True);
    }

    [Test]
    public async Task PresentationCoseSingle_AsACredential_WrongType() =>
        AssertProblem(await Verifier("vm-p384.json").VerifyAsync(Input("presentation-cose-single.txt")), CredentialProblemCodes.WrongType);

    [Test]
    public async Task PresentationCoseBadCredential_UnsecuredCredentialRefused()
    {
        // Its one credential is an object with type EnvelopedVerifiableCredential and id "bad-credential": not a data: URL,
        // so it is read as an embedded credential, which it is not.
        var result = await new PresentationVerifier(Verifier()).VerifyAsync(Input("presentation-cose-bad-credential.txt"), "https://verifier.example", "n-1");

        Assert.That(result.Format, Is.EqualTo(CredentialFormats.VpCose));
        AssertProblem(result, CredentialProblemCodes.InvalidType);
    }

    [Test]
    public async Task PresentationCoseBadMediaType_WrongType() =>
        AssertProblem(await new PresentationVerifier(Verifier()).VerifyAsync(Input("presentation-cose-bad-media-type.txt"), "https://verifier.example", "n-1"), CredentialProblemCodes.WrongType);
}
