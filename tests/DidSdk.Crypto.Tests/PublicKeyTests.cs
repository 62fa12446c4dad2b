namespace DidSdk.Crypto.Tests;

public class PublicKeyTests
{
    [TestCase(KeyType.Secp256k1)]
    [TestCase(KeyType.P256)]
    public void TryImport_CompressedAndUncompressed_GiveEqualKeys(KeyType keyType)
    {
        using var key = PrivateKey.Generate(keyType);
        var uncompressed = key.PublicKey.ExportUncompressed();
        Assert.That(PublicKeyMaterial.TryImport(keyType, uncompressed, out var fromUncompressed), Is.True);
        Assert.That(PublicKeyMaterial.TryImport(keyType, key.PublicKey.Bytes, out var fromCompressed), Is.True);
        Assert.That(fromUncompressed, Is.EqualTo(fromCompressed));
        Assert.That(fromUncompressed!.Bytes.Length, Is.EqualTo(33));
        Assert.That(fromUncompressed.GetHashCode(), Is.EqualTo(fromCompressed!.GetHashCode()));
    }

    [TestCase(KeyType.Secp256k1)]
    [TestCase(KeyType.P256)]
    public void TryImport_InvalidEcEncodings_ReturnFalse(KeyType keyType)
    {
        using var key = PrivateKey.Generate(keyType);
        var compressed = key.PublicKey.Export();
        var uncompressed = key.PublicKey.ExportUncompressed();

        var offCurve = (byte[])uncompressed.Clone();
        offCurve[64] ^= 0x01;
        var hybrid = (byte[])uncompressed.Clone();
        hybrid[0] = (byte)(0x06 | (uncompressed[64] & 1));
        var compressedWithUncompressedTag = (byte[])compressed.Clone();
        compressedWithUncompressedTag[0] = 0x04;
        var uncompressedWithCompressedTag = (byte[])uncompressed.Clone();
        uncompressedWithCompressedTag[0] = 0x02;
        var xAboveP = new byte[33];
        xAboveP.AsSpan().Fill(0xff);
        xAboveP[0] = 0x02;

        byte[][] invalid =
        [
            [],
            [0x00],
            offCurve,
            hybrid,
            compressedWithUncompressedTag,
            uncompressedWithCompressedTag,
            xAboveP,
            compressed[1..],
            uncompressed[1..],
            [.. compressed, 0x00],
            [0x04, .. new byte[64]],
        ];
        Assert.Multiple(() =>
        {
            for (var i = 0; i < invalid.Length; i++)
            {
                Assert.That(PublicKeyMaterial.TryImport(keyType, invalid[i], out var imported), Is.False, $"case {i}");
                Assert.That(imported, Is.Null);
            }
        });
        Assert.That(() => PublicKeyMaterial.Import(keyType, offCurve), Throws.TypeOf<FormatException>());
    }

    [TestCase(KeyType.Ed25519, 31)]
    [TestCase(KeyType.Ed25519, 33)]
    [TestCase(KeyType.X25519, 0)]
    [TestCase(KeyType.X25519, 64)]
    public void TryImport_OkpWrongLength_ReturnsFalse(KeyType keyType, int length) =>
        Assert.That(PublicKeyMaterial.TryImport(keyType, new byte[length], out _), Is.False);

    [Test]
    public void TryImport_UndefinedKeyType_ReturnsFalse() =>
        Assert.That(PublicKeyMaterial.TryImport((KeyType)99, new byte[32], out _), Is.False);

    [Test]
    public void Equals_SameBytesDifferentKeyType_False()
    {
        var bytes = new byte[32];
        bytes[0] = 9;
        var ed = PublicKeyMaterial.Import(KeyType.Ed25519, bytes);
        var x = PublicKeyMaterial.Import(KeyType.X25519, bytes);
        Assert.That(ed, Is.Not.EqualTo(x));
        Assert.That(ed != x, Is.True);
    }

    [Test]
    public void ExportUncompressed_OkpKey_Throws()
    {
        using var key = PrivateKey.Generate(KeyType.Ed25519);
        Assert.That(() => key.PublicKey.ExportUncompressed(), Throws.InvalidOperationException);
    }

