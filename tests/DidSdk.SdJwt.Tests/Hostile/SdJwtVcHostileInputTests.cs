using System.Text;
using System.Text.Json.Nodes;
using DidSdk.Core.Jose;
using DidSdk.Core.Json;
using DidSdk.Core.Methods;
using DidSdk.Credentials;
using DidSdk.Crypto;
using DidSdk.SdJwt.TokenStatus;

namespace DidSdk.SdJwt.Tests.Hostile;

/// <summary>
/// The hostile-input suite of the SD-JWT VC verifier: one regression test per rule, by category (envelope and limits,
/// Issuer-signed JWT, disclosures, holder key, Key Binding JWT, Token Status List, trust). Each input is otherwise
/// valid, so the test fails if the rule under test is dropped. Extend the category a new rule belongs to.
/// </summary>
public static class SdJwtVcHostileInputTests
{
    /// <summary>A baseline that passes, so every rejection below is the rule's doing.</summary>
    public sealed class Baseline : HostileInputFixture
    {
        [Test]
        public async Task VerifyAsync_WellFormedPresentation_Accepted()
        {
            var d = D("age_over_18", true);
            var payload = Payload();
            payload["_sd"] = new JsonArray(Digest(d));

            var result = await VerifyAsync(Present(payload, d));

            AssertAccepted(result);
            Assert.That(result.Claims!["age_over_18"]!.GetValue<bool>(), Is.True);
        }
    }

    /// <summary>Serialization, size, count and depth limits.</summary>
    public sealed class Envelope : HostileInputFixture
    {
        [TestCase("", TestName = "VerifyAsync_Empty_Malformed")]
        [TestCase("   ", TestName = "VerifyAsync_Whitespace_Malformed")]
        [TestCase("eyJhbGciOiJFZERTQSJ9.e30.c2ln", TestName = "VerifyAsync_JwtWithoutTilde_Malformed")]
        [TestCase("~~~", TestName = "VerifyAsync_OnlySeparators_Malformed")]
        [TestCase("{\"payload\":1}", TestName = "VerifyAsync_JsonWithoutMembers_Malformed")]
        [TestCase("{not json", TestName = "VerifyAsync_BrokenJson_Malformed")]
        public async Task VerifyAsync_NotAnSdJwt_Malformed(string input) =>
            AssertRejected(await VerifyAsync(input), SdJwtProblemCodes.Malformed);

        [Test]
        public async Task VerifyAsync_LongerThanMaxTokenLength_TooLarge()
        {
            var presentation = Present(Payload());
            var options = new SdJwtVerifierOptions { ReaderOptions = new SdJwtReaderOptions { MaxTokenLength = presentation.Length - 1 } };

            AssertRejected(await VerifyAsync(presentation, options), SdJwtProblemCodes.TooLarge);
        }

        [Test]
        public async Task VerifyAsync_MillionSeparators_TooManyDisclosuresBeforeSplitting()
        {
            var input = SignIssuerJwt(Payload()) + new string('~', 1_000_000);

            AssertRejected(await VerifyAsync(input, new SdJwtVerifierOptions { ReaderOptions = new SdJwtReaderOptions { MaxTokenLength = 2_000_000 } }), SdJwtProblemCodes.TooManyDisclosures);
        }

        [Test]
        public async Task VerifyAsync_MoreDisclosuresThanAllowed_CompactAndJson_TooManyDisclosures()
        {
            var disclosures = Enumerable.Range(0, 5).Select(i => D("c" + i, i, "salt-" + i)).ToArray();
            var payload = Payload();
            payload["_sd"] = new JsonArray([.. disclosures.Select(d => (JsonNode)Digest(d))]);
            var options = new SdJwtVerifierOptions { ReaderOptions = new SdJwtReaderOptions { MaxDisclosures = 4 } };
            var token = new SdJwtToken(SignIssuerJwt(payload), disclosures);

            AssertRejected(await VerifyAsync(token.ToCompact(), options), SdJwtProblemCodes.TooManyDisclosures);
            AssertRejected(await VerifyAsync(token.ToFlattenedJson(), options), SdJwtProblemCodes.TooManyDisclosures);
        }

        [Test]
        public async Task VerifyAsync_JsonSerializationNestedTooDeep_TooDeep()
        {
            var deep = new string('[', 100) + new string(']', 100);
            var json = $"{{\"payload\":\"e30\",\"protected\":\"e30\",\"signature\":\"c2ln\",\"header\":{{\"disclosures\":[]}},\"x\":{deep}}}";

            AssertRejected(await VerifyAsync(json), SdJwtProblemCodes.TooDeep);
        }

