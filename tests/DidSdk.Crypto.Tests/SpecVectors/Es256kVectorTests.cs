using System.Buffers.Text;
using System.Text;
using System.Text.Json;

namespace DidSdk.Crypto.Tests.SpecVectors;

[Category("SpecVector")]
public class Es256kVectorTests
{
    private static IEnumerable<TestCaseData> Vectors() => VectorFiles.Cases("es256k-deterministic.json");

    [TestCaseSource(nameof(Vectors))]
    public void Sign_DeterministicVector_ReproducesSignatureExactly(JsonElement vector)
    {
        using var key = PrivateKey.Import(KeyType.Secp256k1, Convert.FromHexString(vector.GetProperty("privateKey").GetString()!));
        Assert.That(Convert.ToHexStringLower(key.PublicKey.Bytes), Is.EqualTo(vector.GetProperty("publicKeyCompressed").GetString()));

        var jwk = Jwk.FromPublicKey(key.PublicKey);
        var expectedJwk = vector.GetProperty("publicJwk");
        Assert.That(jwk.X, Is.EqualTo(expectedJwk.GetProperty("x").GetString()));
        Assert.That(jwk.Y, Is.EqualTo(expectedJwk.GetProperty("y").GetString()));
        Assert.That(jwk.Crv, Is.EqualTo("secp256k1"));

        var message = Encoding.UTF8.GetBytes(vector.GetProperty("messageUtf8").GetString()!);
        var signature = SigningAlgorithm.Secp256k1.Sign(key, message);
        Assert.That(Base64Url.EncodeToString(signature), Is.EqualTo(vector.GetProperty("signature").GetString()));
        Assert.That(SigningAlgorithm.Secp256k1.Verify(Jwk.Parse(expectedJwk.GetRawText()).ToPublicKey(), message, signature), Is.True);
    }
}
