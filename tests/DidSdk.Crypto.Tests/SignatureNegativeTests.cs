using System.Numerics;

namespace DidSdk.Crypto.Tests;

public class SignatureNegativeTests
{
    private static readonly BigInteger Secp256k1N = BigInteger.Parse("0fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141", System.Globalization.NumberStyles.HexNumber);

    private static readonly SigningAlgorithm[] Algorithms = [SigningAlgorithm.Ed25519, SigningAlgorithm.Secp256k1, SigningAlgorithm.P256];

    [TestCaseSource(nameof(Algorithms))]
    public void Verify_KeyOfAnotherType_ReturnsFalse(SigningAlgorithm algorithm)
    {
        using var key = PrivateKey.Generate(algorithm.KeyType);
        var signature = algorithm.Sign(key, [1, 2, 3]);
        foreach (var other in Enum.GetValues<KeyType>().Where(t => t != algorithm.KeyType))
        {
            using var otherKey = PrivateKey.Generate(other);
            Assert.That(algorithm.Verify(otherKey.PublicKey, [1, 2, 3], signature), Is.False, other.ToString());
        }
    }

    [TestCaseSource(nameof(Algorithms))]
    public void Sign_KeyOfAnotherType_Throws(SigningAlgorithm algorithm)
    {
        using var other = PrivateKey.Generate(algorithm.KeyType == KeyType.Ed25519 ? KeyType.P256 : KeyType.Ed25519);
        Assert.That(() => algorithm.Sign(other, [1]), Throws.ArgumentException);
        using var x25519 = PrivateKey.Generate(KeyType.X25519);
        Assert.That(() => algorithm.Sign(x25519, [1]), Throws.ArgumentException);
    }

    [TestCaseSource(nameof(Algorithms))]
    public void Verify_WrongLengthOrZeroSignature_ReturnsFalse(SigningAlgorithm algorithm)
    {
        using var key = PrivateKey.Generate(algorithm.KeyType);
        var signature = algorithm.Sign(key, [7]);
        Assert.Multiple(() =>
        {
            Assert.That(algorithm.Verify(key.PublicKey, [7], []), Is.False);
            Assert.That(algorithm.Verify(key.PublicKey, [7], signature.AsSpan(0, 63)), Is.False);
            Assert.That(algorithm.Verify(key.PublicKey, [7], [.. signature, 0]), Is.False);
            Assert.That(algorithm.Verify(key.PublicKey, [7], new byte[64]), Is.False);
            Assert.That(algorithm.Verify(key.PublicKey, [7], Enumerable.Repeat((byte)0xff, 64).ToArray()), Is.False);
        });
    }

    [TestCaseSource(nameof(Algorithms))]
    public void TrySign_DestinationTooSmall_ReturnsFalse(SigningAlgorithm algorithm)
    {
        using var key = PrivateKey.Generate(algorithm.KeyType);
        Assert.That(algorithm.TrySign(key, [1], new byte[63], out var written), Is.False);
        Assert.That(written, Is.Zero);
        var buffer = new byte[100];
        Assert.That(algorithm.TrySign(key, [1], buffer, out written), Is.True);
        Assert.That(written, Is.EqualTo(64));
        Assert.That(algorithm.Verify(key.PublicKey, [1], buffer.AsSpan(0, written)), Is.True);
    }

    [Test]
    public void Secp256k1_HighSTwin_RejectedByDefaultAcceptedByNamedRelaxation()
    {
        // The high-S twin of a valid signature is a second valid-looking signature for the same data (malleability).
        using var key = PrivateKey.Generate(KeyType.Secp256k1);
        var signature = SigningAlgorithm.Secp256k1.Sign(key, "data"u8);
        var s = new BigInteger(signature.AsSpan(32), isUnsigned: true, isBigEndian: true);
        Assert.That(s, Is.LessThanOrEqualTo(Secp256k1N / 2), "our signer emits low S");
        var highS = Secp256k1N - s;
        var twin = signature[..32].Concat(highS.ToByteArray(isUnsigned: true, isBigEndian: true)).ToArray();
        Assert.That(twin, Has.Length.EqualTo(64));
        var digest = Hashes.Sha256("data"u8);
        Assert.Multiple(() =>
        {
            Assert.That(SigningAlgorithm.Secp256k1.AllowsHighS, Is.False);
            Assert.That(SigningAlgorithm.Secp256k1.Verify(key.PublicKey, "data"u8, signature), Is.True);
            Assert.That(SigningAlgorithm.Secp256k1.Verify(key.PublicKey, "data"u8, twin), Is.False);
            Assert.That(SigningAlgorithm.Secp256k1.VerifyHash(key.PublicKey, digest, twin), Is.False);
            Assert.That(SigningAlgorithm.Secp256k1AllowingHighS.Verify(key.PublicKey, "data"u8, twin), Is.True);
            Assert.That(SigningAlgorithm.TryFromJoseAlgorithm("ES256K", out var byName) && ReferenceEquals(byName, SigningAlgorithm.Secp256k1), Is.True);
        });
    }

