using System.Text.Json.Nodes;
using DidSdk.Core.Jose;
using DidSdk.Core.Methods;
using DidSdk.Credentials;
using DidSdk.Crypto;

namespace DidSdk.SdJwt.Tests;

/// <summary>One CredentialVerifier for VC-JOSE and SD-JWT VC through the format-handler extension point.</summary>
public sealed class SdJwtVcFormatHandlerTests
{
    [Test]
    public async Task CredentialVerifier_WithHandler_VerifiesSdJwtVcAndVcJose()
    {
        using var issuerKey = PrivateKey.Generate(KeyType.Ed25519);
        using var holderKey = PrivateKey.Generate(KeyType.Ed25519);
        var did = DidKey.Create(issuerKey.PublicKey);
        var signer = new KeySigner(issuerKey, DidKey.GetVerificationMethodId(issuerKey.PublicKey));
        var sdJwt = await new SdJwtVcIssuer(signer).IssueAsync(new SdJwtVcIssuanceRequest
        {
            Issuer = did,
            Vct = "https://kyc.consortium.example/credentials/kyc/v1",
            Claims = new JsonObject { ["age_over_18"] = true, ["given_name"] = "Ji-woo" },
            Disclosable = ["/age_over_18", "/given_name"],
            HolderPublicKey = holderKey.PublicKey,
        });
        var presentation = await SdJwtHolder.PresentAsync(sdJwt, ["/age_over_18"], new KeyBindingRequest { HolderSigner = new KeySigner(holderKey), Audience = "bank-b", Nonce = "n", IssuedAt = DateTimeOffset.UtcNow });
        var jose = await VcJwt.IssueJoseAsync(new JsonObject
        {
            ["@context"] = new JsonArray("https://www.w3.org/ns/credentials/v2"),
            ["type"] = new JsonArray("VerifiableCredential"),
            ["issuer"] = did,
            ["credentialSubject"] = new JsonObject { ["id"] = "did:example:customer", ["kyc_level"] = "enhanced" },
        }, signer);
        var verifier = new CredentialVerifier(new DidKeyResolver(), trustPolicy: new TrustedIssuersPolicy([did]), formatHandlers: [new SdJwtVcFormatHandler("bank-b", "n")]);

        var sdResult = await verifier.VerifyAsync(presentation.ToCompact());
        var joseResult = await verifier.VerifyAsync(jose);

        Assert.That(sdResult.Problems, Is.Empty);
        Assert.That(sdResult.Format, Is.EqualTo("dc+sd-jwt"));
        Assert.That(sdResult.Credential!.Credential["age_over_18"]!.GetValue<bool>(), Is.True);
        Assert.That(sdResult.Credential.Credential.ContainsKey("given_name"), Is.False);
        Assert.That(joseResult.Problems, Is.Empty);
        Assert.That(joseResult.Format, Is.EqualTo("vc+jwt"));

        var untrusted = new CredentialVerifier(new DidKeyResolver(), trustPolicy: new TrustedIssuersPolicy(["did:example:other"]), formatHandlers: [new SdJwtVcFormatHandler("bank-b", "n")]);
        Assert.That((await untrusted.VerifyAsync(presentation.ToCompact())).Problems.Select(p => p.Code), Does.Contain(CredentialProblemCodes.UntrustedIssuer));
    }
}
