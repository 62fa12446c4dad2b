using DidSdk.Core.Json;

namespace DidSdk.Core.Tests.Json;

public class StrictJsonTests
{
    [TestCase("{\"a\":1}", StrictJsonStatus.Ok)]
    [TestCase("{\"a\":1,\"a\":2}", StrictJsonStatus.DuplicateMember)]
    [TestCase("{\"iss\":\"a\",\"iss\":\"b\"}", StrictJsonStatus.DuplicateMember)]
    [TestCase("{\"iss\":1,\"\\u0069ss\":2}", StrictJsonStatus.DuplicateMember)]
    [TestCase("{\"@context\":{\"type\":1,\"type\":2}}", StrictJsonStatus.DuplicateMember)]
    [TestCase("{\"type\":[[[[\"VerifiableCredential\"]]]]}", StrictJsonStatus.TooDeep)]
    [TestCase("{\"alg\":\"EdDSA\"", StrictJsonStatus.Invalid)]
    [TestCase("{\"a\":{\"b\":1,\"b\":1}}", StrictJsonStatus.DuplicateMember)]
    [TestCase("{\"a\":1,\"\\u0061\":2}", StrictJsonStatus.DuplicateMember)]
    [TestCase("{\"a\":1,}", StrictJsonStatus.Invalid)]
    [TestCase("{\"a\":1} x", StrictJsonStatus.Invalid)]
    [TestCase("// c\n{}", StrictJsonStatus.Invalid)]
    [TestCase("", StrictJsonStatus.Invalid)]
    [TestCase("[\"\\ud800\"]", StrictJsonStatus.LoneSurrogate)]
    [TestCase("{\"\\udc00\":1}", StrictJsonStatus.LoneSurrogate)]
    [TestCase("[\"\\ud83d\\ude00\"]", StrictJsonStatus.Ok)]
    [TestCase("[[[[1]]]]", StrictJsonStatus.Ok)]
    [TestCase("[[[[[1]]]]]", StrictJsonStatus.TooDeep)]
    [TestCase("{\"a\":{\"b\":{\"c\":{\"d\":{}}}}}", StrictJsonStatus.TooDeep)]
    [TestCase("{\"a\":{\"b\":{\"c\":{\"d\":1,\"d\":2}}}}", StrictJsonStatus.DuplicateMember)]
    [TestCase("[[[[{\"a\":1,\"a\":2}]]]]", StrictJsonStatus.TooDeep)]
    [TestCase("{\"a\":1,\"a\":2,}", StrictJsonStatus.Invalid)]
    [TestCase("{\"\\u0062\":\"\\ud800x\"}", StrictJsonStatus.LoneSurrogate)]
    public void TryParseNode_Input_Status(string json, StrictJsonStatus expected)
    {
        Assert.That(StrictJson.TryParseNode(System.Text.Encoding.UTF8.GetBytes(json), maxDepth: 4, out _), Is.EqualTo(expected));
    }

    [Test]
    public void TryParseNode_InvalidUtf8InString_Invalid()
    {
        Assert.That(StrictJson.TryParseNode([.. "[\""u8, 0xFF, .. "\"]"u8], 4, out _), Is.EqualTo(StrictJsonStatus.Invalid));
    }

    [Test]
    public void TryParseNode_EncodedSurrogateInUtf8_Invalid()
    {
        // ED A0 80 would be U+D800, which UTF-8 (RFC 3629) forbids.
        Assert.That(StrictJson.TryParseNode([.. "[\""u8, 0xED, 0xA0, 0x80, .. "\"]"u8], 4, out _), Is.EqualTo(StrictJsonStatus.Invalid));
    }

    [Test]
    public void TryParseNode_Numbers_KeepTheirExactText()
    {
        const string json = "{\"big\":123456789012345678901234567890,\"e\":1.0e2,\"neg\":-0.5,\"list\":[1,2.50]}";
        Assert.That(StrictJson.TryParseObject(System.Text.Encoding.UTF8.GetBytes(json), 4, out var obj), Is.EqualTo(StrictJsonStatus.Ok));
        Assert.That(obj!.ToJsonString(), Is.EqualTo(json));
        Assert.That(obj["neg"]!.GetValue<double>(), Is.EqualTo(-0.5));
        Assert.That(obj["list"]![0]!.GetValue<int>(), Is.EqualTo(1));
    }

