using System.Text.Json.Nodes;
using DidSdk.Testing;
using DidSdk.Core.Dids;
using DidSdk.Core.Methods;
using DidSdk.Core.Resolution;
using DidSdk.Crypto;

namespace DidSdk.Interop.Tests;

/// <summary>did:key against @digitalbazaar/did-method-key and key-did-resolver (tests/devchain/did-key.mjs).</summary>
[Category("Interop")]
public class DidKeyInteropTests
{
    private static readonly KeyType[] KeyTypes = [KeyType.Ed25519, KeyType.Secp256k1, KeyType.P256];

    [TestCaseSource(nameof(KeyTypes))]
    public async Task OurDidKey_ResolvesInPeers_ToTheSamePublicKey(KeyType keyType)
    {
        using var key = PrivateKey.Generate(keyType);
        var did = DidKey.Create(key.PublicKey);
        var kid = DidKey.GetVerificationMethodId(key.PublicKey);

        var reply = await NodeScript.RunAsync("did-key.mjs", new JsonObject { ["action"] = "resolve", ["did"] = did });

        // key-did-resolver covers all three curves; the Digital Bazaar driver is configured for Ed25519 here.
        var peers = keyType == KeyType.Ed25519 ? new[] { "keyDidResolver", "digitalbazaar" } : ["keyDidResolver"];
        foreach (var peer in peers)
        {
            Assert.That(reply[peer], Is.Not.Null, $"{peer}: {reply["errors"]?.ToJsonString()}");
            Assert.That(PeerKey(reply[peer]!, kid), Is.EqualTo(key.PublicKey), peer);
        }
    }

    [Test]
    public async Task PeerDidKey_ResolvesInOurs_ToTheKeyThePeerPublished()
    {
        var reply = await NodeScript.RunAsync("did-key.mjs", new JsonObject { ["action"] = "generate" });
        var did = reply["did"]!.GetValue<string>();
        var peerDocument = reply["didDocument"]!;
        var kid = peerDocument["assertionMethod"]![0]!.GetValue<string>();

        var result = await new DidKeyResolver().ResolveAsync(did);

        Assert.That(result.Succeeded, Is.True, result.DidResolutionMetadata.Error);
        Assert.That(result.DidDocument!.TryGetAuthorizedVerificationMethod(kid, VerificationRelationship.AssertionMethod, out var method), Is.True);
        Assert.That(method!.TryGetPublicKey(out var ours, out _), Is.True);
        Assert.That(ours, Is.EqualTo(PeerKey(peerDocument, kid)));
    }

    [Test]
    public async Task MalformedDidKey_IsRejectedByUsAndThePeer()
    {
        // A valid Ed25519 multikey with its last byte cut: wrong key length after the multicodec prefix.
        using var key = PrivateKey.Generate(KeyType.Ed25519);
        var bytes = Multicodec.AddPrefix(Multicodec.Ed25519Pub, key.PublicKey.Bytes);
        var did = "did:key:" + Multibase.Encode(MultibaseEncoding.Base58Btc, bytes.AsSpan(0, bytes.Length - 1));

        var reply = await NodeScript.RunAsync("did-key.mjs", new JsonObject { ["action"] = "resolve", ["did"] = did });
        var ours = await new DidKeyResolver().ResolveAsync(did);

        Assert.That(ours.Succeeded, Is.False);
        Assert.That(ours.DidResolutionMetadata.Error, Is.EqualTo(DidResolutionErrors.InvalidPublicKeyLength).Or.EqualTo(DidResolutionErrors.InvalidPublicKey));
        Assert.That(reply["digitalbazaar"], Is.Null);
    }

    /// <summary>Reads a peer's DID document with our parser and returns the key of the named assertion method.</summary>
    private static PublicKeyMaterial PeerKey(JsonNode document, string kid)
    {
        Assert.That(DidDocument.TryParse(document.ToJsonString(), DidRepresentation.Json, out var parsed, out var problem), Is.True, problem?.ToString());
        Assert.That(parsed!.TryGetAuthorizedVerificationMethod(kid, VerificationRelationship.AssertionMethod, out var method), Is.True, kid);
        Assert.That(method!.TryGetPublicKey(out var publicKey, out problem), Is.True, problem?.ToString());
        return publicKey!;
    }
}
