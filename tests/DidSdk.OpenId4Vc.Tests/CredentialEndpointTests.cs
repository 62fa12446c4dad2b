using System.Text;
using System.Text.Json.Nodes;
using DidSdk.Core.Jose;
using DidSdk.Core.Methods;
using DidSdk.Crypto;

namespace DidSdk.OpenId4Vc.Tests;

public sealed class CredentialEndpointTests : ProtocolTestBase
{
    private readonly List<PrivateKey> _keys = [];

    [TearDown]
    public void DisposeKeys() => _keys.ForEach(k => k.Dispose());

    private PrivateKey NewKey(KeyType type = KeyType.Ed25519)
    {
        var key = PrivateKey.Generate(type);
        _keys.Add(key);
        return key;
    }

    [Test]
    public async Task Credential_SdJwtVcWithProof_IssuedBoundToProofKeyWithStatusIndex()
    {
        var token = await AccessTokenAsync();
        var holder = NewKey(KeyType.P256);
        var result = await RequestCredentialAsync(token, CredentialRequest(TestIssuerSetup.SdJwtConfigurationId, await ProofAsync(holder, await NonceAsync(), Clock.GetUtcNow())));
        Assert.That(result.Succeeded, Is.True, result.Body.ToJsonString());
        var credential = result.Body["credentials"]![0]!["credential"]!.GetValue<string>();
        Assert.That(result.Body.ContainsKey("notification_id"), Is.False, "no notification handler, so no notification endpoint");

        var verification = await TestIssuerSetup.Verifier(Clock).VerifyAsync(credential);
        Assert.That(verification.Succeeded, Is.True, string.Join("; ", verification.Problems));
        var payload = IssuerPayload(credential.Split('~')[0]);
        Assert.That(payload["iss"]!.GetValue<string>(), Is.EqualTo(Setup.Did));
        Assert.That(payload["vct"]!.GetValue<string>(), Is.EqualTo(TestIssuerSetup.KycVct));
        Assert.That(Jwk.Parse(payload["cnf"]!["jwk"]!.ToJsonString()).ToPublicKey(), Is.EqualTo(holder.PublicKey));
        Assert.That(payload["status"]!["status_list"]!["idx"]!.GetValue<long>(), Is.Zero);
        Assert.That(payload["status"]!["status_list"]!["uri"]!.GetValue<string>(), Is.EqualTo(TestIssuerSetup.StatusListUri));
        Assert.That(payload.ContainsKey("given_name"), Is.False, "given_name is selectively disclosable");
        Assert.That(Setup.Claims.Calls, Is.EqualTo(1));
    }

    [Test]
    public async Task Credential_JwtVcJson_IssuedWithHolderDidJwkAsSubject()
    {
        var token = await AccessTokenAsync("customer-1", TestIssuerSetup.JwtVcConfigurationId);
        var holder = NewKey();
        var result = await RequestCredentialAsync(token, CredentialRequest(TestIssuerSetup.JwtVcConfigurationId, await ProofAsync(holder, await NonceAsync(), Clock.GetUtcNow())));
        Assert.That(result.Succeeded, Is.True, result.Body.ToJsonString());
        var credential = result.Body["credentials"]![0]!["credential"]!.GetValue<string>();
        var verification = await TestIssuerSetup.Verifier(Clock).VerifyAsync(credential);
        Assert.That(verification.Succeeded, Is.True, string.Join("; ", verification.Problems));
        var payload = IssuerPayload(credential);
        Assert.That(payload["sub"]!.GetValue<string>(), Is.EqualTo(DidJwk.Create(holder.PublicKey)));
        Assert.That(payload["vc"]!["credentialSubject"]!["kyc_level"]!.GetValue<string>(), Is.EqualTo("enhanced"));
    }