        [Test]
        public async Task VerifyAsync_DisclosureNestedTooDeep_TooDeep()
        {
            var value = JsonNode.Parse(new string('[', 40) + new string(']', 40));
            var d = D("deep", value);
            var payload = Payload();
            payload["_sd"] = new JsonArray(Digest(d));

            AssertRejected(await VerifyAsync(Present(payload, d)), SdJwtProblemCodes.TooDeep);
        }

        [Test]
        public async Task VerifyAsync_DisclosuresNestingBeyondMaxDepthOnceInPlace_TooDeep()
        {
            // Each disclosure is shallow; chained through digests they build a structure deeper than the limit.
            var chain = new List<Disclosure> { D("level", 0, "salt-0") };
            for (var i = 1; i < 12; i++)
            {
                chain.Add(D("level", new JsonObject { ["_sd"] = new JsonArray(Digest(chain[^1])) }, "salt-" + i));
            }

            var payload = Payload();
            payload["_sd"] = new JsonArray(Digest(chain[^1]));
            var options = new SdJwtVerifierOptions { ReaderOptions = new SdJwtReaderOptions { MaxDepth = 8 } };

            AssertAccepted(await VerifyAsync(Present(payload, [.. chain])));
            AssertRejected(await VerifyAsync(Present(payload, [.. chain]), options), SdJwtProblemCodes.TooDeep);
        }
    }

    /// <summary>The Issuer-signed JWT: algorithm, typ, every registered claim present, signature and key.</summary>
    public sealed class IssuerJwt : HostileInputFixture
    {
        [Test]
        public async Task VerifyAsync_AlgNone_IssuerJwtInvalid()
        {
            var header = StrictBase64Url.Encode("{\"alg\":\"none\",\"typ\":\"dc+sd-jwt\"}"u8);
            var payload = StrictBase64Url.Encode(Encoding.UTF8.GetBytes(Payload().ToJsonString()));

            AssertRejected(await VerifyAsync($"{header}.{payload}.~"), SdJwtProblemCodes.IssuerJwtInvalid);
        }

        [Test]
        public async Task VerifyAsync_AlgorithmNotOnAllowList_IssuerJwtInvalid()
        {
            var options = new SdJwtVerifierOptions { JwsReaderOptions = new JwsReaderOptions { AllowedAlgorithms = ["ES256"] } };

            AssertRejected(await VerifyAsync(Present(Payload()), options), SdJwtProblemCodes.IssuerJwtInvalid);
        }

        [TestCase("JWT")]
        [TestCase("kb+jwt")]
        [TestCase("statuslist+jwt")]
        public async Task VerifyAsync_WrongTyp_VcWrongType(string typ)
        {
            var sdJwt = SdJwt(SignIssuerJwt(Payload(), typ));

            AssertRejected(await VerifyAsync(sdJwt + KeyBindingJwt(sdJwt)), SdJwtProblemCodes.VcWrongType);
        }

        [TestCase("iss")]
        [TestCase("vct")]
        public async Task VerifyAsync_RequiredClaimMissingOrNotString_VcClaimInvalid(string claim)
        {
            var missing = Payload();
            missing.Remove(claim);
            var number = Payload();
            number[claim] = 42;

            AssertRejected(await VerifyAsync(Present(missing)), SdJwtProblemCodes.VcClaimInvalid);
            AssertRejected(await VerifyAsync(Present(number)), SdJwtProblemCodes.VcClaimInvalid);
        }

        [Test]
        public async Task VerifyAsync_UnreadableExpNbfIat_IssuerJwtClaimMalformed_NeverAbsent(
            [Values("exp", "nbf", "iat")] string claim,
            [ValueSource(nameof(UnreadableNumericDates))] string raw)
        {
            var payload = Payload();
            payload[claim] = "@raw:" + raw;

            AssertRejected(await VerifyAsync(Present(payload)), SdJwtProblemCodes.IssuerJwtClaimMalformed);
        }

        [TestCase("sub")]
        [TestCase("jti")]
        [TestCase("aud")]
        public async Task VerifyAsync_RegisteredStringClaimOfWrongType_IssuerJwtClaimMalformed(string claim)
        {
            var payload = Payload();
            payload[claim] = new JsonObject { ["x"] = 1 };

            AssertRejected(await VerifyAsync(Present(payload)), SdJwtProblemCodes.IssuerJwtClaimMalformed);
        }

        [Test]
        public async Task VerifyAsync_Expired_IssuerJwtExpiredUnlessAllowed()
        {
            var payload = Payload();
            payload["exp"] = Now.AddMinutes(-5).ToUnixTimeSeconds();

            AssertRejected(await VerifyAsync(Present(payload)), SdJwtProblemCodes.IssuerJwtExpired);
            AssertAccepted(await VerifyAsync(Present(payload), new SdJwtVerifierOptions { AllowExpiredCredentials = true }));
        }

