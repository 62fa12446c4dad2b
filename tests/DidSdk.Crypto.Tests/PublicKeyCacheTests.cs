using System.Security.Cryptography;

namespace DidSdk.Crypto.Tests;

public class PublicKeyCacheTests
{
    [SetUp]
    public void ClearCache() => PublicKeyCache.Clear();

    [TestCase(KeyType.Ed25519)]
    [TestCase(KeyType.P256)]
    [TestCase(KeyType.Secp256k1)]
    public void TryImport_SameBytesAgain_ReturnsTheCachedInstance(KeyType keyType)
    {
        using var key = PrivateKey.Generate(keyType);
        var bytes = key.PublicKey.Export();

        Assert.That(PublicKeyMaterial.TryImport(keyType, bytes, out var first), Is.True);
        Assert.That(PublicKeyMaterial.TryImport(keyType, bytes, out var second), Is.True);

        Assert.That(second, Is.SameAs(first));
        Assert.That(second, Is.EqualTo(key.PublicKey));
    }

    [Test]
    public void TryImport_SameBytesAsAnotherKeyType_IsNotConfused()
    {
        using var key = PrivateKey.Generate(KeyType.Ed25519);
        Assert.That(PublicKeyMaterial.TryImport(KeyType.Ed25519, key.PublicKey.Bytes, out var ed25519), Is.True);
        Assert.That(PublicKeyMaterial.TryImport(KeyType.X25519, key.PublicKey.Bytes, out var x25519), Is.True);
        Assert.That(x25519!.KeyType, Is.EqualTo(KeyType.X25519));
        Assert.That(ed25519!.KeyType, Is.EqualTo(KeyType.Ed25519));
    }

    [Test]
    public void TryImport_InvalidPointTwice_IsRefusedBothTimesAndNotCached()
    {
        using var key = PrivateKey.Generate(KeyType.P256);
        var offCurve = key.PublicKey.ExportUncompressed();
        offCurve[64] ^= 0x01;
        var before = PublicKeyCache.Count;

        Assert.That(PublicKeyMaterial.TryImport(KeyType.P256, offCurve, out _), Is.False);
        Assert.That(PublicKeyMaterial.TryImport(KeyType.P256, offCurve, out _), Is.False);
        Assert.That(PublicKeyCache.Count, Is.EqualTo(before));
    }

    [Test]
    public void TryImport_FloodOfDistinctKeys_StaysBounded()
    {
        var imported = ImportDistinctEd25519Keys(PublicKeyCache.GenerationCapacity * 6);

        Assert.That(imported, Is.EqualTo(PublicKeyCache.GenerationCapacity * 6));
        Assert.That(PublicKeyCache.Count, Is.LessThanOrEqualTo(2 * PublicKeyCache.GenerationCapacity));
    }

    [Test]
    public void TryImport_FloodOfDistinctKeysFromManyThreads_StaysBounded()
    {
        Parallel.For(0, 8, _ => ImportDistinctEd25519Keys(PublicKeyCache.GenerationCapacity));

        // A racing add may overshoot a generation by one entry per thread.
        Assert.That(PublicKeyCache.Count, Is.LessThanOrEqualTo((2 * PublicKeyCache.GenerationCapacity) + 8));
    }

    [Test]
    public void TryImport_KeyInSteadyUseDuringAFlood_StaysCached()
    {
        using var key = PrivateKey.Generate(KeyType.P256);
        var bytes = key.PublicKey.ExportUncompressed();
        Assert.That(PublicKeyMaterial.TryImport(KeyType.P256, bytes, out var first), Is.True);

        for (var round = 0; round < 12; round++)
        {
            ImportDistinctEd25519Keys(PublicKeyCache.GenerationCapacity / 2);
            Assert.That(PublicKeyMaterial.TryImport(KeyType.P256, bytes, out var again), Is.True);
            Assert.That(again, Is.SameAs(first), $"round {round}");
        }
    }

