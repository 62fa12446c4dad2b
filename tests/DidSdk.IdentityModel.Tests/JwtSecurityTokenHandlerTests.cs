using System.IdentityModel.Tokens.Jwt;
using DidSdk.Core.Jose;
using DidSdk.Crypto;
using Microsoft.IdentityModel.Tokens;

namespace DidSdk.IdentityModel.Tests;

/// <summary>The older System.IdentityModel.Tokens.Jwt handler takes the same key and resolver.</summary>
public sealed class JwtSecurityTokenHandlerTests
{
    private const string Audience = "https://verifier.bank.example";

    [TestCase(KeyType.Ed25519)]
    [TestCase(KeyType.Secp256k1)]
    public async Task ValidateToken_DidSignedJwt_Valid(KeyType keyType)
    {
        var signer = TestDid.NewDidKey(keyType);
        using var _ = signer.Key;
        var token = await Jws.SignCompactAsync(null, TestDid.Claims(signer.Did, Audience), new KeySigner(signer.Key, signer.KeyId));
        var handler = new JwtSecurityTokenHandler { MapInboundClaims = false };
        var parameters = new TokenValidationParameters
        {
            ValidAudience = Audience,
            ValidIssuer = signer.Did,
            IssuerSigningKeyResolver = new DidSigningKeyResolver(TestDid.Resolver()).ResolveSigningKeys,
        };

        var principal = handler.ValidateToken(token, parameters, out var validated);

        Assert.That(principal.FindFirst("iss")?.Value, Is.EqualTo(signer.Did));
        Assert.That(((JwtSecurityToken)validated).Header.Kid, Is.EqualTo(signer.KeyId));
    }

    [Test]
    public async Task ValidateToken_KeyOfAnotherDid_Throws()
    {
        var claimed = TestDid.NewDidKey(KeyType.Ed25519);
        var attacker = TestDid.NewDidKey(KeyType.Ed25519);
        using var k1 = claimed.Key;
        using var k2 = attacker.Key;
        var token = await Jws.SignCompactAsync(null, TestDid.Claims(claimed.Did, Audience), new KeySigner(attacker.Key, attacker.KeyId));
        var parameters = new TokenValidationParameters
        {
            ValidAudience = Audience,
            ValidIssuer = claimed.Did,
            IssuerSigningKeyResolver = new DidSigningKeyResolver(TestDid.Resolver()).ResolveSigningKeys,
        };

        Assert.Throws<SecurityTokenSignatureKeyNotFoundException>(() => new JwtSecurityTokenHandler().ValidateToken(token, parameters, out _));
    }
}