        [Test]
        public async Task VerifyAsync_NotYetValid_IssuerJwtNotYetValid()
        {
            var payload = Payload();
            payload["nbf"] = Now.AddMinutes(5).ToUnixTimeSeconds();

            AssertRejected(await VerifyAsync(Present(payload)), SdJwtProblemCodes.IssuerJwtNotYetValid);
        }

        [Test]
        public async Task VerifyAsync_IssuedInTheFuture_IssuerJwtIssuedInTheFuture()
        {
            var payload = Payload();
            payload["iat"] = Now.AddMinutes(5).ToUnixTimeSeconds();

            AssertRejected(await VerifyAsync(Present(payload)), SdJwtProblemCodes.IssuerJwtIssuedInTheFuture);
        }

        [TestCase("\"md5\"")]
        [TestCase("\"SHA-256\"")]
        [TestCase("\"\"")]
        [TestCase("256")]
        [TestCase("null")]
        public async Task VerifyAsync_SdAlgNotOnAllowList_UnsupportedHashAlgorithm(string raw)
        {
            var payload = Payload();
            payload["_sd_alg"] = "@raw:" + raw;

            AssertRejected(await VerifyAsync(Present(payload)), SdJwtProblemCodes.UnsupportedHashAlgorithm);
        }

        [Test]
        public async Task VerifyAsync_SdAlgSupportedButNotAllowedByOptions_UnsupportedHashAlgorithm()
        {
            var payload = Payload();
            payload["_sd_alg"] = "sha-512";

            AssertRejected(await VerifyAsync(Present(payload), new SdJwtVerifierOptions { AllowedHashAlgorithms = ["sha-256"] }), SdJwtProblemCodes.UnsupportedHashAlgorithm);
        }

        [Test]
        public async Task VerifyAsync_PayloadTamperedAfterSigning_IssuerSignatureInvalid()
        {
            var jwt = SignIssuerJwt(Payload());
            var parts = jwt.Split('.');
            var forgedPayload = Payload();
            forgedPayload["exp"] = Now.AddYears(50).ToUnixTimeSeconds();
            var forged = $"{parts[0]}.{StrictBase64Url.Encode(Encoding.UTF8.GetBytes(forgedPayload.ToJsonString()))}.{parts[2]}";
            var sdJwt = SdJwt(forged);

            AssertRejected(await VerifyAsync(sdJwt + KeyBindingJwt(sdJwt)), SdJwtProblemCodes.IssuerSignatureInvalid);
        }

        [Test]
        public async Task VerifyAsync_KidOfAnotherDid_IssuerKeyNotEstablished()
        {
            using var attacker = PrivateKey.Generate(KeyType.Ed25519);
            var sdJwt = SdJwt(SignIssuerJwt(Payload(), signer: new KeySigner(attacker, DidKey.GetVerificationMethodId(attacker.PublicKey))));

            AssertRejected(await VerifyAsync(sdJwt + KeyBindingJwt(sdJwt)), SdJwtProblemCodes.IssuerKeyNotEstablished);
        }

        [Test]
        public async Task VerifyAsync_DidIssuerWithSuppliedKey_DidKeyDecides()
        {
            // A key supplied for a DID issuer must not stand in for the DID's key (issue 13 finding 8, SD-JWT VC side).
            using var attacker = PrivateKey.Generate(KeyType.Ed25519);
            var sdJwt = SdJwt(SignIssuerJwt(Payload(), signer: new KeySigner(attacker, IssuerSigner.KeyId)));
            var verifier = new SdJwtVcVerifier(null, new DidKeyResolver(), new Dictionary<string, PublicKeyMaterial> { [IssuerDid] = attacker.PublicKey }, timeProvider: Clock);

            var result = await verifier.VerifyAsync(sdJwt + KeyBindingJwt(sdJwt), Audience, Nonce);

            AssertRejected(result, SdJwtProblemCodes.IssuerSignatureInvalid);
        }

        [Test]
        public async Task VerifyAsync_HttpsIssuerWithoutSuppliedKey_IssuerKeyUnknown()
        {
            var payload = Payload();
            payload["iss"] = "https://bank-a.example";

            AssertRejected(await VerifyAsync(Present(payload)), SdJwtProblemCodes.IssuerKeyUnknown);
        }
    }

