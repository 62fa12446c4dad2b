using System.Security.Cryptography;

namespace DidSdk.Crypto.Tests;

public class KeyAgreementTests
{
    // RFC 7748 §6.1.
    private const string AlicePrivate = "77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a";
    private const string AlicePublic = "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a";
    private const string BobPrivate = "5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb";
    private const string BobPublic = "de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f";
    private const string Shared = "4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742";

    [Test]
    [Category("SpecVector")]
    public void Agree_Rfc7748Section6_1_MatchesSharedSecret()
    {
        using var alice = PrivateKey.Import(KeyType.X25519, Convert.FromHexString(AlicePrivate));
        using var bob = PrivateKey.Import(KeyType.X25519, Convert.FromHexString(BobPrivate));
        Assert.That(Convert.ToHexStringLower(alice.PublicKey.Bytes), Is.EqualTo(AlicePublic));
        Assert.That(Convert.ToHexStringLower(bob.PublicKey.Bytes), Is.EqualTo(BobPublic));
        Assert.That(Convert.ToHexStringLower(KeyExchangeAlgorithm.X25519.Agree(alice, bob.PublicKey)), Is.EqualTo(Shared));
        Assert.That(Convert.ToHexStringLower(KeyExchangeAlgorithm.X25519.Agree(bob, alice.PublicKey)), Is.EqualTo(Shared));
    }

    [Test]
    public void Agree_ConvertedEd25519Keys_AgreeBothWays()
    {
        using var a = PrivateKey.Generate(KeyType.Ed25519, PrivateKeyExportPolicy.AllowPlaintextExport);
        using var b = PrivateKey.Generate(KeyType.Ed25519, PrivateKeyExportPolicy.AllowPlaintextExport);
        using var ax = Ed25519ToX25519.ConvertPrivateKey(a);
        using var bx = Ed25519ToX25519.ConvertPrivateKey(b);
        var ab = KeyExchangeAlgorithm.X25519.Agree(ax, Ed25519ToX25519.ConvertPublicKey(b.PublicKey));
        var ba = KeyExchangeAlgorithm.X25519.Agree(bx, Ed25519ToX25519.ConvertPublicKey(a.PublicKey));
        Assert.That(ab, Is.EqualTo(ba));
    }

    // RFC 7748 §6.1 / libsodium: small-order u-coordinates give the all-zero output, which must be refused.
    [TestCase("0000000000000000000000000000000000000000000000000000000000000000", TestName = "Agree_PeerUZero_Rejected")]
    [TestCase("0100000000000000000000000000000000000000000000000000000000000000", TestName = "Agree_PeerUOne_Rejected")]
    [TestCase("e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800", TestName = "Agree_PeerOrder8Point_Rejected")]
    [TestCase("ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f", TestName = "Agree_PeerUEqualsP_Rejected")]
    public void Agree_SmallOrderPeer_ThrowsAndTryAgreeFalse(string peerHex)
    {
        using var key = PrivateKey.Generate(KeyType.X25519);
        var peer = PublicKeyMaterial.Import(KeyType.X25519, Convert.FromHexString(peerHex));
        Assert.That(() => KeyExchangeAlgorithm.X25519.Agree(key, peer), Throws.TypeOf<CryptographicException>());
        var destination = new byte[32];
        destination.AsSpan().Fill(0xaa);
        Assert.That(KeyExchangeAlgorithm.X25519.TryAgree(key, peer, destination), Is.False);
        Assert.That(destination, Is.All.Zero);
    }

    [Test]
    public void Agree_WrongKeyTypes_Throw()
    {
        using var ed = PrivateKey.Generate(KeyType.Ed25519);
        using var x = PrivateKey.Generate(KeyType.X25519);
        Assert.That(() => KeyExchangeAlgorithm.X25519.Agree(ed, x.PublicKey), Throws.ArgumentException);
        Assert.That(() => KeyExchangeAlgorithm.X25519.Agree(x, ed.PublicKey), Throws.ArgumentException);
        Assert.That(() => KeyExchangeAlgorithm.X25519.TryAgree(x, x.PublicKey, new byte[31]), Throws.ArgumentException);
    }

    [TestCase("0100000000000000000000000000000000000000000000000000000000000000", TestName = "TryConvertPublicKey_Identity_False")]
    [TestCase("ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f", TestName = "TryConvertPublicKey_NonCanonicalY_False")]
    [TestCase("c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a", TestName = "TryConvertPublicKey_SmallOrder_False")]
    [TestCase("0200000000000000000000000000000000000000000000000000000000000000", TestName = "TryConvertPublicKey_NotOnCurve_False")]
    public void TryConvertPublicKey_InvalidEd25519_ReturnsFalse(string hex)
    {
        // Such a key cannot even be imported (no Ed25519 key object holds a small-order or off-curve point), so there
        // is nothing to convert; the converter keeps its own check for keys it is handed.
        Assert.That(PublicKeyMaterial.TryImport(KeyType.Ed25519, Convert.FromHexString(hex), out var key), Is.False);
        Assert.That(key, Is.Null);
        Assert.That(() => PublicKeyMaterial.Import(KeyType.Ed25519, Convert.FromHexString(hex)), Throws.TypeOf<FormatException>());
    }

    [Test]
    public void TryConvertPublicKey_NotEd25519_ReturnsFalse()
    {
        using var key = PrivateKey.Generate(KeyType.X25519);
        Assert.That(Ed25519ToX25519.TryConvertPublicKey(key.PublicKey, out _), Is.False);
    }

    [Test]
    public void ConvertPrivateKey_NotEd25519_Throws()
    {
        using var key = PrivateKey.Generate(KeyType.X25519, PrivateKeyExportPolicy.AllowPlaintextExport);
        Assert.That(() => Ed25519ToX25519.ConvertPrivateKey(key), Throws.ArgumentException);
    }

    [Test]
    public void ConvertPrivateKey_NonExportable_Throws()
    {
        using var key = PrivateKey.Generate(KeyType.Ed25519);
        Assert.That(() => Ed25519ToX25519.ConvertPrivateKey(key), Throws.InvalidOperationException);
    }
}
