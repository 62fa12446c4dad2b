using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DidSdk.Core.Json;

namespace DidSdk.Core.Tests.Json;

public class JcsTests
{
    private static string Canonical(string json)
    {
        Assert.That(Jcs.TryCanonicalize(json, out var bytes, out var problem), Is.True, problem?.ToString());
        return Encoding.UTF8.GetString(bytes!);
    }

    private static string? ProblemCode(string json, int maxDepth = 32, int maxLength = Jcs.DefaultMaxLength)
    {
        Assert.That(Jcs.TryCanonicalize(json, out var bytes, out var problem, maxDepth, maxLength), Is.False);
        Assert.That(bytes, Is.Null);
        return problem!.Code;
    }

    [Test]
    public void TryCanonicalize_KeysSortedByUtf16CodeUnits_NotCodePoints()
    {
        // U+1F600 is D83D DE00 in UTF-16 and sorts before U+FB33; by code point (or UTF-8) it would sort after.
        Assert.That(Canonical("{\"\\ufb33\":1,\"\\ud83d\\ude00\":2}"), Is.EqualTo("{\"\U0001F600\":2,\"\ufb33\":1}"));
    }

    [Test]
    public void TryCanonicalize_KeysOrdinalNotCulture()
    {
        Assert.That(Canonical("{\"b\":1,\"B\":2,\"a\":3,\"\u00e9\":4,\"e\":5}"), Is.EqualTo("{\"B\":2,\"a\":3,\"b\":1,\"e\":5,\"\u00e9\":4}"));
    }

    [TestCase("\"\\u001f\"", "\"\\u001f\"")]
    [TestCase("\"\\u0000\"", "\"\\u0000\"")]
    [TestCase("\"\\b\\f\\n\\r\\t\"", "\"\\b\\f\\n\\r\\t\"")]
    [TestCase("\"\\u007f\"", "\"\u007f\"")]
    [TestCase("\"\\/\"", "\"/\"")]
    [TestCase("\"<>&'\"", "\"<>&'\"")]
    [TestCase("\"\\u2028\"", "\"\u2028\"")]
    [TestCase("\"\\\"\\\\\"", "\"\\\"\\\\\"")]
    public void TryCanonicalize_StringEscaping_PerRfc8785(string input, string expected)
    {
        Assert.That(Canonical(input), Is.EqualTo(expected));
    }

    [TestCase("-0", "0")]
    [TestCase("-0.0", "0")]
    [TestCase("1.0", "1")]
    [TestCase("1E21", "1e+21")]
    [TestCase("1E-7", "1e-7")]
    [TestCase("0.000001", "0.000001")]
    [TestCase("123456789012345678901", "123456789012345680000")]
    [TestCase("1e20", "100000000000000000000")]
    [TestCase("-1.5e-10", "-1.5e-10")]
    [TestCase("0.1", "0.1")]
    [TestCase("5e-324", "5e-324")]
    public void TryCanonicalize_Numbers_Es6Form(string input, string expected)
    {
        Assert.That(Canonical(input), Is.EqualTo(expected));
    }

    [Test]
    public void TryCanonicalize_DuplicateKey_DuplicateMember()
    {
        Assert.That(ProblemCode("{\"a\":1,\"a\":2}"), Is.EqualTo(JsonProblemCodes.DuplicateMember));
        Assert.That(ProblemCode("{\"x\":{\"a\":1,\"\\u0061\":2}}"), Is.EqualTo(JsonProblemCodes.DuplicateMember));
    }

    [TestCase("\"\\ud800\"", TestName = "TryCanonicalize_EscapedLoneHighSurrogate_LoneSurrogate")]
    [TestCase("\"\\udc00\"", TestName = "TryCanonicalize_EscapedLoneLowSurrogate_LoneSurrogate")]
    [TestCase("{\"\\ud800x\":1}", TestName = "TryCanonicalize_LoneSurrogateInKey_LoneSurrogate")]
    public void TryCanonicalize_LoneSurrogate_LoneSurrogate(string json)
    {
        Assert.That(ProblemCode(json), Is.EqualTo(JsonProblemCodes.LoneSurrogate));
    }

    [Test]
    public void TryCanonicalize_RawLoneSurrogateInText_LoneSurrogate()
    {
        // Built at run time: attribute arguments are stored as UTF-8 and would turn the surrogate into U+FFFD.
        Assert.That(ProblemCode(new string(['"', '\ud800', '"'])), Is.EqualTo(JsonProblemCodes.LoneSurrogate));
    }

