using DidSdk.Core.Dids;

namespace DidSdk.Core.Tests.Dids;

public class DidTests
{
    private static readonly string[] ValidDids =
    [
        "did:example:123456789abcdefghi",
        "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK",
        "did:web:example.com%3A8443:user:alice",
        "did:ethr:0x5:0xb9c5714089478a327f09197987f16f9e5d936e8a",
        "did:a:b",
        "did:m1:x::y",
        "did:example:%41%2f",
        "did:example:a.b-c_d",
    ];

    private static readonly (string Input, string Code)[] InvalidDids =
    [
        (string.Empty, DidProblemCodes.InvalidLength),
        ("did:", DidProblemCodes.InvalidMethodName),
        ("did:example", DidProblemCodes.InvalidMethodName),
        ("did::123", DidProblemCodes.InvalidMethodName),
        ("DID:example:123", DidProblemCodes.InvalidScheme),
        ("urn:example:123", DidProblemCodes.InvalidScheme),
        ("did:Example:123", DidProblemCodes.InvalidMethodName),
        ("did:ex-ample:123", DidProblemCodes.InvalidMethodName),
        ("did:example:", DidProblemCodes.InvalidMethodSpecificId),
        ("did:example:123:", DidProblemCodes.InvalidMethodSpecificId),
        ("did:example:12 3", DidProblemCodes.InvalidMethodSpecificId),
        ("did:example:12~3", DidProblemCodes.InvalidMethodSpecificId),
        ("did:example:caf\u00e9", DidProblemCodes.InvalidMethodSpecificId),
        ("did:example:%4", DidProblemCodes.InvalidPercentEncoding),
        ("did:example:%zz", DidProblemCodes.InvalidPercentEncoding),
        ("did:example:123#key-1", DidProblemCodes.NotAPlainDid),
        ("did:example:123/path", DidProblemCodes.NotAPlainDid),
        ("did:example:123?service=x", DidProblemCodes.NotAPlainDid),
    ];

    [TestCaseSource(nameof(ValidDids))]
    public void TryParse_ConformingDid_RoundTrips(string input)
    {
        Assert.That(Did.TryParse(input, out var did, out var problem), Is.True, problem?.ToString());
        Assert.That(did!.ToString(), Is.EqualTo(input));
        Assert.That($"did:{did.Method}:{did.MethodSpecificId}", Is.EqualTo(input));
    }

    [TestCaseSource(nameof(InvalidCases))]
    public void TryParse_NonConforming_ReturnsCode(string input, string code)
    {
        Assert.That(Did.TryParse(input, out var did, out var problem), Is.False);
        Assert.That(did, Is.Null);
        Assert.That(problem!.Code, Is.EqualTo(code));
    }

    private static IEnumerable<TestCaseData> InvalidCases() =>
        InvalidDids.Select(c => new TestCaseData(c.Input, c.Code).SetName($"TryParse_NonConforming_ReturnsCode({Escape(c.Input)})"));

    private static string Escape(string s) => s.Length == 0 ? "<empty>" : s.Replace("\u00e9", "\\u00e9", StringComparison.Ordinal);

    [Test]
    public void TryParse_Null_ReturnsInvalidLength()
    {
        Assert.That(Did.TryParse(null, out _, out var problem), Is.False);
        Assert.That(problem!.Code, Is.EqualTo(DidProblemCodes.InvalidLength));
    }

    [Test]
    public void TryParse_TooLong_ReturnsInvalidLength()
    {
        var input = "did:example:" + new string('a', 2048);
        Assert.That(Did.TryParse(input, out _, out var problem), Is.False);
        Assert.That(problem!.Code, Is.EqualTo(DidProblemCodes.InvalidLength));
    }

    [Test]
    public void Parse_Invalid_ThrowsFormatException()
    {
        Assert.That(() => Did.Parse("did:bad"), Throws.TypeOf<FormatException>());
    }

    [Test]
    public void Equals_SameString_EqualAndSameHash()
    {
        var a = Did.Parse("did:example:123");
        var b = Did.Parse("did:example:123");
        Assert.That(a, Is.EqualTo(b));
        Assert.That(a == b, Is.True);
        Assert.That(a.GetHashCode(), Is.EqualTo(b.GetHashCode()));
    }

    [Test]
    public void Equals_DifferentCaseOrEncoding_NotEqual()
    {
        Assert.That(Did.Parse("did:example:abc"), Is.Not.EqualTo(Did.Parse("did:example:ABC")));
        Assert.That(Did.Parse("did:example:%41"), Is.Not.EqualTo(Did.Parse("did:example:A")));
    }
}

public class DidParsableTests
{
    private static T ParseVia<T>(string s)
        where T : IParsable<T> => T.Parse(s, null);

    private static bool TryParseVia<T>(string s)
        where T : IParsable<T> => T.TryParse(s, null, out _);

    [Test]
    public void IParsable_DidAndDidUrl_Work()
    {
        Assert.That(ParseVia<Did>("did:example:1").Method, Is.EqualTo("example"));
        Assert.That(ParseVia<DidUrl>("did:example:1#k").Fragment, Is.EqualTo("k"));
        Assert.That(TryParseVia<Did>("did:example:1#k"), Is.False);
        Assert.That(TryParseVia<DidUrl>("nope"), Is.False);
    }

    [Test]
    public void MethodAndMethodSpecificId_ReadTwice_SameValueAndInstance()
    {
        var did = Did.Parse("did:example:123:abc");
        var method = did.Method;
        var id = did.MethodSpecificId;
        Assert.That(method, Is.EqualTo("example"));
        Assert.That(id, Is.EqualTo("123:abc"));
        Assert.That(did.Method, Is.SameAs(method));
        Assert.That(did.MethodSpecificId, Is.SameAs(id));
    }

    [Test]
    public void MethodSpecificId_ReadConcurrently_OneInstance()
    {
        var did = Did.Parse("did:example:concurrent");
        var seen = new string[8];
        Parallel.For(0, seen.Length, i => seen[i] = did.MethodSpecificId);
        Assert.That(seen, Has.All.SameAs(seen[0]));
    }
}