    /// <summary>RFC 9901 §7.1: every disclosure rule, each with its own code.</summary>
    public sealed class Disclosures : HostileInputFixture
    {
        [Test]
        public async Task VerifyAsync_SameDisclosureTwice_DuplicateDisclosure()
        {
            var d = D("given_name", "Ji-woo");
            var payload = Payload();
            payload["_sd"] = new JsonArray(Digest(d));

            AssertRejected(await VerifyAsync(Present(payload, d, d)), SdJwtProblemCodes.DuplicateDisclosure);
        }

        [Test]
        public async Task VerifyAsync_DisclosureNotReferenced_UnreferencedDisclosure()
        {
            var d = D("given_name", "Mallory");

            AssertRejected(await VerifyAsync(Present(Payload(), d)), SdJwtProblemCodes.UnreferencedDisclosure);
        }

        [Test]
        public async Task VerifyAsync_DigestReferencedTwice_DuplicateDigest()
        {
            var d = D("a", 1);
            var payload = Payload();
            payload["_sd"] = new JsonArray(Digest(d));
            payload["nested"] = new JsonObject { ["_sd"] = new JsonArray(Digest(d)) };

            AssertRejected(await VerifyAsync(Present(payload, d)), SdJwtProblemCodes.DuplicateDigest);
        }

        [Test]
        public async Task VerifyAsync_DecoyDigestRepeated_DuplicateDigest()
        {
            var payload = Payload();
            payload["_sd"] = new JsonArray("decoy-digest", "decoy-digest");

            AssertRejected(await VerifyAsync(Present(payload)), SdJwtProblemCodes.DuplicateDigest);
        }

        [TestCase("_sd")]
        [TestCase("...")]
        public async Task VerifyAsync_DisclosureOfReservedName_ForbiddenClaimName(string name)
        {
            var d = RawDisclosure(new JsonArray("c2FsdA", name, "x"));
            var payload = Payload();
            payload["_sd"] = new JsonArray(Digest(d));

            AssertRejected(await VerifyAsync(Present(payload, d)), SdJwtProblemCodes.ForbiddenClaimName);
        }

        [Test]
        public async Task VerifyAsync_EllipsisAsObjectMember_ArrayDigestOutsideArray()
        {
            var d = D(null, "KR");
            var payload = Payload();
            payload["nationality"] = new JsonObject { ["..."] = Digest(d) };

            AssertRejected(await VerifyAsync(Present(payload, d)), SdJwtProblemCodes.ArrayDigestOutsideArray);
        }

        [TestCase("[{\"...\":\"abc\",\"extra\":1}]")]
        [TestCase("[{\"...\":5}]")]
        [TestCase("[{\"...\":null}]")]
        [TestCase("[{\"...\":\"abc\",\"_sd\":[]}]")]
        public async Task VerifyAsync_MalformedArrayElementDigest_InvalidArrayElementDigest(string array)
        {
            var payload = Payload();
            payload["list"] = JsonNode.Parse(array);

            AssertRejected(await VerifyAsync(Present(payload)), SdJwtProblemCodes.InvalidArrayElementDigest);
        }

        [TestCase("\"abc\"")]
        [TestCase("[1,2]")]
        [TestCase("{\"a\":1}")]
        [TestCase("[null]")]
        public async Task VerifyAsync_MalformedSdArray_InvalidDigestArray(string sd)
        {
            var payload = Payload();
            payload["_sd"] = JsonNode.Parse(sd);

            AssertRejected(await VerifyAsync(Present(payload)), SdJwtProblemCodes.InvalidDigestArray);
        }

        [Test]
        public async Task VerifyAsync_ArrayElementDisclosureInSd_DisclosureInWrongPlace()
        {
            var d = D(null, "KR");
            var payload = Payload();
            payload["_sd"] = new JsonArray(Digest(d));

            AssertRejected(await VerifyAsync(Present(payload, d)), SdJwtProblemCodes.DisclosureInWrongPlace);
        }

        [Test]
        public async Task VerifyAsync_PropertyDisclosureInArray_DisclosureInWrongPlace()
        {
            var d = D("country", "KR");
            var payload = Payload();
            payload["list"] = new JsonArray(new JsonObject { ["..."] = Digest(d) });

            AssertRejected(await VerifyAsync(Present(payload, d)), SdJwtProblemCodes.DisclosureInWrongPlace);
        }

        [TestCase("given_name")]
        [TestCase("_sd_alg")]
        public async Task VerifyAsync_DisclosedNameAlreadyPresent_ClaimNameConflict(string name)
        {
            var d = D(name, "Mallory");
            var payload = Payload();
            payload["given_name"] = "Ji-woo";
            payload["_sd"] = new JsonArray(Digest(d));

            AssertRejected(await VerifyAsync(Present(payload, d)), SdJwtProblemCodes.ClaimNameConflict);
        }

