using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using DidSdk.Core.Jose;

namespace DidSdk.OpenId4Vc.Tests;

// Response mode direct_post.jwt (OpenID4VP 1.0 §8.3): the verifier's per-request key, the encrypted response, refusals.
public sealed class OpenId4VpEncryptedResponseTests
{
    private OpenId4VpTestSetup _setup = null!;
    private OpenId4VpVerifier _verifier = null!;

    [SetUp]
    public async Task SetUpAsync()
    {
        _setup = await OpenId4VpTestSetup.CreateAsync("didsdk-oid4vp-jwe-");
        await _setup.IssueToWalletAsync();
        var options = _setup.Options();
        options.ResponseMode = OpenId4VpAuthorizationRequest.DirectPostJwt;
        _verifier = _setup.CreateVerifier(options);
    }

    [TearDown]
    public async Task TearDownAsync() => await _setup.DisposeAsync();

    [Test]
    public async Task CreateRequest_DirectPostJwt_PublicEncryptionKeyInClientMetadata()
    {
        var request = await _verifier.CreateRequestAsync(OpenId4VpTestSetup.KycQuery());

        var metadata = request.Request.ClientMetadata!;
        var keys = metadata["jwks"]!["keys"]!.AsArray();
        Assert.That(request.Request.ResponseMode, Is.EqualTo("direct_post.jwt"));
        Assert.That(keys, Has.Count.EqualTo(1));
        var jwk = keys[0]!.AsObject();
        Assert.That(jwk["use"]!.GetValue<string>(), Is.EqualTo("enc"));
        Assert.That(jwk["kid"]!.GetValue<string>(), Is.Not.Empty);
        Assert.That(jwk.ContainsKey("d"), Is.False);
        Assert.That(metadata["encrypted_response_enc_values_supported"]!.AsArray().Select(n => n!.GetValue<string>()), Is.EqualTo(new[] { "A128GCM", "A256GCM" }));

        // The signed Request Object carries the same parameters.
        var claims = JsonNode.Parse(Jws.ReadCompact(request.RequestObject!).Token!.Payload.Span)!;
        Assert.That(claims["response_mode"]!.GetValue<string>(), Is.EqualTo("direct_post.jwt"));
        Assert.That(claims["client_metadata"]!["jwks"]!["keys"]![0]!["x"]!.GetValue<string>(), Is.EqualTo(jwk["x"]!.GetValue<string>()));

        // Two requests, two keys.
        var other = await _verifier.CreateRequestAsync(OpenId4VpTestSetup.KycQuery());
        Assert.That(other.Request.ClientMetadata!["jwks"]!["keys"]![0]!["x"]!.GetValue<string>(), Is.Not.EqualTo(jwk["x"]!.GetValue<string>()));
    }

    [TestCase(JweEcdhEs.A128Gcm)]
    [TestCase(JweEcdhEs.A256Gcm)]
    public async Task HandleResponse_EncryptedToRequestKey_Verified(string enc)
    {
        var request = await _verifier.CreateRequestAsync(OpenId4VpTestSetup.KycQuery());
        var vpToken = await _setup.PresentAsync(request.Request.DcqlQuery, request.Request.ClientId, request.Request.Nonce);

        var response = await _verifier.HandleResponseAsync(Encrypted(vpToken, request.Request.State!, RequestKey(request, out var kid), kid, enc));

        Assert.That(response.StatusCode, Is.EqualTo(200), response.Body);
        var result = await _verifier.GetResultAsync(request.Id);
        Assert.That(result!.Status, Is.EqualTo(OpenId4VpSessionResult.Verified));
        Assert.That(result.Claims!["kyc"]![0]!["claims"]!["given_name"]!.GetValue<string>(), Is.EqualTo("Ji-woo"));
    }

    [Test]
    public async Task HandleResponse_EncryptedToAnotherKey_RefusedAndSessionStillOpen()
    {
        var request = await _verifier.CreateRequestAsync(OpenId4VpTestSetup.KycQuery());
        var vpToken = await _setup.PresentAsync(request.Request.DcqlQuery, request.Request.ClientId, request.Request.Nonce);
        RequestKey(request, out var kid);
        using var attacker = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);

