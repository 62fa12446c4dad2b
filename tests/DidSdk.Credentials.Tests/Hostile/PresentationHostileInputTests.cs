using System.Text.Json.Nodes;
using DidSdk.Core.Methods;
using DidSdk.Core.Resolution;
using DidSdk.Core.Jose;
using Microsoft.Extensions.Time.Testing;

namespace DidSdk.Credentials.Tests.Hostile;

/// <summary>Presentations (VP-JWT 1.1, VP-JOSE, Data Integrity) under hostile input. Extend by category.</summary>
public sealed class PresentationHostileInputTests : HostileInputFixture
{
    private const string Audience = "https://bank-b.example";
    private const string Nonce = "n-0S6_WzA2Mj";

    private static PresentationVerifier Presentations() =>
        new(new CredentialVerifier(new CompositeDidResolver(new DidKeyResolver()), timeProvider: new FakeTimeProvider(Now)));

    /// <summary>A VP-JWT 1.1 by the attacker-controlled holder key (here: <see cref="HostileInputFixture.Attacker"/> is just "the holder").</summary>
    private async Task<string> VpJwt11Async(params (string Name, string RawJson)[] claims)
    {
        var vc = await VcJwt.IssueJwt11Async(Credential(), Issuer);
        var payload = new JsonObject
        {
            ["iss"] = AttackerDid,
            ["aud"] = Audience,
            ["nonce"] = Nonce,
            ["vp"] = new JsonObject
            {
                ["@context"] = new JsonArray("https://www.w3.org/2018/credentials/v1"),
                ["type"] = new JsonArray("VerifiablePresentation"),
                ["verifiableCredential"] = new JsonArray(vc),
            },
        };
        return await SignAsync(WithClaims(payload, claims), Attacker, "JWT");
    }

    [Test]
    public async Task VerifyAsync_WellFormed_Verified()
    {
        var result = await Presentations().VerifyAsync(await VpJwt11Async(("exp", $"{Unix(Now.AddMinutes(5))}"), ("iat", $"{Unix(Now)}")), Audience, Nonce);

        Assert.That(result.Problems, Is.Empty);
        Assert.That(result.Issuer, Is.EqualTo(AttackerDid));
    }

    // ---- Size and depth ----

    [Test]
    public async Task VerifyAsync_LargerThanLimit_Malformed()
    {
        AssertProblem(await Presentations().VerifyAsync(new string('{', 2 * 1024 * 1024), Audience, Nonce), CredentialProblemCodes.Malformed);
    }

    // ---- Types ----

    [Test]
    public async Task VerifyAsync_AudIsNumber_Malformed()
    {
        AssertProblem(await Presentations().VerifyAsync(await SignAsync($"{{\"iss\":\"{AttackerDid}\",\"aud\":5,\"vp\":{{}}}}", Attacker, "JWT"), Audience, Nonce), CredentialProblemCodes.Malformed);
    }

    // ---- Time claims (issue 13 finding 2: a presentation's exp/nbf/iat were never checked) ----

    [Test]
    public async Task VerifyAsync_ExpPassed_PresentationExpired()
    {
        AssertProblem(await Presentations().VerifyAsync(await VpJwt11Async(("exp", $"{Unix(Now.AddMinutes(-10))}")), Audience, Nonce), CredentialProblemCodes.PresentationExpired);
    }

    [Test]
    public async Task VerifyAsync_NbfInFuture_PresentationNotYetValid()
    {
        AssertProblem(await Presentations().VerifyAsync(await VpJwt11Async(("nbf", $"{Unix(Now.AddMinutes(10))}")), Audience, Nonce), CredentialProblemCodes.PresentationNotYetValid);
    }

    [Test]
    public async Task VerifyAsync_IatInFuture_IssuedInFuture()
    {
        AssertProblem(await Presentations().VerifyAsync(await VpJwt11Async(("iat", $"{Unix(Now.AddMinutes(10))}")), Audience, Nonce), CredentialProblemCodes.IssuedInFuture);
    }

    [TestCase("exp", "\"1000\"", TestName = "VerifyAsync_VpExpIsString_InvalidTimeClaim")]
    [TestCase("nbf", "1e400", TestName = "VerifyAsync_VpNbfOverflows_InvalidTimeClaim")]
    public async Task VerifyAsync_UnreadableTimeClaim_InvalidTimeClaim(string claim, string raw)
    {
        AssertProblem(await Presentations().VerifyAsync(await VpJwt11Async((claim, raw)), Audience, Nonce), CredentialProblemCodes.InvalidTimeClaim);
    }

    // ---- Claim contradictions ----

    [Test]
    public async Task VerifyAsync_VpJoseIssContradictsHolder_IssuerMismatch()
    {
        var presentation = new JsonObject
        {
            ["@context"] = new JsonArray("https://www.w3.org/ns/credentials/v2"),
            ["type"] = new JsonArray("VerifiablePresentation"),
            ["holder"] = AttackerDid,
        };
        var token = await SignAsync(WithClaims(presentation, ("iss", $"\"{IssuerDid}\""), ("aud", $"\"{Audience}\""), ("nonce", $"\"{Nonce}\"")), Attacker, "vp+jwt");

        AssertProblem(await Presentations().VerifyAsync(token, Audience, Nonce), CredentialProblemCodes.IssuerMismatch);
    }