    [Test]
    public void TryParseNode_StringsAndLiterals_ReadBack()
    {
        var json = "{\"s\":\"caf\\u00e9 \\\"q\\\"\",\"t\":true,\"f\":false,\"n\":null,\"o\":{},\"a\":[]}"u8;
        Assert.That(StrictJson.TryParseObject(json, 4, out var obj), Is.EqualTo(StrictJsonStatus.Ok));
        Assert.Multiple(() =>
        {
            Assert.That(obj!["s"]!.GetValue<string>(), Is.EqualTo("café \"q\""));
            Assert.That(obj["t"]!.GetValue<bool>(), Is.True);
            Assert.That(obj["f"]!.GetValueKind(), Is.EqualTo(System.Text.Json.JsonValueKind.False));
            Assert.That(obj.ContainsKey("n") && obj["n"] is null, Is.True);
            Assert.That(obj["o"], Is.InstanceOf<System.Text.Json.Nodes.JsonObject>());
            Assert.That(obj["a"], Is.InstanceOf<System.Text.Json.Nodes.JsonArray>());
            Assert.That(obj.Select(p => p.Key), Is.EqualTo(new[] { "s", "t", "f", "n", "o", "a" }));
        });
    }

    [Test]
    public void TryParseObject_Array_Invalid()
    {
        Assert.That(StrictJson.TryParseObject("[]"u8, 4, out var obj), Is.EqualTo(StrictJsonStatus.Invalid));
        Assert.That(obj, Is.Null);
    }

    [Test]
    public void TryParseDocument_Duplicate_DuplicateMember()
    {
        Assert.That(StrictJson.TryParseDocument("{\"a\":1,\"a\":1}"u8.ToArray(), 4, out var doc), Is.EqualTo(StrictJsonStatus.DuplicateMember));
        Assert.That(doc, Is.Null);
    }

    [TestCase("[[[[1]]]]", StrictJsonStatus.Ok)]
    [TestCase("[[[[[1]]]]]", StrictJsonStatus.TooDeep)]
    [TestCase("[1,]", StrictJsonStatus.Invalid)]
    [TestCase("[\"\\udc00\"]", StrictJsonStatus.LoneSurrogate)]
    public void TryParseDocument_Input_Status(string json, StrictJsonStatus expected)
    {
        var status = StrictJson.TryParseDocument(System.Text.Encoding.UTF8.GetBytes(json), maxDepth: 4, out var doc);
        using (doc)
        {
            Assert.That(status, Is.EqualTo(expected));
            Assert.That(doc is not null, Is.EqualTo(expected == StrictJsonStatus.Ok));
        }
    }

    [Test]
    public void TryParseNode_VeryDeepInput_TooDeepWithoutStackOverflow()
    {
        var json = new string('[', 100_000) + new string(']', 100_000);
        Assert.That(StrictJson.TryParseNode(System.Text.Encoding.ASCII.GetBytes(json), StrictJson.DefaultMaxDepth, out _), Is.EqualTo(StrictJsonStatus.TooDeep));
    }

    [Test]
    public void Validate_VeryDeepInput_TooDeepWithoutStackOverflow()
    {
        var json = new string('[', 100_000) + new string(']', 100_000);
        Assert.That(StrictJson.Validate(System.Text.Encoding.ASCII.GetBytes(json), StrictJson.DefaultMaxDepth), Is.EqualTo(StrictJsonStatus.TooDeep));
    }

    // Well-known names and values are shared instances; escaped spellings decode to the same text.
    [TestCase("{\"alg\":\"EdDSA\",\"typ\":\"vc+jwt\"}", "alg", "EdDSA")]
    [TestCase("{\"\\u0061lg\":\"\\u0045dDSA\"}", "alg", "EdDSA")]
    [TestCase("{\"type\":\"VerifiableCredentialX\"}", "type", "VerifiableCredentialX")]
    [TestCase("{\"typ\":\"vc+jwt2\"}", "typ", "vc+jwt2")]
    public void TryParseObject_KnownText_SameValues(string json, string name, string value)
    {
        Assert.That(StrictJson.TryParseObject(System.Text.Encoding.UTF8.GetBytes(json), 4, out var obj), Is.EqualTo(StrictJsonStatus.Ok));
        Assert.That(obj!.Count, Is.GreaterThan(0));
        Assert.That(obj[name]!.GetValue<string>(), Is.EqualTo(value));
        Assert.That(obj.ToJsonString(), Is.EqualTo(System.Text.Json.Nodes.JsonNode.Parse(json)!.ToJsonString()));
    }
}