    [Test]
    public async Task Credential_BatchOfThreeProofs_ThreeCredentialsEachBoundToItsKey()
    {
        var token = await AccessTokenAsync();
        var nonce = await NonceAsync();
        var holders = new[] { NewKey(), NewKey(KeyType.P256), NewKey(KeyType.Secp256k1) };
        var proofs = await Task.WhenAll(holders.Select(h => ProofAsync(h, nonce, Clock.GetUtcNow())));
        var result = await RequestCredentialAsync(token, CredentialRequest(TestIssuerSetup.SdJwtConfigurationId, proofs));
        Assert.That(result.Succeeded, Is.True, result.Body.ToJsonString());
        var credentials = result.Body["credentials"]!.AsArray().Select(c => c!["credential"]!.GetValue<string>()).ToArray();
        Assert.That(credentials, Has.Length.EqualTo(3));
        for (var i = 0; i < 3; i++)
        {
            var payload = IssuerPayload(credentials[i].Split('~')[0]);
            Assert.That(Jwk.Parse(payload["cnf"]!["jwk"]!.ToJsonString()).ToPublicKey(), Is.EqualTo(holders[i].PublicKey));
            Assert.That(payload["status"]!["status_list"]!["idx"]!.GetValue<long>(), Is.EqualTo(i));
        }
    }