        [TestCase("!!!")]
        [TestCase("WyJzYWx0Il0")]
        [TestCase("eyJhIjoxfQ")]
        [TestCase("WyJzYWx0IiwgMSwgMl0")]
        [TestCase("WzEsImEiLDFd")]
        public async Task VerifyAsync_MalformedDisclosure_DisclosureMalformed(string disclosure)
        {
            var jwt = SignIssuerJwt(Payload());

            AssertRejected(await VerifyAsync(jwt + "~" + disclosure + "~"), SdJwtProblemCodes.DisclosureMalformed);
        }

        // iss and vct cannot be tested this way: they must also be in the clear, so a disclosed copy is a ClaimNameConflict.
        [TestCase("cnf")]
        [TestCase("exp")]
        [TestCase("nbf")]
        [TestCase("status")]
        public async Task VerifyAsync_NeverDisclosableClaimDisclosed_VcClaimDisclosed(string claim)
        {
            var payload = Payload();
            var value = payload[claim]?.DeepClone() ?? Now.AddDays(-1).ToUnixTimeSeconds();
            payload.Remove(claim);
            var d = D(claim, claim == "status" ? new JsonObject() : value);
            payload["_sd"] = new JsonArray(Digest(d));

            AssertRejected(await VerifyAsync(Present(payload, d), new SdJwtVerifierOptions { AllowUncheckedStatus = true }), SdJwtProblemCodes.VcClaimDisclosed);
        }
    }

    /// <summary>The <c>cnf</c> claim (RFC 7800): its shape is checked whenever it is present.</summary>
    public sealed class HolderKey : HostileInputFixture
    {
        [TestCase("\"a string\"")]
        [TestCase("[1]")]
        [TestCase("{\"jwk\":\"not an object\"}")]
        [TestCase("{\"jwk\":[1]}")]
        public async Task VerifyAsync_CnfOfWrongShape_HolderKeyInvalid_EvenWithoutKeyBinding(string cnf)
        {
            var payload = Payload();
            payload["cnf"] = "@raw:" + cnf;

            AssertRejected(await VerifyAsync(Present(payload)), SdJwtProblemCodes.HolderKeyInvalid);
            AssertRejected(await VerifyAsync(SdJwt(SignIssuerJwt(payload)), new SdJwtVerifierOptions { RequireKeyBinding = false }), SdJwtProblemCodes.HolderKeyInvalid);
        }

        [Test]
        public async Task VerifyAsync_CnfWithPrivateKey_HolderKeyInvalid()
        {
            var payload = Payload();
            payload["cnf"]!["jwk"]!["d"] = StrictBase64Url.Encode(new byte[32]);

            AssertRejected(await VerifyAsync(SdJwt(SignIssuerJwt(payload)), new SdJwtVerifierOptions { RequireKeyBinding = false }), SdJwtProblemCodes.HolderKeyInvalid);
        }

        [TestCase("{\"kid\":\"key-1\"}")]
        [TestCase("{\"jwk\":{\"kty\":\"RSA\",\"n\":\"AQAB\",\"e\":\"AQAB\"}}")]
        [TestCase("{\"jwk\":{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"AA\"}}")]
        public async Task VerifyAsync_KeyBindingWithUnusableCnf_HolderKeyInvalid(string cnf)
        {
            var payload = Payload();
            payload["cnf"] = "@raw:" + cnf;

            AssertRejected(await VerifyAsync(Present(payload)), SdJwtProblemCodes.HolderKeyInvalid);
        }

        [Test]
        public async Task VerifyAsync_KeyBindingWithoutCnf_HolderKeyMissing()
        {
            var payload = Payload();
            payload.Remove("cnf");

            AssertRejected(await VerifyAsync(Present(payload)), SdJwtProblemCodes.HolderKeyMissing);
        }
    }

    /// <summary>RFC 9901 §7.3: the Key Binding JWT, every claim present checked.</summary>
    public sealed class KeyBinding : HostileInputFixture
    {
        private string _sdJwt = null!;

        [SetUp]
        public void Issue() => _sdJwt = SdJwt(SignIssuerJwt(Payload()));

        [Test]
        public async Task VerifyAsync_NoKeyBindingJwt_KeyBindingMissing() =>
            AssertRejected(await VerifyAsync(_sdJwt), SdJwtProblemCodes.KeyBindingMissing);

        [Test]
        public async Task VerifyAsync_KeyBindingNotAJws_KeyBindingInvalid() =>
            AssertRejected(await VerifyAsync(_sdJwt + "not.a.jws"), SdJwtProblemCodes.KeyBindingInvalid);

