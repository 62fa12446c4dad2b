using System.Text.Json.Nodes;
using DidSdk.Core.Jose;
using DidSdk.Crypto;
using DidSdk.Testing;
using Microsoft.Extensions.Time.Testing;

namespace DidSdk.SdJwt.Tests.SpecVectors;

/// <summary>The RFC 9901 worked examples: disclosures, digests and payloads byte for byte; signatures verified.</summary>
[Category("SpecVector")]
public sealed class Rfc9901ExampleTests
{
    private static readonly JsonObject Document = RepoPaths.LoadSpecVector("sd-jwt", "rfc9901-examples.json");

    private static PublicKeyMaterial IssuerKey => Jwk.Parse(Document["issuerPublicJwk"]!.ToJsonString()).ToPublicKey();

    private static IEnumerable<TestCaseData> Examples(Func<JsonObject, bool>? filter = null) =>
        Document["examples"]!.AsArray().Select(e => e!.AsObject()).Where(e => filter?.Invoke(e) ?? true)
            .Select(e => new TestCaseData(e).SetArgDisplayNames(e["name"]!.GetValue<string>()));

    private static IEnumerable<TestCaseData> AllExamples() => Examples();

    private static IEnumerable<TestCaseData> ExamplesWithoutDecoys() => Examples(e => !e["hasDecoys"]!.GetValue<bool>());

    private sealed class QueueSaltGenerator(IEnumerable<string> salts) : ISaltGenerator
    {
        private readonly Queue<string> _queue = new(salts);

        public string NextSalt() => _queue.Dequeue();
    }

    [TestCaseSource(nameof(AllExamples))]
    public void Disclosure_SameSaltNameValue_ByteExactEncodingAndDigest(JsonObject example)
    {
        foreach (var d in example["disclosures"]!.AsArray().Select(d => d!.AsObject()))
        {
            var disclosure = Disclosure.Create(d["salt"]!.GetValue<string>(), d["claimName"]?.GetValue<string>(), d["value"], DisclosureJsonStyle.Spaced);

            Assert.That(disclosure.Encoded, Is.EqualTo(d["encoded"]!.GetValue<string>()));
            Assert.That(disclosure.Digest(SdHashAlgorithm.Sha256), Is.EqualTo(d["digest"]!.GetValue<string>()));
        }
    }

    [TestCaseSource(nameof(AllExamples))]
    public void Disclosure_TryParse_ReadsSaltNameAndValue(JsonObject example)
    {
        foreach (var d in example["disclosures"]!.AsArray().Select(d => d!.AsObject()))
        {
            Assert.That(Disclosure.TryParse(d["encoded"]!.GetValue<string>(), 32, out var disclosure, out var problem), Is.True, problem?.ToString());
            Assert.That(disclosure!.Salt, Is.EqualTo(d["salt"]!.GetValue<string>()));
            Assert.That(disclosure.ClaimName, Is.EqualTo(d["claimName"]?.GetValue<string>()));
            Assert.That(JsonNode.DeepEquals(disclosure.Value, d["value"]), Is.True);
        }
    }

    [TestCaseSource(nameof(ExamplesWithoutDecoys))]
    public void BuildPayload_SameSaltsInOrder_ReproducesDisclosuresAndDigestArrays(JsonObject example)
    {
        var disclosures = example["disclosures"]!.AsArray().Select(d => d!.AsObject()).ToList();
        var issuer = new SdJwtIssuer(
            new KeySigner(PrivateKey.Generate(KeyType.P256)),
            new SdJwtIssuerOptions { DisclosureStyle = DisclosureJsonStyle.Spaced },
            new QueueSaltGenerator(disclosures.Select(d => d["salt"]!.GetValue<string>())));

        var (payload, built) = issuer.BuildPayload(new SdJwtIssuanceRequest
        {
            Claims = example["userClaims"]!.AsObject(),
            Disclosable = [.. example["disclosable"]!.AsArray().Select(p => p!.GetValue<string>())],
        });

        Assert.That(built.Select(d => d.Encoded), Is.EqualTo(disclosures.Select(d => d["encoded"]!.GetValue<string>())));
        var expected = example["payload"]!.DeepClone().AsObject();
        foreach (var added in new[] { "iss", "iat", "exp", "cnf" })
        {
            if (!example["userClaims"]!.AsObject().ContainsKey(added))
            {
                expected.Remove(added);
            }
        }

        Assert.That(JsonNode.DeepEquals(payload, expected), Is.True, $"ours: {payload.ToJsonString()}\nRFC:  {expected.ToJsonString()}");
    }

