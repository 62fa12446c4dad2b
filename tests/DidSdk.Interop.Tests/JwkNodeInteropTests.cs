using System.Text.Json.Nodes;
using DidSdk.Testing;
using DidSdk.Crypto;

namespace DidSdk.Interop.Tests;

[Category("Interop")]
public class JwkNodeInteropTests
{
    private static readonly KeyType[] KeyTypes = [KeyType.Ed25519, KeyType.Secp256k1, KeyType.P256, KeyType.X25519];

    [TestCaseSource(nameof(KeyTypes))]
    public async Task OurJwks_ImportInNodeCrypto_WithTheSamePublicKey(KeyType keyType)
    {
        using var key = PrivateKey.Generate(keyType, PrivateKeyExportPolicy.AllowPlaintextExport);
        var privateJwk = Jwk.FromPrivateKey(key);
        var publicJwk = privateJwk.ToPublicJwk();
        var request = new JsonObject
        {
            ["jwks"] = new JsonArray(JsonNode.Parse(privateJwk.ToJson()), JsonNode.Parse(publicJwk.ToJson())),
        };

        var reply = await NodeScript.RunAsync("crypto-jwk-import.mjs", request);

        foreach (var result in reply["results"]!.AsArray())
        {
            Assert.That(result!["ok"]!.GetValue<bool>(), Is.True, result.ToJsonString());
            var nodePublic = Jwk.Parse(result["publicJwk"]!.ToJsonString());
            Assert.That(nodePublic.ToPublicKey(), Is.EqualTo(key.PublicKey));
        }
    }

    [Test]
    public async Task NodeCrypto_RejectsAJwkWhosePointIsOffTheCurve_AsWeDo()
    {
        using var key = PrivateKey.Generate(KeyType.P256);
        var jwk = JsonNode.Parse(Jwk.FromPublicKey(key.PublicKey).ToJson())!.AsObject();
        jwk["y"] = jwk["x"]!.GetValue<string>();

        var reply = await NodeScript.RunAsync("crypto-jwk-import.mjs", new JsonObject { ["jwks"] = new JsonArray(jwk) });

        Assert.That(reply["results"]![0]!["ok"]!.GetValue<bool>(), Is.False);
        Assert.That(Jwk.Parse(jwk.ToJsonString()).TryGetPublicKey(out _), Is.False);
    }
}
