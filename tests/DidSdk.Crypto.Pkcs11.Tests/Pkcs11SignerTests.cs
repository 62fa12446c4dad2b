using System.Numerics;
using System.Text;
using DidSdk.Core.Jose;

namespace DidSdk.Crypto.Pkcs11.Tests;

[Category("Integration")]
public sealed class Pkcs11SignerTests
{
    private static readonly byte[] Message = Encoding.UTF8.GetBytes("eyJhbGciOiJFUzI1NiJ9.eyJpc3MiOiJkaWQ6ZXhhbXBsZTpiYW5rIn0");

    private static Pkcs11SignerOptions Options(string? label = null, string? objectId = null, bool allowExtractable = false) => new()
    {
        LibraryPath = SoftHsmFixture.LibraryPath,
        TokenLabel = SoftHsmFixture.TokenLabel,
        KeyLabel = label,
        KeyObjectId = objectId,
        KeyId = "did:example:bank#key-1",
        AllowExtractableKey = allowExtractable,
    };

    [TestCase("p256", KeyType.P256, "ES256")]
    [TestCase("secp256k1", KeyType.Secp256k1, "ES256K")]
    [TestCase("ed25519", KeyType.Ed25519, "EdDSA")]
    public async Task SignAsync_KeyInToken_VerifiesWithDidSdkCrypto(string label, KeyType keyType, string jose)
    {
        using var signer = Pkcs11Signer.Open(Options(label), SoftHsmFixture.UserPin);

        var signature = await signer.SignAsync(Message);

        Assert.That(signer.Algorithm.KeyType, Is.EqualTo(keyType));
        Assert.That(signer.Algorithm.JoseAlgorithm, Is.EqualTo(jose));
        Assert.That(signer.KeyId, Is.EqualTo("did:example:bank#key-1"));
        Assert.That(signer.Algorithm.Verify(signer.PublicKey, Message, signature), Is.True);
        Assert.That(signer.Algorithm.Verify(signer.PublicKey, Encoding.UTF8.GetBytes("tampered"), signature), Is.False);
    }

    [Test]
    public async Task SignAsync_Secp256k1ManySignatures_AllLowS()
    {
        using var signer = Pkcs11Signer.Open(Options("secp256k1"), SoftHsmFixture.UserPin);
        var halfOrder = BigInteger.Parse("7FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF5D576E7357A4501DDFE92F46681B20A0", System.Globalization.NumberStyles.HexNumber);

        for (var i = 0; i < 40; i++)
        {
            var data = BitConverter.GetBytes(i);
            var signature = await signer.SignAsync(data);
            Assert.That(S(signature), Is.LessThanOrEqualTo(halfOrder));
            Assert.That(SigningAlgorithm.Secp256k1.Verify(signer.PublicKey, data, signature), Is.True);
        }
    }

    [Test]
    public async Task Open_ByObjectId_SameKeyAsByLabel()
    {
        using var byLabel = Pkcs11Signer.Open(Options("p256"), SoftHsmFixture.UserPin);
        using var byId = Pkcs11Signer.Open(Options(objectId: "01"), SoftHsmFixture.UserPin);

        Assert.That(byId.PublicKey, Is.EqualTo(byLabel.PublicKey));
        var signature = await byId.SignAsync(Message);
        Assert.That(byLabel.Algorithm.Verify(byLabel.PublicKey, Message, signature), Is.True);
    }

    [Test]
    public async Task Jws_SignedThroughToken_VerifiesWithPublicKey()
    {
        using var signer = Pkcs11Signer.Open(Options("ed25519"), SoftHsmFixture.UserPin);
        var signingInput = Encoding.ASCII.GetBytes("eyJhbGciOiJFZERTQSJ9.eyJzdWIiOiJ0ZXN0In0");

        var signature = await signer.SignAsync(signingInput);

        Assert.That(signer, Is.InstanceOf<ISigner>());
        Assert.That(SigningAlgorithm.Ed25519.Verify(signer.PublicKey, signingInput, signature), Is.True);
    }

    private static BigInteger S(byte[] signature) => new(signature.AsSpan(32), isUnsigned: true, isBigEndian: true);

    [Test]
    public void Open_WrongPin_UnauthorizedAccess() =>
        Assert.That(() => Pkcs11Signer.Open(Options("p256"), "0000"), Throws.TypeOf<UnauthorizedAccessException>());

    [Test]
    public void Open_UnknownLabel_InvalidOperation() =>
        Assert.That(() => Pkcs11Signer.Open(Options("missing"), SoftHsmFixture.UserPin), Throws.InvalidOperationException);

    [Test]
    public void Open_ExtractableKey_RefusedByDefault()
    {
        Assert.That(() => Pkcs11Signer.Open(Options("p256-extractable"), SoftHsmFixture.UserPin), Throws.InvalidOperationException);
        using var allowed = Pkcs11Signer.Open(Options("p256-extractable", allowExtractable: true), SoftHsmFixture.UserPin);
        Assert.That(allowed.Algorithm.KeyType, Is.EqualTo(KeyType.P256));
    }

    [Test]
    public void Open_NoKeyNamed_ArgumentException() =>
        Assert.That(() => Pkcs11Signer.Open(Options(), SoftHsmFixture.UserPin), Throws.ArgumentException);

    [Test]
    public void SignAsync_AfterDispose_ObjectDisposed()
    {
        var signer = Pkcs11Signer.Open(Options("p256"), SoftHsmFixture.UserPin);
        signer.Dispose();

        Assert.That(async () => await signer.SignAsync(Message), Throws.TypeOf<ObjectDisposedException>());
    }
}
