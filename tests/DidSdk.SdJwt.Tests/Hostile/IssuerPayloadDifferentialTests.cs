using System.Text;
using System.Text.Json.Nodes;
using DidSdk.Core;
using DidSdk.Core.Jose;
using DidSdk.Crypto;

namespace DidSdk.SdJwt.Tests.Hostile;

/// <summary>
/// Holds the byte reader of Issuer-signed JWT payloads (<see cref="IssuerPayload"/>, the verifier's fast path) to the
/// general path that reads the payload as a tree (<see cref="SdJwtVerifierOptions.TreeOnly"/>): for thousands of
/// presentations built from hostile payload members and disclosures, each signed by the real issuer, both verifiers give
/// the same verdict, the same problems in the same order, the same claims, pointers, Key Binding claims and status.
/// </summary>
[TestFixture]
public sealed class IssuerPayloadDifferentialTests : HostileInputFixture
{
    private const string StatusClaim = """{"status_list":{"idx":3,"uri":"https://bank-a.example/status/1"}}""";

    private static readonly string[] Dates = ["@valid", "@valid", "@valid", "@valid", "@absent", "1.5", "\"1000\"", "1e400", "true", "null", "{}", "-1e20", "@future"];
    private static readonly string[] HashAlgorithms = ["@absent", "\"sha-256\"", "\"sha-256\"", "\"sha-384\"", "\"sha-512\"", "\"SHA-256\"", "256", "null", "\"sha\\u002d256\"", "\"md5\"", "[]"];
    private static readonly string[] Extras =
    [
        "", "", "", "\"address\":{\"street\":\"Main\",\"city\":\"Seoul\"}", "\"tags\":[\"a\",1,true,null,{\"k\":\"v\"}]",
        "\"nested\":{\"_sd\":[]}", "\"list\":[{\"...\":\"AAAA\"}]", "\"...\":1", "\"iss\":\"again\"", "\"\\u0061ge\":1", "\"na\u00efve\":1",
        "\"nationality\":\"US\"", "\"deep\":" + new string('[', 40) + new string(']', 40), "\"dup\":{\"a\":1,\"a\":2}", "\"esc\":\"line\\nbreak\"",
        "\"big\":123456789012345678901234567890", "\"aud\":[\"x\"]", "\"sub\":5", "\"jti\":\"j\"", "\"nonce\":\"n\"", "\"aud\":\"x\"",
    ];

    [SetUp]
    public void PublishStatus() => PublishStatusList();

    [Test]
    public async Task StructuredPayloads_FastPathAndTreeAgree()
    {
        var random = new Random(20261206);
        var tally = new DidSdk.Testing.PathTally();
        for (var i = 0; i < 2500; i++)
        {
            var (presentation, description) = BuildCase(random);
            var (usedFast, succeeded) = await AssertSameOutcomeAsync(presentation, description);
            tally.Add(usedFast, succeeded);
        }

        // Both paths are exercised, and the fast path both accepts and (for later checks) rejects.
        TestContext.Out.WriteLine(tally);
        Assert.That(tally.Shortfalls(fast: 300, tree: 300, fastSucceeded: 50, fastFailed: 50), Is.Empty, tally.ToString());
    }

