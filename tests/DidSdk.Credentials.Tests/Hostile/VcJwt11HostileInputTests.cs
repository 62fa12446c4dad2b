using System.Text.Json.Nodes;
using DidSdk.Core.Jose;
using DidSdk.Crypto;

namespace DidSdk.Credentials.Tests.Hostile;

/// <summary>VC-JWT 1.1 (the <c>vc</c> claim) under hostile input. Extend by category.</summary>
public sealed class VcJwt11HostileInputTests : HostileInputFixture
{
    private async Task<string> Jwt11Async(JsonObject vc, ISigner? signer = null, params (string Name, string RawJson)[] claims)
    {
        var payload = new JsonObject { ["vc"] = vc.DeepClone() };
        return await SignAsync(WithClaims(payload, claims), signer ?? Issuer, "JWT");
    }

    private string Iss => $"\"{IssuerDid}\"";

    [Test]
    public async Task VerifyAsync_WellFormed_Verified()
    {
        var result = await Verifier().VerifyAsync(await Jwt11Async(Credential11(), null, ("iss", Iss), ("sub", "\"did:example:customer\""), ("nbf", $"{Unix(Now.AddDays(-1))}")));

        Assert.That(result.Problems, Is.Empty);
        Assert.That(result.Format, Is.EqualTo(CredentialFormats.VcJwt11));
    }

    // ---- Size and depth ----

    [Test]
    public async Task VerifyAsync_VcNestedTooDeep_Malformed()
    {
        var vc = Credential11();
        vc["credentialSubject"]!["deep"] = JsonNode.Parse(string.Concat(Enumerable.Repeat("{\"a\":", 40)) + "1" + string.Concat(Enumerable.Repeat("}", 40)));

        AssertProblem(await Verifier().VerifyAsync(await Jwt11Async(vc, null, ("iss", Iss))), CredentialProblemCodes.Malformed);
    }

    // ---- Types ----

    [Test]
    public async Task VerifyAsync_NoIss_InvalidIssuer()
    {
        AssertProblem(await Verifier().VerifyAsync(await Jwt11Async(Credential11())), CredentialProblemCodes.InvalidIssuer);
    }

    [Test]
    public async Task VerifyAsync_SubIsNumber_Malformed()
    {
        AssertProblem(await Verifier().VerifyAsync(await Jwt11Async(Credential11(), null, ("iss", Iss), ("sub", "5"))), CredentialProblemCodes.Malformed);
    }

    [Test]
    public async Task VerifyAsync_VcClaimIsString_WrongType()
    {
        AssertProblem(await Verifier().VerifyAsync(await SignAsync($"{{\"iss\":{Iss},\"vc\":\"x\"}}", Issuer, "JWT")), CredentialProblemCodes.WrongType);
    }

    // ---- Time claims ----

    [TestCase("exp", "\"1000\"", TestName = "VerifyAsync_Jwt11ExpIsString_InvalidTimeClaim")]
    [TestCase("nbf", "1e300", TestName = "VerifyAsync_Jwt11NbfFarFuture_InvalidTimeClaim")]
    [TestCase("iat", "false", TestName = "VerifyAsync_Jwt11IatIsBoolean_InvalidTimeClaim")]
    public async Task VerifyAsync_UnreadableTimeClaim_InvalidTimeClaim(string claim, string rawValue)
    {
        AssertProblem(await Verifier().VerifyAsync(await Jwt11Async(Credential11(), null, ("iss", Iss), (claim, rawValue))), CredentialProblemCodes.InvalidTimeClaim);
    }

    [Test]
    public async Task VerifyAsync_IssuanceDateInFutureWithoutNbf_IssuedInFuture()
    {
        // Issue 13 finding 4: only expirationDate was checked.
        var vc = Credential11();
        vc["issuanceDate"] = Xsd(Now.AddDays(30));

        AssertProblem(await Verifier().VerifyAsync(await Jwt11Async(vc, null, ("iss", Iss))), CredentialProblemCodes.IssuedInFuture);
    }

    [Test]
    public async Task VerifyAsync_ExpirationDatePassedWithoutExp_Expired()
    {
        var vc = Credential11();
        vc["issuanceDate"] = Xsd(Now.AddDays(-10));
        vc["expirationDate"] = Xsd(Now.AddDays(-2));

        AssertProblem(await Verifier().VerifyAsync(await Jwt11Async(vc, null, ("iss", Iss))), CredentialProblemCodes.Expired);
    }

    [Test]
    public async Task VerifyAsync_IatInFuture_IssuedInFuture()
    {
        AssertProblem(await Verifier().VerifyAsync(await Jwt11Async(Credential11(), null, ("iss", Iss), ("iat", $"{Unix(Now.AddDays(2))}"))), CredentialProblemCodes.IssuedInFuture);
    }