        var response = await _verifier.HandleResponseAsync(Encrypted(vpToken, request.Request.State!, attacker.ExportParameters(false), kid, JweEcdhEs.A128Gcm));

        Assert.That(response.StatusCode, Is.EqualTo(400));
        Assert.That(response.Body, Does.Contain(OpenId4VpProblemCodes.EncryptedResponseInvalid));
        Assert.That((await _verifier.GetResultAsync(request.Id))!.Status, Is.EqualTo(OpenId4VpSessionResult.Pending));

        // The forged post did not spend the request: the wallet's real answer is still accepted.
        var real = await _verifier.HandleResponseAsync(Encrypted(vpToken, request.Request.State!, RequestKey(request, out _), kid, JweEcdhEs.A128Gcm));
        Assert.That(real.StatusCode, Is.EqualTo(200), real.Body);
    }

    [Test]
    public async Task HandleResponse_PlainResponseWhenEncryptionRequested_Refused()
    {
        var request = await _verifier.CreateRequestAsync(OpenId4VpTestSetup.KycQuery());
        var vpToken = await _setup.PresentAsync(request.Request.DcqlQuery, request.Request.ClientId, request.Request.Nonce);

        var response = await _verifier.HandleResponseAsync(new Dictionary<string, string> { ["vp_token"] = vpToken, ["state"] = request.Request.State! });

        Assert.That(response.StatusCode, Is.EqualTo(400));
        var result = await _verifier.GetResultAsync(request.Id);
        Assert.That(result!.Status, Is.EqualTo(OpenId4VpSessionResult.Rejected));
        Assert.That(result.Problems.Select(p => p.Code), Is.EqualTo(new[] { OpenId4VpProblemCodes.ResponseNotEncrypted }));
        Assert.That(result.Claims, Is.Null);
    }

    [TestCase(0, TestName = "HandleResponse_TamperedJweHeader_Refused")]
    [TestCase(3, TestName = "HandleResponse_TamperedJweCiphertext_Refused")]
    [TestCase(4, TestName = "HandleResponse_TamperedJweTag_Refused")]
    public async Task HandleResponse_TamperedJwe_Refused(int part)
    {
        var request = await _verifier.CreateRequestAsync(OpenId4VpTestSetup.KycQuery());
        var vpToken = await _setup.PresentAsync(request.Request.DcqlQuery, request.Request.ClientId, request.Request.Nonce);
        var form = Encrypted(vpToken, request.Request.State!, RequestKey(request, out var kid), kid, JweEcdhEs.A128Gcm);
        var parts = form["response"].Split('.');
        if (part == 0)
        {
            var header = JsonNode.Parse(Base64Url.DecodeFromChars(parts[0]))!.AsObject();
            header["apu"] = "QWxpY2U";
            parts[0] = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(header.ToJsonString()));
        }
        else
        {
            var bytes = Base64Url.DecodeFromChars(parts[part]);
            bytes[^1] ^= 0x80;
            parts[part] = Base64Url.EncodeToString(bytes);
        }

        var response = await _verifier.HandleResponseAsync(new Dictionary<string, string> { ["response"] = string.Join('.', parts) });

        Assert.That(response.StatusCode, Is.EqualTo(400));
        Assert.That(response.Body, Does.Contain(OpenId4VpProblemCodes.EncryptedResponseInvalid));
        Assert.That((await _verifier.GetResultAsync(request.Id))!.Status, Is.EqualTo(OpenId4VpSessionResult.Pending));
    }

    [Test]
    public async Task HandleResponse_EncryptedWhenPlainRequested_Refused()
    {
        var plain = _setup.CreateVerifier();
        var request = await plain.CreateRequestAsync(OpenId4VpTestSetup.KycQuery());
        var vpToken = await _setup.PresentAsync(request.Request.DcqlQuery, request.Request.ClientId, request.Request.Nonce);
        using var key = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);

        var response = await plain.HandleResponseAsync(Encrypted(vpToken, request.Request.State!, key.ExportParameters(false), request.Id, JweEcdhEs.A128Gcm));

        Assert.That(response.StatusCode, Is.EqualTo(400));
        Assert.That(response.Body, Does.Contain(OpenId4VpProblemCodes.EncryptedResponseInvalid));
        Assert.That(request.Request.ClientMetadata!.ContainsKey("jwks"), Is.False);
    }

    [Test]
    public async Task HandleResponse_NotAJwe_RefusedWithoutException()
    {
        var response = await _verifier.HandleResponseAsync(new Dictionary<string, string> { ["response"] = "a.b.c" });

        Assert.That(response.StatusCode, Is.EqualTo(400));
        Assert.That(response.Body, Does.Contain(OpenId4VpProblemCodes.EncryptedResponseInvalid));
    }

    [Test]
    [Category("Integration")]
    public async Task Respond_DirectPostJwt_WalletEncryptsAndVerifierVerifiesOverHttp()
    {
        await using var server = await OpenId4VpLoopbackVerifier.StartAsync(_setup, configure: o => o.ResponseMode = OpenId4VpAuthorizationRequest.DirectPostJwt);
        var request = await server.Verifier.CreateRequestAsync(OpenId4VpTestSetup.KycQuery());
        var client = new OpenId4VpWalletClient(server.Http, OpenId4VpTestSetup.Resolver, new OpenId4VpWalletClientOptions { AllowLoopbackHttp = true });
        var (resolved, problem) = await client.ResolveRequestAsync(request.WalletUri);
        Assert.That(problem, Is.Null);
        Assert.That(resolved!.Request.ResponseMode, Is.EqualTo("direct_post.jwt"));

        var response = await client.RespondAsync(resolved, _setup.Wallet, (_, _) => ValueTask.FromResult(true));

        Assert.That(response.Succeeded, Is.True, string.Join("; ", response.Problems));
        var result = await server.Verifier.GetResultAsync(request.Id);
        Assert.That(result!.Status, Is.EqualTo(OpenId4VpSessionResult.Verified));
    }

    [Test]
    public void ParseRequest_DirectPostJwtWithoutKey_Refused()
    {
        var json = new JsonObject
        {
            ["response_type"] = "vp_token",
            ["client_id"] = "redirect_uri:https://verifier.example/cb",
            ["response_mode"] = "direct_post.jwt",
            ["response_uri"] = "https://verifier.example/cb",
            ["nonce"] = "n",
            ["dcql_query"] = OpenId4VpTestSetup.KycQuery(),
            ["client_metadata"] = new JsonObject { ["encrypted_response_enc_values_supported"] = new JsonArray("A128GCM") },
        };

        Assert.That(OpenId4VpAuthorizationRequest.TryParse(json, out _, out var problem), Is.False);
        Assert.That(problem!.Code, Is.EqualTo(OpenId4VpProblemCodes.InvalidRequest));
    }

    private static ECParameters RequestKey(OpenId4VpRequestResult request, out string kid)
    {
        var jwk = request.Request.ClientMetadata!["jwks"]!["keys"]![0]!.AsObject();
        kid = jwk["kid"]!.GetValue<string>();
        var copy = new JsonObject { ["kty"] = "EC", ["crv"] = "P-256", ["x"] = jwk["x"]!.GetValue<string>(), ["y"] = jwk["y"]!.GetValue<string>() };
        Assert.That(JweEcdhEs.TryReadPublicJwk(copy, out var key), Is.True);
        return key;
    }

    private static Dictionary<string, string> Encrypted(string vpToken, string state, ECParameters key, string kid, string enc)
    {
        var payload = new JsonObject { ["vp_token"] = JsonNode.Parse(vpToken), ["state"] = state };
        return new() { ["response"] = JweEcdhEs.Encrypt(Encoding.UTF8.GetBytes(payload.ToJsonString()), key, enc, kid) };
    }
}
