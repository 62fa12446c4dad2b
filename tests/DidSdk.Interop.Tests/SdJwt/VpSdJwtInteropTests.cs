using System.Text.Json.Nodes;
using DidSdk.Core.Jose;
using DidSdk.Core.Methods;
using DidSdk.Credentials;
using DidSdk.Crypto;
using DidSdk.SdJwt;
using DidSdk.Testing;

namespace DidSdk.Interop.Tests.SdJwt;

/// <summary>W3C <c>vc+sd-jwt</c> in a <c>vp+sd-jwt</c> both ways with the generic SD-JWT of @sd-jwt/core 0.19.</summary>
[Category("Interop")]
public sealed class VpSdJwtInteropTests
{
    private const string Script = "vc-sd-jwt-interop.mjs";
    private const string Audience = "https://bank-b.example";

    private static JsonObject Credential(string issuer, string subject) => new()
    {
        ["@context"] = new JsonArray("https://www.w3.org/ns/credentials/v2"),
        ["type"] = new JsonArray("VerifiableCredential", "KycCredential"),
        ["issuer"] = issuer,
        ["credentialSubject"] = new JsonObject { ["id"] = subject, ["given_name"] = "Ji-woo", ["kyc_level"] = "enhanced", ["age_over_18"] = true },
    };

    private static JsonNode JwkJson(PrivateKey key) => JsonNode.Parse(Jwk.FromPrivateKey(key).ToJson())!;

    private static JsonNode PublicJwkJson(PublicKeyMaterial key) => JsonNode.Parse(Jwk.FromPublicKey(key).ToJson())!;

    [TestCase(KeyType.Ed25519, KeyType.P256)]
    [TestCase(KeyType.P256, KeyType.Ed25519)]
    public async Task OursIssuedAndPresented_VerifiedByPeer_OnlyChosenClaims(KeyType issuerType, KeyType holderType)
    {
        using var issuerKey = PrivateKey.Generate(issuerType);
        using var holderKey = PrivateKey.Generate(holderType);
        var holderDid = DidKey.Create(holderKey.PublicKey);
        var credential = await VcSdJwt.IssueAsync(
            Credential(DidKey.Create(issuerKey.PublicKey), holderDid),
            new KeySigner(issuerKey, DidKey.GetVerificationMethodId(issuerKey.PublicKey)),
            ["/credentialSubject/given_name", "/credentialSubject/kyc_level", "/credentialSubject/age_over_18"],
            holderKey.PublicKey);
        var vp = await VpSdJwt.PresentAsync(new VpSdJwtPresentationRequest
        {
            Holder = holderDid,
            HolderSigner = new KeySigner(holderKey, DidKey.GetVerificationMethodId(holderKey.PublicKey)),
            Audience = Audience,
            Nonce = "n-7",
            IssuedAt = DateTimeOffset.UtcNow,
            Credentials = [new VpSdJwtCredential { Credential = credential, Disclose = ["/credentialSubject/age_over_18"] }],
        });

        var reply = await NodeScript.RunAsync(Script, new JsonObject
        {
            ["action"] = "verify-vp",
            ["presentation"] = vp,
            ["holderPublicJwk"] = PublicJwkJson(holderKey.PublicKey),
            ["issuerPublicJwk"] = PublicJwkJson(issuerKey.PublicKey),
            ["nonce"] = "n-7",
        });

        Assert.That(reply["verified"]!.GetValue<bool>(), Is.True, reply["error"]?.ToString());
        Assert.That(reply["header"]!["typ"]!.GetValue<string>(), Is.EqualTo("vp+sd-jwt"));
        Assert.That(reply["payload"]!["holder"]!.GetValue<string>(), Is.EqualTo(holderDid));
        Assert.That(reply["payload"]!["aud"]!.GetValue<string>(), Is.EqualTo(Audience));
        var inner = reply["credentials"]!.AsArray().Single()!;
        Assert.That(inner["header"]!["typ"]!.GetValue<string>(), Is.EqualTo("vc+sd-jwt"));
        Assert.That(inner["kb"]!["aud"]!.GetValue<string>(), Is.EqualTo(Audience));
        var subject = inner["claims"]!["credentialSubject"]!.AsObject();
        Assert.That(subject["age_over_18"]!.GetValue<bool>(), Is.True);
        Assert.That(subject.ContainsKey("given_name") || subject.ContainsKey("kyc_level"), Is.False);
    }

