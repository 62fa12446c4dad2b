using System.Text;

namespace DidSdk.Crypto.Tests;

public class MultibaseTests
{
    private static readonly byte[] YesMani = Encoding.ASCII.GetBytes("yes mani !");

    [TestCase(MultibaseEncoding.Base58Btc, "z7paNL19xttacUY")]
    [TestCase(MultibaseEncoding.Base64Url, "ueWVzIG1hbmkgIQ")]
    [TestCase(MultibaseEncoding.Base16, "f796573206d616e692021")]
    [TestCase(MultibaseEncoding.Base16Upper, "F796573206D616E692021")]
    public void EncodeDecode_Basic_RoundTrips(MultibaseEncoding encoding, string expected)
    {
        Assert.That(Multibase.Encode(encoding, YesMani), Is.EqualTo(expected));
        Assert.That(Multibase.TryDecode(expected, out var data, out var actual), Is.True);
        Assert.That(data, Is.EqualTo(YesMani));
        Assert.That(actual, Is.EqualTo(encoding));
    }

    [Test]
    public void EncodeDecode_Empty_RoundTrips()
    {
        foreach (var encoding in Enum.GetValues<MultibaseEncoding>())
        {
            var text = Multibase.Encode(encoding, []);
            Assert.That(text, Has.Length.EqualTo(1));
            Assert.That(Multibase.TryDecode(text, out var data, out _), Is.True);
            Assert.That(data, Is.Empty);
        }
    }

    [TestCase(null, TestName = "TryDecode_Null_False")]
    [TestCase("", TestName = "TryDecode_Empty_False")]
    [TestCase("m" + "eWVzIG1hbmkgIQ", TestName = "TryDecode_UnsupportedBase64Prefix_False")]
    [TestCase("U" + "eWVzIG1hbmkgIQ==", TestName = "TryDecode_UnsupportedBase64UrlPadPrefix_False")]
    [TestCase("?abc", TestName = "TryDecode_UnknownPrefix_False")]
    [TestCase("ueWVzIG1hbmkgIQ==", TestName = "TryDecode_Base64UrlWithPadding_False")]
    [TestCase("ueWVzIG1hbmkgIR", TestName = "TryDecode_Base64UrlNonZeroTrailingBits_False")]
    [TestCase("ueWVzIG1h bmkgIQ", TestName = "TryDecode_Base64UrlWhitespace_False")]
    [TestCase("ueWVzIG1hbmkgI+", TestName = "TryDecode_Base64UrlStandardAlphabet_False")]
    [TestCase("uA", TestName = "TryDecode_Base64UrlImpossibleLength_False")]
    [TestCase("f796573206D616E692021", TestName = "TryDecode_Base16UppercaseDigits_False")]
    [TestCase("F796573206d616e692021", TestName = "TryDecode_Base16UpperLowercaseDigits_False")]
    [TestCase("f79657", TestName = "TryDecode_Base16OddLength_False")]
    [TestCase("f7g", TestName = "TryDecode_Base16NonHex_False")]
    [TestCase("z7paNL19xttacU0", TestName = "TryDecode_Base58ZeroDigit_False")]
    [TestCase("z7paNL19xttacUl", TestName = "TryDecode_Base58LowercaseL_False")]
    [TestCase("z7paNL19 xttacUY", TestName = "TryDecode_Base58Whitespace_False")]
    [TestCase("z7paNL19\uFFFDxttacU", TestName = "TryDecode_Base58ReplacementCharacter_False")]
    [TestCase("z7paNL19\u00e9xttacU", TestName = "TryDecode_Base58NonAsciiLetter_False")]
    [TestCase("z\u0100", TestName = "TryDecode_Base58CharacterPastTheTable_False")]
    public void TryDecode_Invalid_ReturnsFalse(string? text)
    {
        Assert.That(Multibase.TryDecode(text, out var data, out _), Is.False);
        Assert.That(data, Is.Null);
    }

    [Test]
    public void TryDecode_Base58OverLimit_ReturnsFalse()
    {
        var text = "z" + new string('2', Multibase.MaxBase58Length + 1);
        Assert.That(Multibase.TryDecode(text, out _, out _), Is.False);
    }

    [Test]
    public void TryDecode_ExpectedEncodingMismatch_ReturnsFalse()
    {
        Assert.That(Multibase.TryDecode("ueWVzIG1hbmkgIQ", MultibaseEncoding.Base58Btc, out var data), Is.False);
        Assert.That(data, Is.Null);
        Assert.That(Multibase.TryDecode("ueWVzIG1hbmkgIQ", MultibaseEncoding.Base64Url, out data), Is.True);
        Assert.That(data, Is.EqualTo(YesMani));
    }

    [Test]
    public void Encode_UndefinedEncoding_Throws() =>
        Assert.That(() => Multibase.Encode((MultibaseEncoding)'m', YesMani), Throws.TypeOf<ArgumentOutOfRangeException>());

    [Test]
    public void Base58_LeadingZeros_AreOnes()
    {
        Assert.That(Multibase.Encode(MultibaseEncoding.Base58Btc, [0, 0, .. YesMani]), Is.EqualTo("z117paNL19xttacUY"));
        Assert.That(Multibase.TryDecode("z11", out var data, out _), Is.True);
        Assert.That(data, Is.EqualTo(new byte[2]));
    }
}
