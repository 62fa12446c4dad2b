using DidSdk.Core;
using DidSdk.Core.Jose;

namespace DidSdk.Credentials.Tests.Hostile;

/// <summary>
/// Holds the byte reader of <c>vc+jwt</c> payloads (<see cref="JosePayload"/>, the verifier's fast path) to the general
/// path that reads the payload as a tree (<see cref="CredentialVerifierOptions.TreeOnly"/>): for thousands of credentials
/// built from hostile members, each signed by the real issuer, both verifiers give the same verdict, the same problems
/// in the same order, the same credential JSON and the same trust decision.
/// </summary>
[TestFixture]
public sealed class JosePayloadDifferentialTests : HostileInputFixture
{
    private const string V2 = "\"https://www.w3.org/ns/credentials/v2\"";
    private const string Id = "\"urn:uuid:3978344f-8596-4c3a-a978-8fcaba3903c5\"";
    private const string SubjectId = "\"did:example:customer\"";

    private static readonly string[] Contexts =
    [
        "[" + V2 + "]", "[" + V2 + "]", "[" + V2 + ",\"https://bank.example/kyc/v1\"]", V2, "[\"https://www.w3.org/2018/credentials/v1\"]",
        "[" + V2 + ",{\"kyc_level\":\"https://bank.example/kyc#level\"}]", "[" + V2 + ",\"not a url\"]", "[" + V2 + ",5]", "[\"https:\\/\\/www.w3.org/ns/credentials/v2\"]",
        "[]", "@absent", "5", "[\"https://bank.example/first\"," + V2 + "]",
    ];

    private static readonly string[] Types =
    [
        "[\"VerifiableCredential\",\"KycCredential\"]", "[\"VerifiableCredential\",\"KycCredential\"]", "\"VerifiableCredential\"", "[\"KycCredential\"]", "[]",
        "[\"VerifiableCredential\",1]", "\"KycCredential\"", "[\"Verifiable\\u0043redential\"]", "@absent", "{}", "[\"VerifiableCredential\",\"VerifiableCredential\"]",
    ];

    private static readonly string[] Ids = ["@absent", Id, Id, "\"not a url\"", "5", "\"urn:uuid:\\u0033\"", "\"urn:other\"", "null"];

    private static readonly string[] Names = ["@absent", "@absent", "\"KYC\"", "{\"@value\":\"KYC\",\"@language\":\"en\"}", "5", "[\"a\",\"b\"]", "\"K\\u0059C\""];

    private static readonly string[] Subjects =
    [
        "{\"id\":" + SubjectId + ",\"kyc_level\":\"enhanced\",\"age_over_18\":true}", "{\"id\":" + SubjectId + ",\"kyc_level\":\"enhanced\"}",
        "{\"kyc_level\":\"enhanced\",\"nationality\":\"KR\"}", "{}", "[{\"id\":" + SubjectId + ",\"a\":1}]", "\"did:example:customer\"",
        "{\"id\":\"not a url\",\"a\":1}", "{\"id\":5}", "{\"a\":1,\"a\":2}", "{\"\\u0061\":1}", "{\"address\":{\"city\":\"Seoul\",\"zip\":[1,2,{\"x\":null}]}}",
        "{\"deep\":" + new string('[', 40) + new string(']', 40) + "}", "{\"esc\":\"a\\nb\"}", "{\"big\":123456789012345678901234567890,\"f\":-1.5e-7}",
        "{\"na\u00efve\":\"caf\u00e9\"}", "@absent", "null",
    ];

    private static readonly string[] JwtStrings = ["@absent", "@absent", "@match", "@match", "\"did:example:other\"", "5", "null", "@escaped"];

    private static readonly string[] Extras =
    [
        "", "", "", "", "\"credentialStatus\":{\"type\":\"BitstringStatusListEntry\",\"statusListCredential\":\"https://bank.example/s\",\"statusListIndex\":\"1\",\"statusPurpose\":\"revocation\"}",
        "\"relatedResource\":[{\"id\":\"https://bank.example/r\",\"digestSRI\":\"sha256-x\"}]", "\"aud\":\"https://bank-b.example\"", "\"evidence\":[{\"type\":\"DocumentVerification\"}]",
        "\"termsOfUse\":{\"type\":\"Policy\"}", "\"proof\":{}", "\"holder\":\"did:example:h\"", "\"extra\":{\"a\":[1,true,null,\"s\"]}", "\"nonce\":\"n-1\"", "\"nonce\":5",
        "\"x\":\"a\\\"b\"", "\"x\":{\"k\":1,\"k\":2}", "\"@type\":\"x\"", "\"issuanceDate\":\"2020-01-01T00:00:00Z\"", "\"credentialSchema\":[]",
    ];

