using System.Text.Json.Nodes;
using DidSdk.Core.Methods;
using DidSdk.Core.Resolution;
using DidSdk.Crypto;

namespace DidSdk.IdentityModel.Tests;

/// <summary>A DID with its private key and the id of its one verification method.</summary>
internal sealed record TestDid(string Did, string KeyId, PrivateKey Key)
{
    public static TestDid NewDidKey(KeyType keyType)
    {
        var key = PrivateKey.Generate(keyType);
        var did = DidKey.Create(key.PublicKey);
        return new TestDid(did, DidKey.GetVerificationMethodId(key.PublicKey), key);
    }

    public static TestDid NewDidJwk(KeyType keyType)
    {
        var key = PrivateKey.Generate(keyType);
        var did = DidJwk.Create(key.PublicKey);
        return new TestDid(did, did + "#0", key);
    }

    public static IDidResolver Resolver() => new CachingDidResolver(new CompositeDidResolver(new DidKeyResolver(), new DidJwkResolver()));

    public static JsonObject Claims(string issuer, string audience, TimeProvider? time = null)
    {
        var now = (time ?? TimeProvider.System).GetUtcNow().ToUnixTimeSeconds();
        return new JsonObject { ["iss"] = issuer, ["aud"] = audience, ["iat"] = now, ["exp"] = now + 300, ["scope"] = "accounts:read" };
    }
}
