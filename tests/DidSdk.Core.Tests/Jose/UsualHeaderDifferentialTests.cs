using System.Text;
using DidSdk.Core.Jose;
using DidSdk.Crypto;

namespace DidSdk.Core.Tests.Jose;

/// <summary>
/// Holds the byte reader of compact protected headers (the usual <c>alg</c>/<c>kid</c>/<c>typ</c>/<c>cty</c> header,
/// read without a tree) to the general path that parses every header as a tree (<see cref="JwsReaderOptions.TreeOnly"/>):
/// for thousands of hostile headers under several reader options, both give the same verdict, the same problem, the
/// same header JSON and fields, and the same signature verdict.
/// </summary>
[TestFixture]
public sealed class UsualHeaderDifferentialTests
{
    private static readonly string[] Algorithms = ["\"EdDSA\"", "\"ES256\"", "\"Ed25519\"", "\"ES256K\"", "\"none\"", "\"HS256\"", "\"EdDSA \"", "\"Ed\\u0044SA\"", "5", "null", "@absent", "[\"EdDSA\"]"];
    private static readonly string[] KeyIds = ["@absent", "\"did:key:z6Mk#z6Mk\"", "\"k\\u0031\"", "5", "{}", "\"caf\u00e9\"", "\"\"", "null"];
    private static readonly string[] Types = ["@absent", "\"vc+jwt\"", "\"JWT\"", "\"custom+jwt\"", "5", "\"v\\u0063+jwt\"", "\"kb+jwt\"", "[]"];
    private static readonly string[] Extras =
    [
        "", "\"crit\":[\"b64\"],\"b64\":false", "\"b64\":false", "\"jwk\":{\"kty\":\"OKP\"}", "\"x5c\":[]", "\"b64\":true", "\"crit\":[]", "\"foo\":1",
        "\"alg\":\"EdDSA\"", "\"kid\":\"x\"", "\"typ\":\"JWT\"", "\"\\u0061lg\":\"EdDSA\"", "\"nested\":{\"a\":[1,{\"b\":null}]}", "\"jku\":5", "\"crit\":[\"exp\"],\"exp\":1",
    ];

    private static readonly JwsReaderOptions[] Options =
    [
        JwsReaderOptions.Default,
        new() { AllowedAlgorithms = ["ES256"] },
        new() { AllowHighSSecp256k1Signatures = true },
        new() { MaxJsonDepth = 1 },
        new() { AllowUnencodedPayload = true },
        new() { SupportedCriticalHeaders = ["exp"] },
    ];

    private PrivateKey _key = null!;

    [SetUp]
    public void CreateKey() => _key = PrivateKey.Generate(KeyType.Ed25519);

    [TearDown]
    public void DisposeKey() => _key.Dispose();

    [Test]
    public void StructuredHeaders_FastPathAndTreeAgree()
    {
        var random = new Random(20261206);
        var fast = 0;
        var tree = 0;
        for (var i = 0; i < 3000; i++)
        {
            var members = new List<string>();
            Add(members, "alg", Pick(random, Algorithms));
            Add(members, "kid", Pick(random, KeyIds));
            Add(members, "typ", Pick(random, Types));
            Add(members, "cty", Pick(random, Types));
            var extra = Pick(random, Extras);
            if (extra.Length > 0)
            {
                members.Add(extra);
            }

            var header = "{" + string.Join(",", members.OrderBy(_ => random.Next())) + "}";
            if (AssertSameOutcome(header, Options[random.Next(Options.Length)]))
            {
                fast++;
            }
            else
            {
                tree++;
            }
        }

        TestContext.Out.WriteLine($"{fast} read from bytes, {tree} left to the tree");
        Assert.That(fast, Is.GreaterThan(500), "headers read from bytes");
        Assert.That(tree, Is.GreaterThan(500), "headers left to the tree");
    }