    [Test]
    public async Task StructuredPayloads_FastPathAndTreeAgree()
    {
        var random = new Random(20261206);
        var tally = new DidSdk.Testing.PathTally();
        for (var i = 0; i < 2500; i++)
        {
            var payload = BuildPayload(random);
            var (usedFast, succeeded) = await AssertSameOutcomeAsync(payload, random.Next(4) == 0, random.Next(12) == 0);
            tally.Add(usedFast, succeeded);
        }

        // Both paths are exercised, and the fast path both accepts and (for later checks) rejects.
        TestContext.Out.WriteLine(tally);
        Assert.That(tally.Shortfalls(fast: 500, tree: 500, fastSucceeded: 300, fastFailed: 100), Is.Empty, tally.ToString());
    }

    [Test]
    public async Task MutatedPayloadText_FastPathAndTreeAgree()
    {
        var random = new Random(61220262);
        var text = WithClaims(
            Credential(),
            ("iss", "\"" + IssuerDid + "\""),
            ("sub", SubjectId),
            ("jti", Id),
            ("nbf", Unix(Now.AddDays(-1)).ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("iat", Unix(Now.AddDays(-1)).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        const string alphabet = "{}[]\":,\\ 0123456789.-+eEtrufalsnZT:/aAzZ\u00e9";
        var fast = 0;
        for (var i = 0; i < 2500; i++)
        {
            var mutated = DidSdk.Testing.TextMutator.Mutate(random, text, alphabet, maxEdits: 3);

            var (usedFast, _) = await AssertSameOutcomeAsync(mutated, random.Next(4) == 0, attackerSigns: false);
            fast += usedFast ? 1 : 0;
        }

        Assert.That(fast, Is.GreaterThan(100), "mutations the byte reader still read");
    }

    [Test]
    public async Task FastPath_CredentialJsonIsBuiltOnceAndShared()
    {
        var jwt = await SignAsync(WithClaims(Credential(), ("iss", "\"" + IssuerDid + "\"")), Issuer);
        Assert.That(JosePayload.TryRead(Jws.ReadCompact(jwt).Token!, 32, out _), Is.True, "the usual credential is read from its bytes");

        var result = await Verifier().VerifyAsync(jwt);

        Assert.That(result.Problems, Is.Empty);
        var claims = result.Claims!;
        Assert.That(result.Claims, Is.SameAs(claims));
        Assert.That(result.Credential!.Credential, Is.SameAs(claims));
        Assert.That(claims["credentialSubject"]!["kyc_level"]!.GetValue<string>(), Is.EqualTo("enhanced"));
        Assert.That(claims["iss"]!.GetValue<string>(), Is.EqualTo(IssuerDid));
    }

    [Test]
    public async Task FastPath_TrustPolicySeesTypesAndClaims()
    {
        var policy = new RecordingPolicy();
        var jwt = await SignAsync(Credential().ToJsonString(), Issuer);

        var result = await Verifier(trust: policy).VerifyAsync(jwt);

        Assert.That(result.Problems, Is.Empty);
        Assert.That(policy.Context!.CredentialTypes, Is.EqualTo(new[] { "VerifiableCredential", "KycCredential" }));
        Assert.That(policy.Context.Claims, Is.SameAs(result.Claims));
        Assert.That(policy.Context.Issuer, Is.EqualTo(IssuerDid));
        Assert.That(policy.Context.IssuedAt, Is.EqualTo(Now.AddDays(-1)));
    }

    private string BuildPayload(Random random)
    {
        var members = new List<string>();
        void Add(string name, string value)
        {
            if (value != "@absent")
            {
                members.Add($"\"{name}\":{value}");
            }
        }

        var validFromTime = Now.AddDays(-1 - random.Next(3));
        var validUntilTime = Now.AddDays(random.Next(-2, 30));
        var issuer = Pick(random, ["@issuer", "@issuer", "@issuer", "@issuer", "\"" + AttackerDid + "\"", "{\"id\":\"@issuerText\"}", "\"not a url\"", "@absent", "5", "@escaped"]);
        var issuerText = issuer switch
        {
            "@issuer" => "\"" + IssuerDid + "\"",
            "@escaped" => "\"" + IssuerDid.Replace("did:", "did\\u003a", StringComparison.Ordinal) + "\"",
            _ => issuer.Replace("@issuerText", IssuerDid, StringComparison.Ordinal),
        };
        Add("@context", Pick(random, Contexts));
        Add("type", Pick(random, Types));
        var id = Pick(random, Ids);
        Add("id", id);
        Add("issuer", issuerText);
        var validFrom = Pick(random, ["@valid", "@valid", "@valid", "@absent", "@future", "\"2026-11-24T12:00:00.5Z\"", "\"2026-11-24T12:00:00+01:00\"", "\"2026-13-01T00:00:00Z\"", "\"yesterday\"", "5", "\"2026-11-24T12:00:00\\u005a\""]);
        Add("validFrom", validFrom switch { "@valid" => "\"" + Xsd(validFromTime) + "\"", "@future" => "\"" + Xsd(Now.AddDays(3)) + "\"", _ => validFrom });
        var validUntil = Pick(random, ["@absent", "@absent", "@valid", "@valid", "\"2020-01-01T00:00:00Z\"", "\"never\"", "null"]);
        Add("validUntil", validUntil == "@valid" ? "\"" + Xsd(validUntilTime) + "\"" : validUntil);
        Add("credentialSubject", Pick(random, Subjects));
        Add("name", Pick(random, Names));
        Add("description", Pick(random, Names));
        Add("iss", JwtString(random, issuerText.StartsWith('"') ? issuerText : "\"" + IssuerDid + "\""));
        Add("sub", JwtString(random, SubjectId));
        Add("jti", JwtString(random, id.StartsWith('"') ? id : Id));
        Add("nbf", Date(random, validFrom == "@valid" ? validFromTime : Now.AddDays(-1)));
        Add("exp", Date(random, validUntil == "@valid" ? validUntilTime : Now.AddDays(10)));
        Add("iat", Date(random, Now.AddDays(-1)));
        var extra = Pick(random, Extras);
        if (extra.Length > 0)
        {
            members.Add(extra);
        }

        // Any member order: the reader must not depend on it.
        return "{" + string.Join(",", members.OrderBy(_ => random.Next())) + "}";
    }

    private static string JwtString(Random random, string match) => Pick(random, JwtStrings) switch
    {
        "@match" => match,
        "@escaped" => match.Replace(":", "\\u003a", StringComparison.Ordinal),
        var other => other,
    };

    private static string Date(Random random, DateTimeOffset match) => Pick(random, ["@absent", "@absent", "@absent", "@match", "@match", "@other", "1.5", "\"1000\"", "1e400", "null", "-1e20", "@fraction"]) switch
    {
        "@match" => Unix(match).ToString(System.Globalization.CultureInfo.InvariantCulture),
        "@other" => Unix(match.AddHours(5)).ToString(System.Globalization.CultureInfo.InvariantCulture),
        "@fraction" => Unix(match).ToString(System.Globalization.CultureInfo.InvariantCulture) + ".25",
        var other => other,
    };

    // The first value (a usual one) nine times in ten, so that whole payloads are often usual; otherwise any.
    private static string Pick(Random random, string[] values) => random.Next(10) == 0 ? values[random.Next(values.Length)] : values[0];

    /// <param name="payload">The payload text, signed as given.</param>
    /// <param name="withTrust">Ask a trust policy (that trusts the issuer, or, one time in three, only the attacker).</param>
    /// <param name="attackerSigns">Sign with the attacker's key (and kid) instead of the issuer's.</param>
    private async Task<(bool Fast, bool Succeeded)> AssertSameOutcomeAsync(string payload, bool withTrust, bool attackerSigns)
    {
        var jwt = await SignAsync(payload, attackerSigns ? Attacker : Issuer);
        var read = Jws.ReadCompact(jwt);
        var usedFast = read.Succeeded && JosePayload.TryRead(read.Token!, 32, out _);
        var trust = withTrust ? new TrustedIssuersPolicy([payload.Length % 3 == 0 ? AttackerDid : IssuerDid]) : null;
        var byBytes = await Verifier(trust: trust).VerifyAsync(jwt);
        var byTree = await TreeVerifier(trust).VerifyAsync(jwt);
        Assert.That(Describe(byBytes), Is.EqualTo(Describe(byTree)), payload + (usedFast ? " (read from bytes)" : " (tree)"));
        return (usedFast, byBytes.Succeeded);
    }

    private static CredentialVerifier TreeVerifier(ITrustPolicy? trust) => new(
        new DidSdk.Core.Resolution.CompositeDidResolver(new DidSdk.Core.Methods.DidKeyResolver()),
        new CredentialVerifierOptions { TreeOnly = true },
        new Microsoft.Extensions.Time.Testing.FakeTimeProvider(Now),
        trust);

    private static string Describe(CredentialVerificationResult result) =>
        $"ok={result.Succeeded} format={result.Format} issuer={result.Issuer} problems=[{string.Join("; ", result.Problems.Select(Describe))}] "
        + $"claims={result.Claims?.ToJsonString()} credential={result.Credential?.Credential.ToJsonString()} trust={result.Trust?.Succeeded}/{result.Trust?.Reason}";

    private static string Describe(Problem problem) => $"{problem.Code}: {problem.Message}" + (problem.Cause is { } cause ? $" <- {Describe(cause)}" : string.Empty);

    private sealed class RecordingPolicy : ITrustPolicy
    {
        public TrustPolicyContext? Context { get; private set; }

        public ValueTask<TrustPolicyResult> EvaluateAsync(TrustPolicyContext context, CancellationToken cancellationToken = default)
        {
            Context = context;
            return ValueTask.FromResult(TrustPolicyResult.Trusted("recorded"));
        }
    }
}
