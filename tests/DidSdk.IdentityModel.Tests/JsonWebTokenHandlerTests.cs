using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using DidSdk.Core.Dids;
using DidSdk.Core.Jose;
using DidSdk.Core.Resolution;
using DidSdk.Credentials;
using DidSdk.Crypto;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace DidSdk.IdentityModel.Tests;

public sealed class JsonWebTokenHandlerTests
{
    private const string Audience = "https://verifier.bank.example";

    private static IEnumerable<TestCaseData> Dids()
    {
        yield return new TestCaseData(KeyType.Ed25519, "key", "EdDSA").SetName("Ed25519_DidKey");
        yield return new TestCaseData(KeyType.Secp256k1, "key", "ES256K").SetName("Secp256k1_DidKey");
        yield return new TestCaseData(KeyType.Secp256k1, "jwk", "ES256K").SetName("Secp256k1_DidJwk");
        yield return new TestCaseData(KeyType.Ed25519, "jwk", "EdDSA").SetName("Ed25519_DidJwk");
        yield return new TestCaseData(KeyType.P256, "jwk", "ES256").SetName("P256_DidJwk");
    }

    private static TestDid NewDid(KeyType keyType, string method) =>
        method == "key" ? TestDid.NewDidKey(keyType) : TestDid.NewDidJwk(keyType);

    private static TokenValidationParameters Parameters(DidSigningKeyResolver keys, string issuer) => new()
    {
        ValidAudience = Audience,
        ValidIssuer = issuer,
        IssuerSigningKeyResolver = keys.ResolveSigningKeys,
        ValidAlgorithms = ["EdDSA", "ES256K", "ES256"],
    };

