using System.Formats.Cbor;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using DidSdk.Core;
using DidSdk.Core.Dids;
using DidSdk.Core.Jose;
using DidSdk.Core.Methods;
using DidSdk.Core.Resolution;
using DidSdk.Crypto;
using Microsoft.Extensions.Time.Testing;

namespace DidSdk.Credentials.Tests;

/// <summary><see cref="VcCose"/> issuing and the verifiers' <c>vc+cose</c> / <c>vp+cose</c> paths, round trips on did:key and a DID whose methods have distinct purposes.</summary>
public sealed class VcCoseTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    private static JsonObject Credential(string issuer, DateTimeOffset? validUntil = null)
    {
        var vc = new JsonObject
        {
            ["@context"] = new JsonArray("https://www.w3.org/ns/credentials/v2"),
            ["id"] = "urn:uuid:3978344f-8596-4c3a-a978-8fcaba3903c5",
            ["type"] = new JsonArray("VerifiableCredential", "KycCredential"),
            ["issuer"] = issuer,
            ["validFrom"] = Xsd(Now.AddDays(-1)),
            ["credentialSubject"] = new JsonObject { ["id"] = "did:example:customer", ["kyc_level"] = "enhanced" },
        };
        if (validUntil is { } until)
        {
            vc["validUntil"] = Xsd(until);
        }

        return vc;
    }

    private static string Xsd(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    private static CredentialVerifier Verifier(IDidResolver? resolver = null, ITrustPolicy? trust = null, CredentialVerifierOptions? options = null) => new(
        resolver ?? new CachingDidResolver(new CompositeDidResolver(new DidKeyResolver())),
        options ?? new CredentialVerifierOptions(),
        new FakeTimeProvider(Now),
        trust);

    private static void AssertProblem(CredentialVerificationResult result, string code)
    {
        Assert.That(result.Succeeded, Is.False);
        Assert.That(result.Problems, Has.Some.Matches<Problem>(p => p.Code == code), string.Join("; ", result.Problems));
    }

    [TestCase(KeyType.Ed25519, -8)]
    [TestCase(KeyType.P256, -7)]
    [TestCase(KeyType.P384, -35)]
    [TestCase(KeyType.P521, -36)]
    [TestCase(KeyType.Secp256k1, -47)]
    public async Task IssueAsync_EachAlgorithm_RoundTripVerified(KeyType keyType, int alg)
    {
        using var key = PrivateKey.Generate(keyType);
        var issuer = DidKey.Create(key.PublicKey);
        var signer = new KeySigner(key, DidKey.GetVerificationMethodId(key.PublicKey));

        var message = await VcCose.IssueAsync(Credential(issuer), signer);
        var result = await Verifier(trust: new TrustedIssuersPolicy([issuer])).VerifyCoseAsync(message);

        Assert.That(result.Problems, Is.Empty);
        Assert.That(result.Format, Is.EqualTo(CredentialFormats.VcCose));
        Assert.That(result.Issuer, Is.EqualTo(issuer));
        Assert.That(result.Claims!["credentialSubject"]!["kyc_level"]!.GetValue<string>(), Is.EqualTo("enhanced"));
        Assert.That(result.Trust!.Succeeded, Is.True);
        Assert.That(message[..2], Is.EqualTo(new byte[] { 0xD2, 0x84 }), "COSE_Sign1_Tagged");
        Assert.That(CoseSign1.TryRead(message, CoseReaderOptions.Default, out var read, out _), Is.True);
        Assert.That(read!.Algorithm, Is.EqualTo(alg));
        Assert.That(read.KeyId, Is.EqualTo(signer.KeyId));
        Assert.That(read.Type, Is.EqualTo("application/vc+cose"));
        Assert.That(read.ContentType, Is.EqualTo("application/vc"));
        Assert.That(JsonNode.DeepEquals(JsonNode.Parse(read.Payload.Span), Credential(issuer)), Is.True, "the payload is the credential");
    }

    [Test]
    public async Task IssueAsync_ProtectedHeader_IsTheCanonicalMapOfTheFourParameters()
    {
        using var key = PrivateKey.Generate(KeyType.Ed25519);
        var signer = new KeySigner(key, "did:example:bank#key-1");

        var message = await VcCose.IssueAsync(Credential("did:example:bank"), signer);

        var reader = new CborReader(message, CborConformanceMode.Canonical);
        Assert.That(reader.ReadTag(), Is.EqualTo((CborTag)18));
        Assert.That(reader.ReadStartArray(), Is.EqualTo(4));
        var header = new CborReader(reader.ReadByteString(), CborConformanceMode.Canonical);
        Assert.That(header.ReadStartMap(), Is.EqualTo(4));
        Assert.That((header.ReadInt32(), header.ReadInt32()), Is.EqualTo((1, -8)));
        Assert.That((header.ReadInt32(), header.ReadTextString()), Is.EqualTo((3, "application/vc")));
        Assert.That((header.ReadInt32(), Encoding.UTF8.GetString(header.ReadByteString())), Is.EqualTo((4, "did:example:bank#key-1")));
        Assert.That((header.ReadInt32(), header.ReadTextString()), Is.EqualTo((16, "application/vc+cose")));
        Assert.That(reader.ReadStartMap(), Is.Zero, "nothing unprotected");
    }

    [Test]
    public async Task VerifyAsync_TextForms_Base64Base64UrlAndDataUrl_AllVerified()
    {
        using var key = PrivateKey.Generate(KeyType.P256);
        var signer = new KeySigner(key, DidKey.GetVerificationMethodId(key.PublicKey));
        var message = await VcCose.IssueAsync(Credential(DidKey.Create(key.PublicKey)), signer);
        var verifier = Verifier();

        foreach (var text in new[] { Convert.ToBase64String(message), StrictBase64UrlOf(message), VcCose.EnvelopedCredentialPrefix + Convert.ToBase64String(message), "\n" + Convert.ToBase64String(message) + "\n" })
        {
            var result = await verifier.VerifyAsync(text);
            Assert.That(result.Problems, Is.Empty, text[..16]);
            Assert.That(result.Format, Is.EqualTo(CredentialFormats.VcCose));
        }
    }

    private static string StrictBase64UrlOf(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    [Test]
    public async Task VerifyAsync_DataUrlNotBase64_InvalidCose()
    {
        AssertProblem(await Verifier().VerifyAsync(VcCose.EnvelopedCredentialPrefix + "not base64!"), CredentialProblemCodes.InvalidCose);
    }

    [Test]
    public async Task VerifyCoseAsync_Expired_Expired()
    {
        using var key = PrivateKey.Generate(KeyType.Ed25519);
        var message = await VcCose.IssueAsync(Credential(DidKey.Create(key.PublicKey), validUntil: Now.AddDays(-1).AddSeconds(1)), new KeySigner(key, DidKey.GetVerificationMethodId(key.PublicKey)));

        AssertProblem(await Verifier().VerifyCoseAsync(message), CredentialProblemCodes.Expired);
        Assert.That((await Verifier(options: new CredentialVerifierOptions { AllowExpiredCredentials = true }).VerifyCoseAsync(message)).Succeeded, Is.True);
    }

    [Test]
    public async Task VerifyCoseAsync_NotYetValid_NotYetValid()
    {
        using var key = PrivateKey.Generate(KeyType.Ed25519);
        var credential = Credential(DidKey.Create(key.PublicKey));
        credential["validFrom"] = Xsd(Now.AddDays(1));
        var message = await VcCose.IssueAsync(credential, new KeySigner(key, DidKey.GetVerificationMethodId(key.PublicKey)));

        AssertProblem(await Verifier().VerifyCoseAsync(message), CredentialProblemCodes.NotYetValid);
    }

    [Test]
    public async Task VerifyCoseAsync_StatusEntryWithoutFetcher_StatusUnchecked()
    {
        using var key = PrivateKey.Generate(KeyType.Ed25519);
        var credential = Credential(DidKey.Create(key.PublicKey));
        credential["credentialStatus"] = new BitstringStatusListIssuer(new Uri("https://bank-a.example/status/1")).Entry(7);
        var message = await VcCose.IssueAsync(credential, new KeySigner(key, DidKey.GetVerificationMethodId(key.PublicKey)));

        AssertProblem(await Verifier().VerifyCoseAsync(message), CredentialProblemCodes.StatusUnchecked);
    }

    [Test]
    public async Task VerifyCoseAsync_IssuerNotTrusted_UntrustedIssuer()
    {
        using var key = PrivateKey.Generate(KeyType.Ed25519);
        var message = await VcCose.IssueAsync(Credential(DidKey.Create(key.PublicKey)), new KeySigner(key, DidKey.GetVerificationMethodId(key.PublicKey)));

        AssertProblem(await Verifier(trust: new TrustedIssuersPolicy(["did:example:someone-else"])).VerifyCoseAsync(message), CredentialProblemCodes.UntrustedIssuer);
    }

    [Test]
    public async Task VerifyCoseAsync_ModelInvalidCredential_DataModelProblem()
    {
        using var key = PrivateKey.Generate(KeyType.Ed25519);
        var signer = new KeySigner(key, DidKey.GetVerificationMethodId(key.PublicKey));
        var credential = Credential(DidKey.Create(key.PublicKey));
        credential.Remove("credentialSubject");
        var message = await CoseMessages.SignAsync(CoseMessages.Header(-8, signer.KeyId), Encoding.UTF8.GetBytes(credential.ToJsonString()), signer);

        AssertProblem(await Verifier().VerifyCoseAsync(message), CredentialProblemCodes.InvalidCredentialSubject);
    }

    [Test]
    public async Task TryReadCredential_IssuedCredential_ReadsThePayloadWithoutResolving()
    {
        using var key = PrivateKey.Generate(KeyType.Ed25519);
        var issuer = DidKey.Create(key.PublicKey);

        var message = await VcCose.IssueAsync(Credential(issuer), new KeySigner(key, DidKey.GetVerificationMethodId(key.PublicKey)));

        Assert.That(VcCose.TryReadCredential(message, out var credential, out var problem), Is.True, problem?.ToString());
        Assert.That(JsonNode.DeepEquals(credential, Credential(issuer)), Is.True);
    }

    [Test]
    public async Task TryReadCredential_WrongSignature_StillRead()
    {
        // Reading is not verifying: a holder reads what it holds; the verifier checks the signature.
        using var key = PrivateKey.Generate(KeyType.Ed25519);
        using var other = PrivateKey.Generate(KeyType.Ed25519);
        var message = await VcCose.IssueAsync(Credential(DidKey.Create(key.PublicKey)), new KeySigner(other, DidKey.GetVerificationMethodId(key.PublicKey)));

        Assert.That(VcCose.TryReadCredential(message, out _, out _), Is.True);
        AssertProblem(await Verifier().VerifyCoseAsync(message), CredentialProblemCodes.SignatureInvalid);
    }

    private static IEnumerable<TestCaseData> RefusedMessages()
    {
        static byte[] Payload(JsonObject credential) => Encoding.UTF8.GetBytes(credential.ToJsonString());
        const string kid = "did:example:bank#key-1";
        var credential = Credential("did:example:bank");
        var noSubject = Credential("did:example:bank");
        noSubject.Remove("credentialSubject");
        var kidBytes = Encoding.UTF8.GetBytes(kid);
        yield return new TestCaseData(CoseMessages.Header(-8, kid, extra: (1, -8)), Payload(credential), CredentialProblemCodes.CoseDuplicateLabel).SetName("TryReadCredential_AlgTwice_CoseDuplicateLabel");
        yield return new TestCaseData(CoseMessages.Map((16, "application/vc+cose"), (1, -8), (3, "application/vc"), (4, kidBytes)), Payload(credential), CredentialProblemCodes.CoseNotCanonical).SetName("TryReadCredential_LabelsUnsorted_CoseNotCanonical");
        yield return new TestCaseData(CoseMessages.Map((1, new CoseMessages.Raw([0x38, 0x07])), (3, "application/vc"), (4, kidBytes), (16, "application/vc+cose")), Payload(credential), CredentialProblemCodes.CoseNotCanonical).SetName("TryReadCredential_AlgNotShortestForm_CoseNotCanonical");
        yield return new TestCaseData(CoseMessages.Header(-8, kid, type: "application/vp+cose", contentType: "application/vp"), Payload(credential), CredentialProblemCodes.WrongType).SetName("TryReadCredential_PresentationType_WrongType");
        yield return new TestCaseData(CoseMessages.Header(-8, kid, contentType: "application/json"), Payload(credential), CredentialProblemCodes.WrongType).SetName("TryReadCredential_WrongContentType_WrongType");
        yield return new TestCaseData(CoseMessages.Header(-8, kid, type: "application/cose"), Payload(credential), CredentialProblemCodes.WrongType).SetName("TryReadCredential_WrongTyp_WrongType");
        yield return new TestCaseData(CoseMessages.Header(-8, kid), Encoding.UTF8.GetBytes("{\"a\":1,\"a\":2}"), CredentialProblemCodes.Malformed).SetName("TryReadCredential_DuplicateJsonMember_Malformed");
        yield return new TestCaseData(CoseMessages.Header(-8, kid), Payload(noSubject), CredentialProblemCodes.InvalidCredentialSubject).SetName("TryReadCredential_NoSubject_DataModelProblem");
    }

    [TestCaseSource(nameof(RefusedMessages))]
    public async Task TryReadCredential_Refused(byte[] protectedHeader, byte[] payload, string code)
    {
        using var key = PrivateKey.Generate(KeyType.Ed25519);
        var message = await CoseMessages.SignAsync(protectedHeader, payload, new KeySigner(key, "did:example:bank#key-1"));

        Assert.That(VcCose.TryReadCredential(message, out var credential, out var problem), Is.False);
        Assert.That(problem!.Code, Is.EqualTo(code), problem.Message);
        Assert.That(credential, Is.Null);
    }

    [Test]
    public async Task TryReadCredential_TruncatedOrTrailingBytes_InvalidCose()
    {
        using var key = PrivateKey.Generate(KeyType.Ed25519);
        var message = await VcCose.IssueAsync(Credential("did:example:bank"), new KeySigner(key, "did:example:bank#key-1"));

        foreach (var bytes in new[] { message[..(message.Length / 2)], [.. message, 0x00], Array.Empty<byte>() })
        {
            Assert.That(VcCose.TryReadCredential(bytes, out _, out var problem), Is.False);
            Assert.That(problem!.Code, Is.EqualTo(CredentialProblemCodes.InvalidCose), problem.Message);
        }
    }

    [Test]
    public async Task TryReadCredential_AlgorithmNotOnTheCallersList_CoseAlgorithmNotAllowed()
    {
        using var key = PrivateKey.Generate(KeyType.Ed25519);
        var message = await VcCose.IssueAsync(Credential("did:example:bank"), new KeySigner(key, "did:example:bank#key-1"));

        Assert.That(VcCose.TryReadCredential(message, new CoseReaderOptions { AllowedAlgorithms = [-7] }, out _, out var problem), Is.False);
        Assert.That(problem!.Code, Is.EqualTo(CredentialProblemCodes.CoseAlgorithmNotAllowed));
    }

    [Test]
    public void IssueAsync_InvalidCredential_Throws()
    {
        using var key = PrivateKey.Generate(KeyType.Ed25519);
        var credential = Credential("did:example:bank");
        credential.Remove("@context");

        Assert.ThrowsAsync<ArgumentException>(async () => await VcCose.IssueAsync(credential, new KeySigner(key, "did:example:bank#k")));
    }

    [Test]
    public async Task VerifyCoseAsync_AssertionMethodKey_VerifiedButAuthenticationOnlyKey_Rejected()
    {
        using var assertionKey = PrivateKey.Generate(KeyType.Ed25519);
        using var authenticationKey = PrivateKey.Generate(KeyType.Ed25519);
        var resolver = PurposeResolver(assertionKey, authenticationKey);

        var good = await VcCose.IssueAsync(Credential(Bank), new KeySigner(assertionKey, Bank + "#assert"));
        var wrongPurpose = await VcCose.IssueAsync(Credential(Bank), new KeySigner(authenticationKey, Bank + "#auth"));

        Assert.That((await Verifier(resolver).VerifyCoseAsync(good)).Problems, Is.Empty);
        AssertProblem(await Verifier(resolver).VerifyCoseAsync(wrongPurpose), CredentialProblemCodes.VerificationMethodRejected);
    }

    [Test]
    public async Task PresentAsync_AuthenticationKey_VerifiedButAssertionOnlyKey_Rejected()
    {
        using var assertionKey = PrivateKey.Generate(KeyType.Ed25519);
        using var authenticationKey = PrivateKey.Generate(KeyType.Ed25519);
        var presentations = new PresentationVerifier(Verifier(PurposeResolver(assertionKey, authenticationKey)));
        var presentation = new JsonObject
        {
            ["@context"] = new JsonArray("https://www.w3.org/ns/credentials/v2"),
            ["type"] = new JsonArray("VerifiablePresentation"),
            ["holder"] = Bank,
        };

        var good = await VcCose.PresentAsync(presentation, new KeySigner(authenticationKey, Bank + "#auth"), "https://verifier.example", "n-1");
        var wrongPurpose = await VcCose.PresentAsync(presentation, new KeySigner(assertionKey, Bank + "#assert"), "https://verifier.example", "n-1");

        Assert.That((await presentations.VerifyCoseAsync(good, "https://verifier.example", "n-1")).Problems, Is.Empty);
        AssertProblem(await presentations.VerifyCoseAsync(wrongPurpose, "https://verifier.example", "n-1"), CredentialProblemCodes.VerificationMethodRejected);
    }

    [Test]
    public async Task PresentAsync_EnvelopedCoseAndJoseCredentials_AllVerifiedAndBoundToAudienceAndNonce()
    {
        using var issuerKey = PrivateKey.Generate(KeyType.P384);
        using var holderKey = PrivateKey.Generate(KeyType.Ed25519);
        var issuer = DidKey.Create(issuerKey.PublicKey);
        var holder = DidKey.Create(holderKey.PublicKey);
        var issuerSigner = new KeySigner(issuerKey, DidKey.GetVerificationMethodId(issuerKey.PublicKey));
        var cose = await VcCose.IssueAsync(Credential(issuer), issuerSigner);
        var jose = await VcJwt.IssueJoseAsync(Credential(issuer), issuerSigner);
        var presentation = new JsonObject
        {
            ["@context"] = new JsonArray("https://www.w3.org/ns/credentials/v2"),
            ["type"] = new JsonArray("VerifiablePresentation"),
            ["holder"] = holder,
            ["verifiableCredential"] = new JsonArray(
                VcCose.EnvelopeCredential(cose),
                new JsonObject { ["@context"] = "https://www.w3.org/ns/credentials/v2", ["type"] = "EnvelopedVerifiableCredential", ["id"] = "data:application/vc+jwt," + jose }),
        };
        var vp = await VcCose.PresentAsync(presentation, new KeySigner(holderKey, DidKey.GetVerificationMethodId(holderKey.PublicKey)), "https://verifier.example", "n-1");
        var verifier = new PresentationVerifier(Verifier());

        var result = await verifier.VerifyCoseAsync(vp, "https://verifier.example", "n-1");
        Assert.That(result.Problems, Is.Empty);
        Assert.That(result.Format, Is.EqualTo(CredentialFormats.VpCose));
        Assert.That(result.Issuer, Is.EqualTo(holder));
        Assert.That(result.Credentials.Select(c => c.Format), Is.EqualTo(new[] { CredentialFormats.VcCose, CredentialFormats.VcJose }));
        Assert.That((await verifier.VerifyAsync(Convert.ToBase64String(vp), "https://verifier.example", "n-1")).Problems, Is.Empty, "base64 text");

        AssertProblem(await verifier.VerifyCoseAsync(vp, "https://verifier.example", "another"), CredentialProblemCodes.WrongNonce);
        AssertProblem(await verifier.VerifyCoseAsync(vp, "https://elsewhere.example", "n-1"), CredentialProblemCodes.WrongAudience);
        AssertProblem(await Verifier().VerifyCoseAsync(vp), CredentialProblemCodes.WrongType);
        AssertProblem(await verifier.VerifyCoseAsync(cose, "https://verifier.example", "n-1"), CredentialProblemCodes.WrongType);
    }

    [Test]
    public async Task PresentAsync_TamperedEnvelopedCredential_EmbeddedCredentialInvalid()
    {
        using var issuerKey = PrivateKey.Generate(KeyType.Ed25519);
        using var holderKey = PrivateKey.Generate(KeyType.Ed25519);
        var cose = await VcCose.IssueAsync(Credential(DidKey.Create(issuerKey.PublicKey)), new KeySigner(issuerKey, DidKey.GetVerificationMethodId(issuerKey.PublicKey)));
        cose[^1] ^= 1;
        var presentation = new JsonObject
        {
            ["@context"] = new JsonArray("https://www.w3.org/ns/credentials/v2"),
            ["type"] = new JsonArray("VerifiablePresentation"),
            ["holder"] = DidKey.Create(holderKey.PublicKey),
            ["verifiableCredential"] = new JsonArray(VcCose.EnvelopeCredential(cose)),
        };
        var vp = await VcCose.PresentAsync(presentation, new KeySigner(holderKey, DidKey.GetVerificationMethodId(holderKey.PublicKey)), "a", "n");

        var result = await new PresentationVerifier(Verifier()).VerifyCoseAsync(vp, "a", "n");

        AssertProblem(result, CredentialProblemCodes.EmbeddedCredentialInvalid);
        Assert.That(result.Problems.Single().Cause!.Code, Is.EqualTo(CredentialProblemCodes.SignatureInvalid));
    }

    private const string Bank = "did:example:bank";

    /// <summary>A resolver for <see cref="Bank"/>: <c>#assert</c> only in assertionMethod, <c>#auth</c> only in authentication.</summary>
    private static StaticResolver PurposeResolver(PrivateKey assertionKey, PrivateKey authenticationKey)
    {
        var document = new JsonObject
        {
            ["@context"] = new JsonArray("https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"),
            ["id"] = Bank,
            ["verificationMethod"] = new JsonArray(
                new JsonObject { ["id"] = Bank + "#assert", ["type"] = "Multikey", ["controller"] = Bank, ["publicKeyMultibase"] = Multikey.Encode(assertionKey.PublicKey) },
                new JsonObject { ["id"] = Bank + "#auth", ["type"] = "Multikey", ["controller"] = Bank, ["publicKeyMultibase"] = Multikey.Encode(authenticationKey.PublicKey) }),
            ["assertionMethod"] = new JsonArray(Bank + "#assert"),
            ["authentication"] = new JsonArray(Bank + "#auth"),
        };
        return DidDocument.TryParse(document.ToJsonString(), out var parsed, out var problem)
            ? new StaticResolver(parsed)
            : throw new InvalidOperationException(problem.ToString());
    }

    private sealed class StaticResolver(DidDocument document) : IDidResolver
    {
        public Task<DidResolutionResult> ResolveAsync(string did, DidResolutionOptions? options = null, CancellationToken cancellationToken = default) =>
            Task.FromResult(did == document.Id ? DidResolutionResult.Success(document) : DidResolutionResult.Failure("notFound"));
    }
}
