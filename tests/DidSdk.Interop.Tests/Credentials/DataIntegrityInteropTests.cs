using System.Text.Json.Nodes;
using DidSdk.Core.Jose;
using DidSdk.Core.Methods;
using DidSdk.Core.Resolution;
using DidSdk.Credentials;
using DidSdk.Crypto;
using DidSdk.Testing;

namespace DidSdk.Interop.Tests.Credentials;

/// <summary>eddsa-jcs-2022 both ways with @digitalbazaar/vc 7, and Bitstring Status Lists with @digitalbazaar/vc-bitstring-status-list.</summary>
[Category("Interop")]
public sealed class DataIntegrityInteropTests
{
    private const string Script = "di-interop.mjs";

    private static JsonObject Credential() => new()
    {
        ["@context"] = new JsonArray("https://www.w3.org/ns/credentials/v2"),
        ["id"] = "urn:uuid:0b6e5f4a-0f43-4a6e-9a57-3a4f2f1f6c11",
        ["type"] = new JsonArray("VerifiableCredential"),
        ["validFrom"] = "2026-01-01T00:00:00Z",
        ["credentialSubject"] = new JsonObject { ["id"] = "did:example:customer", ["kyc_level"] = "enhanced" },
    };

    private static CredentialVerifier Verifier() => new(new CompositeDidResolver(new DidKeyResolver()));

    [Test]
    public async Task OurEddsaJcs2022Credential_VerifiedByDigitalBazaar()
    {
        using var key = PrivateKey.Generate(KeyType.Ed25519);
        var credential = Credential();
        credential["issuer"] = DidKey.Create(key.PublicKey);
        var secured = await DataIntegrity.AddProofAsync(credential, new KeySigner(key), new DataIntegrityProofOptions { VerificationMethod = DidKey.GetVerificationMethodId(key.PublicKey), Created = DateTimeOffset.UtcNow });

        var reply = await NodeScript.RunAsync(Script, new JsonObject { ["action"] = "verify", ["credential"] = secured });

        Assert.That(reply["verified"]!.GetValue<bool>(), Is.True, reply["error"]?.ToString());
    }

    [Test]
    public async Task OurTamperedCredential_RejectedByDigitalBazaar()
    {
        using var key = PrivateKey.Generate(KeyType.Ed25519);
        var credential = Credential();
        credential["issuer"] = DidKey.Create(key.PublicKey);
        var secured = await DataIntegrity.AddProofAsync(credential, new KeySigner(key), new DataIntegrityProofOptions { VerificationMethod = DidKey.GetVerificationMethodId(key.PublicKey), Created = DateTimeOffset.UtcNow });
        secured["credentialSubject"]!["kyc_level"] = "basic";

        var reply = await NodeScript.RunAsync(Script, new JsonObject { ["action"] = "verify", ["credential"] = secured });

        Assert.That(reply["verified"]!.GetValue<bool>(), Is.False);
    }

    [Test]
    public async Task DigitalBazaarEddsaJcs2022Credential_VerifiedByUs()
    {
        using var key = PrivateKey.Generate(KeyType.Ed25519, PrivateKeyExportPolicy.AllowPlaintextExport);

        var reply = await NodeScript.RunAsync(Script, new JsonObject
        {
            ["action"] = "issue",
            ["credential"] = Credential(),
            ["publicKeyMultibase"] = Multikey.Encode(key.PublicKey),
            ["secretKeyMultibase"] = Multikey.EncodePrivate(key),
        });
        var credential = reply["credential"]!.AsObject();
        var result = await Verifier().VerifyAsync(credential.ToJsonString());

        Assert.That(credential["proof"]!["cryptosuite"]!.GetValue<string>(), Is.EqualTo("eddsa-jcs-2022"));
        Assert.That(result.Problems, Is.Empty);
        Assert.That(result.Issuer, Is.EqualTo(DidKey.Create(key.PublicKey)));
    }

    [Test]
    public async Task OurStatusList_DecodedByDigitalBazaar_SameBits()
    {
        var list = new BitstringStatusList();
        int[] set = [0, 7, 94_567, 131_071];
        foreach (var i in set)
        {
            list.Set(i, 1);
        }

        var reply = await NodeScript.RunAsync(Script, new JsonObject { ["action"] = "decodeList", ["encodedList"] = list.Encode(), ["indexes"] = new JsonArray(0, 1, 7, 8, 94_567, 94_568, 131_071) });

        Assert.That(reply["length"]!.GetValue<int>(), Is.EqualTo(131_072));
        Assert.That(reply["bits"]!.AsArray().Select(b => b!.GetValue<bool>()), Is.EqualTo(new[] { true, false, true, false, true, false, true }));
    }

    [Test]
    public async Task DigitalBazaarStatusList_DecodedByUs_SameBits()
    {
        var reply = await NodeScript.RunAsync(Script, new JsonObject { ["action"] = "encodeList", ["length"] = 131_072, ["setIndexes"] = new JsonArray(3, 100_000) });

        Assert.That(BitstringStatusList.TryDecode(reply["encodedList"]!.GetValue<string>(), 1, 1 << 20, out var list, out var problem), Is.True, problem?.ToString());
        Assert.That(new[] { list!.Get(2), list.Get(3), list.Get(4), list.Get(100_000) }, Is.EqualTo(new[] { 0, 1, 0, 1 }));
    }
}
