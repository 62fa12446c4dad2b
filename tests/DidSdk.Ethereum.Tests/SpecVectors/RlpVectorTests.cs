using System.Numerics;
using System.Text;
using System.Text.Json.Nodes;

namespace DidSdk.Ethereum.Tests.SpecVectors;

[Category("SpecVector")]
public class RlpVectorTests
{
    private static readonly JsonObject Vectors = DidSdk.Testing.RepoPaths.LoadSpecVector("ethereum", "rlp.json");

    public static IEnumerable<TestCaseData> Cases() =>
        Vectors["cases"]!.AsArray().Select(c => new TestCaseData(c!).SetName($"Rlp_{c!["name"]!.GetValue<string>()}"));

    public static IEnumerable<TestCaseData> InvalidCases() =>
        Vectors["invalid"]!.AsArray().Select(c => new TestCaseData(c!["encoded"]!.GetValue<string>()).SetName($"RlpInvalid_{c!["name"]!.GetValue<string>()}"));

    [TestCaseSource(nameof(Cases))]
    public void Encode_SpecExample_MatchesAndDecodesBack(JsonNode vector)
    {
        var expected = vector["encoded"]!.GetValue<string>();
        var encoded = Encode(vector);

        Assert.That(Hex.FormatData(encoded), Is.EqualTo(expected));
        Assert.That(Rlp.TryDecode(encoded, out var item), Is.True);
        Assert.That(Hex.FormatData(Encode(item!)), Is.EqualTo(expected), "decode then re-encode");
    }

    [TestCaseSource(nameof(InvalidCases))]
    public void TryDecode_NonCanonicalOrTruncated_IsRejected(string encoded)
    {
        Assert.That(Hex.TryParseData(encoded, out var bytes), Is.True);
        Assert.That(Rlp.TryDecode(bytes, out _), Is.False);
    }

    private static byte[] Encode(JsonNode vector)
    {
        if (vector["string"] is { } s)
        {
            return Rlp.EncodeBytes(Encoding.UTF8.GetBytes(s.GetValue<string>()));
        }

        if (vector["bytes"] is { } b)
        {
            Assert.That(Hex.TryParseData(b.GetValue<string>(), out var data), Is.True);
            return Rlp.EncodeBytes(data);
        }

        if (vector["integer"] is { } i)
        {
            return Rlp.EncodeInteger(BigInteger.Parse(i.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture));
        }

        if (vector["list"] is { } l)
        {
            return Rlp.EncodeList(l.AsArray().Select(x => Rlp.EncodeBytes(Encoding.UTF8.GetBytes(x!.GetValue<string>()))).ToArray());
        }

        return EncodeNested(vector["nested"]!.AsArray());
    }

    private static byte[] EncodeNested(JsonArray list) => Rlp.EncodeList(list.Select(x => EncodeNested(x!.AsArray())).ToArray());

    private static byte[] Encode(RlpItem item) =>
        item.IsList ? Rlp.EncodeList(item.Items.Select(Encode).ToArray()) : Rlp.EncodeBytes(item.Bytes);

}
