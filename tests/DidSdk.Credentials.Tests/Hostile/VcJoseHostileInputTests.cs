using System.Text;
using System.Text.Json.Nodes;
using DidSdk.Core.Json;
using DidSdk.Core.Jose;
using DidSdk.Crypto;

namespace DidSdk.Credentials.Tests.Hostile;

/// <summary>VC-JOSE (<c>vc+jwt</c>) under hostile input. Extend by category.</summary>
public sealed class VcJoseHostileInputTests : HostileInputFixture
{
    // ---- Size and depth ----

    [Test]
    public async Task VerifyAsync_LargerThanLimit_Malformed()
    {
        AssertProblem(await Verifier().VerifyAsync(new string('a', 2 * 1024 * 1024)), CredentialProblemCodes.Malformed);
    }

    [Test]
    public async Task VerifyAsync_PayloadNestedTooDeep_Malformed()
    {
        var credential = Credential();
        credential["credentialSubject"]!["deep"] = JsonNode.Parse(string.Concat(Enumerable.Repeat("[", 40)) + string.Concat(Enumerable.Repeat("]", 40)));

        AssertProblem(await Verifier().VerifyAsync(await SignAsync(credential.ToJsonString(), Issuer)), CredentialProblemCodes.Malformed);
    }

    // ---- Types ----

    [Test]
    public async Task VerifyAsync_IssuerIsNumber_InvalidIssuer()
    {
        var credential = Credential();
        credential["issuer"] = 42;

        AssertProblem(await Verifier().VerifyAsync(await SignAsync(credential.ToJsonString(), Issuer)), CredentialProblemCodes.InvalidIssuer);
    }

    [Test]
    public async Task VerifyAsync_IssIsNumber_Malformed()
    {
        AssertProblem(await Verifier().VerifyAsync(await SignAsync(WithClaims(Credential(), ("iss", "7")), Issuer)), CredentialProblemCodes.Malformed);
    }

    // ---- Time claims (issue 13 finding 1: an unreadable claim is an error, never "absent") ----

    [TestCase("exp", "\"1000\"", TestName = "VerifyAsync_ExpIsString_InvalidTimeClaim")]
    [TestCase("exp", "true", TestName = "VerifyAsync_ExpIsBoolean_InvalidTimeClaim")]
    [TestCase("exp", "1e400", TestName = "VerifyAsync_ExpOverflowsDouble_InvalidTimeClaim")]
    [TestCase("exp", "12345678901234567890123456", TestName = "VerifyAsync_Exp26DigitInteger_InvalidTimeClaim")]
    [TestCase("exp", "-1e20", TestName = "VerifyAsync_ExpHugeNegative_InvalidTimeClaim")]
    [TestCase("nbf", "1e300", TestName = "VerifyAsync_NbfFarFuture_InvalidTimeClaim")]
    [TestCase("nbf", "null", TestName = "VerifyAsync_NbfNull_InvalidTimeClaim")]
    [TestCase("iat", "\"yesterday\"", TestName = "VerifyAsync_IatIsString_InvalidTimeClaim")]
    [TestCase("iat", "[1]", TestName = "VerifyAsync_IatIsArray_InvalidTimeClaim")]
    public async Task VerifyAsync_UnreadableTimeClaim_InvalidTimeClaim(string claim, string rawValue)
    {
        var token = await SignAsync(WithClaims(Credential(), (claim, rawValue)), Issuer);

        var result = await Verifier().VerifyAsync(token);

        AssertProblem(result, CredentialProblemCodes.InvalidTimeClaim);
    }

    [Test]
    public async Task VerifyAsync_ExpPassed_Expired()
    {
        AssertProblem(await Verifier().VerifyAsync(await SignAsync(WithClaims(Credential(), ("exp", $"{Unix(Now.AddDays(-1))}")), Issuer)), CredentialProblemCodes.Expired);
    }

    [Test]
    public async Task VerifyAsync_IatInFuture_IssuedInFuture()
    {
        AssertProblem(await Verifier().VerifyAsync(await SignAsync(WithClaims(Credential(), ("iat", $"{Unix(Now.AddDays(1))}")), Issuer)), CredentialProblemCodes.IssuedInFuture);
    }

