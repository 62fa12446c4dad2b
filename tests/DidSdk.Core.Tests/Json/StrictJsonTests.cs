using DidSdk.Core.Json;

namespace DidSdk.Core.Tests.Json;

public class StrictJsonTests
{
    [TestCase("{\"a\":1}", StrictJsonStatus.Ok)]
    [TestCase("{\"a\":1,\"a\":2}", StrictJsonStatus.DuplicateMember)]
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

    [Test]
    public void Validate_VeryDeepInput_TooDeepWithoutStackOverflow()
    {
        var json = new string('[', 100_000) + new string(']', 100_000);
        Assert.That(StrictJson.Validate(System.Text.Encoding.ASCII.GetBytes(json), StrictJson.DefaultMaxDepth), Is.EqualTo(StrictJsonStatus.TooDeep));
    }
}