        [TestCase("JWT")]
        [TestCase("dc+sd-jwt")]
        public async Task VerifyAsync_KeyBindingWrongTyp_KeyBindingWrongType(string typ) =>
            AssertRejected(await VerifyAsync(_sdJwt + KeyBindingJwt(_sdJwt, typ: typ)), SdJwtProblemCodes.KeyBindingWrongType);

        [Test]
        public async Task VerifyAsync_KeyBindingByAnotherKey_KeyBindingSignatureInvalid()
        {
            using var thief = PrivateKey.Generate(KeyType.Ed25519);

            AssertRejected(await VerifyAsync(_sdJwt + KeyBindingJwt(_sdJwt, signer: new KeySigner(thief))), SdJwtProblemCodes.KeyBindingSignatureInvalid);
        }

        [Test]
        public async Task VerifyAsync_KeyBindingIatUnreadable_KeyBindingClaimMalformed([ValueSource(nameof(UnreadableNumericDates))] string raw) =>
            AssertRejected(await VerifyAsync(_sdJwt + KeyBindingJwt(_sdJwt, c => c["iat"] = "@raw:" + raw)), SdJwtProblemCodes.KeyBindingClaimMalformed);

        [TestCase("exp")]
        [TestCase("nbf")]
        public async Task VerifyAsync_KeyBindingExpNbfUnreadable_KeyBindingClaimMalformed(string claim) =>
            AssertRejected(await VerifyAsync(_sdJwt + KeyBindingJwt(_sdJwt, c => c[claim] = "@raw:1e400")), SdJwtProblemCodes.KeyBindingClaimMalformed);

        [TestCase("aud", "5")]
        [TestCase("nonce", "[\"n\"]")]
        [TestCase("sd_hash", "42")]
        public async Task VerifyAsync_KeyBindingClaimOfWrongType_KeyBindingClaimMalformed(string claim, string raw) =>
            AssertRejected(await VerifyAsync(_sdJwt + KeyBindingJwt(_sdJwt, c => c[claim] = "@raw:" + raw)), SdJwtProblemCodes.KeyBindingClaimMalformed);

        [Test]
        public async Task VerifyAsync_KeyBindingWithoutIat_KeyBindingIatMissing() =>
            AssertRejected(await VerifyAsync(_sdJwt + KeyBindingJwt(_sdJwt, c => c.Remove("iat"))), SdJwtProblemCodes.KeyBindingIatMissing);

        [TestCase(-3600)]
        [TestCase(600)]
        public async Task VerifyAsync_KeyBindingIatOutsideWindow_KeyBindingIatOutOfWindow(int seconds) =>
            AssertRejected(await VerifyAsync(_sdJwt + KeyBindingJwt(_sdJwt, c => c["iat"] = Now.AddSeconds(seconds).ToUnixTimeSeconds())), SdJwtProblemCodes.KeyBindingIatOutOfWindow);

        [Test]
        public async Task VerifyAsync_KeyBindingExpired_KeyBindingTimeInvalid() =>
            AssertRejected(await VerifyAsync(_sdJwt + KeyBindingJwt(_sdJwt, c => c["exp"] = Now.AddMinutes(-5).ToUnixTimeSeconds())), SdJwtProblemCodes.KeyBindingTimeInvalid);

        [Test]
        public async Task VerifyAsync_KeyBindingWithoutSdHash_SdHashMissing() =>
            AssertRejected(await VerifyAsync(_sdJwt + KeyBindingJwt(_sdJwt, c => c.Remove("sd_hash"))), SdJwtProblemCodes.SdHashMissing);

        [Test]
        public async Task VerifyAsync_DisclosureAddedAfterKeyBinding_SdHashMismatch()
        {
            var d = D("given_name", "Mallory");
            var payload = Payload();
            payload["_sd"] = new JsonArray(Digest(d));
            var jwt = SignIssuerJwt(payload);
            var kb = KeyBindingJwt(SdJwt(jwt));

            AssertRejected(await VerifyAsync(SdJwt(jwt, d) + kb), SdJwtProblemCodes.SdHashMismatch);
        }

        [TestCase("https://bank-c.example")]
        [TestCase("https://bank-b.example/")]
        [TestCase("")]
        public async Task VerifyAsync_KeyBindingForAnotherAudience_KeyBindingWrongAudience(string aud) =>
            AssertRejected(await VerifyAsync(_sdJwt + KeyBindingJwt(_sdJwt, c => c["aud"] = aud)), SdJwtProblemCodes.KeyBindingWrongAudience);

        [Test]
        public async Task VerifyAsync_KeyBindingWithTwoAudiences_KeyBindingWrongAudience() =>
            AssertRejected(await VerifyAsync(_sdJwt + KeyBindingJwt(_sdJwt, c => c["aud"] = new JsonArray(Audience, "https://bank-c.example"))), SdJwtProblemCodes.KeyBindingWrongAudience);