    [Test]
    public void Secp256k1_ROrSEqualToN_ReturnsFalse()
    {
        using var key = PrivateKey.Generate(KeyType.Secp256k1);
        var signature = SigningAlgorithm.Secp256k1.Sign(key, "data"u8);
        var n = Secp256k1N.ToByteArray(isUnsigned: true, isBigEndian: true);
        Assert.That(SigningAlgorithm.Secp256k1.Verify(key.PublicKey, "data"u8, [.. n, .. signature[32..]]), Is.False);
        Assert.That(SigningAlgorithm.Secp256k1.Verify(key.PublicKey, "data"u8, [.. signature[..32], .. n]), Is.False);
    }

    [Test]
    public void Secp256k1_SignHash_IsDeterministicAndVerifies()
    {
        using var key = PrivateKey.Generate(KeyType.Secp256k1);
        var hash = Hashes.Keccak256("m"u8);
        var a = SigningAlgorithm.Secp256k1.SignHash(key, hash);
        var b = SigningAlgorithm.Secp256k1.SignHash(key, hash);
        Assert.That(a, Is.EqualTo(b));
        Assert.That(SigningAlgorithm.Secp256k1.VerifyHash(key.PublicKey, hash, a), Is.True);
        Assert.That(SigningAlgorithm.Secp256k1.VerifyHash(key.PublicKey, hash.AsSpan(0, 31), a), Is.False);
        Assert.That(() => SigningAlgorithm.Secp256k1.SignHash(key, hash.AsSpan(0, 31)), Throws.ArgumentException);
    }

    [Test]
    public void TryRecoverPublicKey_InvalidInput_ReturnsFalse()
    {
        using var key = PrivateKey.Generate(KeyType.Secp256k1);
        var hash = Hashes.Keccak256("m"u8);
        var signature = SigningAlgorithm.Secp256k1.SignHashRecoverable(key, hash, out var recoveryId);
        Assert.Multiple(() =>
        {
            Assert.That(Secp256k1SigningAlgorithm.TryRecoverPublicKey(hash, signature, 4, out _), Is.False);
            Assert.That(Secp256k1SigningAlgorithm.TryRecoverPublicKey(hash, signature, -1, out _), Is.False);
            Assert.That(Secp256k1SigningAlgorithm.TryRecoverPublicKey(hash.AsSpan(0, 31), signature, recoveryId, out _), Is.False);
            Assert.That(Secp256k1SigningAlgorithm.TryRecoverPublicKey(hash, new byte[64], recoveryId, out _), Is.False);
        });
        Assert.That(Secp256k1SigningAlgorithm.TryRecoverPublicKey(hash, signature, recoveryId ^ 1, out var wrong) && wrong == key.PublicKey, Is.False, "the other parity must not recover the signer");
    }

    [Test]
    public void TryFromJoseAlgorithm_NoneHmacAndUnknown_NotFound()
    {
        foreach (var alg in new[] { "none", "HS256", "RS256", "ES256P", "es256", "es384", "", null })
        {
            Assert.That(SigningAlgorithm.TryFromJoseAlgorithm(alg, out var algorithm), Is.False, alg);
            Assert.That(algorithm, Is.Null);
        }

        Assert.That(SigningAlgorithm.ForKeyType(KeyType.X25519), Is.Null);
    }

    [Test]
    public void Sha256_Abc_MatchesFips180Example() =>
        Assert.That(Convert.ToHexStringLower(Hashes.Sha256("abc"u8)), Is.EqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
}
