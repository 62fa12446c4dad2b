using System.Text.Json.Nodes;
using DidSdk.Core.Jose;
using DidSdk.Core.Methods;
using DidSdk.Credentials;
using DidSdk.Crypto;
using DidSdk.SdJwt;
using DidSdk.Testing;

namespace DidSdk.Interop.Tests.SdJwt;

/// <summary>SD-JWT VC both ways with @sd-jwt/sd-jwt-vc 0.19: nested and array disclosures, decoys, key binding.</summary>
[Category("Interop")]
public sealed class SdJwtVcInteropTests
{
    private const string Script = "sdjwt-vc-interop.mjs";
    private const string Issuer = "https://bank-a.example";
    private const string Vct = "https://kyc.consortium.example/credentials/kyc/v1";

    private static JsonObject Claims() => new()
    {
        ["given_name"] = "Ji-woo",
        ["birthdate"] = "1990-04-12",
        ["nationality"] = "KR",
        ["address"] = new JsonObject { ["street_address"] = "12 Sejong-daero", ["locality"] = "Seoul", ["country"] = "KR" },
        ["nationalities"] = new JsonArray("KR", "US"),
        ["kyc_level"] = "enhanced",
        ["age_over_18"] = true,
    };

    private static JsonNode JwkJson(PrivateKey key) => JsonNode.Parse(Jwk.FromPrivateKey(key).ToJson())!;

    private static JsonNode PublicJwkJson(PublicKeyMaterial key) => JsonNode.Parse(Jwk.FromPublicKey(key).ToJson())!;

    [TestCase(KeyType.Ed25519)]
    [TestCase(KeyType.P256)]
    [TestCase(KeyType.Secp256k1)]
    public async Task OursIssuedAndPresented_VerifiedByPeer_SameDisclosedClaims(KeyType issuerType)
    {
        using var issuerKey = PrivateKey.Generate(issuerType);
        using var holderKey = PrivateKey.Generate(KeyType.P256);
        var credential = await new SdJwtVcIssuer(new KeySigner(issuerKey), new SdJwtIssuerOptions { MinDecoyDigests = 1, MaxDecoyDigests = 3 })
            .IssueAsync(new SdJwtVcIssuanceRequest
            {
                Issuer = Issuer,
                Vct = Vct,
                Claims = Claims(),
                Disclosable = ["/given_name", "/birthdate", "/nationality", "/address", "/address/street_address", "/address/locality", "/nationalities/0", "/nationalities/1", "/kyc_level", "/age_over_18"],
                HolderPublicKey = holderKey.PublicKey,
                ExpiresAt = DateTimeOffset.UtcNow.AddDays(30),
            });
        var presented = await SdJwtHolder.PresentAsync(credential, ["/age_over_18", "/nationality", "/address/locality", "/nationalities/1"], new KeyBindingRequest
        {
            HolderSigner = new KeySigner(holderKey),
            Audience = "https://bank-b.example",
            Nonce = "n-7",
            IssuedAt = DateTimeOffset.UtcNow,
        });

        var reply = await NodeScript.RunAsync(Script, new JsonObject
        {
            ["action"] = "verify",
            ["token"] = presented.ToCompact(),
            ["issuerPublicJwk"] = PublicJwkJson(issuerKey.PublicKey),
            ["alg"] = SigningAlgorithm.ForKeyType(issuerType)!.JoseAlgorithm,
            ["requireKeyBinding"] = true,
            ["nonce"] = "n-7",
        });

        Assert.That(reply["verified"]!.GetValue<bool>(), Is.True, reply["error"]?.ToString());
        var claims = reply["claims"]!.AsObject();
        Assert.That(claims["age_over_18"]!.GetValue<bool>(), Is.True);
        Assert.That(claims["nationality"]!.GetValue<string>(), Is.EqualTo("KR"));
        Assert.That(claims["address"]!.ToJsonString(), Is.EqualTo("{\"country\":\"KR\",\"locality\":\"Seoul\"}"));
        Assert.That(claims["nationalities"]!.ToJsonString(), Is.EqualTo("[\"US\"]"));
        Assert.That(claims.ContainsKey("given_name") || claims.ContainsKey("birthdate") || claims.ContainsKey("kyc_level"), Is.False);
        Assert.That(reply["kb"]!["aud"]!.GetValue<string>(), Is.EqualTo("https://bank-b.example"));
    }

    [Test]
    public async Task OursTamperedAfterKeyBinding_RejectedByPeer()
    {
        using var issuerKey = PrivateKey.Generate(KeyType.Ed25519);
        using var holderKey = PrivateKey.Generate(KeyType.Ed25519);
        var credential = await new SdJwtVcIssuer(new KeySigner(issuerKey)).IssueAsync(new SdJwtVcIssuanceRequest { Issuer = Issuer, Vct = Vct, Claims = Claims(), Disclosable = ["/given_name", "/age_over_18"], HolderPublicKey = holderKey.PublicKey });
        var presented = await SdJwtHolder.PresentAsync(credential, ["/age_over_18"], new KeyBindingRequest { HolderSigner = new KeySigner(holderKey), Audience = "a", Nonce = "n", IssuedAt = DateTimeOffset.UtcNow });
        var extra = credential.Disclosures.First(d => d.ClaimName == "given_name");
        var tampered = new SdJwtToken(presented.IssuerSignedJwt, [.. presented.Disclosures, extra], presented.KeyBindingJwt);

        var reply = await NodeScript.RunAsync(Script, new JsonObject
        {
            ["action"] = "verify",
            ["token"] = tampered.ToCompact(),
            ["issuerPublicJwk"] = PublicJwkJson(issuerKey.PublicKey),
            ["alg"] = "EdDSA",
            ["requireKeyBinding"] = true,
            ["nonce"] = "n",
        });

        Assert.That(reply["verified"]!.GetValue<bool>(), Is.False, "the peer also checks sd_hash");
    }