    [TestCase(KeyType.Ed25519, 31)]
    [TestCase(KeyType.Secp256k1, 33)]
    [TestCase(KeyType.P256, 0)]
    [TestCase(KeyType.X25519, 64)]
    public void KeyImport_WrongLength_Throws(KeyType keyType, int length) =>
        Assert.That(() => PrivateKey.Import(keyType, new byte[length]), Throws.TypeOf<FormatException>());

    [TestCase(KeyType.Secp256k1, "0000000000000000000000000000000000000000000000000000000000000000", TestName = "KeyImport_Secp256k1Zero_Throws")]
    [TestCase(KeyType.Secp256k1, "fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141", TestName = "KeyImport_Secp256k1EqualsN_Throws")]
    [TestCase(KeyType.P256, "0000000000000000000000000000000000000000000000000000000000000000", TestName = "KeyImport_P256Zero_Throws")]
    [TestCase(KeyType.P256, "ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551", TestName = "KeyImport_P256EqualsN_Throws")]
    public void KeyImport_ScalarOutOfRange_Throws(KeyType keyType, string hex) =>
        Assert.That(() => PrivateKey.Import(keyType, Convert.FromHexString(hex)), Throws.TypeOf<FormatException>());

    [Test]
    public void Key_Disposed_CannotSign()
    {
        var key = PrivateKey.Generate(KeyType.Ed25519);
        key.Dispose();
        Assert.That(() => SigningAlgorithm.Ed25519.Sign(key, [1]), Throws.TypeOf<ObjectDisposedException>());
    }

    [Test]
    public void Key_ToString_DoesNotRevealPrivateKey()
    {
        var seed = Enumerable.Repeat((byte)0x42, 32).ToArray();
        using var key = PrivateKey.Import(KeyType.Ed25519, seed, PrivateKeyExportPolicy.AllowPlaintextExport);
        Assert.That(key.ToString(), Does.Not.Contain("4242"));
        Assert.That(key.ToString(), Does.Contain(Convert.ToHexStringLower(key.PublicKey.Bytes)));
    }

    /// <summary>
    /// Every Ed25519 point of small order (orders 1, 2, 4 and 8), computed from the curve equation
    /// (y = 1; y = −1; y = 0 with either sign of x; ±y with y² = (−1 + √(1 + d)) / d, either sign of x), and two
    /// non-canonical encodings (y ≥ p).
    /// </summary>
    internal static readonly string[] InvalidEd25519PublicKeys =
    [
        "0100000000000000000000000000000000000000000000000000000000000000",
        "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
        "0000000000000000000000000000000000000000000000000000000000000000",
        "0000000000000000000000000000000000000000000000000000000000000080",
        "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05",
        "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc85",
        "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a",
        "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa",
        "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
        "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
    ];

    [TestCaseSource(nameof(InvalidEd25519PublicKeys))]
    public void TryImport_Ed25519SmallOrderOrNonCanonical_ReturnsFalseInEveryForm(string hex)
    {
        var bytes = Convert.FromHexString(hex);
        var jwk = $$"""{"kty":"OKP","crv":"Ed25519","x":"{{Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_')}}"}""";
        Assert.Multiple(() =>
        {
            Assert.That(PublicKeyMaterial.TryImport(KeyType.Ed25519, bytes, out _), Is.False, "raw");
            Assert.That(Jwk.Parse(jwk).TryGetPublicKey(out _), Is.False, "JWK");
            Assert.That(Multikey.TryDecode(Multibase.Encode(MultibaseEncoding.Base58Btc, Multicodec.AddPrefix(Multicodec.Ed25519Pub, bytes)), out _), Is.False, "Multikey");
        });
    }

    [Test]
    public void TryImport_GeneratedEd25519Keys_Accepted()
    {
        for (var i = 0; i < 64; i++)
        {
            using var key = PrivateKey.Generate(KeyType.Ed25519);
            Assert.That(PublicKeyMaterial.TryImport(KeyType.Ed25519, key.PublicKey.Bytes, out var imported), Is.True);
            Assert.That(imported, Is.EqualTo(key.PublicKey));
        }
    }
}