    [TestCaseSource(nameof(AllExamples))]
    public async Task VerifyAsync_Issuance_SignatureVerifiesAndAllClaimsRecovered(JsonObject example)
    {
        var issuance = example["issuance"]!;
        var text = issuance is JsonObject obj ? obj.ToJsonString() : issuance.GetValue<string>();
        var verifier = new SdJwtVerifier(new SdJwtVerifierOptions { RequireKeyBinding = false }, new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1_683_000_000 + 86_400)));

        var result = await verifier.VerifyAsync(text, SdJwtIssuerKey.FromPublicKey(IssuerKey));

        Assert.That(result.Problems, Is.Empty);
        var claims = result.Claims!.DeepClone().AsObject();
        foreach (var added in new[] { "iss", "iat", "exp", "cnf" })
        {
            if (!example["userClaims"]!.AsObject().ContainsKey(added))
            {
                claims.Remove(added);
            }
        }

        Assert.That(JsonNode.DeepEquals(claims, example["userClaims"]), Is.True, claims.ToJsonString());
    }

    [TestCaseSource(nameof(AllExamples))]
    public async Task VerifyAsync_Presentation_VerifiedClaimsMatchRfc(JsonObject example)
    {
        var presentation = example["presentation"]!;
        var text = presentation is JsonObject obj ? obj.ToJsonString() : presentation.GetValue<string>();
        var kb = example["keyBinding"] as JsonObject;
        var now = kb is null ? 1_683_000_000 + 86_400 : kb["iat"]!.GetValue<long>();
        var verifier = new SdJwtVerifier(new SdJwtVerifierOptions { RequireKeyBinding = kb is not null }, new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(now)));

        var result = await verifier.VerifyAsync(text, SdJwtIssuerKey.FromPublicKey(IssuerKey), kb?["aud"]!.GetValue<string>(), kb?["nonce"]!.GetValue<string>());

        Assert.That(result.Problems, Is.Empty);
        Assert.That(JsonNode.DeepEquals(result.Claims, example["verifiedClaims"]), Is.True, result.Claims!.ToJsonString());
    }

    [TestCaseSource(nameof(AllExamples))]
    public void TrySelect_PointersOfPresentedClaims_SelectsTheRfcDisclosures(JsonObject example)
    {
        var issuance = example["issuance"]!;
        var presentation = example["presentation"]!;
        Assert.That(SdJwtToken.TryParse(issuance is JsonObject i ? i.ToJsonString() : issuance.GetValue<string>(), null, out var issued, out _), Is.True);
        Assert.That(SdJwtToken.TryParse(presentation is JsonObject p ? p.ToJsonString() : presentation.GetValue<string>(), null, out var presented, out _), Is.True);
        var pathByEncoded = example["disclosures"]!.AsArray().Select((d, index) => (d!["encoded"]!.GetValue<string>(), example["disclosable"]![index]!.GetValue<string>()))
            .ToDictionary(x => x.Item1, x => x.Item2);
        var pointers = presented!.Disclosures.Select(d => pathByEncoded[d.Encoded]).ToList();

        Assert.That(SdJwtHolder.TrySelect(issued!, pointers, out var selected, out var problem), Is.True, problem?.ToString());
        Assert.That(selected!.Disclosures.Select(d => d.Encoded), Is.EquivalentTo(presented.Disclosures.Select(d => d.Encoded)));
    }
}