    [Test]
    public async Task VerifyAsync_ConsistentClaims_Verified()
    {
        var credential = Credential();
        credential["validUntil"] = Xsd(Now.AddYears(1));
        var payload = WithClaims(credential, ("iss", $"\"{IssuerDid}\""), ("sub", "\"did:example:customer\""), ("jti", "\"urn:uuid:3978344f-8596-4c3a-a978-8fcaba3903c5\""),
            ("nbf", $"{Unix(Now.AddDays(-1))}"), ("exp", $"{Unix(Now.AddYears(1))}"), ("iat", $"{Unix(Now.AddDays(-1))}"));

        var result = await Verifier().VerifyAsync(await SignAsync(payload, Issuer));

        Assert.That(result.Problems, Is.Empty);
        Assert.That(result.Succeeded, Is.True);
    }

    // ---- Claim contradictions (finding 3) ----

    [TestCase("iss", "\"did:example:someone-else\"", CredentialProblemCodes.IssuerMismatch, TestName = "VerifyAsync_IssContradictsIssuer_IssuerMismatch")]
    [TestCase("sub", "\"did:example:someone-else\"", CredentialProblemCodes.SubjectMismatch, TestName = "VerifyAsync_SubContradictsSubjectId_SubjectMismatch")]
    [TestCase("jti", "\"urn:uuid:other\"", CredentialProblemCodes.IdMismatch, TestName = "VerifyAsync_JtiContradictsId_IdMismatch")]
    public async Task VerifyAsync_StringClaimContradicts_Mismatch(string claim, string rawValue, string code)
    {
        AssertProblem(await Verifier().VerifyAsync(await SignAsync(WithClaims(Credential(), (claim, rawValue)), Issuer)), code);
    }

    [Test]
    public async Task VerifyAsync_NbfContradictsValidFrom_ValidFromMismatch()
    {
        AssertProblem(await Verifier().VerifyAsync(await SignAsync(WithClaims(Credential(), ("nbf", $"{Unix(Now.AddDays(-30))}")), Issuer)), CredentialProblemCodes.ValidFromMismatch);
    }

    [Test]
    public async Task VerifyAsync_ExpContradictsValidUntil_ValidUntilMismatch()
    {
        var credential = Credential();
        credential["validUntil"] = Xsd(Now.AddYears(1));

        AssertProblem(await Verifier().VerifyAsync(await SignAsync(WithClaims(credential, ("exp", $"{Unix(Now.AddYears(5))}")), Issuer)), CredentialProblemCodes.ValidUntilMismatch);
    }

    // ---- Algorithm confusion ----

    [TestCase("none", TestName = "VerifyAsync_AlgNone_InvalidJws")]
    [TestCase("HS256", TestName = "VerifyAsync_AlgHs256_InvalidJws")]
    [TestCase("RS256", TestName = "VerifyAsync_AlgRs256_InvalidJws")]
    public async Task VerifyAsync_AlgorithmOutsideAllowList_InvalidJws(string alg)
    {
        var token = StrictBase64Url.Encode(Encoding.UTF8.GetBytes($"{{\"alg\":\"{alg}\",\"typ\":\"vc+jwt\"}}")) + "." + StrictBase64Url.Encode(Encoding.UTF8.GetBytes(Credential().ToJsonString())) + ".c2ln";

        AssertProblem(await Verifier().VerifyAsync(token), CredentialProblemCodes.InvalidJws);
    }

    [Test]
    public async Task VerifyAsync_Es256kHighSTwinOfValidSignature_SignatureInvalid()
    {
        // Finding 7: (r, n - s) verifies under plain ECDSA; ES256K requires low S, like did-jwt, Bitcoin and Ethereum.
        using var key = PrivateKey.Generate(KeyType.Secp256k1);
        var did = Core.Methods.DidKey.Create(key.PublicKey);
        var token = await VcJwt.IssueJoseAsync(Credential(did), new KeySigner(key, Core.Methods.DidKey.GetVerificationMethodId(key.PublicKey)));
        var parts = token.Split('.');
        Assert.That(StrictBase64Url.TryDecode(parts[2], out var signature), Is.True);
        var n = System.Numerics.BigInteger.Parse("0fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141", System.Globalization.NumberStyles.HexNumber);
        var highS = (n - new System.Numerics.BigInteger(signature!.AsSpan(32), isUnsigned: true, isBigEndian: true)).ToByteArray(isUnsigned: true, isBigEndian: true);
        var twin = $"{parts[0]}.{parts[1]}.{StrictBase64Url.Encode([.. signature![..32], .. new byte[32 - highS.Length], .. highS])}";

        Assert.That((await Verifier().VerifyAsync(token)).Succeeded, Is.True, "the low-S original");
        AssertProblem(await Verifier().VerifyAsync(twin), CredentialProblemCodes.SignatureInvalid);
    }