    [Test]
    public void MutatedHeaderText_FastPathAndTreeAgree()
    {
        var random = new Random(61220262);
        const string text = "{\"alg\":\"EdDSA\",\"kid\":\"did:key:z6Mk#z6Mk\",\"typ\":\"vc+jwt\",\"cty\":\"vc\"}";
        const string alphabet = "{}[]\":,\\ 0123456789.-+eEtrufalsnEdDSAalgkidtypcty\u00e9";
        var fast = 0;
        for (var i = 0; i < 3000; i++)
        {
            var mutated = DidSdk.Testing.TextMutator.Mutate(random, text, alphabet, maxEdits: 2);

            fast += AssertSameOutcome(mutated, Options[random.Next(Options.Length)]) ? 1 : 0;
        }

        Assert.That(fast, Is.GreaterThan(100), "mutations the byte reader still read");
    }

    [Test]
    public void FastPath_HeaderTreeIsBuiltOnFirstReadAndShared()
    {
        var token = JwsTestTokens.Sign("{\"alg\":\"EdDSA\",\"kid\":\"did:example:a#k1\",\"typ\":\"vc+jwt\"}", "{}", _key);
        var read = Jws.ReadCompact(token);

        Assert.That(read.Succeeded, Is.True);
        var jws = read.Token!;
        Assert.That(jws.IsHeaderParsed, Is.False, "the usual header is read from its bytes");
        Assert.That((jws.KeyId, jws.Type, jws.ContentType, jws.Algorithm), Is.EqualTo(("did:example:a#k1", "vc+jwt", (string?)null, "EdDSA")));
        Assert.That(Jws.VerifySignature(jws, _key.PublicKey), Is.True);
        var header = jws.Header;
        Assert.That(jws.Header, Is.SameAs(header));
        Assert.That(header.Select(p => (p.Key, p.Value!.GetValue<string>())), Is.EqualTo(new[] { ("alg", "EdDSA"), ("kid", "did:example:a#k1"), ("typ", "vc+jwt") }));
    }

    private static void Add(List<string> members, string name, string value)
    {
        if (value != "@absent")
        {
            members.Add($"\"{name}\":{value}");
        }
    }

    // The first value (a usual one) four times in five, so whole headers are often usual; otherwise any.
    private static string Pick(Random random, string[] values) => random.Next(5) == 0 ? values[random.Next(values.Length)] : values[random.Next(2)];

    /// <returns>Whether the fast path read the header.</returns>
    private bool AssertSameOutcome(string header, JwsReaderOptions options)
    {
        var token = JwsTestTokens.Sign(header, "{\"sub\":\"x\"}", _key);
        var treeOptions = new JwsReaderOptions
        {
            AllowedAlgorithms = options.AllowedAlgorithms,
            AllowHighSSecp256k1Signatures = options.AllowHighSSecp256k1Signatures,
            MaxJsonDepth = options.MaxJsonDepth,
            AllowUnencodedPayload = options.AllowUnencodedPayload,
            SupportedCriticalHeaders = options.SupportedCriticalHeaders,
            TreeOnly = true,
        };
        var byBytes = Jws.ReadCompact(token, options);
        var usedFast = byBytes.Succeeded && !byBytes.Token!.IsHeaderParsed;
        var byTree = Jws.ReadCompact(token, treeOptions);
        Assert.That(Describe(byBytes), Is.EqualTo(Describe(byTree)), header + (usedFast ? " (read from bytes)" : " (tree)"));
        return usedFast;
    }

    private string Describe(JwsReadResult result)
    {
        if (!result.Succeeded)
        {
            return $"failed {result.Problem!.Code}: {result.Problem.Message}";
        }

        var token = result.Token!;
        return $"ok alg={token.Algorithm} signing={token.SigningAlgorithm.JoseAlgorithm}/{token.SigningAlgorithm.GetHashCode()} kid={token.KeyId} typ={token.Type} cty={token.ContentType} "
            + $"crit=[{string.Join(",", token.Critical)}] b64={token.IsPayloadEncoded} payload={Encoding.UTF8.GetString(token.Payload.Span)} "
            + $"verifies={Jws.VerifySignature(token, _key.PublicKey)} header={token.Header.ToJsonString()}";
    }
}
