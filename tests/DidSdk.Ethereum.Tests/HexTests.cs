using System.Numerics;

namespace DidSdk.Ethereum.Tests;

public class HexTests
{
    [TestCase("0x0", 0)]
    [TestCase("0x1", 1)]
    [TestCase("0x41", 65)]
    [TestCase("0x400", 1024)]
    public void TryParseQuantity_Canonical_Parses(string text, long expected)
    {
        Assert.That(Hex.TryParseQuantity(text, out BigInteger value), Is.True);
        Assert.That(value, Is.EqualTo(new BigInteger(expected)));
        Assert.That(Hex.FormatQuantity(value), Is.EqualTo(text));
    }

    // The JSON-RPC spec's own invalid examples: no 0x, empty, leading zeros; plus non-hex and over 256 bits.
    [TestCase("0x")]
    [TestCase("0x0400")]
    [TestCase("ff")]
    [TestCase("0xg1")]
    [TestCase("0X1")]
    [TestCase("0x10000000000000000000000000000000000000000000000000000000000000000")]
    [TestCase(null)]
    public void TryParseQuantity_NonCanonical_IsRejected(string? text) =>
        Assert.That(Hex.TryParseQuantity(text, out BigInteger _), Is.False);

    [Test]
    public void TryParseQuantity_Ulong_RejectsValuesAbove64Bits()
    {
        Assert.That(Hex.TryParseQuantity("0xffffffffffffffff", out ulong max), Is.True);
        Assert.That(max, Is.EqualTo(ulong.MaxValue));
        Assert.That(Hex.TryParseQuantity("0x10000000000000000", out ulong _), Is.False);
    }

    [TestCase("0x", new byte[0])]
    [TestCase("0x41", new byte[] { 0x41 })]
    [TestCase("0x004200", new byte[] { 0x00, 0x42, 0x00 })]
    public void TryParseData_EvenDigits_Parses(string text, byte[] expected)
    {
        Assert.That(Hex.TryParseData(text, out var data), Is.True);
        Assert.That(data, Is.EqualTo(expected));
        Assert.That(Hex.FormatData(data), Is.EqualTo(text));
    }

    // The JSON-RPC spec's invalid DATA examples: odd digit count, missing 0x; plus non-hex and over the size limit.
    [TestCase("0xf0f0f")]
    [TestCase("004200")]
    [TestCase("0xzz")]
    [TestCase("")]
    public void TryParseData_Malformed_IsRejected(string text) =>
        Assert.That(Hex.TryParseData(text, out _), Is.False);

    [Test]
    public void TryParseData_OverTheLimit_IsRejected() =>
        Assert.That(Hex.TryParseData("0x" + new string('a', 10), out _, maxBytes: 4), Is.False);

    [Test]
    public void RlpEncodeInteger_Negative_Throws() =>
        Assert.That(() => Rlp.EncodeInteger(BigInteger.MinusOne), Throws.TypeOf<ArgumentOutOfRangeException>());

    [Test]
    public void RlpItem_TryGetInteger_RejectsLeadingZeroBytes()
    {
        Assert.That(Rlp.TryDecode([0x82, 0x00, 0x01], out var item), Is.True);
        Assert.That(item!.TryGetInteger(out _), Is.False);
        Assert.That(Rlp.TryDecode([0x82, 0x04, 0x00], out item), Is.True);
        Assert.That(item!.TryGetInteger(out var value), Is.True);
        Assert.That(value, Is.EqualTo(new BigInteger(1024)));
    }
}
