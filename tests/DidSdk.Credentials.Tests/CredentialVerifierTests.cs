using System.Text;
using System.Text.Json.Nodes;
using DidSdk.Core.Jose;
using DidSdk.Core.Json;
using DidSdk.Core.Methods;
using DidSdk.Core.Resolution;
using DidSdk.Crypto;
using Microsoft.Extensions.Time.Testing;

namespace DidSdk.Credentials.Tests;

public sealed class CredentialVerifierTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
    private PrivateKey _issuerKey = null!;
    private string _issuerDid = null!;
    private KeySigner _signer = null!;

    [SetUp]
    public void SetUp()
    {
        _issuerKey = PrivateKey.Generate(KeyType.Ed25519);
        _issuerDid = DidKey.Create(_issuerKey.PublicKey);
        _signer = new KeySigner(_issuerKey, DidKey.GetVerificationMethodId(_issuerKey.PublicKey));
    }

    [TearDown]
    public void TearDown() => _issuerKey.Dispose();

    private JsonObject Credential(string? issuer = null, DateTimeOffset? validFrom = null, DateTimeOffset? validUntil = null)
    {
        var vc = new JsonObject
        {
            ["@context"] = new JsonArray("https://www.w3.org/ns/credentials/v2"),
            ["id"] = "urn:uuid:3978344f-8596-4c3a-a978-8fcaba3903c5",
            ["type"] = new JsonArray("VerifiableCredential", "KycCredential"),
            ["issuer"] = issuer ?? _issuerDid,
            ["validFrom"] = (validFrom ?? Now.AddDays(-1)).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
            ["credentialSubject"] = new JsonObject { ["id"] = "did:example:customer", ["kyc_level"] = "enhanced" },
        };
        if (validUntil is { } until)
        {
            vc["validUntil"] = until.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
        }

        return vc;
    }

    private static CredentialVerifier Verifier(ITrustPolicy? trust = null, bool allowUncheckedStatus = false) => new(
        new CachingDidResolver(new CompositeDidResolver(new DidKeyResolver())),
        new CredentialVerifierOptions { AllowUncheckedStatus = allowUncheckedStatus },
        new FakeTimeProvider(Now),
        trust);

    private static void AssertProblem(CredentialVerificationResult result, string code) =>
        Assert.That(result.Problems, Has.Some.Matches<DidSdk.Core.Problem>(p => p.Code == code), string.Join("; ", result.Problems));

    [Test]
    public async Task VerifyAsync_VcJose_VerifiedWithCredential()
    {
        var token = await VcJwt.IssueJoseAsync(Credential(), _signer);

        var result = await Verifier(new TrustedIssuersPolicy([_issuerDid])).VerifyAsync(token);

        Assert.That(result.Problems, Is.Empty);
        Assert.That(result.Format, Is.EqualTo(CredentialFormats.VcJose));
        Assert.That(result.Issuer, Is.EqualTo(_issuerDid));
        Assert.That(result.Credential!.Credential["credentialSubject"]!["kyc_level"]!.GetValue<string>(), Is.EqualTo("enhanced"));
        Assert.That(Jws.ReadCompact(token).Token!.Type, Is.EqualTo("vc+jwt"));
    }

    [TestCase(KeyType.Ed25519)]
    [TestCase(KeyType.Secp256k1)]
    [TestCase(KeyType.P256)]
    public async Task VerifyAsync_VcJwt11_VerifiedAndRebuilt(KeyType type)
    {
        using var key = PrivateKey.Generate(type);
        var did = DidKey.Create(key.PublicKey);
        var credential = Credential(did, validUntil: Now.AddYears(1));
        credential["@context"] = new JsonArray("https://www.w3.org/2018/credentials/v1");
        credential.Remove("validFrom");
        credential.Remove("validUntil");
        credential["issuanceDate"] = "2026-01-01T00:00:00Z";
        credential["expirationDate"] = "2027-01-01T00:00:00Z";
        var token = await VcJwt.IssueJwt11Async(credential, new KeySigner(key, DidKey.GetVerificationMethodId(key.PublicKey)));
        var claims = JsonNode.Parse(Jws.ReadCompact(token).Token!.Payload.Span)!;

        var result = await Verifier().VerifyAsync(token);

        Assert.That(result.Problems, Is.Empty);
        Assert.That(result.Format, Is.EqualTo(CredentialFormats.VcJwt11));
        Assert.That(claims["iss"]!.GetValue<string>(), Is.EqualTo(did));
        Assert.That(claims["sub"]!.GetValue<string>(), Is.EqualTo("did:example:customer"));
        Assert.That(claims["jti"]!.GetValue<string>(), Is.EqualTo("urn:uuid:3978344f-8596-4c3a-a978-8fcaba3903c5"));
        Assert.That(claims["nbf"]!.GetValue<long>(), Is.EqualTo(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeSeconds()));
    }

    [Test]
    public async Task VerifyAsync_DataIntegrity_Verified()
    {
        var secured = await DataIntegrity.AddProofAsync(Credential(), _signer, new DataIntegrityProofOptions { VerificationMethod = _signer.KeyId!, Created = Now });

        var result = await Verifier().VerifyAsync(secured.ToJsonString());

        Assert.That(result.Problems, Is.Empty);
        Assert.That(result.Format, Is.EqualTo(CredentialFormats.DataIntegrity));
    }

    [Test]
    public async Task VerifyAsync_DataIntegrityProofSetAndChain_Verified()
    {
        var first = await DataIntegrity.AddProofAsync(Credential(), _signer, new DataIntegrityProofOptions { VerificationMethod = _signer.KeyId!, Created = Now.AddMinutes(-2), Id = "urn:proof:1" });
        var set = await DataIntegrity.AddProofAsync(first, _signer, new DataIntegrityProofOptions { VerificationMethod = _signer.KeyId!, Created = Now.AddMinutes(-1), Id = "urn:proof:2" });
        var chain = await DataIntegrity.AddProofAsync(set, _signer, new DataIntegrityProofOptions { VerificationMethod = _signer.KeyId!, Created = Now, PreviousProof = ["urn:proof:1", "urn:proof:2"] });

        var result = await Verifier().VerifyAsync(chain.ToJsonString());

        Assert.That(chain["proof"]!.AsArray(), Has.Count.EqualTo(3));
        Assert.That(result.Problems, Is.Empty);

        var broken = chain.DeepClone().AsObject();
        broken["proof"]![0]!["created"] = "2020-01-01T00:00:00Z";
        AssertProblem(await Verifier().VerifyAsync(broken.ToJsonString()), CredentialProblemCodes.SignatureInvalid);

        var unchained = chain.DeepClone().AsObject();
        unchained["proof"]![2]!["previousProof"] = "urn:proof:9";
        AssertProblem(await Verifier().VerifyAsync(unchained.ToJsonString()), CredentialProblemCodes.PreviousProofNotFound);
    }

    [Test]
    public async Task VerifyAsync_TamperedJosePayload_SignatureInvalid()
    {
        var token = await VcJwt.IssueJoseAsync(Credential(), _signer);
        var parts = token.Split('.');
        var payload = JsonNode.Parse(StrictBase64Url.TryDecode(parts[1], out var b) ? b : [])!;
        payload["credentialSubject"]!["kyc_level"] = "none-needed";
        var forged = $"{parts[0]}.{StrictBase64Url.Encode(Encoding.UTF8.GetBytes(payload.ToJsonString()))}.{parts[2]}";

        AssertProblem(await Verifier().VerifyAsync(forged), CredentialProblemCodes.SignatureInvalid);
    }

    [Test]
    public async Task VerifyAsync_TamperedDataIntegrity_SignatureInvalid()
    {
        var secured = await DataIntegrity.AddProofAsync(Credential(), _signer, new DataIntegrityProofOptions { VerificationMethod = _signer.KeyId!, Created = Now });
        secured["credentialSubject"]!["kyc_level"] = "none-needed";

        AssertProblem(await Verifier().VerifyAsync(secured.ToJsonString()), CredentialProblemCodes.SignatureInvalid);
    }

    [Test]
    public async Task VerifyAsync_SignedByAnotherKeyClaimingIssuer_KidNotIssuer()
    {
        using var attacker = PrivateKey.Generate(KeyType.Ed25519);
        var token = await VcJwt.IssueJoseAsync(Credential(), new KeySigner(attacker, DidKey.GetVerificationMethodId(attacker.PublicKey)));

        AssertProblem(await Verifier().VerifyAsync(token), CredentialProblemCodes.KeyIdNotIssuer);
    }

    [Test]
    public async Task VerifyAsync_WrongKeyWithIssuerKid_SignatureInvalid()
    {
        using var attacker = PrivateKey.Generate(KeyType.Ed25519);
        var token = await VcJwt.IssueJoseAsync(Credential(), new KeySigner(attacker, _signer.KeyId));

        AssertProblem(await Verifier().VerifyAsync(token), CredentialProblemCodes.SignatureInvalid);
    }

    [Test]
    public async Task VerifyAsync_AlgNotOfTheIssuerKeyType_AlgorithmKeyMismatch()
    {
        // An Ed25519 signature labelled ES256K: the key's own algorithm decides, never the header's claim.
        var token = await VcJwt.IssueJoseAsync(Credential(), new MislabelledSigner(_issuerKey, _signer.KeyId!));

        var result = await Verifier().VerifyAsync(token);

        Assert.That(result.Succeeded, Is.False);
        AssertProblem(result, CredentialProblemCodes.AlgorithmKeyMismatch);
    }

    private sealed class MislabelledSigner(PrivateKey key, string keyId) : ISigner
    {
        public SigningAlgorithm Algorithm => SigningAlgorithm.Secp256k1;

        public string? KeyId => keyId;

        public ValueTask<byte[]> SignAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(SigningAlgorithm.Ed25519.Sign(key, data.Span));
    }

    [Test]
    public async Task VerifyAsync_KeyAgreementMethod_NotAuthorized()
    {
        var keyAgreement = DidKey.CreateDocument(_issuerKey.PublicKey).KeyAgreement.Single().Id;
        var token = await VcJwt.IssueJoseAsync(Credential(), new KeySigner(_issuerKey, keyAgreement));

        var result = await Verifier().VerifyAsync(token);

        AssertProblem(result, CredentialProblemCodes.VerificationMethodRejected);
        Assert.That(result.Problems.Single().Cause?.Code, Is.EqualTo(DidSdk.Core.Dids.DidProblemCodes.VerificationMethodNotAuthorized));
    }

    [TestCase(-400, CredentialProblemCodes.Expired)]
    [TestCase(30, CredentialProblemCodes.NotYetValid)]
    public async Task VerifyAsync_OutsideValidity_TimeProblem(int fromDays, string code)
    {
        var credential = fromDays < 0 ? Credential(validFrom: Now.AddDays(fromDays), validUntil: Now.AddDays(-1)) : Credential(validFrom: Now.AddDays(fromDays));
        var token = await VcJwt.IssueJoseAsync(credential, _signer);

        AssertProblem(await Verifier().VerifyAsync(token), code);
    }

    [Test]
    public async Task VerifyAsync_UntrustedIssuer_Rejected()
    {
        var token = await VcJwt.IssueJoseAsync(Credential(), _signer);

        AssertProblem(await Verifier(new TrustedIssuersPolicy(["did:example:other-bank"])).VerifyAsync(token), CredentialProblemCodes.UntrustedIssuer);
    }

    [Test]
    public async Task VerifyAsync_StatusNotCheckable_RejectedUnlessAllowed()
    {
        var credential = Credential();
        credential["credentialStatus"] = new JsonObject { ["type"] = "ExampleStatus", ["id"] = "https://bank-a.example/status#1" };
        var token = await VcJwt.IssueJoseAsync(credential, _signer);

        AssertProblem(await Verifier().VerifyAsync(token), CredentialProblemCodes.StatusUnchecked);
        Assert.That((await Verifier(allowUncheckedStatus: true).VerifyAsync(token)).Problems, Is.Empty);
    }

    // A kid is verified through the token's signing input in place; a missing, relative or empty kid takes the other paths.
    [Test]
    public async Task VerifyAsync_VcJoseWithoutKid_VerifiedWithAnyAssertionMethod()
    {
        var token = await Jws.SignCompactAsync(new JsonObject { ["typ"] = "vc+jwt" }, Encoding.UTF8.GetBytes(Credential().ToJsonString()), new KeySigner(_issuerKey));

        Assert.That(Jws.ReadCompact(token).Token!.KeyId, Is.Null);
        Assert.That((await Verifier().VerifyAsync(token)).Problems, Is.Empty);
    }

    [Test]
    public async Task VerifyAsync_VcJoseRelativeKid_Verified()
    {
        var kid = DidKey.GetVerificationMethodId(_issuerKey.PublicKey)[_issuerDid.Length..];
        var token = await Jws.SignCompactAsync(new JsonObject { ["typ"] = "vc+jwt", ["kid"] = kid }, Encoding.UTF8.GetBytes(Credential().ToJsonString()), new KeySigner(_issuerKey));

        Assert.That((await Verifier().VerifyAsync(token)).Problems, Is.Empty);
    }

    [Test]
    public async Task VerifyAsync_VcJoseEmptyKid_VerificationMethodRejected()
    {
        var token = await Jws.SignCompactAsync(new JsonObject { ["typ"] = "vc+jwt", ["kid"] = "" }, Encoding.UTF8.GetBytes(Credential().ToJsonString()), new KeySigner(_issuerKey));

        var result = await Verifier().VerifyAsync(token);

        AssertProblem(result, CredentialProblemCodes.VerificationMethodRejected);
        Assert.That(result.Problems[0].Cause!.Code, Is.EqualTo(DidSdk.Core.Dids.DidProblemCodes.InvalidRelativeReference));
    }

    [Test]
    public async Task VerifyAsync_VcJoseSignatureOfOtherToken_SignatureInvalid()
    {
        var token = await VcJwt.IssueJoseAsync(Credential(), _signer);
        var other = await VcJwt.IssueJoseAsync(Credential(validUntil: Now.AddYears(1)), _signer);
        var forged = token[..(token.LastIndexOf('.') + 1)] + other[(other.LastIndexOf('.') + 1)..];

        var result = await Verifier().VerifyAsync(forged);

        AssertProblem(result, CredentialProblemCodes.SignatureInvalid);
        Assert.That(result.Succeeded, Is.False);
    }

    // The payload is parsed from a buffer cleared afterwards: numbers and strings in the result must not depend on it.
    [Test]
    public async Task VerifyAsync_VcJoseWithNumericClaims_ClaimsIntactAfterVerify()
    {
        var credential = Credential();
        credential["iat"] = 1764000000;
        credential["credentialSubject"]!["score"] = 12345.5;
        var token = await VcJwt.IssueJoseAsync(credential, _signer);

        var result = await Verifier().VerifyAsync(token);

        Assert.That(result.Problems, Is.Empty);
        Assert.That(result.Claims!["iat"]!.GetValue<long>(), Is.EqualTo(1764000000));
        Assert.That(result.Claims["credentialSubject"]!["score"]!.GetValue<double>(), Is.EqualTo(12345.5));
        Assert.That(result.Claims["credentialSubject"]!["kyc_level"]!.GetValue<string>(), Is.EqualTo("enhanced"));
    }

    [TestCase("{\"@context\":[\"https://www.w3.org/ns/credentials/v2\"],\"type\":\"VerifiableCredential\",\"type\":\"VerifiableCredential\"}", TestName = "VerifyAsync_VcJoseDuplicateMember_Malformed")]
    [TestCase("{\"a\":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}", TestName = "VerifyAsync_VcJoseTooDeep_Malformed")]
    [TestCase("[1]", TestName = "VerifyAsync_VcJoseArrayPayload_Malformed")]
    public async Task VerifyAsync_VcJoseHostilePayload_Malformed(string payload)
    {
        var token = await Jws.SignCompactAsync(new JsonObject { ["typ"] = "vc+jwt" }, Encoding.UTF8.GetBytes(payload), _signer);

        var result = await Verifier().VerifyAsync(token);

        Assert.That(result.Succeeded, Is.False);
        AssertProblem(result, CredentialProblemCodes.Malformed);
    }

    [Test]
    public async Task VerifyAsync_UnknownCriticalHeader_InvalidJws()
    {
        var token = await Jws.SignCompactAsync(new JsonObject { ["typ"] = "vc+jwt", ["crit"] = new JsonArray("exp-policy"), ["exp-policy"] = 1 }, Encoding.UTF8.GetBytes(Credential().ToJsonString()), _signer);

        AssertProblem(await Verifier().VerifyAsync(token), CredentialProblemCodes.InvalidJws);
    }

    [Test]
    public async Task VerifyAsync_AlgNone_InvalidJws()
    {
        var token = StrictBase64Url.Encode("{\"alg\":\"none\",\"typ\":\"vc+jwt\"}"u8) + "." + StrictBase64Url.Encode(Encoding.UTF8.GetBytes(Credential().ToJsonString())) + ".";

        AssertProblem(await Verifier().VerifyAsync(token), CredentialProblemCodes.InvalidJws);
    }

    [Test]
    public async Task VerifyAsync_Oversized_Malformed()
    {
        AssertProblem(await Verifier().VerifyAsync(new string('a', 2 * 1024 * 1024)), CredentialProblemCodes.Malformed);
    }

    [TestCase("not a credential")]
    [TestCase("a~b~c")]
    public async Task VerifyAsync_UnknownFormat_Unsupported(string input)
    {
        AssertProblem(await Verifier().VerifyAsync(input), CredentialProblemCodes.UnsupportedFormat);
    }

    [Test]
    public async Task VerifyAsync_JwtWithoutVcClaimOrType_WrongType()
    {
        var token = await Jws.SignCompactAsync(new JsonObject { ["typ"] = "JWT" }, "{\"iss\":\"x\"}"u8.ToArray(), _signer);

        AssertProblem(await Verifier().VerifyAsync(token), CredentialProblemCodes.WrongType);
    }

    [Test]
    public void IssueJoseAsync_InvalidCredential_Throws()
    {
        var credential = Credential();
        credential.Remove("issuer");

        Assert.That(() => VcJwt.IssueJoseAsync(credential, _signer), Throws.ArgumentException);
    }
}
