namespace DidSdk.Crypto.Tests;

public class SigningAlgorithmTests
{
    private static readonly SigningAlgorithm[] Algorithms = [SigningAlgorithm.Ed25519, SigningAlgorithm.Secp256k1, SigningAlgorithm.P256, SigningAlgorithm.P384, SigningAlgorithm.P521];

    [TestCaseSource(nameof(Algorithms))]
    public void SignVerify_RoundTrip_VerifiesAndRejectsTampering(SigningAlgorithm algorithm)
    {
        using var key = PrivateKey.Generate(algorithm.KeyType);
        var data = "hello"u8.ToArray();
        var signature = algorithm.Sign(key, data);
        Assert.Multiple(() =>
        {
            Assert.That(signature, Has.Length.EqualTo(algorithm.SignatureSize));
            Assert.That(algorithm.Verify(key.PublicKey, data, signature), Is.True);
            Assert.That(algorithm.Verify(key.PublicKey, "hellp"u8, signature), Is.False);
            Assert.That(algorithm.Verify(key.PublicKey, data, signature.AsSpan(1)), Is.False);
        });
    }

    [TestCaseSource(nameof(Algorithms))]
    public void Import_ExportedPrivateKey_GivesSamePublicKey(SigningAlgorithm algorithm)
    {
        using var key = PrivateKey.Generate(algorithm.KeyType, PrivateKeyExportPolicy.AllowPlaintextExport);
        using var again = PrivateKey.Import(algorithm.KeyType, key.ExportPrivateKey());
        Assert.That(again.PublicKey, Is.EqualTo(key.PublicKey));
        Assert.That(again.ExportPolicy, Is.EqualTo(PrivateKeyExportPolicy.None));
        Assert.That(() => again.ExportPrivateKey(), Throws.InvalidOperationException);
    }

    [Test]
    public void SignHashRecoverable_RecoversSignerAndIsLowS()
    {
        using var key = PrivateKey.Generate(KeyType.Secp256k1);
        var hash = Hashes.Keccak256("message"u8);
        var signature = SigningAlgorithm.Secp256k1.SignHashRecoverable(key, hash, out var recoveryId);
        Assert.That(Secp256k1SigningAlgorithm.TryRecoverPublicKey(hash, signature, recoveryId, out var recovered), Is.True);
        Assert.That(recovered, Is.EqualTo(key.PublicKey));
        Assert.That(signature[32], Is.LessThan(0x80), "S must be low (≤ n/2).");
    }

    [Test]
    public void Keccak256_EmptyInput_MatchesKnownDigest() =>
        Assert.That(Convert.ToHexStringLower(Hashes.Keccak256([])), Is.EqualTo("c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470"));
}