    // ---- Claim contradictions ----

    [Test]
    public async Task VerifyAsync_IssContradictsVcIssuer_IssuerMismatch()
    {
        AssertProblem(await Verifier().VerifyAsync(await Jwt11Async(Credential11(), null, ("iss", $"\"{AttackerDid}\""))), CredentialProblemCodes.IssuerMismatch);
    }

    [Test]
    public async Task VerifyAsync_JtiContradictsVcId_IdMismatch()
    {
        var vc = Credential11();
        vc["id"] = "urn:uuid:1";

        AssertProblem(await Verifier().VerifyAsync(await Jwt11Async(vc, null, ("iss", Iss), ("jti", "\"urn:uuid:2\""))), CredentialProblemCodes.IdMismatch);
    }

    [Test]
    public async Task VerifyAsync_SubContradictsSubjectArray_SubjectMismatch()
    {
        // Issue 13 finding 5: sub was compared only with a single subject object.
        var vc = Credential11();
        vc["credentialSubject"] = new JsonArray(new JsonObject { ["id"] = "did:example:a", ["x"] = 1 }, new JsonObject { ["id"] = "did:example:b", ["x"] = 2 });

        AssertProblem(await Verifier().VerifyAsync(await Jwt11Async(vc, null, ("iss", Iss), ("sub", "\"did:example:c\""))), CredentialProblemCodes.SubjectMismatch);
        Assert.That((await Verifier().VerifyAsync(await Jwt11Async(vc, null, ("iss", Iss), ("sub", "\"did:example:b\"")))).Problems, Is.Empty);
    }

    [Test]
    public async Task VerifyAsync_SubContradictsSubjectObject_SubjectMismatch()
    {
        AssertProblem(await Verifier().VerifyAsync(await Jwt11Async(Credential11(), null, ("iss", Iss), ("sub", "\"did:example:c\""))), CredentialProblemCodes.SubjectMismatch);
    }

    [Test]
    public async Task VerifyAsync_NbfContradictsIssuanceDate_ValidFromMismatch()
    {
        AssertProblem(await Verifier().VerifyAsync(await Jwt11Async(Credential11(), null, ("iss", Iss), ("nbf", $"{Unix(Now.AddDays(-100))}"))), CredentialProblemCodes.ValidFromMismatch);
    }

    [Test]
    public async Task VerifyAsync_ExpContradictsExpirationDate_ValidUntilMismatch()
    {
        var vc = Credential11();
        vc["expirationDate"] = Xsd(Now.AddDays(10));

        AssertProblem(await Verifier().VerifyAsync(await Jwt11Async(vc, null, ("iss", Iss), ("exp", $"{Unix(Now.AddYears(10))}"))), CredentialProblemCodes.ValidUntilMismatch);
    }

    // ---- Algorithm confusion ----

    [Test]
    public async Task VerifyAsync_P256KeyClaimingIssuerWithoutKid_SignatureRejected()
    {
        using var p256 = PrivateKey.Generate(KeyType.P256);

        var result = await Verifier().VerifyAsync(await Jwt11Async(Credential11(), new KeySigner(p256), ("iss", Iss)));

        Assert.That(result.Succeeded, Is.False);
        Assert.That(result.Problems.Single().Code, Is.EqualTo(CredentialProblemCodes.AlgorithmKeyMismatch));
    }

    // ---- PrivateKey substitution ----

    [Test]
    public async Task VerifyAsync_AttackerSignsWithoutKidClaimingIssuer_SignatureInvalid()
    {
        AssertProblem(await Verifier().VerifyAsync(await Jwt11Async(Credential11(), new KeySigner(AttackerKey), ("iss", Iss))), CredentialProblemCodes.SignatureInvalid);
    }

    [Test]
    public async Task VerifyAsync_SuppliedAttackerKeyForDidIssuer_SignatureInvalid()
    {
        var keys = new Dictionary<string, PublicKeyMaterial> { [IssuerDid] = AttackerKey.PublicKey };

        AssertProblem(await Verifier(keys).VerifyAsync(await Jwt11Async(Credential11(), new KeySigner(AttackerKey), ("iss", Iss))), CredentialProblemCodes.SignatureInvalid);
    }

    // ---- Encoding ----

    [Test]
    public async Task VerifyAsync_IssuerDidMalformed_IssuerNotResolved()
    {
        var vc = Credential11("did:key:not-a-key");

        AssertProblem(await Verifier().VerifyAsync(await Jwt11Async(vc, new KeySigner(IssuerKey), ("iss", "\"did:key:not-a-key\""))), CredentialProblemCodes.IssuerNotResolved);
    }
}
