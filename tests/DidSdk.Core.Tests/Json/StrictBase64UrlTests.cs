using DidSdk.Core.Json;

namespace DidSdk.Core.Tests.Json;

public class StrictBase64UrlTests
{
    // RFC 4648 §10 test vectors, base64url without padding.
    [TestCase("", "")]
    [TestCase("f", "Zg")]
    [TestCase("fo", "Zm8")]
    [TestCase("foo", "Zm9v")]
    [TestCase("foob", "Zm9vYg")]
    [TestCase("fooba", "Zm9vYmE")]
    [TestCase("foobar", "Zm9vYmFy")]
    public void TryDecode_Rfc4648Vectors_RoundTrip(string text, string encoded)
    {
        Assert.That(StrictBase64Url.TryDecode(encoded, out var bytes), Is.True);
        Assert.That(System.Text.Encoding.ASCII.GetString(bytes!), Is.EqualTo(text));
        Assert.That(StrictBase64Url.Encode(bytes), Is.EqualTo(encoded));
    }

    [Test]
    public void TryDecode_UrlSafeAlphabet_Decodes()
    {
        Assert.That(StrictBase64Url.TryDecode("-_8", out var bytes), Is.True);
        Assert.That(bytes, Is.EqualTo(new byte[] { 0xFB, 0xFF }));
    }

    [TestCase("Zg==", TestName = "TryDecode_Padding_Rejected")]
    [TestCase("Zm8=", TestName = "TryDecode_SinglePad_Rejected")]
    [TestCase("Zm9 v", TestName = "TryDecode_Space_Rejected")]
    [TestCase("Zm9v\n", TestName = "TryDecode_LineBreak_Rejected")]
    [TestCase("+/8", TestName = "TryDecode_StandardAlphabet_Rejected")]
    [TestCase("Z", TestName = "TryDecode_LengthMod4Is1_Rejected")]
    [TestCase("Zh", TestName = "TryDecode_NonZeroTrailingBitsTwoChars_Rejected")]
    [TestCase("Zm9", TestName = "TryDecode_NonZeroTrailingBitsThreeChars_Rejected")]
    [TestCase("Zm\u00e99v", TestName = "TryDecode_NonAscii_Rejected")]
    public void TryDecode_NonCanonical_ReturnsFalse(string encoded)
    {
        Assert.That(StrictBase64Url.TryDecode(encoded, out var bytes), Is.False);
        Assert.That(bytes, Is.Null);
        Assert.That(StrictBase64Url.IsValid(encoded), Is.False);
    }

    [Test]
    public void TryDecode_SpanDestinationTooSmall_ReturnsFalse()
    {
        Span<byte> destination = stackalloc byte[2];
        Assert.That(StrictBase64Url.TryDecode("Zm9v", destination, out _), Is.False);
        Span<byte> enough = stackalloc byte[3];
        Assert.That(StrictBase64Url.TryDecode("Zm9v", enough, out var written), Is.True);
        Assert.That(written, Is.EqualTo(3));
    }

    [Test]
    public void IsValid_Utf8Bytes_MatchesCharForm()
    {
        Assert.That(StrictBase64Url.IsValid("Zm9vYg"u8), Is.True);
        Assert.That(StrictBase64Url.IsValid("Zm9vYh"u8), Is.False);
        Assert.That(StrictBase64Url.IsValid("Zm9vYg=="u8), Is.False);
    }
}