    [Test]
    public async Task OursTamperedPresentation_RejectedByPeer()
    {
        using var issuerKey = PrivateKey.Generate(KeyType.Ed25519);
        using var holderKey = PrivateKey.Generate(KeyType.Ed25519);
        using var otherKey = PrivateKey.Generate(KeyType.Ed25519);
        var holderDid = DidKey.Create(holderKey.PublicKey);
        var credential = await VcSdJwt.IssueAsync(Credential(DidKey.Create(issuerKey.PublicKey), holderDid), new KeySigner(issuerKey, DidKey.GetVerificationMethodId(issuerKey.PublicKey)), ["/credentialSubject/kyc_level"], holderKey.PublicKey);
        var vp = await VpSdJwt.PresentAsync(new VpSdJwtPresentationRequest
        {
            Holder = holderDid,
            HolderSigner = new KeySigner(holderKey, DidKey.GetVerificationMethodId(holderKey.PublicKey)),
            Audience = Audience,
            Nonce = "n-7",
            IssuedAt = DateTimeOffset.UtcNow,
            Credentials = [new VpSdJwtCredential { Credential = credential, Disclose = ["/credentialSubject/kyc_level"] }],
        });

        var reply = await NodeScript.RunAsync(Script, new JsonObject
        {
            ["action"] = "verify-vp",
            ["presentation"] = vp,
            ["holderPublicJwk"] = PublicJwkJson(otherKey.PublicKey),
            ["issuerPublicJwk"] = PublicJwkJson(issuerKey.PublicKey),
            ["nonce"] = "n-7",
        });

        Assert.That(reply["verified"]!.GetValue<bool>(), Is.False, "the peer checks the holder's signature too");
    }

    [TestCase("EdDSA", KeyType.Ed25519)]
    [TestCase("ES256", KeyType.P256)]
    public async Task PeerIssued_PresentedAndVerifiedByUs(string alg, KeyType issuerType)
    {
        using var issuerKey = PrivateKey.Generate(issuerType, PrivateKeyExportPolicy.AllowPlaintextExport);
        using var holderKey = PrivateKey.Generate(KeyType.Ed25519);
        var issuerDid = DidKey.Create(issuerKey.PublicKey);
        var holderDid = DidKey.Create(holderKey.PublicKey);
        var credential = Credential(issuerDid, holderDid);
        credential["cnf"] = new JsonObject { ["jwk"] = PublicJwkJson(holderKey.PublicKey) };
        var issued = await NodeScript.RunAsync(Script, new JsonObject
        {
            ["action"] = "issue",
            ["issuerPrivateJwk"] = JwkJson(issuerKey),
            ["alg"] = alg,
            ["kid"] = DidKey.GetVerificationMethodId(issuerKey.PublicKey),
            ["credential"] = credential,
            ["disclosureFrame"] = new JsonObject { ["credentialSubject"] = new JsonObject { ["_sd"] = new JsonArray("given_name", "kyc_level", "age_over_18") } },
        });
        Assert.That(SdJwtToken.TryParse(issued["token"]!.GetValue<string>(), null, out var token, out var problem), Is.True, problem?.Message);
        Assert.That(VcSdJwt.IsVcSdJwt(token!.ToCompact()), Is.True);
        var vp = await VpSdJwt.PresentAsync(new VpSdJwtPresentationRequest
        {
            Holder = holderDid,
            HolderSigner = new KeySigner(holderKey, DidKey.GetVerificationMethodId(holderKey.PublicKey)),
            Audience = Audience,
            Nonce = "n-8",
            IssuedAt = DateTimeOffset.UtcNow,
            Credentials = [new VpSdJwtCredential { Credential = token, Disclose = ["/credentialSubject/kyc_level"] }],
        });

        var result = await new VpSdJwtVerifier(new CredentialVerifier(new DidKeyResolver())).VerifyAsync(vp, Audience, "n-8");

        Assert.That(result.Problems, Is.Empty);
        var subject = result.Credentials.Single().Claims!["credentialSubject"]!.AsObject();
        Assert.That(subject["kyc_level"]!.GetValue<string>(), Is.EqualTo("enhanced"));
        Assert.That(subject.ContainsKey("given_name"), Is.False);
    }
}