        [TestCase("old-nonce")]
        [TestCase("n-0S6_WzA2M")]
        [TestCase("n-0S6_WzA2Mj ")]
        public async Task VerifyAsync_KeyBindingReplayedNonce_KeyBindingWrongNonce(string nonce) =>
            AssertRejected(await VerifyAsync(_sdJwt + KeyBindingJwt(_sdJwt, c => c["nonce"] = nonce)), SdJwtProblemCodes.KeyBindingWrongNonce);

        [Test]
        public async Task VerifyAsync_VerifierExpectsNoNonce_KeyBindingWrongNonce()
        {
            var result = await Verifier().VerifyAsync(_sdJwt + KeyBindingJwt(_sdJwt), Audience, null);

            AssertRejected(result, SdJwtProblemCodes.KeyBindingWrongNonce);
        }
    }

    /// <summary>The Token Status List behind the <c>status</c> claim: malformed lists and references are problems, never exceptions.</summary>
    public sealed class StatusList : HostileInputFixture
    {
        private string WithStatus(JsonNode status)
        {
            var payload = Payload();
            payload["status"] = status;
            return Present(payload);
        }

        private string WithStatus(long index) => WithStatus(new StatusListReference(index, StatusUri).ToStatusClaim());

        [Test]
        public async Task VerifyAsync_ValidList_Accepted()
        {
            PublishStatusList();

            AssertAccepted(await VerifyAsync(WithStatus(7)));
        }

        [Test]
        public async Task VerifyAsync_NoCheckerConfigured_StatusUnchecked()
        {
            var verifier = new SdJwtVcVerifier(null, new DidKeyResolver(), timeProvider: Clock);

            AssertRejected(await verifier.VerifyAsync(WithStatus(7), Audience, Nonce), SdJwtProblemCodes.StatusUnchecked);
        }

        [TestCase("{}")]
        [TestCase("{\"status_list\":\"x\"}")]
        [TestCase("{\"status_list\":{\"idx\":-1,\"uri\":\"https://bank-a.example/status/1\"}}")]
        [TestCase("{\"status_list\":{\"idx\":1.5,\"uri\":\"https://bank-a.example/status/1\"}}")]
        [TestCase("{\"status_list\":{\"idx\":1e30,\"uri\":\"https://bank-a.example/status/1\"}}")]
        [TestCase("{\"status_list\":{\"idx\":\"1\",\"uri\":\"https://bank-a.example/status/1\"}}")]
        [TestCase("{\"status_list\":{\"idx\":1,\"uri\":\"/status/1\"}}")]
        [TestCase("{\"status_list\":{\"idx\":1,\"uri\":7}}")]
        public async Task VerifyAsync_MalformedStatusClaim_InvalidStatusClaim(string status)
        {
            PublishStatusList();

            AssertRejected(await VerifyAsync(WithStatus(JsonNode.Parse(status)!)), TokenStatusProblemCodes.InvalidStatusClaim);
        }

        [Test]
        public async Task VerifyAsync_IndexBeyondList_IndexOutOfRange()
        {
            PublishStatusList();

            AssertRejected(await VerifyAsync(WithStatus(1_000_000)), TokenStatusProblemCodes.IndexOutOfRange);
        }

        [TestCase("\"1\"")]
        [TestCase("3")]
        [TestCase("0")]
        [TestCase("16")]
        [TestCase("1.5")]
        [TestCase("null")]
        public async Task VerifyAsync_WrongBits_InvalidStatusList(string bits)
        {
            PublishStatusList(c => c["status_list"]!["bits"] = "@raw:" + bits);

            AssertRejected(await VerifyAsync(WithStatus(7)), TokenStatusProblemCodes.InvalidStatusList);
        }

        [TestCase("!!!")]
        [TestCase("AAAAAAAAAAAA")]
        [TestCase("eJwrSS0u")]
        public async Task VerifyAsync_BadZlib_InvalidStatusList(string lst)
        {
            PublishStatusList(c => c["status_list"]!["lst"] = lst);

            AssertRejected(await VerifyAsync(WithStatus(7)), TokenStatusProblemCodes.InvalidStatusList);
        }

        [Test]
        public async Task VerifyAsync_ZlibBomb_StatusListTooLargeWithinBound()
        {
            // 64 MiB of zeros compress to about 64 KiB; the inflater stops at the 16 MiB limit.
            var bomb = Zlib(new byte[64 * 1024 * 1024]);
            PublishStatusList(c => c["status_list"]!["lst"] = bomb);
            var before = GC.GetAllocatedBytesForCurrentThread();

            var result = await VerifyAsync(WithStatus(7));

            AssertRejected(result, TokenStatusProblemCodes.StatusListTooLarge);
            Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.LessThan(80L * 1024 * 1024), "inflation is bounded by the limit, not the declared data");
        }

