namespace DidSdk.Crypto.Tests;

public class MultikeyTests
{
    // did-method-key test-vectors (w3c-ccg/did-method-key @ f5abee8): seed → method-specific id.
    [TestCase(KeyType.Ed25519, "0000000000000000000000000000000000000000000000000000000000000000", "z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp")]
    [TestCase(KeyType.Secp256k1, "9085d2bef69286a6cbb51623c8fa258629945cd55ca705cc4e66700396894e0c", "zQ3shokFTS3brHcDQrn82RUDfCZESWL1ZdCEJwekUDPQiYBme")]
    [TestCase(KeyType.P256, "80f87e56f552f0c6ef290f4b4955667e7c672a31e7e13aa3d1b99ba5e8519697", "zDnaerx9CtbPJ1q36T5Ln5wYt3MQYeGRG5ehnPAmxcf5mDZpv")]
    public void Encode_KnownPrivateKey_MatchesDidKeyVector(KeyType keyType, string privateHex, string expected)
    {
        using var key = PrivateKey.Import(keyType, Convert.FromHexString(privateHex));
        Assert.That(Multikey.Encode(key.PublicKey), Is.EqualTo(expected));
        Assert.That(Multikey.TryDecode(expected, out var decoded), Is.True);
        Assert.That(decoded, Is.EqualTo(key.PublicKey));
    }

    [TestCase("z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK", KeyType.Ed25519)]
    [TestCase("z6LSj72tK8brWgZja8NLRwPigth2T9QRiG1uH9oKZuKjdh9p", KeyType.X25519)]
    [TestCase("zQ3shtxV1FrJfhqE1dvxYRcCknWNjHc3c5X1y3ZSoPDi2aur2", KeyType.Secp256k1)]
    [TestCase("zDnaeTiq1PdzvZXUaMdezchcMJQpBdH2VN4pgrrEhMCCbmwSb", KeyType.P256)]
    public void TryDecode_SpecExample_RoundTrips(string multikey, KeyType keyType)
    {
        Assert.That(Multikey.TryDecode(multikey, out var key), Is.True);
        Assert.That(key!.KeyType, Is.EqualTo(keyType));
        Assert.That(Multikey.Encode(key), Is.EqualTo(multikey));
    }

    [TestCase(KeyType.Ed25519, "z6Mk")]
    [TestCase(KeyType.X25519, "z6LS")]
    [TestCase(KeyType.Secp256k1, "zQ3s")]
    [TestCase(KeyType.P256, "zDna")]
    public void Encode_GeneratedKey_HasKnownPrefixAndRoundTrips(KeyType keyType, string prefix)
    {
        using var key = PrivateKey.Generate(keyType);
        var multikey = Multikey.Encode(key.PublicKey);
        Assert.That(multikey, Does.StartWith(prefix));
        Assert.That(Multikey.Decode(multikey), Is.EqualTo(key.PublicKey));
    }

    [Test]
    public void TryDecode_UncompressedEcPoint_ReturnsFalse()
    {
        using var key = PrivateKey.Generate(KeyType.P256);
        var text = Multibase.Encode(MultibaseEncoding.Base58Btc, Multicodec.AddPrefix(Multicodec.P256Pub, key.PublicKey.ExportUncompressed()));
        Assert.That(Multikey.TryDecode(text, out _), Is.False);
    }

    [Test]
    public void TryDecode_PointNotOnCurve_ReturnsFalse()
    {
        var bytes = new byte[33];
        bytes[0] = 0x02;
        bytes[32] = 0x05; // x = 5: x^3 + 7 = 132 is not a square mod p for secp256k1
        var text = Multibase.Encode(MultibaseEncoding.Base58Btc, Multicodec.AddPrefix(Multicodec.Secp256k1Pub, bytes));
        Assert.That(Multikey.TryDecode(text, out _), Is.False);
    }

    [TestCase(31, TestName = "TryDecode_Ed25519ShortKey_False")]
    [TestCase(33, TestName = "TryDecode_Ed25519LongKey_False")]
    public void TryDecode_WrongLength_ReturnsFalse(int length)
    {
        var text = Multibase.Encode(MultibaseEncoding.Base58Btc, Multicodec.AddPrefix(Multicodec.Ed25519Pub, new byte[length]));
        Assert.That(Multikey.TryDecode(text, out _), Is.False);
    }

    [Test]
    public void TryDecode_UnknownCodec_ReturnsFalse()
    {
        var text = Multibase.Encode(MultibaseEncoding.Base58Btc, Multicodec.AddPrefix(0x1201, new byte[49]));
        Assert.That(Multikey.TryDecode(text, out _), Is.False);
    }