    [Test]
    public async Task MutatedPayloadText_FastPathAndTreeAgree()
    {
        var random = new Random(61220262);
        var disclosures = new[] { D("age_over_18", true, "c2FsdDE"), D("nationality", "KR", "c2FsdDI"), D("kyc_level", "enhanced", "c2FsdDM") };
        var payload = Payload();
        payload["_sd"] = new JsonArray([.. disclosures.Select(d => (JsonNode)Digest(d)), "1A876pBCWoNMmJ8DNaLaBiE4wBU1QwV_V3H8JgoVGAk"]);
        payload["status"] = JsonNode.Parse(StatusClaim);
        var text = payload.ToJsonString();
        const string alphabet = "{}[]\":,\\ 0123456789.-+eEtrufalsn_sd...aAzZ\u00e9";
        var fast = 0;
        for (var i = 0; i < 2500; i++)
        {
            var mutated = DidSdk.Testing.TextMutator.Mutate(random, text, alphabet, maxEdits: 3);

            var issuerJwt = Jws.SignCompact(new JsonObject { ["typ"] = SdJwtVc.Type }, Encoding.UTF8.GetBytes(mutated), IssuerSigner);
            var sdJwt = SdJwt(issuerJwt, disclosures);
            var (usedFast, _) = await AssertSameOutcomeAsync(sdJwt + KeyBindingJwt(sdJwt), mutated);
            fast += usedFast ? 1 : 0;
        }

        Assert.That(fast, Is.GreaterThan(100), "mutations the byte reader still read");
    }

    [Test]
    public async Task FastPath_ClaimsAndPointersAreBuiltOnceAndShared()
    {
        var disclosures = new[] { D("age_over_18", true), D("nationality", "KR", "c2FsdDI") };
        var payload = Payload();
        payload["_sd"] = new JsonArray([.. disclosures.Select(d => (JsonNode)Digest(d))]);
        var result = await VerifyAsync(Present(payload, disclosures));

        AssertAccepted(result);
        Assert.That(result.Claims, Is.SameAs(result.SdJwt!.Claims));
        var first = result.Claims;
        Assert.That(result.Claims, Is.SameAs(first));
        Assert.That(result.SdJwt.DisclosedPointers, Is.EqualTo(new[] { "/age_over_18", "/nationality" }));
        Assert.That(result.Claims!["nationality"]!.GetValue<string>(), Is.EqualTo("KR"));
        Assert.That(result.Claims.ContainsKey("_sd"), Is.False);
        Assert.That(result.Claims.ContainsKey("_sd_alg"), Is.False);
    }

    private async Task<(bool Fast, bool Succeeded)> AssertSameOutcomeAsync(string presentation, string description)
    {
        var options = new SdJwtVerifierOptions();
        var usedFast = SdJwtToken.TryParse(presentation, options.ReaderOptions, out var token, out _)
            && SdJwtVerifier.TryReadIssuerJws(token, options, out var jws, out _)
            && IssuerPayload.TryRead(jws, token.Disclosures, options, out _);
        var byBytes = await VerifyAsync(presentation, options);
        var byTree = await VerifyAsync(presentation, new SdJwtVerifierOptions { TreeOnly = true });
        var context = description + (usedFast ? " (read from bytes)" : " (tree)");
        Assert.That(Describe(byBytes), Is.EqualTo(Describe(byTree)), context);

        // The plain SD-JWT verifier too (its own entry point, issuer key known out of band).
        var issuerKey = SdJwtIssuerKey.FromPublicKey(IssuerKey.PublicKey);
        var plainBytes = await new SdJwtVerifier(options, Clock).VerifyAsync(presentation, issuerKey, Audience, Nonce);
        var plainTree = await new SdJwtVerifier(new SdJwtVerifierOptions { TreeOnly = true }, Clock).VerifyAsync(presentation, issuerKey, Audience, Nonce);
        Assert.That(Describe(plainBytes), Is.EqualTo(Describe(plainTree)), context);
        return (usedFast, byBytes.Succeeded);
    }

    private static string Describe(SdJwtVcVerificationResult result) =>
        $"ok={result.Succeeded} iss={result.Issuer} vct={result.Vct} problems=[{string.Join("; ", result.Problems.Select(Describe))}] "
        + $"claims={result.Claims?.ToJsonString()} status={result.Status?.Succeeded}/{result.Status?.Status} trust={result.Trust?.Succeeded} "
        + (result.SdJwt is { } sdJwt ? Describe(sdJwt) : "sd-jwt=none");