    // ---- PrivateKey substitution (finding 8: a supplied key never stands in for a DID issuer) ----

    [Test]
    public async Task VerifyAsync_SuppliedKeyForDidIssuer_DidKeyDecides()
    {
        // Signed by the attacker, claiming the issuer's did:key and kid, with the attacker's key supplied "for" the issuer.
        var token = await VcJwt.IssueJoseAsync(Credential(), new KeySigner(AttackerKey, Issuer.KeyId));
        var keys = new Dictionary<string, PublicKeyMaterial> { [IssuerDid] = AttackerKey.PublicKey };

        AssertProblem(await Verifier(keys).VerifyAsync(token), CredentialProblemCodes.SignatureInvalid);
    }

    [Test]
    public async Task VerifyAsync_AttackerKidForDidIssuer_KeyIdNotIssuer()
    {
        var token = await VcJwt.IssueJoseAsync(Credential(), Attacker);
        var keys = new Dictionary<string, PublicKeyMaterial> { [IssuerDid] = AttackerKey.PublicKey };

        AssertProblem(await Verifier(keys).VerifyAsync(token), CredentialProblemCodes.KeyIdNotIssuer);
    }

    [Test]
    public async Task VerifyAsync_UrlIssuerWithSuppliedKey_Verified()
    {
        const string issuer = "https://bank-a.example/issuer";
        var token = await VcJwt.IssueJoseAsync(Credential(issuer), new KeySigner(IssuerKey, "https://bank-a.example/issuer#key-1"));

        var result = await Verifier(new Dictionary<string, PublicKeyMaterial> { [issuer] = IssuerKey.PublicKey }).VerifyAsync(token);

        Assert.That(result.Problems, Is.Empty);
        Assert.That(result.Issuer, Is.EqualTo(issuer));
    }

    [Test]
    public async Task VerifyAsync_UrlIssuerSignedByOtherKey_SignatureInvalid()
    {
        const string issuer = "https://bank-a.example/issuer";
        var token = await VcJwt.IssueJoseAsync(Credential(issuer), new KeySigner(AttackerKey));

        AssertProblem(await Verifier(new Dictionary<string, PublicKeyMaterial> { [issuer] = IssuerKey.PublicKey }).VerifyAsync(token), CredentialProblemCodes.SignatureInvalid);
    }

    [Test]
    public async Task VerifyAsync_UrlIssuerWithoutSuppliedKey_IssuerKeyUnavailable()
    {
        var token = await VcJwt.IssueJoseAsync(Credential("https://bank-a.example/issuer"), new KeySigner(IssuerKey));

        AssertProblem(await Verifier().VerifyAsync(token), CredentialProblemCodes.IssuerKeyUnavailable);
    }

    [Test]
    public async Task VerifyAsync_UrlIssuerSuppliedKeyOfWrongType_AlgorithmKeyMismatch()
    {
        const string issuer = "https://bank-a.example/issuer";
        using var p256 = PrivateKey.Generate(KeyType.P256);
        var token = await VcJwt.IssueJoseAsync(Credential(issuer), new KeySigner(IssuerKey));

        AssertProblem(await Verifier(new Dictionary<string, PublicKeyMaterial> { [issuer] = p256.PublicKey }).VerifyAsync(token), CredentialProblemCodes.AlgorithmKeyMismatch);
    }

    // ---- Encoding ----

    [TestCase("not json at all", TestName = "VerifyAsync_PayloadNotJson_Malformed")]
    [TestCase("[1,2,3]", TestName = "VerifyAsync_PayloadArray_Malformed")]
    [TestCase("{\"a\":1,\"a\":2}", TestName = "VerifyAsync_PayloadDuplicateMember_Malformed")]
    public async Task VerifyAsync_PayloadNotAJsonObject_Malformed(string payload)
    {
        AssertProblem(await Verifier().VerifyAsync(await SignAsync(payload, Issuer)), CredentialProblemCodes.Malformed);
    }

    [Test]
    public async Task VerifyAsync_PaddedBase64Payload_InvalidJws()
    {
        var token = await VcJwt.IssueJoseAsync(Credential(), Issuer);
        var parts = token.Split('.');

        AssertProblem(await Verifier().VerifyAsync(parts[0] + "." + parts[1] + "=." + parts[2]), CredentialProblemCodes.InvalidJws);
    }
}
