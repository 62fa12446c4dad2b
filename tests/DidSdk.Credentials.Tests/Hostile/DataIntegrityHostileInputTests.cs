using System.Text.Json.Nodes;
using DidSdk.Core.Jose;
using DidSdk.Crypto;

namespace DidSdk.Credentials.Tests.Hostile;

/// <summary>Data Integrity (<c>eddsa-jcs-2022</c>) credentials under hostile input. Extend by category.</summary>
public sealed class DataIntegrityHostileInputTests : HostileInputFixture
{
    private Task<JsonObject> SecureAsync(JsonObject? credential = null, DataIntegrityProofOptions? options = null, ISigner? signer = null) =>
        DataIntegrity.AddProofAsync(credential ?? Credential(), signer ?? Issuer, options ?? new DataIntegrityProofOptions { VerificationMethod = Issuer.KeyId!, Created = Now.AddHours(-1) });

    /// <summary>Re-signs after the proof options were changed, so only the rule under test can fail.</summary>
    private async Task<string> WithProofAsync(Action<JsonObject> change)
    {
        var secured = await SecureAsync();
        var proof = secured["proof"]!.AsObject();
        proof.Remove("proofValue");
        change(proof);
        var unsecured = secured.DeepClone().AsObject();
        unsecured.Remove("proof");
        var configuration = proof.DeepClone().AsObject();
        configuration["@context"] = unsecured["@context"]!.DeepClone();
        var signature = await Issuer.SignAsync(DataIntegrity.HashData(unsecured, configuration));
        proof["proofValue"] = Multibase.Encode(MultibaseEncoding.Base58Btc, signature);
        return secured.ToJsonString();
    }

    [Test]
    public async Task VerifyAsync_WellFormed_Verified()
    {
        Assert.That((await Verifier().VerifyAsync((await SecureAsync()).ToJsonString())).Problems, Is.Empty);
    }

    // ---- Size and depth ----

    [Test]
    public async Task VerifyAsync_NestedTooDeep_Malformed()
    {
        var json = "{\"a\":" + string.Concat(Enumerable.Repeat("[", 100)) + string.Concat(Enumerable.Repeat("]", 100)) + "}";

        AssertProblem(await Verifier().VerifyAsync(json), CredentialProblemCodes.Malformed);
    }

    // ---- Types ----

    [Test]
    public async Task VerifyAsync_NoProof_ProofMissing()
    {
        AssertProblem(await Verifier().VerifyAsync(Credential().ToJsonString()), CredentialProblemCodes.ProofMissing);
    }

    [Test]
    public async Task VerifyAsync_ProofPurposeIsNumber_ProofPurposeMismatch()
    {
        AssertProblem(await Verifier().VerifyAsync(await WithProofAsync(p => p["proofPurpose"] = 7)), CredentialProblemCodes.ProofPurposeMismatch);
    }

    [Test]
    public async Task VerifyAsync_PreviousProofIsNumber_PreviousProofNotFound()
    {
        AssertProblem(await Verifier().VerifyAsync(await WithProofAsync(p => p["previousProof"] = 3)), CredentialProblemCodes.PreviousProofNotFound);
    }

    [Test]
    public async Task VerifyAsync_OtherCryptosuite_UnsupportedCryptosuite()
    {
        AssertProblem(await Verifier().VerifyAsync(await WithProofAsync(p => p["cryptosuite"] = "eddsa-2099")), CredentialProblemCodes.UnsupportedCryptosuite);
    }

    [TestCase("z1111", TestName = "VerifyAsync_ProofValueTooShort_ProofMalformed")]
    [TestCase("uAAAA", TestName = "VerifyAsync_ProofValueNotBase58_ProofMalformed")]
    [TestCase("zuH8f1HnCXUvSJREhyKzsspDHt\uFFFDEuASPUEn3f8koXcJNKsKMwhQELgPcQdt6NAJ9d8zakEDNfhGJhg7sL6iupaLW", TestName = "VerifyAsync_ProofValueNonAsciiCharacter_ProofMalformed")]
    public async Task VerifyAsync_BadProofValue_ProofMalformed(string proofValue)
    {
        var secured = await SecureAsync();
        secured["proof"]!["proofValue"] = proofValue;

        AssertProblem(await Verifier().VerifyAsync(secured.ToJsonString()), CredentialProblemCodes.ProofMalformed);
    }

    [Test]
    public async Task VerifyAsync_ProofContextNotPrefix_ProofContextMismatch()
    {
        var secured = await SecureAsync();
        secured["proof"]!["@context"] = new JsonArray("https://example.org/other");

        AssertProblem(await Verifier().VerifyAsync(secured.ToJsonString()), CredentialProblemCodes.ProofContextMismatch);
    }

    // ---- Time claims (issue 13 finding 6) ----

    [TestCase("\"yesterday\"", TestName = "VerifyAsync_CreatedYesterdayWord_ProofDateInvalid")]
    [TestCase("5", TestName = "VerifyAsync_CreatedNumber_ProofDateInvalid")]
    [TestCase("\"2026-13-01T00:00:00Z\"", TestName = "VerifyAsync_CreatedMonth13_ProofDateInvalid")]
    public async Task VerifyAsync_CreatedUnreadable_ProofDateInvalid(string raw)
    {
        AssertProblem(await Verifier().VerifyAsync(await WithProofAsync(p => p["created"] = JsonNode.Parse(raw))), CredentialProblemCodes.ProofDateInvalid);
    }