    private static string Describe(SdJwtVerificationResult result) =>
        $"ok={result.Succeeded} problems=[{string.Join("; ", result.Problems.Select(Describe))}] claims={result.Claims?.ToJsonString()} "
        + $"pointers=[{string.Join(",", result.Succeeded ? result.DisclosedPointers : [])}] kb={result.KeyBindingClaims?.ToJsonString()} "
        + $"iat={result.IssuedAt?.ToUnixTimeSeconds()} vm={result.VerificationMethodId} jwt={result.IssuerJwt?.Algorithm} disclosures={result.Disclosures.Count}";

    private static string Describe(Problem problem) => problem.Code + ": " + problem.Message + (problem.Cause is { } cause ? " <- " + Describe(cause) : string.Empty);

    /// <summary>One presentation: each payload member picked from its hostile variants, disclosures picked and referenced (or not).</summary>
    private (string Presentation, string Description) BuildCase(Random random)
    {
        var members = new List<string>();
        void Add(string name, string value)
        {
            if (value != "@absent")
            {
                members.Add($"\"{name}\":{value}");
            }
        }

        // Mostly the first (valid) variant, so that a case has a few hostile members rather than all of them.
        string Pick(string[] values) => random.Next(4) == 0 ? values[random.Next(values.Length)] : values[0];
        string Date(string name, long valid)
        {
            var value = Pick(Dates);
            return value switch
            {
                "@valid" => valid.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "@future" => Now.AddDays(name == "exp" ? -2 : 3).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
                _ => value,
            };
        }

        var holderJwk = Jwk.FromPublicKey(HolderKey.PublicKey).ToJson();
        var holder = JsonNode.Parse(holderJwk)!.AsObject();
        var x = holder["x"]!.GetValue<string>();
        string[] issuers = [$"\"{IssuerDid}\"", $"\"{IssuerDid}\"", $"\"{IssuerDid}\"", "@absent", "123", "null", $"\"{IssuerDid.Replace(":", "\\u003a", StringComparison.Ordinal)}\""];
        string[] vcts = [$"\"{Vct}\"", $"\"{Vct}\"", $"\"{Vct}\"", "@absent", "5", $"\"{Vct.Replace("/", "\\/", StringComparison.Ordinal)}\""];
        string[] confirmations =
        [
            $"{{\"jwk\":{holderJwk}}}", $"{{\"jwk\":{holderJwk}}}", $"{{\"jwk\":{holderJwk}}}", "@absent",
            $"{{\"jwk\":{{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"{x}\",\"kid\":\"k1\"}}}}",
            $"{{\"jwk\":{{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"{x}\",\"d\":\"{x}\"}}}}",
            $"{{\"jwk\":{{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"{x[..^2]}\"}}}}",
            $"{{\"jwk\":{{\"x\":\"{x}\",\"crv\":\"Ed25519\",\"kty\":\"OKP\"}}}}",
            $"{{\"jwk\":{{\"kty\":\"O\\u004bP\",\"crv\":\"Ed25519\",\"x\":\"{x}\"}}}}",
            $"{{\"jwk\":{{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"{x}\",\"y\":\"{x}\"}}}}",
            $"{{\"jwk\":{holderJwk},\"kid\":\"k\"}}", "\"x\"", "{}", "{\"jwk\":\"x\"}", "{\"jwk\":null}",
        ];
        string[] statuses = ["@absent", "@absent", StatusClaim, "\"x\"", "{\"_sd\":[]}", """{"status_list":{"idx":9999999,"uri":"https://bank-a.example/status/1"}}"""];

        Add("iss", Pick(issuers));
        Add("vct", Pick(vcts));
        Add("iat", Date("iat", Now.AddDays(-1).ToUnixTimeSeconds()));
        Add("exp", Date("exp", Now.AddDays(30).ToUnixTimeSeconds()));
        if (random.Next(4) == 0)
        {
            Add("nbf", Date("nbf", Now.AddDays(-1).ToUnixTimeSeconds()));
        }

        var algorithmText = Pick(HashAlgorithms);
        Add("_sd_alg", algorithmText);
        Add("cnf", Pick(confirmations));
        Add("status", Pick(statuses));
        var extra = Pick(Extras);
        if (extra.Length > 0)
        {
            members.Add(extra);
        }

        // Digests are made with the algorithm the payload names when it names a known one.
        var algorithm = algorithmText switch
        {
            "\"sha-384\"" => SdHashAlgorithm.Sha384,
            "\"sha-512\"" => SdHashAlgorithm.Sha512,
            _ => SdHashAlgorithm.Sha256,
        };
        Disclosure[] pool =
        [
            D("age_over_18", true, "c2FsdDE"), D("nationality", "KR", "c2FsdDI"), D("kyc_level", "enhanced", "c2FsdDM"),
            D("score", JsonNode.Parse("1.50"), "c2FsdDQ"), D("note", null, "c2FsdDU"), D("nationality", "JP", "c2FsdDY"),
            D(null, "element", "c2FsdDc"), D("address", new JsonObject { ["city"] = "Busan" }, "c2FsdDg"), D("iss", "did:example:x", "c2FsdDk"),
            D("vct", "other", "c2FsdDA"), D("caf\u00e9", "x", "c2FsdEE"), RawDisclosure(["c2FsdEI", "_sd", "x"]), D("status", "x", "c2FsdEM"),
        ];
        var chosen = new List<Disclosure>();
        for (var n = random.Next(0, 5); n > 0; n--)
        {
            // Mostly the plain ones; now and then anything from the pool, or one disclosure twice.
            var next = random.Next(5) == 0 ? pool[random.Next(pool.Length)] : pool[random.Next(5)];
            if (!chosen.Contains(next) || random.Next(10) == 0)
            {
                chosen.Add(next);
            }
        }

        var digests = chosen.Distinct().Select(d => $"\"{d.Digest(algorithm)}\"").ToList();
        switch (random.Next(12))
        {
            case 0 when digests.Count > 0:
                digests.RemoveAt(0); // a disclosure no digest refers to
                break;
            case 1 when digests.Count > 0:
                digests.Add(digests[0]); // a digest twice
                break;
            case 2:
                digests.Add("5");
                break;
            case 3 when digests.Count > 0:
                digests[0] = digests[0].Replace("A", "\\u0041", StringComparison.Ordinal).Replace("a", "\\u0061", StringComparison.Ordinal);
                break;
            case 4:
                digests.Add($"\"{SdHashAlgorithm.Sha256.Digest("decoy" + random.Next())}\"");
                digests.Add($"\"{SdHashAlgorithm.Sha256.Digest("decoy" + random.Next())}\"");
                break;
        }

        digests = [.. digests.OrderBy(_ => random.Next())];
        switch (random.Next(14))
        {
            case 0:
                break; // no _sd
            case 1:
                members.Add("\"_sd\":\"x\"");
                break;
            default:
                members.Add($"\"_sd\":[{string.Join(",", digests)}]");
                break;
        }

        members = [.. members.OrderBy(_ => random.Next())];
        var payloadText = "{" + string.Join(",", members) + "}";
        var typ = random.Next(20) == 0 ? "JWT" : SdJwtVc.Type;
        var issuerJwt = Jws.SignCompact(new JsonObject { ["typ"] = typ }, Encoding.UTF8.GetBytes(payloadText), IssuerSigner);
        var sdJwt = SdJwt(issuerJwt, [.. chosen]);
        var keyBinding = KeyBindingJwt(sdJwt, random.Next(15) == 0 ? claims => claims["nonce"] = "other" : null);
        var description = $"payload {payloadText}; disclosures {string.Join(", ", chosen.Select(d => d.ClaimName ?? "[element]"))}";
        return (sdJwt + keyBinding, description);
    }
}
