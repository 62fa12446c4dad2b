using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using DidSdk.Core.Jose;
using DidSdk.Crypto;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace DidSdk.IdentityModel.Tests;

[Category("Integration")]
public sealed class JwtBearerTests
{
    private WebApplicationFactory<Program> _factory = null!;
    private HttpClient _client = null!;

    [OneTimeSetUp]
    public void Start()
    {
        _factory = new WebApplicationFactory<Program>();
        _client = _factory.CreateClient();
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        _client.Dispose();
        await _factory.DisposeAsync();
    }

    [TestCase(KeyType.Ed25519)]
    [TestCase(KeyType.Secp256k1)]
    public async Task Get_DidSignedBearerToken_Authenticated(KeyType keyType)
    {
        var caller = TestDid.NewDidKey(keyType);
        using var _ = caller.Key;
        var token = await Jws.SignCompactAsync(null, TestDid.Claims(caller.Did, Program.Audience), new KeySigner(caller.Key, caller.KeyId));

        using var response = await SendAsync(token);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.That(body.RootElement.GetProperty("did").GetString(), Is.EqualTo(caller.Did));
        Assert.That(body.RootElement.GetProperty("scope").GetString(), Is.EqualTo("accounts:read"));
    }

    [Test]
    public async Task Get_HandlerMadeTokenFromDidJwk_Authenticated()
    {
        var caller = TestDid.NewDidJwk(KeyType.P256);
        using var _ = caller.Key;
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = caller.Did,
            Audience = Program.Audience,
            Expires = DateTime.UtcNow.AddMinutes(5),
            SigningCredentials = new SigningCredentials(new DidSdkSecurityKey(caller.Key) { KeyId = caller.KeyId }, "ES256"),
        });

        using var response = await SendAsync(token);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Get_NoToken_Unauthorized()
    {
        using var response = await _client.GetAsync(new Uri("/whoami", UriKind.Relative));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task Get_WrongAudience_Unauthorized()
    {
        var caller = TestDid.NewDidKey(KeyType.Ed25519);
        using var _ = caller.Key;
        var token = await Jws.SignCompactAsync(null, TestDid.Claims(caller.Did, "https://other.example"), new KeySigner(caller.Key, caller.KeyId));

        using var response = await SendAsync(token);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task Get_KeyOfAnotherDid_Unauthorized()
    {
        var victim = TestDid.NewDidKey(KeyType.Ed25519);
        var attacker = TestDid.NewDidKey(KeyType.Ed25519);
        using var k1 = victim.Key;
        using var k2 = attacker.Key;
        var token = await Jws.SignCompactAsync(null, TestDid.Claims(victim.Did, Program.Audience), new KeySigner(attacker.Key, attacker.KeyId));

        using var response = await SendAsync(token);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task Get_Expired_Unauthorized()
    {
        var caller = TestDid.NewDidKey(KeyType.Ed25519);
        using var _ = caller.Key;
        var claims = TestDid.Claims(caller.Did, Program.Audience);
        var past = DateTimeOffset.UtcNow.AddHours(-1).ToUnixTimeSeconds();
        claims["iat"] = past - 600;
        claims["exp"] = past;
        var token = await Jws.SignCompactAsync(new JsonObject(), claims, new KeySigner(caller.Key, caller.KeyId));

        using var response = await SendAsync(token);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    private async Task<HttpResponseMessage> SendAsync(string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/whoami", UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await _client.SendAsync(request);
    }
}
