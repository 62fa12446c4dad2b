using System.Globalization;
using System.Text;
using DidSdk.Core.Json;

namespace DidSdk.Core.Tests.SpecVectors;

[Category("SpecVector")]
public class JcsSpecVectorTests
{
    public static IEnumerable<TestCaseData> TestData() =>
        JoseVectorPaths.LoadSpecVector("jcs", "rfc8785-testdata.json")["cases"]!.AsArray().Select(c => new TestCaseData(
                c!["input"]!.GetValue<string>(), c["expectedHex"]!.GetValue<string>())
            .SetName($"TryCanonicalize_Rfc8785_{c["name"]!.GetValue<string>()}"));

    public static IEnumerable<TestCaseData> Numbers() =>
        JoseVectorPaths.LoadSpecVector("jcs", "rfc8785-appendix-b-numbers.json")["cases"]!.AsArray().Select(c => new TestCaseData(
                c!["ieeeHex"]!.GetValue<string>(), c["expected"]!.GetValue<string>())
            .SetName($"SerializeNumber_Rfc8785AppendixB_{c["ieeeHex"]!.GetValue<string>()}"));

    [TestCaseSource(nameof(TestData))]
    public void TryCanonicalize_Rfc8785TestData_MatchesExpectedBytes(string input, string expectedHex)
    {
        var ok = Jcs.TryCanonicalize(input, out var canonical, out var problem);

        Assert.That(ok, Is.True, problem?.ToString());
        Assert.That(Convert.ToHexStringLower(canonical!), Is.EqualTo(expectedHex));
    }

    [TestCaseSource(nameof(Numbers))]
    public void SerializeNumber_Rfc8785AppendixB_MatchesEs6(string ieeeHex, string expected)
    {
        var value = BitConverter.Int64BitsToDouble(long.Parse(ieeeHex, NumberStyles.HexNumber, CultureInfo.InvariantCulture));
        Assert.That(Jcs.SerializeNumber(value), Is.EqualTo(expected));
    }

    [Test]
    public void SerializeNumber_Es6TestFile10k_AllLinesMatch()
    {
        var path = JoseVectorPaths.SharedVector(Path.Combine("generated-jcs", "es6testfile10k.txt"));
        var failures = new List<string>();
        var count = 0;
        foreach (var line in File.ReadLines(path, Encoding.ASCII))
        {
            var comma = line.IndexOf(',', StringComparison.Ordinal);
            var bits = ulong.Parse(line.AsSpan(0, comma), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            var expected = line[(comma + 1)..];
            var actual = Jcs.SerializeNumber(BitConverter.UInt64BitsToDouble(bits));
            if (actual != expected && failures.Count < 10)
            {
                failures.Add($"{line} -> {actual}");
            }

            count++;
        }

        Assert.That(count, Is.EqualTo(10_000));
        Assert.That(failures, Is.Empty);
    }
}