    [TestCaseSource(nameof(Dids))]
    public async Task HandlerToken_DidKey_ValidatesInHandlerAndInJws(KeyType keyType, string method, string alg)
    {
        var signer = NewDid(keyType, method);
        using var _ = signer.Key;
        var handler = new JsonWebTokenHandler();
        var now = DateTimeOffset.UtcNow;
        var token = handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = signer.Did,
            Audience = Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = now.AddMinutes(5).UtcDateTime,
            Claims = new Dictionary<string, object> { ["scope"] = "accounts:read" },
            SigningCredentials = new SigningCredentials(new DidSdkSecurityKey(signer.Key) { KeyId = signer.KeyId }, alg),
        });

        var header = new JsonWebToken(token);
        Assert.That(header.Alg, Is.EqualTo(alg));
        Assert.That(header.Kid, Is.EqualTo(signer.KeyId));

        var result = await handler.ValidateTokenAsync(token, Parameters(new DidSigningKeyResolver(TestDid.Resolver()), signer.Did));
        Assert.That(result.IsValid, Is.True, () => result.Exception?.ToString() ?? string.Empty);
        Assert.That(result.Claims["scope"], Is.EqualTo("accounts:read"));

        var ours = Jws.VerifyCompact(token, signer.Key.PublicKey);
        Assert.That(ours.Succeeded, Is.True, () => ours.Problem?.ToString() ?? string.Empty);
        Assert.That(ours.Token!.KeyId, Is.EqualTo(signer.KeyId));
    }

    [TestCaseSource(nameof(Dids))]
    public async Task JwsToken_DidKey_ValidatesInHandler(KeyType keyType, string method, string alg)
    {
        var signer = NewDid(keyType, method);
        using var _ = signer.Key;
        var token = await Jws.SignCompactAsync(new JsonObject { ["typ"] = "JWT" }, TestDid.Claims(signer.Did, Audience), new KeySigner(signer.Key, signer.KeyId));
        Assert.That(new JsonWebToken(token).Alg, Is.EqualTo(alg));

        var result = await new JsonWebTokenHandler().ValidateTokenAsync(token, Parameters(new DidSigningKeyResolver(TestDid.Resolver()), signer.Did));

        Assert.That(result.IsValid, Is.True, () => result.Exception?.ToString() ?? string.Empty);
        Assert.That(result.SecurityToken, Is.InstanceOf<JsonWebToken>());
        Assert.That(((JsonWebToken)result.SecurityToken).Issuer, Is.EqualTo(signer.Did));
    }

    [TestCase(KeyType.Ed25519)]
    [TestCase(KeyType.Secp256k1)]
    public async Task VcJose_DidKey_ValidatesInHandler(KeyType keyType)
    {
        var issuer = TestDid.NewDidKey(keyType);
        using var _ = issuer.Key;
        var credential = Credential(issuer.Did);
        var token = await VcJwt.IssueJoseAsync(credential, new KeySigner(issuer.Key, issuer.KeyId));

        var parameters = new TokenValidationParameters
        {
            ValidTypes = ["vc+jwt"],
            ValidateAudience = false,
            ValidateIssuer = false,
            RequireExpirationTime = false,
            IssuerSigningKeyResolver = new DidSigningKeyResolver(TestDid.Resolver()).ResolveSigningKeys,
        };
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(token, parameters);

        Assert.That(result.IsValid, Is.True, () => result.Exception?.ToString() ?? string.Empty);
        Assert.That(((JsonWebToken)result.SecurityToken).Typ, Is.EqualTo("vc+jwt"));
    }

    [Test]
    public async Task VcJwt11_Secp256k1DidJwk_ValidatesInHandlerWithAsyncKeys()
    {
        var issuer = TestDid.NewDidJwk(KeyType.Secp256k1);
        using var _ = issuer.Key;
        var token = await VcJwt.IssueJwt11Async(Credential(issuer.Did, version1: true), new KeySigner(issuer.Key, issuer.KeyId));
        var keys = new DidSigningKeyResolver(TestDid.Resolver());

        var parameters = await keys.WithSigningKeysAsync(token, new TokenValidationParameters
        {
            ValidIssuer = issuer.Did,
            ValidateAudience = false,
            RequireExpirationTime = false,
        });
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(token, parameters);

        Assert.That(parameters.IssuerSigningKeys.Single().KeyId, Is.EqualTo(issuer.KeyId));
        Assert.That(result.IsValid, Is.True, () => result.Exception?.ToString() ?? string.Empty);
        Assert.That(result.Claims.ContainsKey("vc"), Is.True);
    }

    [Test]
    public async Task Validate_KidOfAnotherDid_Refused()
    {
        var claimed = TestDid.NewDidKey(KeyType.Ed25519);
        var attacker = TestDid.NewDidKey(KeyType.Ed25519);
        using var k1 = claimed.Key;
        using var k2 = attacker.Key;

        // The attacker signs with its own (valid) key but claims to be the other DID.
        var token = await Jws.SignCompactAsync(null, TestDid.Claims(claimed.Did, Audience), new KeySigner(attacker.Key, attacker.KeyId));
        var keys = new DidSigningKeyResolver(TestDid.Resolver());

        var result = await new JsonWebTokenHandler().ValidateTokenAsync(token, Parameters(keys, claimed.Did));
        var resolution = await keys.ResolveForTokenAsync(token);

        Assert.That(result.IsValid, Is.False);
        Assert.That(result.Exception, Is.InstanceOf<SecurityTokenSignatureKeyNotFoundException>());
        Assert.That(resolution.Succeeded, Is.False);
        Assert.That(resolution.Problem!.Code, Is.EqualTo(DidProblemCodes.VerificationMethodForeignDid));
    }

    [Test]
    public async Task Validate_KidMissing_Refused()
    {
        var signer = TestDid.NewDidKey(KeyType.Ed25519);
        using var _ = signer.Key;
        var token = await Jws.SignCompactAsync(null, TestDid.Claims(signer.Did, Audience), new KeySigner(signer.Key));
        var keys = new DidSigningKeyResolver(TestDid.Resolver());

        var result = await new JsonWebTokenHandler().ValidateTokenAsync(token, Parameters(keys, signer.Did));

        Assert.That(result.IsValid, Is.False);
        Assert.That((await keys.ResolveForTokenAsync(token)).Problem!.Code, Is.EqualTo(DidProblemCodes.KeyIdMissing));
    }

    [Test]
    public async Task Validate_IssuerMissing_RefusedUnlessAllowed()
    {
        var signer = TestDid.NewDidKey(KeyType.Ed25519);
        using var _ = signer.Key;
        var claims = TestDid.Claims(signer.Did, Audience);
        claims.Remove("iss");
        var token = await Jws.SignCompactAsync(null, claims, new KeySigner(signer.Key, signer.KeyId));

        var strict = await new DidSigningKeyResolver(TestDid.Resolver()).ResolveForTokenAsync(token);
        var relaxed = await new DidSigningKeyResolver(TestDid.Resolver(), new DidSigningKeyResolverOptions { AllowTokensWithoutIssuer = true }).ResolveForTokenAsync(token);

        Assert.That(strict.Problem!.Code, Is.EqualTo(JoseProblemCodes.WrongIssuer));
        Assert.That(relaxed.Succeeded, Is.True);
        Assert.That(relaxed.Key!.PublicKey, Is.EqualTo(signer.Key.PublicKey));
    }

    [Test]
    public async Task Validate_KeyOnlyInAuthentication_RefusedForAssertionMethodAcceptedForAuthentication()
    {
        using var key = PrivateKey.Generate(KeyType.Ed25519);
        const string did = "did:example:bank-customer";
        var multikey = Multikey.Encode(key.PublicKey);
        var json = $$"""
            {"@context":["https://www.w3.org/ns/did/v1","https://w3id.org/security/multikey/v1"],"id":"{{did}}",
             "verificationMethod":[{"id":"{{did}}#login","type":"Multikey","controller":"{{did}}","publicKeyMultibase":"{{multikey}}"}],
             "authentication":["{{did}}#login"]}
            """;
        Assert.That(DidDocument.TryParse(json, out var document, out var problem), Is.True, () => problem?.ToString() ?? string.Empty);
        var resolver = new StaticDidResolver(TestDid.Resolver(), document!);
        var token = await Jws.SignCompactAsync(null, TestDid.Claims(did, Audience), new KeySigner(key, did + "#login"));

        var assertion = new DidSigningKeyResolver(resolver);
        var authentication = new DidSigningKeyResolver(resolver, new DidSigningKeyResolverOptions { Relationship = VerificationRelationship.Authentication });
        var refused = await new JsonWebTokenHandler().ValidateTokenAsync(token, Parameters(assertion, did));
        var accepted = await new JsonWebTokenHandler().ValidateTokenAsync(token, Parameters(authentication, did));

        Assert.That(refused.IsValid, Is.False);
        Assert.That((await assertion.ResolveForTokenAsync(token)).Problem!.Code, Is.EqualTo(DidProblemCodes.VerificationMethodNotAuthorized));
        Assert.That(accepted.IsValid, Is.True, () => accepted.Exception?.ToString() ?? string.Empty);
    }

    [Test]
    public async Task Validate_HmacWithPublicKeyAsSecret_Refused()
    {
        var signer = TestDid.NewDidKey(KeyType.Ed25519);
        using var _ = signer.Key;

        // The classic confusion: HS256 keyed with the public key bytes, which anyone knows.
        var header = Base64UrlEncoder.Encode($$"""{"alg":"HS256","kid":"{{signer.KeyId}}"}""");
        var payload = Base64UrlEncoder.Encode(TestDid.Claims(signer.Did, Audience).ToJsonString());
        var mac = HMACSHA256.HashData(signer.Key.PublicKey.Export(), Encoding.ASCII.GetBytes(header + "." + payload));
        var token = header + "." + payload + "." + Base64UrlEncoder.Encode(mac);

        var parameters = Parameters(new DidSigningKeyResolver(TestDid.Resolver()), signer.Did);
        parameters.ValidAlgorithms = null;
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(token, parameters);

        Assert.That(result.IsValid, Is.False);
        Assert.That(new DidSdkSecurityKey(signer.Key.PublicKey).IsSupportedAlgorithm("HS256"), Is.False);
    }

    [Test]
    public async Task Validate_AlgOfOtherKeyType_Refused()
    {
        var signer = TestDid.NewDidKey(KeyType.Ed25519);
        using var _ = signer.Key;
        using var other = PrivateKey.Generate(KeyType.Secp256k1);

        // Signed ES256K by some key, but the kid names the DID's Ed25519 method.
        var token = await Jws.SignCompactAsync(new JsonObject { ["kid"] = signer.KeyId }, TestDid.Claims(signer.Did, Audience), new KeySigner(other));
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(token, Parameters(new DidSigningKeyResolver(TestDid.Resolver()), signer.Did));

        Assert.That(result.IsValid, Is.False);
        Assert.That(DidSdkCryptoProviderFactory.Default.IsSupportedAlgorithm("ES256K", new DidSdkSecurityKey(signer.Key.PublicKey)), Is.False);
        Assert.Throws<NotSupportedException>(() => DidSdkCryptoProviderFactory.Default.CreateForVerifying(new DidSdkSecurityKey(signer.Key.PublicKey), "ES256K"));
    }

    [Test]
    public async Task Validate_AlgNone_Refused()
    {
        var signer = TestDid.NewDidKey(KeyType.Ed25519);
        using var _ = signer.Key;
        var header = Base64UrlEncoder.Encode($$"""{"alg":"none","kid":"{{signer.KeyId}}"}""");
        var payload = Base64UrlEncoder.Encode(TestDid.Claims(signer.Did, Audience).ToJsonString());
        var parameters = Parameters(new DidSigningKeyResolver(TestDid.Resolver()), signer.Did);
        parameters.ValidAlgorithms = null;

        var result = await new JsonWebTokenHandler().ValidateTokenAsync(header + "." + payload + ".", parameters);

        Assert.That(result.IsValid, Is.False);
    }

    [Test]
    public async Task Validate_TamperedPayload_Refused()
    {
        var signer = TestDid.NewDidKey(KeyType.Secp256k1);
        using var _ = signer.Key;
        var token = await Jws.SignCompactAsync(null, TestDid.Claims(signer.Did, Audience), new KeySigner(signer.Key, signer.KeyId));
        var parts = token.Split('.');
        var claims = TestDid.Claims(signer.Did, Audience);
        claims["scope"] = "accounts:write";
        var tampered = parts[0] + "." + Base64UrlEncoder.Encode(claims.ToJsonString()) + "." + parts[2];

        var result = await new JsonWebTokenHandler().ValidateTokenAsync(tampered, Parameters(new DidSigningKeyResolver(TestDid.Resolver()), signer.Did));

        Assert.That(result.IsValid, Is.False);
        Assert.That(result.Exception, Is.InstanceOf<SecurityTokenInvalidSignatureException>());
    }

    [Test]
    public void CreateForSigning_PublicKeyOnly_Throws()
    {
        using var key = PrivateKey.Generate(KeyType.Ed25519);
        var publicOnly = new DidSdkSecurityKey(key.PublicKey);

        Assert.That(publicOnly.PrivateKeyStatus, Is.EqualTo(PrivateKeyStatus.DoesNotExist));
        Assert.Throws<InvalidOperationException>(() => DidSdkCryptoProviderFactory.Default.CreateForSigning(publicOnly, "EdDSA"));
    }

    [Test]
    public async Task ExternalSigner_HandlerToken_VerifiesInJws()
    {
        using var key = PrivateKey.Generate(KeyType.Secp256k1);
        var kid = Core.Methods.DidKey.GetVerificationMethodId(key.PublicKey);
        var securityKey = new DidSdkSecurityKey(new KeySigner(key, kid), key.PublicKey) { KeyId = kid };
        var token = new JsonWebTokenHandler().CreateToken("""{"sub":"x"}""", new SigningCredentials(securityKey, "ES256K"));

        Assert.That(Jws.VerifyCompact(token, key.PublicKey).Succeeded, Is.True);
    }

    [Test]
    public void JwkThumbprint_EqualsDidSdkThumbprint()
    {
        using var key = PrivateKey.Generate(KeyType.Ed25519);
        var expected = Jwk.FromPublicKey(key.PublicKey).ComputeThumbprint();

        Assert.That(Base64UrlEncoder.Encode(new DidSdkSecurityKey(key.PublicKey).ComputeJwkThumbprint()), Is.EqualTo(expected));
    }

    [Test]
    public async Task ResolveSigningKeys_CachingResolver_ResolvesOnce()
    {
        var signer = TestDid.NewDidKey(KeyType.Ed25519);
        using var _ = signer.Key;
        var caching = new CachingDidResolver(new CompositeDidResolver(new Core.Methods.DidKeyResolver()));
        var keys = new DidSigningKeyResolver(caching);
        var handler = new JsonWebTokenHandler();
        for (var i = 0; i < 3; i++)
        {
            var token = await Jws.SignCompactAsync(null, TestDid.Claims(signer.Did, Audience), new KeySigner(signer.Key, signer.KeyId));
            Assert.That((await handler.ValidateTokenAsync(token, Parameters(keys, signer.Did))).IsValid, Is.True);
        }

        Assert.That(caching.UnderlyingCalls, Is.EqualTo(1));
    }

    private static JsonObject Credential(string issuer, bool version1 = false) => new()
    {
        ["@context"] = new JsonArray(version1 ? "https://www.w3.org/2018/credentials/v1" : "https://www.w3.org/ns/credentials/v2"),
        ["type"] = new JsonArray("VerifiableCredential"),
        ["issuer"] = issuer,
        [version1 ? "issuanceDate" : "validFrom"] = "2026-01-01T00:00:00Z",
        ["credentialSubject"] = new JsonObject { ["id"] = "did:example:holder", ["accountHolder"] = true },
    };
}
