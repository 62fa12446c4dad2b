using System.Text;
using System.Text.Json.Nodes;
using DidSdk.Core.Json;

namespace DidSdk.SdJwt.Tests.Hostile;

/// <summary>
/// A disclosure with a plain value is read without building a tree for its array (issue 20); other disclosures go
/// the general way. Both must read the same salt, name and value, and refuse the same inputs with the same code.
/// </summary>
public sealed class DisclosureReadingTests
{
    private static string Encode(string json) => StrictBase64Url.Encode(Encoding.UTF8.GetBytes(json));

    [TestCase("[\"salt\", \"given_name\", \"John\"]", "given_name", "\"John\"", TestName = "TryParse_StringValue_Read")]
    [TestCase("[\"salt\", \"age\", 42]", "age", "42", TestName = "TryParse_IntegerValue_Read")]
    [TestCase("[\"salt\", \"ratio\", 1.10e0]", "ratio", "1.10e0", TestName = "TryParse_NumberText_KeptExactly")]
    [TestCase("[\"salt\", \"over_18\", true]", "over_18", "true", TestName = "TryParse_TrueValue_Read")]
    [TestCase("[\"salt\", \"over_65\", false]", "over_65", "false", TestName = "TryParse_FalseValue_Read")]
    [TestCase("[\"salt\", \"middle_name\", null]", "middle_name", null, TestName = "TryParse_NullValue_Read")]
    [TestCase("[\"salt\", \"FR\"]", null, "\"FR\"", TestName = "TryParse_ArrayElementString_Read")]
    [TestCase("[\"salt\", 7]", null, "7", TestName = "TryParse_ArrayElementNumber_Read")]
    [TestCase("[\"salt\", \"address\", {\"street\": \"Main\"}]", "address", "{\"street\":\"Main\"}", TestName = "TryParse_ObjectValue_Read")]
    [TestCase("[\"salt\", \"nationalities\", [\"DE\", \"FR\"]]", "nationalities", "[\"DE\",\"FR\"]", TestName = "TryParse_ArrayValue_Read")]
    [TestCase(" [ \"salt\" , \"n\\u0061me\" , \"v\\u00e9\" ] ", "name", "\"v\\u00E9\"", TestName = "TryParse_EscapesAndWhitespace_Read")]
    public void TryParse_ValidDisclosure_ReadsSaltNameAndValue(string json, string? name, string? value)
    {
        var encoded = Encode(json);

        Assert.That(Disclosure.TryParse(encoded, 32, out var disclosure, out var problem), Is.True, problem?.ToString());
        Assert.That(disclosure!.Salt, Is.EqualTo("salt"));
        Assert.That(disclosure.ClaimName, Is.EqualTo(name));
        Assert.That(disclosure.Value?.ToJsonString(), Is.EqualTo(value));
        Assert.That(disclosure.Encoded, Is.EqualTo(encoded));
    }

    [Test]
    public void TryParse_LongPlainValue_Read()
    {
        var text = new string('a', 5000);

        Assert.That(Disclosure.TryParse(Encode($"[\"salt\", \"long\", \"{text}\"]"), 32, out var disclosure, out _), Is.True);
        Assert.That(disclosure!.Value!.GetValue<string>(), Is.EqualTo(text));
    }

    [TestCase("[\"salt\"]", TestName = "TryParse_OneElement_DisclosureMalformed")]
    [TestCase("[\"salt\", \"a\", \"b\", \"c\"]", TestName = "TryParse_FourElements_DisclosureMalformed")]
    [TestCase("[1, \"name\", \"v\"]", TestName = "TryParse_NumberSalt_DisclosureMalformed")]
    [TestCase("[\"salt\", 1, \"v\"]", TestName = "TryParse_NumberName_DisclosureMalformed")]
    [TestCase("[\"salt\", null, \"v\"]", TestName = "TryParse_NullName_DisclosureMalformed")]
    [TestCase("{\"salt\": \"name\"}", TestName = "TryParse_Object_DisclosureMalformed")]
    [TestCase("[\"salt\", \"name\", \"v\"] x", TestName = "TryParse_TrailingGarbage_DisclosureMalformed")]
    [TestCase("[\"salt\", \"name\", \"v\"][]", TestName = "TryParse_TwoValues_DisclosureMalformed")]
    [TestCase("[\"salt\", \"name\", \"v\",]", TestName = "TryParse_TrailingComma_DisclosureMalformed")]
    [TestCase("[\"salt\", \"name\", 01]", TestName = "TryParse_LeadingZero_DisclosureMalformed")]
    [TestCase("[\"\\ud800\", \"name\", \"v\"]", TestName = "TryParse_LoneSurrogateSalt_DisclosureMalformed")]
    [TestCase("[\"salt\", \"name\", \"\\udc00\"]", TestName = "TryParse_LoneSurrogateValue_DisclosureMalformed")]
    [TestCase("[\"salt\", \"name\", \"v\"", TestName = "TryParse_Unterminated_DisclosureMalformed")]
    public void TryParse_MalformedDisclosure_DisclosureMalformed(string json)
    {
        Assert.That(Disclosure.TryParse(Encode(json), 32, out var disclosure, out var problem), Is.False);
        Assert.That(disclosure, Is.Null);
        Assert.That(problem!.Code, Is.EqualTo(SdJwtProblemCodes.DisclosureMalformed));
    }

    [Test]
    public void TryParse_InvalidUtf8_DisclosureMalformed()
    {
        var bytes = Encoding.UTF8.GetBytes("[\"salt\", \"name\", \"v\"]");
        bytes[3] = 0xFF;

        Assert.That(Disclosure.TryParse(StrictBase64Url.Encode(bytes), 32, out _, out var problem), Is.False);
        Assert.That(problem!.Code, Is.EqualTo(SdJwtProblemCodes.DisclosureMalformed));
    }

    [Test]
    public void TryParse_NotCanonicalBase64Url_DisclosureMalformed()
    {
        var encoded = Encode("[\"salt\", \"name\", \"v\"]") + "=";

        Assert.That(Disclosure.TryParse(encoded, 32, out _, out var problem), Is.False);
        Assert.That(problem!.Code, Is.EqualTo(SdJwtProblemCodes.DisclosureMalformed));
    }

    [Test]
    public void TryParse_DeeperThanTheLimit_TooDeep()
    {
        Assert.That(Disclosure.TryParse(Encode("[\"salt\", \"n\", [[1]]]"), 2, out _, out var problem), Is.False);
        Assert.That(problem!.Code, Is.EqualTo(SdJwtProblemCodes.TooDeep));
    }

    [Test]
    public void TryParse_PlainValueAtDepthOne_Read() =>
        Assert.That(Disclosure.TryParse(Encode("[\"salt\", \"n\", 1]"), 1, out _, out var problem), Is.True, problem?.ToString());

    [Test]
    public void TryParse_DepthLimitOutOfRange_ThrowsAsBefore() =>
        Assert.That(() => Disclosure.TryParse(Encode("[\"salt\", \"n\", 1]"), 0, out _, out _), Throws.InstanceOf<ArgumentOutOfRangeException>());

    [Test]
    public void Value_OfReadDisclosure_IsACopyTheCallerMayChange()
    {
        Assert.That(Disclosure.TryParse(Encode("[\"salt\", \"n\", \"v\"]"), 32, out var disclosure, out _), Is.True);
        var copy = disclosure!.Value;

        Assert.That(() => new JsonArray(copy), Throws.Nothing);
        Assert.That(disclosure.Value!.GetValue<string>(), Is.EqualTo("v"));
    }
}
