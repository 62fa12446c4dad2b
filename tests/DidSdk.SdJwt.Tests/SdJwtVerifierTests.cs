using System.Text;
using System.Text.Json.Nodes;
using DidSdk.Core.Jose;
using DidSdk.Core.Json;
using DidSdk.Crypto;
using Microsoft.Extensions.Time.Testing;

namespace DidSdk.SdJwt.Tests;

/// <summary>One negative test per RFC 9901 §7 rule, and the happy paths around them.</summary>
public sealed class SdJwtVerifierTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
    private PrivateKey _issuerKey = null!;
    private PrivateKey _holderKey = null!;
    private KeySigner _issuer = null!;
    private KeySigner _holder = null!;

    [SetUp]
    public void SetUp()
    {
        _issuerKey = PrivateKey.Generate(KeyType.Ed25519);
        _holderKey = PrivateKey.Generate(KeyType.P256);
        _issuer = new KeySigner(_issuerKey, "issuer-key");
        _holder = new KeySigner(_holderKey);
    }

    [TearDown]
    public void TearDown()
    {
        _issuerKey.Dispose();
        _holderKey.Dispose();
    }

    private SdJwtIssuerKey IssuerKey => SdJwtIssuerKey.FromPublicKey(_issuerKey.PublicKey);

    private static Setup Options(bool requireKb = true, TimeSpan? skewFromNow = null, bool allowExpired = false) => new(
        new SdJwtVerifierOptions { RequireKeyBinding = requireKb, AllowExpiredCredentials = allowExpired },
        new FakeTimeProvider(Now + (skewFromNow ?? TimeSpan.Zero)));

    private static Setup Options(SdJwtVerifierOptions options) => new(options, new FakeTimeProvider(Now));

    private static Task<SdJwtVerificationResult> Verify(string text, SdJwtIssuerKey key, Setup setup) =>
        new SdJwtVerifier(setup.Options, setup.Clock).VerifyAsync(text, key, "https://bank-b.example", "n-0S6_WzA2Mj");

    private sealed record Setup(SdJwtVerifierOptions Options, TimeProvider Clock);

    private static JsonObject Claims() => new()
    {
        ["iss"] = "https://bank-a.example",
        ["iat"] = Now.AddDays(-1).ToUnixTimeSeconds(),
        ["exp"] = Now.AddDays(30).ToUnixTimeSeconds(),
        ["given_name"] = "Ji-woo",
        ["age_over_18"] = true,
        ["address"] = new JsonObject { ["locality"] = "Seoul", ["country"] = "KR" },
        ["nationalities"] = new JsonArray("KR", "US"),
    };

    private Task<SdJwtToken> IssueAsync(JsonObject? claims = null, string[]? disclosable = null) =>
        new SdJwtIssuer(_issuer).IssueAsync(new SdJwtIssuanceRequest
        {
            Claims = claims ?? Claims(),
            Disclosable = disclosable ?? ["/given_name", "/age_over_18", "/address", "/address/locality", "/nationalities/0", "/nationalities/1"],
            Header = new JsonObject { ["typ"] = "example+sd-jwt" },
            HolderPublicKey = _holderKey.PublicKey,
        });

    private KeyBindingRequest Kb(string? aud = null, string? nonce = null, DateTimeOffset? iat = null, ISigner? by = null) => new()
    {
        HolderSigner = by ?? _holder,
        Audience = aud ?? "https://bank-b.example",
        Nonce = nonce ?? "n-0S6_WzA2Mj",
        IssuedAt = iat ?? Now,
    };

    /// <summary>Signs an arbitrary payload with the issuer key, for payloads our issuer would never produce.</summary>
    private string SignPayload(JsonObject payload) =>
        Jws.SignCompact(new JsonObject { ["typ"] = "example+sd-jwt" }, Encoding.UTF8.GetBytes(payload.ToJsonString()), _issuer);

    private static string Compact(string jwt, params Disclosure[] disclosures) => new SdJwtToken(jwt, disclosures).ToCompact();

    private static Disclosure D(string? name, JsonNode? value) => Disclosure.Create("c2FsdHNhbHRzYWx0c2FsdA", name, value);

    private static JsonObject Sd(params Disclosure[] disclosures) => new()
    {
        ["_sd"] = new JsonArray([.. disclosures.Select(d => (JsonNode)d.Digest(SdHashAlgorithm.Sha256))]),
        ["_sd_alg"] = "sha-256",
    };

    private static void AssertProblem(SdJwtVerificationResult result, string code) =>
        Assert.That(result.Problems, Has.Some.Matches<DidSdk.Core.Problem>(p => p.Code == code), string.Join("; ", result.Problems));

    [Test]
    public async Task VerifyAsync_PresentationWithKeyBinding_ValidAndOnlyChosenClaims()
    {
        var token = await IssueAsync();
        var presented = await SdJwtHolder.PresentAsync(token, ["/age_over_18", "/nationalities/0", "/address/locality"], Kb());

        var result = await Verify(presented.ToCompact(), IssuerKey, Options());

        Assert.That(result.Problems, Is.Empty);
        Assert.That(result.Claims!["age_over_18"]!.GetValue<bool>(), Is.True);
        Assert.That(result.Claims.ContainsKey("given_name"), Is.False);
        Assert.That(result.Claims["nationalities"]!.ToJsonString(), Is.EqualTo("[\"KR\"]"));
        Assert.That(result.Claims["address"]!.ToJsonString(), Is.EqualTo("{\"country\":\"KR\",\"locality\":\"Seoul\"}"));
        Assert.That(result.Claims.ContainsKey("_sd_alg"), Is.False);
        Assert.That(result.KeyBindingClaims!["nonce"]!.GetValue<string>(), Is.EqualTo("n-0S6_WzA2Mj"));
    }

    [Test]
    public async Task VerifyAsync_FlattenedJsonSerialization_Valid()
    {
        var presented = await SdJwtHolder.PresentAsync(await IssueAsync(), ["/given_name"], Kb());

        var result = await Verify(presented.ToFlattenedJson(), IssuerKey, Options());

        Assert.That(result.Problems, Is.Empty);
        Assert.That(result.Claims!["given_name"]!.GetValue<string>(), Is.EqualTo("Ji-woo"));
    }

    [Test]
    public async Task VerifyAsync_WithDecoys_DecoysIgnored()
    {
        var token = await new SdJwtIssuer(_issuer, new SdJwtIssuerOptions { MinDecoyDigests = 2, MaxDecoyDigests = 4 })
            .IssueAsync(new SdJwtIssuanceRequest { Claims = Claims(), Disclosable = ["/given_name"] });
        var digests = JsonNode.Parse(Jws.ReadCompact(token.IssuerSignedJwt).Token!.Payload.Span)!["_sd"]!.AsArray();

        var result = await Verify(token.ToCompact(), IssuerKey, Options(requireKb: false));

        Assert.That(digests, Has.Count.InRange(3, 5));
        Assert.That(result.Problems, Is.Empty);
        Assert.That(result.Claims!["given_name"]!.GetValue<string>(), Is.EqualTo("Ji-woo"));
    }

    [Test]
    public async Task VerifyAsync_DuplicateDisclosure_Rejected()
    {
        var token = await IssueAsync();
        var text = token.ToCompactWithoutKeyBinding() + token.Disclosures[0].Encoded + "~";

        AssertProblem(await Verify(text, IssuerKey, Options(requireKb: false)), SdJwtProblemCodes.DuplicateDisclosure);
    }

    [Test]
    public async Task VerifyAsync_DisclosureFromAnotherSdJwt_Unreferenced()
    {
        var token = await IssueAsync();
        var foreign = D("given_name", "Mallory");

        AssertProblem(await Verify(Compact(token.IssuerSignedJwt, [.. token.Disclosures, foreign]), IssuerKey, Options(requireKb: false)), SdJwtProblemCodes.UnreferencedDisclosure);
    }

    [Test]
    public async Task VerifyAsync_DigestTwiceInPayload_DuplicateDigest()
    {
        var d = D("a", 1);
        var payload = Sd(d);
        payload["nested"] = new JsonObject { ["_sd"] = new JsonArray(d.Digest(SdHashAlgorithm.Sha256)) };

        AssertProblem(await Verify(Compact(SignPayload(payload), d), IssuerKey, Options(requireKb: false)), SdJwtProblemCodes.DuplicateDigest);
    }

    [TestCase("_sd")]
    [TestCase("...")]
    public async Task VerifyAsync_DisclosureNamedReservedClaim_ForbiddenClaimName(string name)
    {
        var encoded = StrictBase64Url.Encode(Encoding.UTF8.GetBytes(new JsonArray("c2FsdA", name, "x").ToJsonString()));
        Assert.That(Disclosure.TryParse(encoded, 32, out var d, out _), Is.True);

        AssertProblem(await Verify(Compact(SignPayload(Sd(d!)), d!), IssuerKey, Options(requireKb: false)), SdJwtProblemCodes.ForbiddenClaimName);
    }

    [Test]
    public async Task VerifyAsync_ArrayElementDisclosureInSdArray_WrongPlace()
    {
        var d = D(null, "KR");

        AssertProblem(await Verify(Compact(SignPayload(Sd(d)), d), IssuerKey, Options(requireKb: false)), SdJwtProblemCodes.DisclosureInWrongPlace);
    }

    [Test]
    public async Task VerifyAsync_PropertyDisclosureInArray_WrongPlace()
    {
        var d = D("country", "KR");
        var payload = new JsonObject { ["list"] = new JsonArray(new JsonObject { ["..."] = d.Digest(SdHashAlgorithm.Sha256) }) };

        AssertProblem(await Verify(Compact(SignPayload(payload), d), IssuerKey, Options(requireKb: false)), SdJwtProblemCodes.DisclosureInWrongPlace);
    }

    [TestCase("{\"_sd\":\"abc\"}", SdJwtProblemCodes.InvalidDigestArray)]
    [TestCase("{\"_sd\":[1,2]}", SdJwtProblemCodes.InvalidDigestArray)]
    [TestCase("{\"list\":[{\"...\":\"abc\",\"extra\":1}]}", SdJwtProblemCodes.InvalidArrayElementDigest)]
    [TestCase("{\"list\":[{\"...\":5}]}", SdJwtProblemCodes.InvalidArrayElementDigest)]
    public async Task VerifyAsync_MalformedDigests_Rejected(string payloadJson, string code)
    {
        AssertProblem(await Verify(Compact(SignPayload(JsonNode.Parse(payloadJson)!.AsObject())), IssuerKey, Options(requireKb: false)), code);
    }

    [Test]
    public async Task VerifyAsync_DisclosedNameAlreadyPresent_Conflict()
    {
        var d = D("given_name", "Mallory");
        var payload = Sd(d);
        payload["given_name"] = "Ji-woo";

        AssertProblem(await Verify(Compact(SignPayload(payload), d), IssuerKey, Options(requireKb: false)), SdJwtProblemCodes.ClaimNameConflict);
    }

    [TestCase("md5")]
    [TestCase("")]
    public async Task VerifyAsync_UnknownSdAlg_Unsupported(string alg)
    {
        var payload = new JsonObject { ["_sd_alg"] = alg, ["a"] = 1 };

        AssertProblem(await Verify(Compact(SignPayload(payload)), IssuerKey, Options(requireKb: false)), SdJwtProblemCodes.UnsupportedHashAlgorithm);
    }

    [Test]
    public async Task VerifyAsync_HashAlgorithmNotAllowedByPolicy_Unsupported()
    {
        var token = await new SdJwtIssuer(_issuer, new SdJwtIssuerOptions { HashAlgorithm = SdHashAlgorithm.Sha512 }).IssueAsync(new SdJwtIssuanceRequest { Claims = Claims(), Disclosable = ["/given_name"] });
        var strict = Options(new SdJwtVerifierOptions { RequireKeyBinding = false, AllowedHashAlgorithms = ["sha-256"] });

        Assert.That((await Verify(token.ToCompact(), IssuerKey, Options(requireKb: false))).Problems, Is.Empty, "sha-512 works by default");
        AssertProblem(await Verify(token.ToCompact(), IssuerKey, strict), SdJwtProblemCodes.UnsupportedHashAlgorithm);
    }

    [Test]
    public async Task VerifyAsync_TamperedPayload_SignatureInvalid()
    {
        var token = await IssueAsync();
        var parts = token.IssuerSignedJwt.Split('.');
        var payload = JsonNode.Parse(StrictBase64Url.TryDecode(parts[1], out var bytes) ? bytes : [])!.AsObject();
        payload["exp"] = Now.AddYears(10).ToUnixTimeSeconds();
        var forged = $"{parts[0]}.{StrictBase64Url.Encode(Encoding.UTF8.GetBytes(payload.ToJsonString()))}.{parts[2]}";

        AssertProblem(await Verify(new SdJwtToken(forged, token.Disclosures).ToCompact(), IssuerKey, Options(requireKb: false)), SdJwtProblemCodes.IssuerSignatureInvalid);
    }

    [Test]
    public async Task VerifyAsync_OtherIssuerKey_SignatureInvalid()
    {
        using var other = PrivateKey.Generate(KeyType.Ed25519);
        var token = await IssueAsync();

        AssertProblem(await Verify(token.ToCompact(), SdJwtIssuerKey.FromPublicKey(other.PublicKey), Options(requireKb: false)), SdJwtProblemCodes.IssuerSignatureInvalid);
    }

    [Test]
    public async Task VerifyAsync_AlgNone_IssuerJwtInvalid()
    {
        var header = StrictBase64Url.Encode("{\"alg\":\"none\"}"u8);
        var payload = StrictBase64Url.Encode("{\"a\":1}"u8);

        AssertProblem(await Verify($"{header}.{payload}.~", IssuerKey, Options(requireKb: false)), SdJwtProblemCodes.IssuerJwtInvalid);
    }

    [Test]
    public async Task VerifyAsync_Expired_TimeInvalidUnlessAllowed()
    {
        var token = await IssueAsync();

        AssertProblem(await Verify(token.ToCompact(), IssuerKey, Options(requireKb: false, skewFromNow: TimeSpan.FromDays(31))), SdJwtProblemCodes.IssuerJwtExpired);
        Assert.That((await Verify(token.ToCompact(), IssuerKey, Options(requireKb: false, skewFromNow: TimeSpan.FromDays(31), allowExpired: true))).Problems, Is.Empty);
    }

    [Test]
    public async Task VerifyAsync_NoKeyBindingWhenRequired_Missing()
    {
        var presented = await SdJwtHolder.PresentAsync(await IssueAsync(), ["/given_name"], null);

        AssertProblem(await Verify(presented.ToCompact(), IssuerKey, Options()), SdJwtProblemCodes.KeyBindingMissing);
    }

    [Test]
    public async Task VerifyAsync_KeyBindingByAnotherKey_SignatureInvalid()
    {
        using var thief = PrivateKey.Generate(KeyType.P256);
        var presented = await SdJwtHolder.PresentAsync(await IssueAsync(), ["/given_name"], Kb(by: new KeySigner(thief)));

        AssertProblem(await Verify(presented.ToCompact(), IssuerKey, Options()), SdJwtProblemCodes.KeyBindingSignatureInvalid);
    }

    [Test]
    public async Task VerifyAsync_KeyBindingWrongTyp_Invalid()
    {
        var selected = await SdJwtHolder.PresentAsync(await IssueAsync(), ["/given_name"], null);
        var claims = new JsonObject { ["iat"] = Now.ToUnixTimeSeconds(), ["aud"] = "https://bank-b.example", ["nonce"] = "n-0S6_WzA2Mj", ["sd_hash"] = SdHashAlgorithm.Sha256.Digest(selected.ToCompactWithoutKeyBinding()) };
        var kb = Jws.SignCompact(new JsonObject { ["typ"] = "JWT" }, Encoding.UTF8.GetBytes(claims.ToJsonString()), _holder);

        AssertProblem(await Verify(selected.ToCompactWithoutKeyBinding() + kb, IssuerKey, Options()), SdJwtProblemCodes.KeyBindingWrongType);
    }

    [Test]
    public async Task VerifyAsync_DisclosureAddedAfterKeyBinding_SdHashMismatch()
    {
        var token = await IssueAsync();
        var presented = await SdJwtHolder.PresentAsync(token, ["/age_over_18"], Kb());
        var extra = token.Disclosures.First(d => d.ClaimName == "given_name");
        var tampered = new SdJwtToken(presented.IssuerSignedJwt, [.. presented.Disclosures, extra], presented.KeyBindingJwt);

        AssertProblem(await Verify(tampered.ToCompact(), IssuerKey, Options()), SdJwtProblemCodes.SdHashMismatch);
    }

    [Test]
    public async Task VerifyAsync_KeyBindingForOtherVerifier_WrongAudience()
    {
        var presented = await SdJwtHolder.PresentAsync(await IssueAsync(), ["/given_name"], Kb(aud: "https://bank-c.example"));

        AssertProblem(await Verify(presented.ToCompact(), IssuerKey, Options()), SdJwtProblemCodes.KeyBindingWrongAudience);
    }

    [Test]
    public async Task VerifyAsync_ReplayedNonce_WrongNonce()
    {
        var presented = await SdJwtHolder.PresentAsync(await IssueAsync(), ["/given_name"], Kb(nonce: "old-nonce"));

        AssertProblem(await Verify(presented.ToCompact(), IssuerKey, Options()), SdJwtProblemCodes.KeyBindingWrongNonce);
    }

    [TestCase(-3600)]
    [TestCase(600)]
    public async Task VerifyAsync_KeyBindingIatOutsideWindow_Rejected(int offsetSeconds)
    {
        var presented = await SdJwtHolder.PresentAsync(await IssueAsync(), ["/given_name"], Kb(iat: Now.AddSeconds(offsetSeconds)));

        AssertProblem(await Verify(presented.ToCompact(), IssuerKey, Options()), SdJwtProblemCodes.KeyBindingIatOutOfWindow);
    }

    [Test]
    public async Task VerifyAsync_KeyBindingWithoutCnf_HolderKeyMissing()
    {
        var token = await new SdJwtIssuer(_issuer).IssueAsync(new SdJwtIssuanceRequest { Claims = Claims(), Disclosable = ["/given_name"] });
        var presented = await SdJwtHolder.PresentAsync(token, ["/given_name"], Kb());

        AssertProblem(await Verify(presented.ToCompact(), IssuerKey, Options()), SdJwtProblemCodes.HolderKeyMissing);
    }

    [TestCase("!!!")]
    [TestCase("WyJzYWx0Il0")]
    [TestCase("eyJhIjoxfQ")]
    [TestCase("WyJzYWx0IiwgMSwgMl0")]
    public async Task VerifyAsync_MalformedDisclosure_Rejected(string disclosure)
    {
        var token = await IssueAsync();

        AssertProblem(await Verify(token.IssuerSignedJwt + "~" + disclosure + "~", IssuerKey, Options(requireKb: false)), SdJwtProblemCodes.DisclosureMalformed);
    }

    [TestCase("")]
    [TestCase("no-tilde-at-all")]
    [TestCase("~abc~")]
    public async Task VerifyAsync_NotAnSdJwt_Malformed(string text)
    {
        AssertProblem(await Verify(text, IssuerKey, Options(requireKb: false)), SdJwtProblemCodes.Malformed);
    }

    [Test]
    public async Task VerifyAsync_Oversized_TooLarge()
    {
        var token = await IssueAsync();
        var options = Options(new SdJwtVerifierOptions { RequireKeyBinding = false, ReaderOptions = new SdJwtReaderOptions { MaxTokenLength = 100 } });

        AssertProblem(await Verify(token.ToCompact(), IssuerKey, options), SdJwtProblemCodes.TooLarge);
    }

    [Test]
    public void Issue_PointerToMissingClaim_Throws()
    {
        Assert.That(() => IssueAsync(disclosable: ["/no_such_claim"]), Throws.ArgumentException);
        Assert.That(() => IssueAsync(disclosable: ["/nationalities/5"]), Throws.ArgumentException);
        Assert.That(() => IssueAsync(disclosable: ["not-a-pointer"]), Throws.ArgumentException);
    }

    [Test]
    public async Task TrySelect_PointerToUnknownClaim_Fails()
    {
        var token = await IssueAsync();

        Assert.That(SdJwtHolder.TrySelect(token, ["/no_such_claim"], out _, out var problem), Is.False);
        Assert.That(problem!.Code, Is.EqualTo(SdJwtProblemCodes.Malformed));
    }

    [Test]
    public async Task TryGetDisclosableClaims_ListsEveryDisclosablePointer()
    {
        var token = await IssueAsync();

        Assert.That(SdJwtHolder.TryGetDisclosableClaims(token, out var claims, out var pointers, out _), Is.True);
        Assert.That(pointers, Is.EquivalentTo(new[] { "/given_name", "/age_over_18", "/address", "/address/locality", "/nationalities/0", "/nationalities/1" }));
        Assert.That(claims!["address"]!["locality"]!.GetValue<string>(), Is.EqualTo("Seoul"));
    }
}