    [Test]
    public async Task Credential_MoreProofsThanBatchSize_InvalidProof()
    {
        var token = await AccessTokenAsync();
        var nonce = await NonceAsync();
        var proofs = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => ProofAsync(NewKey(), nonce, Clock.GetUtcNow())));
        Assert.That((await RequestCredentialAsync(token, CredentialRequest(TestIssuerSetup.SdJwtConfigurationId, proofs))).Error, Is.EqualTo(OpenId4VciErrorCodes.InvalidProof));
        await AssertNothingIssuedAsync();
    }

    [Test]
    public async Task Credential_SameKeyTwiceInBatch_InvalidProof()
    {
        var token = await AccessTokenAsync();
        var nonce = await NonceAsync();
        var key = NewKey();
        var result = await RequestCredentialAsync(token, CredentialRequest(TestIssuerSetup.SdJwtConfigurationId,
            await ProofAsync(key, nonce, Clock.GetUtcNow()), await ProofAsync(key, nonce, Clock.GetUtcNow())));
        Assert.That(result.Error, Is.EqualTo(OpenId4VciErrorCodes.InvalidProof));
        await AssertNothingIssuedAsync();
    }

    [Test]
    public async Task Credential_ReusedNonce_InvalidNonce()
    {
        var token = await AccessTokenAsync("customer-1", TestIssuerSetup.SdJwtConfigurationId, TestIssuerSetup.JwtVcConfigurationId);
        var nonce = await NonceAsync();
        var key = NewKey();
        Assert.That((await RequestCredentialAsync(token, CredentialRequest(TestIssuerSetup.SdJwtConfigurationId, await ProofAsync(key, nonce, Clock.GetUtcNow())))).Succeeded, Is.True);
        var replay = await RequestCredentialAsync(token, CredentialRequest(TestIssuerSetup.JwtVcConfigurationId, await ProofAsync(key, nonce, Clock.GetUtcNow())));
        Assert.That(replay.Error, Is.EqualTo(OpenId4VciErrorCodes.InvalidNonce));
        Assert.That(Setup.Claims.Calls, Is.EqualTo(1));
    }

    [Test]
    public async Task Credential_StaleNonce_InvalidNonce()
    {
        var token = await AccessTokenAsync();
        var nonce = await NonceAsync();
        Clock.Advance(TimeSpan.FromMinutes(4));
        token = await AccessTokenAsync();
        Clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        var result = await RequestCredentialAsync(token, CredentialRequest(TestIssuerSetup.SdJwtConfigurationId, await ProofAsync(NewKey(), nonce, Clock.GetUtcNow())));
        Assert.That(result.Error, Is.EqualTo(OpenId4VciErrorCodes.InvalidNonce));
        await AssertNothingIssuedAsync();
    }

    [Test]
    public async Task Credential_UnknownNonce_InvalidNonce()
    {
        var token = await AccessTokenAsync();
        var result = await RequestCredentialAsync(token, CredentialRequest(TestIssuerSetup.SdJwtConfigurationId, await ProofAsync(NewKey(), "made-up", Clock.GetUtcNow())));
        Assert.That(result.Error, Is.EqualTo(OpenId4VciErrorCodes.InvalidNonce));
        await AssertNothingIssuedAsync();
    }

    [Test]
    public async Task Credential_ProofWithoutNonce_InvalidNonce()
    {
        var token = await AccessTokenAsync();
        var proof = await ProofAsync(NewKey(), "x", Clock.GetUtcNow(), editPayload: p => p.Remove("nonce"));
        Assert.That((await RequestCredentialAsync(token, CredentialRequest(TestIssuerSetup.SdJwtConfigurationId, proof))).Error, Is.EqualTo(OpenId4VciErrorCodes.InvalidNonce));
        await AssertNothingIssuedAsync();
    }

    private static IEnumerable<TestCaseData> InvalidProofCases()
    {
        yield return new TestCaseData("signed-by-other-key").SetName("Credential_ProofSignedByAnotherKeyThanItsHeader_InvalidProof");
        yield return new TestCaseData("wrong-aud").SetName("Credential_ProofWithWrongAud_InvalidProof");
        yield return new TestCaseData("no-aud").SetName("Credential_ProofWithoutAud_InvalidProof");
        yield return new TestCaseData("wrong-typ").SetName("Credential_ProofWithWrongTyp_InvalidProof");
        yield return new TestCaseData("old-iat").SetName("Credential_ProofWithOldIat_InvalidProof");
        yield return new TestCaseData("future-iat").SetName("Credential_ProofWithFutureIat_InvalidProof");
        yield return new TestCaseData("no-iat").SetName("Credential_ProofWithoutIat_InvalidProof");
        yield return new TestCaseData("private-jwk").SetName("Credential_ProofHeaderWithPrivateJwk_InvalidProof");
        yield return new TestCaseData("jwk-and-kid").SetName("Credential_ProofHeaderWithJwkAndKid_InvalidProof");
        yield return new TestCaseData("no-key").SetName("Credential_ProofHeaderWithoutKey_InvalidProof");
        yield return new TestCaseData("alg-not-allowed").SetName("Credential_ProofAlgorithmNotAllowListed_InvalidProof");
        yield return new TestCaseData("garbage").SetName("Credential_ProofNotAJws_InvalidProof");
    }

    [TestCaseSource(nameof(InvalidProofCases))]
    public async Task Credential_InvalidProof_RefusedAndNothingIssued(string fault)
    {
        if (fault == "alg-not-allowed")
        {
            Issuer = Setup.CreateIssuer(IssuerUrl, Clock, o => o.ProofSigningAlgorithms = ["ES256"]);
        }

        var token = await AccessTokenAsync();
        var nonce = await NonceAsync();
        var key = NewKey();
        var now = Clock.GetUtcNow();
        var proof = fault switch
        {
            "signed-by-other-key" => await ProofAsync(key, nonce, now, signWith: NewKey()),
            "wrong-aud" => await ProofAsync(key, nonce, now, audience: "https://other.example/oid4vci"),
            "no-aud" => await ProofAsync(key, nonce, now, editPayload: p => p.Remove("aud")),
            "wrong-typ" => await ProofAsync(key, nonce, now, editHeader: h => h["typ"] = "JWT"),
            "old-iat" => await ProofAsync(key, nonce, now - TimeSpan.FromMinutes(6)),
            "future-iat" => await ProofAsync(key, nonce, now + TimeSpan.FromMinutes(2)),
            "no-iat" => await ProofAsync(key, nonce, now, editPayload: p => p.Remove("iat")),
            "private-jwk" => await PrivateJwkProofAsync(nonce, now),
            "jwk-and-kid" => await ProofAsync(key, nonce, now, editHeader: h => h["kid"] = DidKey.GetVerificationMethodId(key.PublicKey)),
            "no-key" => await ProofAsync(key, nonce, now, editHeader: h => h.Remove("jwk")),
            "alg-not-allowed" => await ProofAsync(key, nonce, now),
            _ => "not.a.jws",
        };
        var result = await RequestCredentialAsync(token, CredentialRequest(TestIssuerSetup.SdJwtConfigurationId, proof));
        Assert.That(result.Error, Is.EqualTo(OpenId4VciErrorCodes.InvalidProof), result.Body.ToJsonString());
        Assert.That(result.StatusCode, Is.EqualTo(400));
        await AssertNothingIssuedAsync();
    }

    private async Task<string> PrivateJwkProofAsync(string nonce, DateTimeOffset now)
    {
        var exportable = PrivateKey.Generate(KeyType.Ed25519, PrivateKeyExportPolicy.AllowPlaintextExport);
        _keys.Add(exportable);
        return await ProofAsync(exportable, nonce, now, editHeader: h => h["jwk"] = JsonNode.Parse(Jwk.FromPrivateKey(exportable).ToJson()));
    }

    [Test]
    public async Task Credential_ProofKeyAsDidKeyKid_Issued()
    {
        var token = await AccessTokenAsync();
        var key = NewKey();
        var proof = await ProofAsync(key, await NonceAsync(), Clock.GetUtcNow(), editHeader: h =>
        {
            h.Remove("jwk");
            h["kid"] = DidKey.GetVerificationMethodId(key.PublicKey);
        });
        Assert.That((await RequestCredentialAsync(token, CredentialRequest(TestIssuerSetup.SdJwtConfigurationId, proof))).Succeeded, Is.True);
    }

    [Test]
    public async Task Credential_NoAccessToken_InvalidToken401()
    {
        var result = await Issuer.HandleCredentialRequestAsync(null, CredentialRequest(TestIssuerSetup.SdJwtConfigurationId, "x"));
        Assert.That(result.Error, Is.EqualTo(OpenId4VciErrorCodes.InvalidToken));
        Assert.That(result.StatusCode, Is.EqualTo(401));
        Assert.That(result.WwwAuthenticate, Does.StartWith("Bearer error=\"invalid_token\""));
        Assert.That((await RequestCredentialAsync("forged", CredentialRequest(TestIssuerSetup.SdJwtConfigurationId, "x"))).Error, Is.EqualTo(OpenId4VciErrorCodes.InvalidToken));
    }

    [Test]
    public async Task Credential_ExpiredAccessToken_InvalidToken()
    {
        var token = await AccessTokenAsync();
        Clock.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));
        var result = await RequestCredentialAsync(token, CredentialRequest(TestIssuerSetup.SdJwtConfigurationId, await ProofAsync(NewKey(), await NonceAsync(), Clock.GetUtcNow())));
        Assert.That(result.Error, Is.EqualTo(OpenId4VciErrorCodes.InvalidToken));
        await AssertNothingIssuedAsync();
    }

    [Test]
    public async Task Credential_UnknownConfiguration_UnknownCredentialConfiguration()
    {
        var token = await AccessTokenAsync();
        var result = await RequestCredentialAsync(token, CredentialRequest("Nope", await ProofAsync(NewKey(), await NonceAsync(), Clock.GetUtcNow())));
        Assert.That(result.Error, Is.EqualTo(OpenId4VciErrorCodes.UnknownCredentialConfiguration));
        await AssertNothingIssuedAsync();
    }

    [Test]
    public async Task Credential_CredentialIdentifier_UnknownCredentialIdentifier()
    {
        var token = await AccessTokenAsync();
        var body = Encoding.UTF8.GetBytes("""{"credential_identifier":"x","proofs":{"jwt":["a"]}}""");
        Assert.That((await RequestCredentialAsync(token, body)).Error, Is.EqualTo(OpenId4VciErrorCodes.UnknownCredentialIdentifier));
    }

    [Test]
    public async Task Credential_ConfigurationNotInOffer_CredentialRequestDenied()
    {
        var token = await AccessTokenAsync();
        var result = await RequestCredentialAsync(token, CredentialRequest(TestIssuerSetup.JwtVcConfigurationId, await ProofAsync(NewKey(), await NonceAsync(), Clock.GetUtcNow())));
        Assert.That(result.Error, Is.EqualTo(OpenId4VciErrorCodes.CredentialRequestDenied));
        await AssertNothingIssuedAsync();
    }

    [Test]
    public async Task Credential_JwtVcJsonBatch_EachCarriesItsOwnBitstringStatusListEntry()
    {
        var token = await AccessTokenAsync("customer-1", TestIssuerSetup.JwtVcConfigurationId);
        var nonce = await NonceAsync();
        var body = CredentialRequest(TestIssuerSetup.JwtVcConfigurationId,
            await ProofAsync(NewKey(), nonce, Clock.GetUtcNow()), await ProofAsync(NewKey(), nonce, Clock.GetUtcNow()));
        var result = await RequestCredentialAsync(token, body);
        Assert.That(result.Succeeded, Is.True, result.Body.ToJsonString());
        var entries = result.Body["credentials"]!.AsArray().Select(c => IssuerPayload(c!["credential"]!.GetValue<string>())["vc"]!["credentialStatus"]!).ToArray();
        Assert.That(entries.Select(e => e["statusListIndex"]!.GetValue<string>()), Is.EquivalentTo(new[] { "0", "1" }));
        foreach (var entry in entries)
        {
            Assert.That(entry["type"]!.GetValue<string>(), Is.EqualTo("BitstringStatusListEntry"));
            Assert.That(entry["statusPurpose"]!.GetValue<string>(), Is.EqualTo("revocation"));
            Assert.That(entry["statusListCredential"]!.GetValue<string>(), Is.EqualTo(TestIssuerSetup.BitstringStatusListCredential));
            Assert.That(entry["id"]!.GetValue<string>(), Is.EqualTo(TestIssuerSetup.BitstringStatusListCredential + "#" + entry["statusListIndex"]!.GetValue<string>()));
        }

        var verification = await TestIssuerSetup.Verifier(Clock).VerifyAsync(result.Body["credentials"]![0]!["credential"]!.GetValue<string>());
        Assert.That(verification.Succeeded, Is.True, string.Join("; ", verification.Problems));

        // Each format draws from its own list: the token status list of dc+sd-jwt was not touched.
        Assert.That(await Setup.Store.AllocateIndexAsync(TestIssuerSetup.StatusListUri), Is.Zero);
        Assert.That(await Setup.Store.AllocateIndexAsync(TestIssuerSetup.BitstringStatusListCredential), Is.EqualTo(2));
    }

    [Test]
    public async Task Credential_JwtVcJsonWithoutBitstringList_NoCredentialStatus()
    {
        Issuer = Setup.CreateIssuer(IssuerUrl, Clock, o => o.BitstringStatusListCredential = null);
        var token = await AccessTokenAsync("customer-1", TestIssuerSetup.JwtVcConfigurationId);
        var result = await RequestCredentialAsync(token, CredentialRequest(TestIssuerSetup.JwtVcConfigurationId, await ProofAsync(NewKey(), await NonceAsync(), Clock.GetUtcNow())));
        Assert.That(result.Succeeded, Is.True, result.Body.ToJsonString());
        Assert.That(IssuerPayload(result.Body["credentials"]![0]!["credential"]!.GetValue<string>())["vc"]!.AsObject().ContainsKey("credentialStatus"), Is.False);
    }

    [Test]
    public async Task Credential_SecondRequestUnderSameToken_CredentialRequestDenied()
    {
        var token = await AccessTokenAsync();
        Assert.That((await RequestCredentialAsync(token, CredentialRequest(TestIssuerSetup.SdJwtConfigurationId, await ProofAsync(NewKey(), await NonceAsync(), Clock.GetUtcNow())))).Succeeded, Is.True);
        var again = await RequestCredentialAsync(token, CredentialRequest(TestIssuerSetup.SdJwtConfigurationId, await ProofAsync(NewKey(), await NonceAsync(), Clock.GetUtcNow())));
        Assert.That(again.Error, Is.EqualTo(OpenId4VciErrorCodes.CredentialRequestDenied));
        Assert.That(Setup.Claims.Calls, Is.EqualTo(1));
    }

    [Test]
    public async Task Credential_BankRefusesSubject_CredentialRequestDenied()
    {
        var token = await AccessTokenAsync("denied");
        var result = await RequestCredentialAsync(token, CredentialRequest(TestIssuerSetup.SdJwtConfigurationId, await ProofAsync(NewKey(), await NonceAsync(), Clock.GetUtcNow())));
        Assert.That(result.Error, Is.EqualTo(OpenId4VciErrorCodes.CredentialRequestDenied));
        Assert.That(await Setup.Store.AllocateIndexAsync(TestIssuerSetup.StatusListUri), Is.Zero);
    }

    [TestCase("""{"credential_configuration_id":"KycSdJwt"}""", OpenId4VciErrorCodes.InvalidProof, TestName = "Credential_NoProofs_InvalidProof")]
    [TestCase("""{"credential_configuration_id":"KycSdJwt","proof":{"proof_type":"jwt","jwt":"a"}}""", OpenId4VciErrorCodes.InvalidCredentialRequest, TestName = "Credential_SingularProof_InvalidCredentialRequest")]
    [TestCase("""{"credential_configuration_id":"KycSdJwt","proofs":{"jwt":[]}}""", OpenId4VciErrorCodes.InvalidProof, TestName = "Credential_EmptyProofs_InvalidProof")]
    [TestCase("""{"credential_configuration_id":"KycSdJwt","proofs":{"jwt":["a"],"attestation":["b"]}}""", OpenId4VciErrorCodes.InvalidProof, TestName = "Credential_TwoProofTypes_InvalidProof")]
    [TestCase("""{"proofs":{"jwt":["a"]}}""", OpenId4VciErrorCodes.InvalidCredentialRequest, TestName = "Credential_NoConfigurationId_InvalidCredentialRequest")]
    [TestCase("""[1,2]""", OpenId4VciErrorCodes.InvalidCredentialRequest, TestName = "Credential_NotAnObject_InvalidCredentialRequest")]
    [TestCase("""{"credential_configuration_id":""", OpenId4VciErrorCodes.InvalidCredentialRequest, TestName = "Credential_TruncatedJson_InvalidCredentialRequest")]
    public async Task Credential_MalformedRequest_SpecError(string body, string error)
    {
        var token = await AccessTokenAsync();
        Assert.That((await RequestCredentialAsync(token, Encoding.UTF8.GetBytes(body))).Error, Is.EqualTo(error));
        await AssertNothingIssuedAsync();
    }

    [Test]
    public async Task Credential_OversizedRequest_RefusedWith413()
    {
        var token = await AccessTokenAsync();
        var result = await RequestCredentialAsync(token, new byte[64 * 1024 + 1]);
        Assert.That(result.Error, Is.EqualTo(OpenId4VciErrorCodes.InvalidCredentialRequest));
        Assert.That(result.StatusCode, Is.EqualTo(413));
        await AssertNothingIssuedAsync();
    }

    [Test]
    public async Task Credential_DeeplyNestedJson_InvalidCredentialRequest()
    {
        var token = await AccessTokenAsync();
        var body = Encoding.UTF8.GetBytes(new string('[', 200) + new string(']', 200));
        Assert.That((await RequestCredentialAsync(token, body)).Error, Is.EqualTo(OpenId4VciErrorCodes.InvalidCredentialRequest));
    }

    private static JsonObject IssuerPayload(string jwt)
    {
        var read = Jws.ReadCompact(jwt);
        Assert.That(read.Succeeded, Is.True);
        return JsonNode.Parse(read.Token!.Payload.Span)!.AsObject();
    }
}