    [Test]
    public async Task VerifyAsync_EmbeddedCredentialForged_EmbeddedInvalidWithCause()
    {
        var forged = await VcJwt.IssueJwt11Async(Credential(), new KeySigner(AttackerKey, Issuer.KeyId));
        var vp = await VcJwt.PresentJwt11Async(AttackerDid, [forged], Attacker, Audience, Nonce);

        var result = await Presentations().VerifyAsync(vp, Audience, Nonce);

        AssertProblem(result, CredentialProblemCodes.EmbeddedCredentialInvalid);
        Assert.That(result.Problems.Single().Cause?.Code, Is.EqualTo(CredentialProblemCodes.SignatureInvalid));
    }

    // ---- Algorithm confusion ----

    [Test]
    public async Task VerifyAsync_AlgNone_InvalidJws()
    {
        var token = DidSdk.Core.Json.StrictBase64Url.Encode("{\"alg\":\"none\"}"u8) + "." + DidSdk.Core.Json.StrictBase64Url.Encode("{\"vp\":{}}"u8) + ".";

        AssertProblem(await Presentations().VerifyAsync(token, Audience, Nonce), CredentialProblemCodes.InvalidJws);
    }

    // ---- PrivateKey substitution ----

    [Test]
    public async Task VerifyAsync_SignedByOtherThanIss_SignatureRejected()
    {
        var payload = $"{{\"iss\":\"{IssuerDid}\",\"aud\":\"{Audience}\",\"nonce\":\"{Nonce}\",\"vp\":{{\"@context\":[\"https://www.w3.org/2018/credentials/v1\"],\"type\":[\"VerifiablePresentation\"]}}}}";

        AssertProblem(await Presentations().VerifyAsync(await SignAsync(payload, new KeySigner(AttackerKey, Issuer.KeyId)), Audience, Nonce), CredentialProblemCodes.SignatureInvalid);
    }

    // ---- Data Integrity presentations ----

    private async Task<JsonObject> DiPresentationAsync(bool withHolder, DateTimeOffset? created = null, DateTimeOffset? expires = null)
    {
        var vc = await DataIntegrity.AddProofAsync(Credential(), Issuer, new DataIntegrityProofOptions { VerificationMethod = Issuer.KeyId!, Created = Now.AddHours(-1) });
        var presentation = new JsonObject
        {
            ["@context"] = new JsonArray("https://www.w3.org/ns/credentials/v2"),
            ["type"] = new JsonArray("VerifiablePresentation"),
            ["verifiableCredential"] = new JsonArray(vc),
        };
        if (withHolder)
        {
            presentation["holder"] = AttackerDid;
        }

        return await DataIntegrity.AddProofAsync(presentation, Attacker, new DataIntegrityProofOptions
        {
            VerificationMethod = Attacker.KeyId!,
            ProofPurpose = "authentication",
            Challenge = Nonce,
            Domain = Audience,
            Created = created ?? Now,
            Expires = expires,
        });
    }

    [Test]
    public async Task VerifyAsync_DataIntegrityWithoutHolder_PresenterFromProof()
    {
        // Issue 19 item 2: holder is optional in VC 2.0; the authentication proof still binds the presenter's key.
        var result = await Presentations().VerifyAsync((await DiPresentationAsync(withHolder: false)).ToJsonString(), Audience, Nonce);

        Assert.That(result.Problems, Is.Empty);
        Assert.That(result.Issuer, Is.EqualTo(AttackerDid));
    }

    [Test]
    public async Task VerifyAsync_DataIntegrityHolderNotTheSigner_Rejected()
    {
        var presentation = await DiPresentationAsync(withHolder: false);
        presentation["holder"] = IssuerDid;

        var result = await Presentations().VerifyAsync(presentation.ToJsonString(), Audience, Nonce);

        AssertProblem(result, CredentialProblemCodes.VerificationMethodRejected);
    }

    [Test]
    public async Task VerifyAsync_DataIntegrityProofCreatedInFuture_ProofCreatedInFuture()
    {
        AssertProblem(await Presentations().VerifyAsync((await DiPresentationAsync(true, created: Now.AddHours(1))).ToJsonString(), Audience, Nonce), CredentialProblemCodes.ProofCreatedInFuture);
    }

    [Test]
    public async Task VerifyAsync_DataIntegrityProofExpired_PresentationExpired()
    {
        AssertProblem(await Presentations().VerifyAsync((await DiPresentationAsync(true, created: Now.AddHours(-2), expires: Now.AddHours(-1))).ToJsonString(), Audience, Nonce), CredentialProblemCodes.PresentationExpired);
    }

    [Test]
    public async Task VerifyAsync_DataIntegrityTampered_SignatureInvalid()
    {
        var presentation = await DiPresentationAsync(true);
        presentation["type"] = new JsonArray("VerifiablePresentation", "Extra");

        AssertProblem(await Presentations().VerifyAsync(presentation.ToJsonString(), Audience, Nonce), CredentialProblemCodes.SignatureInvalid);
    }
}
