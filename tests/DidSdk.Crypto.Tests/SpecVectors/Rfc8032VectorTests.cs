using System.Text.Json;

namespace DidSdk.Crypto.Tests.SpecVectors;

[Category("SpecVector")]
public class Rfc8032VectorTests
{
    private static IEnumerable<TestCaseData> Vectors() => VectorFiles.Cases("rfc8032-ed25519.json");

    [TestCaseSource(nameof(Vectors))]
    public void Ed25519_Rfc8032Section7_1_ReproducesEveryValue(JsonElement vector)
    {
        var message = Convert.FromHexString(vector.GetProperty("message").GetString()!);
        var expectedSignature = vector.GetProperty("signature").GetString();
        using var key = PrivateKey.Import(KeyType.Ed25519, Convert.FromHexString(vector.GetProperty("secretKey").GetString()!));

        Assert.That(Convert.ToHexStringLower(key.PublicKey.Bytes), Is.EqualTo(vector.GetProperty("publicKey").GetString()));
        var signature = SigningAlgorithm.Ed25519.Sign(key, message);
        Assert.That(Convert.ToHexStringLower(signature), Is.EqualTo(expectedSignature));

        var publicKey = PublicKeyMaterial.Import(KeyType.Ed25519, Convert.FromHexString(vector.GetProperty("publicKey").GetString()!));
        Assert.That(SigningAlgorithm.Ed25519.Verify(publicKey, message, signature), Is.True);
        Assert.That(SigningAlgorithm.Ed25519.Verify(publicKey, [.. message, 0], signature), Is.False);
        signature[63] ^= 0x01;
        Assert.That(SigningAlgorithm.Ed25519.Verify(publicKey, message, signature), Is.False);
    }
}
