namespace DidSdk.Crypto.Tests;

public class MulticodecTests
{
    [TestCase(0x00UL, new byte[] { 0x00 })]
    [TestCase(0x01UL, new byte[] { 0x01 })]
    [TestCase(0x7fUL, new byte[] { 0x7f })]
    [TestCase(0x80UL, new byte[] { 0x80, 0x01 })]
    [TestCase(0xffUL, new byte[] { 0xff, 0x01 })]
    [TestCase(0x12cUL, new byte[] { 0xac, 0x02 })]
    [TestCase(0x4000UL, new byte[] { 0x80, 0x80, 0x01 })]
    [TestCase(0xedUL, new byte[] { 0xed, 0x01 })]
    [TestCase(0x1200UL, new byte[] { 0x80, 0x24 })]
    [TestCase(0x1300UL, new byte[] { 0x80, 0x26 })]
    [TestCase((ulong)long.MaxValue, new byte[] { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f })]
    public void Varint_SpecExamples_RoundTrip(ulong value, byte[] encoded)
    {
        var buffer = new byte[Multicodec.MaxVarintLength];
        var written = Multicodec.WriteVarint(value, buffer);
        Assert.That(buffer[..written], Is.EqualTo(encoded));
        Assert.That(Multicodec.GetVarintLength(value), Is.EqualTo(encoded.Length));
        Assert.That(Multicodec.TryReadVarint([.. encoded, 0x55], out var read, out var bytesRead), Is.True);
        Assert.That(read, Is.EqualTo(value));
        Assert.That(bytesRead, Is.EqualTo(encoded.Length));
    }

    [TestCase(new byte[] { 0x81, 0x00 }, TestName = "TryReadVarint_NonMinimalTwoBytes_False")]
    [TestCase(new byte[] { 0x80, 0x80, 0x00 }, TestName = "TryReadVarint_NonMinimalThreeBytes_False")]
    [TestCase(new byte[] { 0x80 }, TestName = "TryReadVarint_Truncated_False")]
    [TestCase(new byte[0], TestName = "TryReadVarint_Empty_False")]
    [TestCase(new byte[] { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01 }, TestName = "TryReadVarint_TenBytes_False")]
    [TestCase(new byte[] { 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01 }, TestName = "TryReadVarint_OverNineBytes_False")]
    public void TryReadVarint_Invalid_ReturnsFalse(byte[] encoded)
    {
        Assert.That(Multicodec.TryReadVarint(encoded, out var value, out var read), Is.False);
        Assert.That(value, Is.Zero);
        Assert.That(read, Is.Zero);
    }

    [Test]
    public void WriteVarint_Over63Bits_Throws() =>
        Assert.That(() => Multicodec.WriteVarint(1UL << 63, new byte[10]), Throws.TypeOf<ArgumentOutOfRangeException>());

    [Test]
    public void WriteVarint_DestinationTooSmall_Throws() =>
        Assert.That(() => Multicodec.WriteVarint(0x1200, new byte[1]), Throws.ArgumentException);

    [Test]
    public void AddPrefix_TryRemovePrefix_RoundTrip()
    {
        var prefixed = Multicodec.AddPrefix(Multicodec.P256Pub, [1, 2, 3]);
        Assert.That(prefixed, Is.EqualTo(new byte[] { 0x80, 0x24, 1, 2, 3 }));
        Assert.That(Multicodec.TryRemovePrefix(prefixed, out var code, out var data), Is.True);
        Assert.That(code, Is.EqualTo(Multicodec.P256Pub));
        Assert.That(data.ToArray(), Is.EqualTo(new byte[] { 1, 2, 3 }));
    }

    [Test]
    public void KeyTypeCodes_MapBothWays()
    {
        foreach (var keyType in Enum.GetValues<KeyType>())
        {
            Assert.That(Multicodec.TryGetPublicKeyType(Multicodec.PublicKeyCode(keyType), out var fromPublic), Is.True);
            Assert.That(fromPublic, Is.EqualTo(keyType));
            Assert.That(Multicodec.TryGetPrivateKeyType(Multicodec.PrivateKeyCode(keyType), out var fromPrivate), Is.True);
            Assert.That(fromPrivate, Is.EqualTo(keyType));
            Assert.That(Multicodec.TryGetPublicKeyType(Multicodec.PrivateKeyCode(keyType), out _), Is.False);
        }

        Assert.That(Multicodec.TryGetPublicKeyType(0x1205, out _), Is.False, "rsa-pub is not supported");
        Assert.That(Multicodec.P384Pub, Is.EqualTo(0x1201));
        Assert.That(Multicodec.P521Pub, Is.EqualTo(0x1202));
    }
}