    [TestCase(KeyType.Ed25519)]
    [TestCase(KeyType.P256)]
    public void Verify_CachedAndFreshKey_GiveTheSameResults(KeyType keyType)
    {
        using var key = PrivateKey.Generate(keyType);
        var algorithm = SigningAlgorithm.ForKeyType(keyType)!;
        var data = "payload"u8.ToArray();
        var signature = algorithm.Sign(key, data);
        var tampered = (byte[])signature.Clone();
        tampered[5] ^= 0x40;
        var encoded = key.PublicKey.Export();

        Assert.That(PublicKeyMaterial.TryImport(keyType, encoded, out var fresh), Is.True);
        bool[] freshResults = [algorithm.Verify(fresh!, data, signature), algorithm.Verify(fresh!, data, tampered), algorithm.Verify(fresh!, "other"u8, signature)];
        Assert.That(PublicKeyMaterial.TryImport(keyType, encoded, out var cached), Is.True);
        Assert.That(cached, Is.SameAs(fresh));
        bool[] cachedResults = [algorithm.Verify(cached!, data, signature), algorithm.Verify(cached!, data, tampered), algorithm.Verify(cached!, "other"u8, signature)];
        PublicKeyCache.Clear();
        Assert.That(PublicKeyMaterial.TryImport(keyType, encoded, out var afterClear), Is.True);
        Assert.That(afterClear, Is.Not.SameAs(fresh));
        bool[] uncachedResults = [algorithm.Verify(afterClear!, data, signature), algorithm.Verify(afterClear!, data, tampered), algorithm.Verify(afterClear!, "other"u8, signature)];

        Assert.That(freshResults, Is.EqualTo(new[] { true, false, false }));
        Assert.That(cachedResults, Is.EqualTo(freshResults));
        Assert.That(uncachedResults, Is.EqualTo(freshResults));
    }

    [Test]
    public void JwkTryGetPublicKey_SameJwkTwice_ReturnsTheCachedInstance()
    {
        using var key = PrivateKey.Generate(KeyType.P256);
        var jwk = Jwk.Parse(Jwk.FromPublicKey(key.PublicKey).ToJson());

        Assert.That(jwk.TryGetPublicKey(out var first), Is.True);
        Assert.That(Jwk.Parse(jwk.ToJson()).TryGetPublicKey(out var second), Is.True);

        Assert.That(second, Is.SameAs(first));
        Assert.That(first, Is.EqualTo(key.PublicKey));
    }

    [Test]
    public void P256Verify_OneKeyFromManyThreads_AllResultsCorrect()
    {
        using var key = PrivateKey.Generate(KeyType.P256);
        var data = "payload"u8.ToArray();
        var signature = SigningAlgorithm.P256.Sign(key, data);
        var tampered = (byte[])signature.Clone();
        tampered[40] ^= 0x01;
        var results = new bool[8 * 200];

        Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
            results[i] = SigningAlgorithm.P256.Verify(key.PublicKey, data, i % 2 == 0 ? signature : tampered));

        Assert.That(results.Where((r, i) => r != (i % 2 == 0)), Is.Empty);
    }

    [Test]
    public void Ed25519ToX25519_SameKeyImportedAgain_ReturnsTheSameDerivedKey()
    {
        using var key = PrivateKey.Generate(KeyType.Ed25519);
        var encoded = key.PublicKey.Export();
        Assert.That(PublicKeyMaterial.TryImport(KeyType.Ed25519, encoded, out var first), Is.True);
        var derived = Ed25519ToX25519.ConvertPublicKey(first!);
        Assert.That(PublicKeyMaterial.TryImport(KeyType.Ed25519, encoded, out var again), Is.True);

        Assert.That(Ed25519ToX25519.ConvertPublicKey(again!), Is.SameAs(derived));
        PublicKeyCache.Clear();
        Assert.That(PublicKeyMaterial.TryImport(KeyType.Ed25519, encoded, out var uncached), Is.True);
        Assert.That(Ed25519ToX25519.ConvertPublicKey(uncached!), Is.EqualTo(derived));
    }

    private static int ImportDistinctEd25519Keys(int count)
    {
        // About half of all 32-byte strings are valid Ed25519 points; distinct random ones stand in for a flood of
        // one-off keys an attacker presents.
        var imported = 0;
        Span<byte> candidate = stackalloc byte[32];
        while (imported < count)
        {
            RandomNumberGenerator.Fill(candidate);
            if (PublicKeyMaterial.TryImport(KeyType.Ed25519, candidate, out _))
            {
                imported++;
            }
        }

        return imported;
    }
}
