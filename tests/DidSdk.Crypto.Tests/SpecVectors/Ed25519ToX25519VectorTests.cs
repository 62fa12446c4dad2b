using System.Text.Json;

namespace DidSdk.Crypto.Tests.SpecVectors;

[Category("SpecVector")]
public class Ed25519ToX25519VectorTests
{
    private static IEnumerable<TestCaseData> Vectors() => VectorFiles.Cases("ed25519-to-x25519.json");

    [TestCaseSource(nameof(Vectors))]
    public void ConvertPublicKey_Vector_MatchesDidKeyKeyAgreementKey(JsonElement vector)
    {
        var ed25519 = Multikey.Decode(vector.GetProperty("ed25519Multikey").GetString()!);
        var x25519 = Ed25519ToX25519.ConvertPublicKey(ed25519);
        Assert.That(Multikey.Encode(x25519), Is.EqualTo(vector.GetProperty("x25519Multikey").GetString()));
    }

    [TestCaseSource(nameof(Vectors))]
    public void ConvertPrivateKey_Vector_MatchesPublishedPrivateKeyAndPublicMap(JsonElement vector)
    {
        if (!vector.TryGetProperty("ed25519Seed", out var seed))
        {
            // The did:key spec example publishes no private key; the public map is checked by the test above.
            Assert.That(vector.TryGetProperty("x25519PrivateKey", out _), Is.False);
            return;
        }

        using var ed25519 = PrivateKey.Import(KeyType.Ed25519, Convert.FromHexString(seed.GetString()!), PrivateKeyExportPolicy.AllowPlaintextExport);
        Assert.That(Multikey.Encode(ed25519.PublicKey), Is.EqualTo(vector.GetProperty("ed25519Multikey").GetString()));
        using var x25519 = Ed25519ToX25519.ConvertPrivateKey(ed25519, PrivateKeyExportPolicy.AllowPlaintextExport);
        Assert.That(Convert.ToHexStringLower(x25519.ExportPrivateKey()), Is.EqualTo(vector.GetProperty("x25519PrivateKey").GetString()));
        Assert.That(x25519.PublicKey, Is.EqualTo(Ed25519ToX25519.ConvertPublicKey(ed25519.PublicKey)));
    }
}