    [Test]
    public void TryDecode_PrivateKeyCodec_ReturnsFalse()
    {
        var text = Multibase.Encode(MultibaseEncoding.Base58Btc, Multicodec.AddPrefix(Multicodec.Ed25519Priv, new byte[32]));
        Assert.That(Multikey.TryDecode(text, out _), Is.False);
    }

    [Test]
    public void TryDecode_NonMinimalVarint_ReturnsFalse()
    {
        var text = Multibase.Encode(MultibaseEncoding.Base58Btc, [0xed, 0x81, 0x00, .. new byte[32]]);
        Assert.That(Multikey.TryDecode(text, out _), Is.False);
    }

    [Test]
    public void TryDecode_NotBase58_ReturnsFalse()
    {
        using var key = PrivateKey.Generate(KeyType.Ed25519);
        var text = Multibase.Encode(MultibaseEncoding.Base64Url, Multicodec.AddPrefix(Multicodec.Ed25519Pub, key.PublicKey.Bytes));
        Assert.That(Multikey.TryDecode(text, out _), Is.False);
        Assert.That(() => Multikey.Decode(text), Throws.TypeOf<FormatException>());
    }

    // The base58 text prefix (z3u2..., z42t/z42u...) depends on the key bytes, so the codec is what is asserted.
    [TestCase(KeyType.Ed25519, Multicodec.Ed25519Priv)]
    [TestCase(KeyType.Secp256k1, Multicodec.Secp256k1Priv)]
    [TestCase(KeyType.X25519, Multicodec.X25519Priv)]
    [TestCase(KeyType.P256, Multicodec.P256Priv)]
    public void EncodePrivate_TryDecodePrivate_RoundTrips(KeyType keyType, ulong codec)
    {
        using var key = PrivateKey.Generate(keyType, PrivateKeyExportPolicy.AllowPlaintextExport);
        var secret = Multikey.EncodePrivate(key);
        Assert.That(Multibase.TryDecode(secret, MultibaseEncoding.Base58Btc, out var bytes), Is.True);
        Assert.That(Multicodec.TryRemovePrefix(bytes, out var code, out var raw), Is.True);
        Assert.That(code, Is.EqualTo(codec));
        Assert.That(raw.Length, Is.EqualTo(32));
        Assert.That(Multikey.TryDecodePrivate(secret, PrivateKeyExportPolicy.None, out var decoded), Is.True);
        using (decoded)
        {
            Assert.That(decoded!.PublicKey, Is.EqualTo(key.PublicKey));
            Assert.That(decoded.ExportPolicy, Is.EqualTo(PrivateKeyExportPolicy.None));
        }
    }

    [Test]
    public void EncodePrivate_NonExportableKey_Throws()
    {
        using var key = PrivateKey.Generate(KeyType.Ed25519);
        Assert.That(() => Multikey.EncodePrivate(key), Throws.InvalidOperationException);
    }

    [Test]
    public void TryDecodePrivate_PublicKeyCodec_ReturnsFalse()
    {
        using var key = PrivateKey.Generate(KeyType.Ed25519);
        Assert.That(Multikey.TryDecodePrivate(Multikey.Encode(key.PublicKey), PrivateKeyExportPolicy.None, out var decoded), Is.False);
        Assert.That(decoded, Is.Null);
    }

    [Test]
    public void TryDecodePrivate_ScalarOutOfRange_ReturnsFalse()
    {
        var zero = Multibase.Encode(MultibaseEncoding.Base58Btc, Multicodec.AddPrefix(Multicodec.Secp256k1Priv, new byte[32]));
        Assert.That(Multikey.TryDecodePrivate(zero, PrivateKeyExportPolicy.None, out _), Is.False);
        var allOnes = Multibase.Encode(MultibaseEncoding.Base58Btc, Multicodec.AddPrefix(Multicodec.P256Priv, Enumerable.Repeat((byte)0xff, 32).ToArray()));
        Assert.That(Multikey.TryDecodePrivate(allOnes, PrivateKeyExportPolicy.None, out _), Is.False);
    }

    [Test]
    public void TryDecodePrivate_WrongLength_ReturnsFalse()
    {
        var text = Multibase.Encode(MultibaseEncoding.Base58Btc, Multicodec.AddPrefix(Multicodec.Ed25519Priv, new byte[64]));
        Assert.That(Multikey.TryDecodePrivate(text, PrivateKeyExportPolicy.None, out _), Is.False);
    }
}