    [TestCase("EdDSA", KeyType.Ed25519)]
    [TestCase("ES256", KeyType.P256)]
    [TestCase("ES256K", KeyType.Secp256k1)]
    public async Task PeerIssuedAndPresented_VerifiedByUs_SameDisclosedClaims(string alg, KeyType issuerType)
    {
        using var issuerKey = PrivateKey.Generate(issuerType, PrivateKeyExportPolicy.AllowPlaintextExport);
        using var holderKey = PrivateKey.Generate(KeyType.Ed25519, PrivateKeyExportPolicy.AllowPlaintextExport);
        var claims = Claims();
        claims["iss"] = Issuer;
        claims["vct"] = Vct;
        claims["iat"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        claims["cnf"] = new JsonObject { ["jwk"] = PublicJwkJson(holderKey.PublicKey) };
        var frame = JsonNode.Parse("""
            {"_sd":["given_name","birthdate","nationality","address","kyc_level","age_over_18"],
             "address":{"_sd":["street_address","locality"]},
             "nationalities":{"_sd":[0,1]},
             "_sd_decoy":2}
            """)!;
        var issued = await NodeScript.RunAsync(Script, new JsonObject { ["action"] = "issue", ["issuerPrivateJwk"] = JwkJson(issuerKey), ["alg"] = alg, ["claims"] = claims, ["disclosureFrame"] = frame });
        var presentation = await NodeScript.RunAsync(Script, new JsonObject
        {
            ["action"] = "present",
            ["token"] = issued["token"]!.GetValue<string>(),
            ["presentationFrame"] = JsonNode.Parse("""{"age_over_18":true,"nationality":true,"address":{"locality":true},"nationalities":{"0":true}}"""),
            ["holderPrivateJwk"] = JwkJson(holderKey),
            ["holderAlg"] = "EdDSA",
            ["aud"] = "https://bank-b.example",
            ["nonce"] = "n-9",
            ["iat"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
        });

        // @sd-jwt's ES256K signer does not normalise S, so about half its signatures are high-S: our default refuses
        // those (malleability), and the named relaxation accepts them.
        var relaxed = new SdJwtVerifierOptions { JwsReaderOptions = new JwsReaderOptions { AllowHighSSecp256k1Signatures = true } };
        var result = await new SdJwtVcVerifier(relaxed, issuerKeys: new Dictionary<string, PublicKeyMaterial> { [Issuer] = issuerKey.PublicKey })
            .VerifyAsync(presentation["presentation"]!.GetValue<string>(), "https://bank-b.example", "n-9");

        Assert.That(result.Problems, Is.Empty);
        Assert.That(result.Claims!["age_over_18"]!.GetValue<bool>(), Is.True);
        Assert.That(result.Claims["address"]!.ToJsonString(), Is.EqualTo("{\"country\":\"KR\",\"locality\":\"Seoul\"}"), "country is always disclosed, street_address withheld");
        Assert.That(result.Claims["nationalities"]!.ToJsonString(), Is.EqualTo("[\"KR\"]"));
        Assert.That(result.Claims.ContainsKey("given_name"), Is.False);
        Assert.That(result.SdJwt!.Disclosures, Has.Count.EqualTo(5), "address + locality + nationalities/0 + the two top-level claims");
    }

    [Test]
    public async Task PeerIssuedAndPresented_VerifiedByCredentialVerifierWithFormatHandler()
    {
        using var issuerKey = PrivateKey.Generate(KeyType.Ed25519, PrivateKeyExportPolicy.AllowPlaintextExport);
        using var holderKey = PrivateKey.Generate(KeyType.Ed25519, PrivateKeyExportPolicy.AllowPlaintextExport);
        var claims = Claims();
        claims["iss"] = Issuer;
        claims["vct"] = Vct;
        claims["iat"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        claims["cnf"] = new JsonObject { ["jwk"] = PublicJwkJson(holderKey.PublicKey) };
        var issued = await NodeScript.RunAsync(Script, new JsonObject { ["action"] = "issue", ["issuerPrivateJwk"] = JwkJson(issuerKey), ["alg"] = "EdDSA", ["claims"] = claims, ["disclosureFrame"] = JsonNode.Parse("""{"_sd":["given_name","birthdate","kyc_level"]}""") });
        var presentation = await NodeScript.RunAsync(Script, new JsonObject
        {
            ["action"] = "present",
            ["token"] = issued["token"]!.GetValue<string>(),
            ["presentationFrame"] = JsonNode.Parse("""{"kyc_level":true}"""),
            ["holderPrivateJwk"] = JwkJson(holderKey),
            ["holderAlg"] = "EdDSA",
            ["aud"] = "https://bank-b.example",
            ["nonce"] = "n-10",
            ["iat"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
        });
        var verifier = new CredentialVerifier(
            new DidKeyResolver(),
            trustPolicy: new TrustedIssuersPolicy([Issuer]),
            formatHandlers: [new SdJwtVcFormatHandler("https://bank-b.example", "n-10")],
            issuerKeys: new Dictionary<string, PublicKeyMaterial> { [Issuer] = issuerKey.PublicKey });

        var result = await verifier.VerifyAsync(presentation["presentation"]!.GetValue<string>());

        Assert.That(result.Problems, Is.Empty);
        Assert.That(result.Format, Is.EqualTo("dc+sd-jwt"));
        Assert.That(result.Issuer, Is.EqualTo(Issuer));
        Assert.That(result.Claims!["kyc_level"]!.GetValue<string>(), Is.EqualTo("enhanced"));
        Assert.That(result.Claims.ContainsKey("birthdate"), Is.False);
    }
}
