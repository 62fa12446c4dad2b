using System.Text.Json.Nodes;
using DidSdk.Core.Jose;
using DidSdk.Core.Methods;
using DidSdk.Core.Resolution;
using DidSdk.Crypto;
using DidSdk.JsonLd;

namespace DidSdk.Credentials.Tests;

/// <summary>Issue 19 item 8: a VC 1.1 credential signed with Data Integrity carries the data-integrity context, so its proof terms are defined JSON-LD.</summary>
public sealed class Vc11DataIntegrityContextTests
{
    private static JsonObject Vc11(string issuer) => new()
    {
        ["@context"] = new JsonArray("https://www.w3.org/2018/credentials/v1"),
        ["type"] = new JsonArray("VerifiableCredential"),
        ["issuer"] = issuer,
        ["issuanceDate"] = "2024-01-01T00:00:00Z",
        ["credentialSubject"] = new JsonObject { ["id"] = "did:example:customer" },
    };

    [TestCase("eddsa-jcs-2022")]
    [TestCase("eddsa-rdfc-2022")]
    public async Task AddProofAsync_Vc11_ExpandsWithoutUndefinedTermsAndVerifies(string cryptosuite)
    {
        using var key = PrivateKey.Generate(KeyType.Ed25519);
        var signer = new KeySigner(key, DidKey.GetVerificationMethodId(key.PublicKey));
        var options = new DataIntegrityProofOptions { VerificationMethod = signer.KeyId!, Created = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero) };
        var credential = Vc11(DidKey.Create(key.PublicKey));

        var signed = cryptosuite == DataIntegrity.Cryptosuite
            ? await DataIntegrity.AddProofAsync(credential, signer, options)
            : await EddsaRdfc2022.AddProofAsync(credential, signer, options);

        Assert.That(signed["@context"]!.AsArray().Select(c => c!.GetValue<string>()), Does.Contain(EddsaRdfc2022.DataIntegrityContext));
        Assert.That(signed["proof"]!["cryptosuite"]!.GetValue<string>(), Is.EqualTo(cryptosuite));
        var expanded = await JsonLdProcessor.ExpandAsync(signed, BundledContextLoader.Instance);
        Assert.That(expanded.Succeeded, Is.True, expanded.Problem?.ToString());
        Assert.That(expanded.Expanded!.ToJsonString(), Does.Contain("https://w3id.org/security#proofValue"));
        var verified = await new CredentialVerifier(new CompositeDidResolver(new DidKeyResolver())).VerifyAsync(signed.ToJsonString());
        Assert.That(verified.Problems, Is.Empty);
    }
}
