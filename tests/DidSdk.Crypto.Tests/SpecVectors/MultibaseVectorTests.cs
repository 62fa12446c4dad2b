using System.Text.Json;

namespace DidSdk.Crypto.Tests.SpecVectors;

[Category("SpecVector")]
public class MultibaseVectorTests
{
    private static IEnumerable<TestCaseData> Vectors() => VectorFiles.Cases("multibase.json");

    [TestCaseSource(nameof(Vectors))]
    public void Multibase_UpstreamTestCase_BehavesAsRecorded(JsonElement vector)
    {
        var text = vector.GetProperty("multibase").GetString()!;
        var data = Convert.FromHexString(vector.GetProperty("dataHex").GetString()!);
        var encoding = vector.GetProperty("encoding").GetString() switch
        {
            "base58btc" => MultibaseEncoding.Base58Btc,
            "base64url" => MultibaseEncoding.Base64Url,
            "base16" => MultibaseEncoding.Base16,
            "base16upper" => MultibaseEncoding.Base16Upper,
            var other => throw new InvalidDataException($"Unexpected encoding {other}."),
        };

        switch (vector.GetProperty("expected").GetString())
        {
            case "roundtrip":
                Assert.That(Multibase.Encode(encoding, data), Is.EqualTo(text));
                Assert.That(Multibase.TryDecode(text, out var decoded, out var actual), Is.True);
                Assert.That(decoded, Is.EqualTo(data));
                Assert.That(actual, Is.EqualTo(encoding));
                break;
            case "reject":
                Assert.That(Multibase.TryDecode(text, out _, out _), Is.False);
                Assert.That(Multibase.Encode(encoding, data), Is.Not.EqualTo(text));
                break;
            default:
                throw new InvalidDataException("Unknown expectation.");
        }
    }
}