    [TestCase("1e400")]
    [TestCase("-1e309")]
    public void TryCanonicalize_NumberBeyondDouble_NonFiniteNumber(string json)
    {
        Assert.That(ProblemCode(json), Is.EqualTo(JsonProblemCodes.NonFiniteNumber));
    }

    [Test]
    public void TryCanonicalize_DeeperThanLimit_TooDeep()
    {
        Assert.That(ProblemCode("[[[1]]]", maxDepth: 2), Is.EqualTo(JsonProblemCodes.TooDeep));
        Assert.That(Jcs.TryCanonicalize("[[1]]", out _, out _, maxDepth: 2), Is.True);
    }

    [Test]
    public void TryCanonicalize_LongerThanLimit_TooLarge()
    {
        Assert.That(ProblemCode("[1,2,3]", maxLength: 6), Is.EqualTo(JsonProblemCodes.TooLarge));
    }

    [TestCase("{")]
    [TestCase("{\"a\":1,}")]
    [TestCase("NaN")]
    [TestCase("[Infinity]")]
    [TestCase("{\"a\":01}")]
    public void TryCanonicalize_NotJson_InvalidJson(string json)
    {
        Assert.That(ProblemCode(json), Is.EqualTo(JsonProblemCodes.InvalidJson));
    }

    [Test]
    public void Canonicalize_JsonNodeWithNaN_Throws()
    {
        Assert.Throws<ArgumentException>(() => Jcs.Canonicalize(new JsonArray(double.NaN)));
        Assert.Throws<ArgumentException>(() => Jcs.Canonicalize(new JsonArray(double.PositiveInfinity)));
    }

    [Test]
    public void Canonicalize_JsonNodeWithLoneSurrogate_Throws()
    {
        Assert.Throws<ArgumentException>(() => Jcs.Canonicalize(new JsonObject { ["a"] = "\ud800" }));
    }

    [Test]
    public void Canonicalize_JsonNodeOfClrValues_MatchesTextForm()
    {
        var node = new JsonObject
        {
            ["z"] = 1.0,
            ["y"] = 10m,
            ["x"] = 3L,
            ["w"] = 0.1f,
            ["v"] = "é",
            ["u"] = true,
            ["t"] = null,
            ["s"] = new JsonArray(1, "a", false),
        };

        var canonical = Encoding.UTF8.GetString(Jcs.Canonicalize(node));

        // float 0.1f widens to 0.10000000149011612 as a double, as JSON.parse of its text would not; JSON text is the reference.
        Assert.That(canonical, Is.EqualTo("{\"s\":[1,\"a\",false],\"t\":null,\"u\":true,\"v\":\"é\",\"w\":0.1,\"x\":3,\"y\":10,\"z\":1}"));
    }

    [Test]
    public void Canonicalize_ParsedNodeAndElement_AgreeWithTextForm()
    {
        const string json = "{\"b\":[1.50,{\"d\":\"\\u00e9\",\"c\":null}],\"a\":-0}";
        using var doc = JsonDocument.Parse(json);
        var expected = Canonical(json);
        Assert.That(Encoding.UTF8.GetString(Jcs.Canonicalize(doc.RootElement)), Is.EqualTo(expected));
        Assert.That(Encoding.UTF8.GetString(Jcs.Canonicalize(JsonNode.Parse(json))), Is.EqualTo(expected));
        Assert.That(expected, Is.EqualTo("{\"a\":0,\"b\":[1.5,{\"c\":null,\"d\":\"é\"}]}"));
    }

    [Test]
    public void TryCanonicalize_CanonicalOutput_IsFixedPoint()
    {
        var once = Canonical("{\"b\": [ 1e1, \"\\u20ac\" ], \"a\" : { } }");
        Assert.That(Canonical(once), Is.EqualTo(once));
    }

    [Test]
    public void Canonicalize_InMemoryTreeDeeperThan1000_ThrowsInsteadOfOverflowingStack()
    {
        JsonNode node = new JsonArray();
        for (var i = 0; i < 5000; i++)
        {
            node = new JsonArray(node);
        }

        Assert.Throws<ArgumentException>(() => Jcs.Canonicalize(node));
    }

    [Test]
    public void SerializeNumber_NaN_Throws()
    {
        Assert.Throws<ArgumentException>(() => Jcs.SerializeNumber(double.NaN));
    }
}
