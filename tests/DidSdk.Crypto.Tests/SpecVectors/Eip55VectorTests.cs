using System.Text.Json;

namespace DidSdk.Crypto.Tests.SpecVectors;

[Category("SpecVector")]
public class Eip55VectorTests
{
    private static IEnumerable<TestCaseData> Vectors() => VectorFiles.Cases("eip55.json");

    [TestCaseSource(nameof(Vectors))]
    public void ToString_Eip55TestCase_ReproducesChecksum(JsonElement vector)
    {
        var text = vector.GetProperty("address").GetString()!;
        var fromLower = EthereumAddress.Parse(text.ToLowerInvariant().Replace("0X", "0x", StringComparison.Ordinal));
        Assert.That(fromLower.ToString(), Is.EqualTo(text));
        Assert.That(EthereumAddress.TryParse(text, out var parsed), Is.True);
        Assert.That(parsed, Is.EqualTo(fromLower));
    }

    [TestCaseSource(nameof(Vectors))]
    public void TryParse_Eip55TestCaseWithOneLetterCaseFlipped_ReturnsFalse(JsonElement vector)
    {
        var text = vector.GetProperty("address").GetString()!.ToCharArray();
        var letters = Enumerable.Range(2, 40).Where(i => char.IsLetter(text[i])).ToArray();
        // For the single-case test cases this makes the address mixed case, so the checksum applies and fails.
        Assert.That(letters, Is.Not.Empty);
        var i = letters[0];
        text[i] = char.IsUpper(text[i]) ? char.ToLowerInvariant(text[i]) : char.ToUpperInvariant(text[i]);
        Assert.That(EthereumAddress.TryParse(new string(text), out var address), Is.False);
        Assert.That(address, Is.Null);
    }
}