        [TestCase("\"x\"")]
        [TestCase("-5")]
        [TestCase("0")]
        [TestCase("1e400")]
        public async Task VerifyAsync_UnreadableTtl_StatusListTokenInvalid(string ttl)
        {
            PublishStatusList(c => c["ttl"] = "@raw:" + ttl);

            AssertRejected(await VerifyAsync(WithStatus(7)), TokenStatusProblemCodes.StatusListTokenInvalid);
        }

        [TestCase("exp")]
        [TestCase("iat")]
        public async Task VerifyAsync_StatusListUnreadableTime_StatusListTokenInvalid(string claim)
        {
            PublishStatusList(c => c[claim] = "@raw:\"soon\"");

            AssertRejected(await VerifyAsync(WithStatus(7)), TokenStatusProblemCodes.StatusListTokenInvalid);
        }

        [Test]
        public async Task VerifyAsync_StatusListPayloadNotJson_StatusListTokenInvalid()
        {
            PublishRawStatusList(Jws.SignCompact(new JsonObject { ["typ"] = StatusListToken.JwtType }, "not json"u8, IssuerSigner));

            AssertRejected(await VerifyAsync(WithStatus(7)), TokenStatusProblemCodes.StatusListTokenInvalid);
        }

        [Test]
        public async Task VerifyAsync_StatusListIdOfWrongType_StatusListTokenInvalid()
        {
            PublishStatusList(c => c["sub"] = 42);

            AssertRejected(await VerifyAsync(WithStatus(7)), TokenStatusProblemCodes.StatusListTokenInvalid);
        }

        [Test]
        public async Task VerifyAsync_StatusListForAnotherUri_StatusListSubjectMismatch()
        {
            PublishStatusList(c => c["sub"] = "https://bank-a.example/status/2");

            AssertRejected(await VerifyAsync(WithStatus(7)), TokenStatusProblemCodes.StatusListSubjectMismatch);
        }

        [Test]
        public async Task VerifyAsync_Revoked_Revoked()
        {
            var list = new TokenStatusList(2, 1024);
            list.Set(7, TokenStatusTypes.Invalid);
            PublishStatusList(list: list);

            AssertRejected(await VerifyAsync(WithStatus(7)), TokenStatusProblemCodes.Revoked);
        }
    }

    /// <summary>Trust through <see cref="ITrustPolicy"/>, asked last.</summary>
    public sealed class Trust : HostileInputFixture
    {
        [Test]
        public async Task VerifyAsync_IssuerNotTrusted_PolicyCode()
        {
            var result = await VerifyAsync(Present(Payload()), trust: new TrustedIssuersPolicy(["did:example:other-bank"]));

            AssertRejected(result, CredentialProblemCodes.UntrustedIssuer);
            Assert.That(result.Trust!.Succeeded, Is.False);
        }

        [Test]
        public async Task VerifyAsync_ForgedPresentation_PolicyNeverAsked()
        {
            var policy = new RecordingPolicy();
            var sdJwt = SdJwt(SignIssuerJwt(Payload()));

            var result = await VerifyAsync(sdJwt + KeyBindingJwt(sdJwt, c => c["nonce"] = "replayed"), trust: policy);

            AssertRejected(result, SdJwtProblemCodes.KeyBindingWrongNonce);
            Assert.That(policy.Contexts, Is.Empty);
        }

        [Test]
        public async Task VerifyAsync_Trusted_PolicyGetsVctIatAndSigningMethod()
        {
            var policy = new RecordingPolicy();

            AssertAccepted(await VerifyAsync(Present(Payload()), trust: policy));
            Assert.That(policy.Contexts, Has.Count.EqualTo(1));
            Assert.That(policy.Contexts[0].CredentialTypes, Is.EqualTo(new[] { Vct }));
            Assert.That(policy.Contexts[0].IssuedAt, Is.EqualTo(Now.AddDays(-1)));
            Assert.That(policy.Contexts[0].VerificationMethod, Is.EqualTo(IssuerSigner.KeyId));
        }

        private sealed class RecordingPolicy : ITrustPolicy
        {
            public List<TrustPolicyContext> Contexts { get; } = [];

            public ValueTask<TrustPolicyResult> EvaluateAsync(TrustPolicyContext context, CancellationToken cancellationToken = default)
            {
                Contexts.Add(context);
                return ValueTask.FromResult(TrustPolicyResult.Trusted("recorded"));
            }
        }
    }
}