    [Test]
    public async Task VerifyAsync_Created2099_ProofCreatedInFuture()
    {
        AssertProblem(await Verifier().VerifyAsync(await WithProofAsync(p => p["created"] = "2099-01-01T00:00:00Z")), CredentialProblemCodes.ProofCreatedInFuture);
    }

    [Test]
    public async Task VerifyAsync_CreatedWithinSkew_Verified()
    {
        Assert.That((await Verifier().VerifyAsync(await WithProofAsync(p => p["created"] = Xsd(Now.AddSeconds(30))))).Problems, Is.Empty);
    }

    [Test]
    public async Task VerifyAsync_ExpiresPassed_ProofExpired()
    {
        AssertProblem(await Verifier().VerifyAsync(await WithProofAsync(p => p["expires"] = Xsd(Now.AddMinutes(-10)))), CredentialProblemCodes.ProofExpired);
    }

    [Test]
    public async Task VerifyAsync_ExpiresUnreadable_ProofDateInvalid()
    {
        AssertProblem(await Verifier().VerifyAsync(await WithProofAsync(p => p["expires"] = "soon")), CredentialProblemCodes.ProofDateInvalid);
    }

    [Test]
    public async Task VerifyAsync_ValidUntilPassed_Expired()
    {
        var credential = Credential();
        credential["validUntil"] = Xsd(Now.AddDays(-1));

        AssertProblem(await Verifier().VerifyAsync((await SecureAsync(credential)).ToJsonString()), CredentialProblemCodes.Expired);
    }

    // ---- Claim contradictions ----

    [Test]
    public async Task VerifyAsync_ProofPurposeAuthentication_ProofPurposeMismatch()
    {
        AssertProblem(await Verifier().VerifyAsync(await WithProofAsync(p => p["proofPurpose"] = "authentication")), CredentialProblemCodes.ProofPurposeMismatch);
    }

    // ---- Algorithm confusion ----

    [Test]
    public void AddProofAsync_NonEd25519Signer_Throws()
    {
        using var p256 = PrivateKey.Generate(KeyType.P256);

        Assert.That(() => SecureAsync(signer: new KeySigner(p256, "did:example:x#1"), options: new DataIntegrityProofOptions { VerificationMethod = "did:example:x#1" }), Throws.ArgumentException);
    }

    // ---- PrivateKey substitution ----

    [Test]
    public async Task VerifyAsync_AttackerMethodForIssuer_VerificationMethodRejected()
    {
        var secured = await SecureAsync(options: new DataIntegrityProofOptions { VerificationMethod = Attacker.KeyId!, Created = Now.AddHours(-1) }, signer: Attacker);

        AssertProblem(await Verifier().VerifyAsync(secured.ToJsonString()), CredentialProblemCodes.VerificationMethodRejected);
    }

    [Test]
    public async Task VerifyAsync_AttackerSignsWithIssuerMethod_SignatureInvalid()
    {
        var secured = await SecureAsync(signer: new KeySigner(AttackerKey, Issuer.KeyId));

        var result = await Verifier().VerifyAsync(secured.ToJsonString());

        AssertProblem(result, CredentialProblemCodes.SignatureInvalid);
        Assert.That(result.Problems.Single().Cause, Is.Not.Null);
    }

    [Test]
    public async Task VerifyAsync_ProofChainFromAnotherDidThenIssuer_Verified()
    {
        // As the vc-di-eddsa suite's previousProof case: a first proof by another party, the issuer's proof chained to it.
        var first = await SecureAsync(options: new DataIntegrityProofOptions { Id = "urn:uuid:first", VerificationMethod = Attacker.KeyId!, Created = Now.AddHours(-1) }, signer: Attacker);
        var chained = await DataIntegrity.AddProofAsync(first, Issuer, new DataIntegrityProofOptions { VerificationMethod = Issuer.KeyId!, Created = Now.AddHours(-1), PreviousProof = ["urn:uuid:first"] });

        Assert.That((await Verifier().VerifyAsync(chained.ToJsonString())).Problems, Is.Empty);
    }

    [Test]
    public async Task VerifyAsync_OtherDidProofForged_SignatureInvalid()
    {
        var secured = await SecureAsync();
        var forged = await DataIntegrity.AddProofAsync(secured, new KeySigner(IssuerKey, Attacker.KeyId), new DataIntegrityProofOptions { VerificationMethod = Attacker.KeyId!, Created = Now.AddHours(-1) });

        AssertProblem(await Verifier().VerifyAsync(forged.ToJsonString()), CredentialProblemCodes.SignatureInvalid);
    }

    // ---- Encoding ----

    [TestCase("{\"a\":1,\"a\":2}", TestName = "VerifyAsync_DuplicateMember_Malformed")]
    [TestCase("{\"a\":", TestName = "VerifyAsync_Truncated_Malformed")]
    [TestCase("{\"a\":\"\\ud800\"}", TestName = "VerifyAsync_LoneSurrogate_Malformed")]
    public async Task VerifyAsync_BadJson_Malformed(string json)
    {
        AssertProblem(await Verifier().VerifyAsync(json), CredentialProblemCodes.Malformed);
    }

    [Test]
    public async Task VerifyAsync_IssuerDidMethodUnknown_IssuerNotResolved()
    {
        var secured = await SecureAsync(Credential("did:example:bank"), new DataIntegrityProofOptions { VerificationMethod = "did:example:bank#key-1", Created = Now.AddHours(-1) });

        AssertProblem(await Verifier().VerifyAsync(secured.ToJsonString()), CredentialProblemCodes.IssuerNotResolved);
    }
}
