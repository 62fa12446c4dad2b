using System.Text.Json.Nodes;
using DidSdk.Core.Jose;
using DidSdk.Core.Methods;
using DidSdk.Core.Resolution;
using DidSdk.Credentials;
using DidSdk.Crypto;
using DidSdk.Testing;

namespace DidSdk.Interop.Tests.Credentials;

/// <summary>
/// ecdsa-rdfc-2019 (P-256, P-384) and eddsa-rdfc-2022 both ways with @digitalbazaar/vc 7 and the npm
/// ecdsa-rdfc-2019-cryptosuite 1.3.0 / ecdsa-multikey 1.8.0 / eddsa-rdfc-2022-cryptosuite 1.3.0.
/// </summary>
[Category("Interop")]
public sealed class RdfcDataIntegrityInteropTests
{
    private const string Script = "di-rdfc-interop.mjs";

    private static readonly object[] Cases =
    [
        new object[] { KeyType.P256, EcdsaCryptosuites.Rdfc2019 },
        new object[] { KeyType.P384, EcdsaCryptosuites.Rdfc2019 },
        new object[] { KeyType.Ed25519, EddsaRdfc2022.Cryptosuite },
    ];

    private static JsonObject Credential() => new()
    {
        ["@context"] = new JsonArray("https://www.w3.org/ns/credentials/v2"),
        ["id"] = "urn:uuid:0b6e5f4a-0f43-4a6e-9a57-3a4f2f1f6c11",
        ["type"] = new JsonArray("VerifiableCredential"),
        ["validFrom"] = "2026-01-01T00:00:00Z",
        ["credentialSubject"] = new JsonObject { ["id"] = "did:example:customer" },
    };

    private static CredentialVerifier Verifier() => new(new CompositeDidResolver(new DidKeyResolver()));

    private static Task<JsonObject> SignAsync(PrivateKey key, string suite, JsonObject credential)
    {
        var signer = new KeySigner(key);
        var options = new DataIntegrityProofOptions { VerificationMethod = DidKey.GetVerificationMethodId(key.PublicKey), Created = DateTimeOffset.UtcNow.AddMinutes(-1) };
        return suite == EddsaRdfc2022.Cryptosuite
            ? EddsaRdfc2022.AddProofAsync(credential, signer, options)
            : EcdsaCryptosuites.AddProofAsync(credential, signer, options, suite);
    }

    [TestCaseSource(nameof(Cases))]
    public async Task OurCredential_VerifiedByDigitalBazaar(KeyType keyType, string suite)
    {
        using var key = PrivateKey.Generate(keyType);
        var credential = Credential();
        credential["issuer"] = DidKey.Create(key.PublicKey);
        var secured = await SignAsync(key, suite, credential);

        var reply = await NodeScript.RunAsync(Script, new JsonObject { ["action"] = "verify", ["cryptosuite"] = suite, ["credential"] = secured });

        Assert.That(reply["verified"]!.GetValue<bool>(), Is.True, reply["error"]?.ToString());
    }

    [TestCaseSource(nameof(Cases))]
    public async Task OurTamperedCredential_RejectedByDigitalBazaar(KeyType keyType, string suite)
    {
        using var key = PrivateKey.Generate(keyType);
        var credential = Credential();
        credential["issuer"] = DidKey.Create(key.PublicKey);
        var secured = await SignAsync(key, suite, credential);
        secured["credentialSubject"]!["id"] = "did:example:someone-else";

        var reply = await NodeScript.RunAsync(Script, new JsonObject { ["action"] = "verify", ["cryptosuite"] = suite, ["credential"] = secured });

        Assert.That(reply["verified"]!.GetValue<bool>(), Is.False);
    }

    [TestCaseSource(nameof(Cases))]
    public async Task DigitalBazaarCredential_VerifiedByUs(KeyType keyType, string suite)
    {
        using var key = PrivateKey.Generate(keyType, PrivateKeyExportPolicy.AllowPlaintextExport);

        var reply = await NodeScript.RunAsync(Script, new JsonObject
        {
            ["action"] = "issue",
            ["cryptosuite"] = suite,
            ["credential"] = Credential(),
            ["publicKeyMultibase"] = Multikey.Encode(key.PublicKey),
            ["secretKeyMultibase"] = Multikey.EncodePrivate(key),
        });
        var credential = reply["credential"]!.AsObject();
        var result = await Verifier().VerifyAsync(credential.ToJsonString());

        Assert.That(credential["proof"]!["cryptosuite"]!.GetValue<string>(), Is.EqualTo(suite));
        Assert.That(result.Problems, Is.Empty);
        Assert.That(result.Issuer, Is.EqualTo(DidKey.Create(key.PublicKey)));

        credential["credentialSubject"]!["id"] = "did:example:someone-else";
        Assert.That((await Verifier().VerifyAsync(credential.ToJsonString())).Problems, Is.Not.Empty, "tampered");
    }
}
