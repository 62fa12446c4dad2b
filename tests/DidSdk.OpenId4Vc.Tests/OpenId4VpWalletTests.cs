using System.Text.Json.Nodes;
using DidSdk.Core.Jose;
using DidSdk.Core.Methods;
using DidSdk.Crypto;

namespace DidSdk.OpenId4Vc.Tests;

[Category("Integration")]
public sealed class OpenId4VpWalletTests
{
    private OpenId4VpTestSetup _setup = null!;
    private OpenId4VpLoopbackVerifier _server = null!;

    [SetUp]
    public async Task SetUpAsync()
    {
        _setup = await OpenId4VpTestSetup.CreateAsync("didsdk-oid4vp-http-");
        await _setup.IssueToWalletAsync();
        _server = await OpenId4VpLoopbackVerifier.StartAsync(_setup);
    }

    [TearDown]
    public async Task TearDownAsync()
    {
        await _server.DisposeAsync();
        await _setup.DisposeAsync();
    }

    private OpenId4VpWalletClient Client() => new(_server.Http, OpenId4VpTestSetup.Resolver, new OpenId4VpWalletClientOptions { AllowLoopbackHttp = true });

    private static ValueTask<bool> Agree(OpenId4VpConsent consent, CancellationToken cancellationToken) => ValueTask.FromResult(true);

    [Test]
    public async Task Respond_RequestByReference_VerifiedOverHttpAndPolled()
    {
        var request = await _server.Verifier.CreateRequestAsync(OpenId4VpTestSetup.KycQuery());
        var (resolved, problem) = await Client().ResolveRequestAsync(request.WalletUri);
        Assert.That(problem, Is.Null);
        Assert.That(resolved!.SignatureVerified, Is.True);
        Assert.That(resolved.Request.Nonce, Is.EqualTo(request.Request.Nonce));

        OpenId4VpConsent? shown = null;
        var response = await Client().RespondAsync(resolved, _setup.Wallet, (consent, _) =>
        {
            shown = consent;
            return ValueTask.FromResult(true);
        });
        Assert.That(response.Succeeded, Is.True, string.Join("; ", response.Problems));

        // The consent showed exactly what the verifier received.
        var disclosed = shown!.Disclosures["kyc"].Claims;
        Assert.That(disclosed["given_name"]!.GetValue<string>(), Is.EqualTo("Ji-woo"));
        Assert.That(disclosed.ContainsKey("birthdate"), Is.False);
        Assert.That(shown.ClientId, Is.EqualTo(_server.Verifier.ClientId));

        var poll = JsonNode.Parse(await _server.Http.GetStringAsync(new Uri(_server.BaseUri, "/oid4vp/result/" + request.Id)))!;
        Assert.That(poll["status"]!.GetValue<string>(), Is.EqualTo("verified"));
        Assert.That(poll["verified"]!.GetValue<bool>(), Is.True);
        var received = poll["claims"]!["kyc"]![0]!["claims"]!.AsObject();
        Assert.That(received["given_name"]!.GetValue<string>(), Is.EqualTo("Ji-woo"));
        Assert.That(received.ContainsKey("birthdate"), Is.False);
    }

    [Test]
    public async Task Respond_ConsentDenied_NothingDisclosedAndVerifierSeesAccessDenied()
    {
        var request = await _server.Verifier.CreateRequestAsync(OpenId4VpTestSetup.KycQuery());
        var (resolved, _) = await Client().ResolveRequestAsync(request.WalletUri);
        var response = await Client().RespondAsync(resolved!, _setup.Wallet, (_, _) => ValueTask.FromResult(false));
        Assert.That(response.Problems[0].Code, Is.EqualTo(OpenId4VpProblemCodes.ConsentDenied));
        var result = await _server.Verifier.GetResultAsync(request.Id);
        Assert.That(result!.Problems.Select(p => p.Code), Is.EqualTo(new[] { OpenId4VpProblemCodes.WalletError }));
        Assert.That(result.Claims, Is.Null);
    }

    [Test]
    public async Task Respond_NoMatchingCredential_NoMatchingCredentials()
    {
        var query = OpenId4VpTestSetup.KycQuery();
        query["credentials"]![0]!["meta"]!["vct_values"] = new JsonArray("https://other.example/vct");
        var request = await _server.Verifier.CreateRequestAsync(query);
        var (resolved, _) = await Client().ResolveRequestAsync(request.WalletUri);
        var response = await Client().RespondAsync(resolved!, _setup.Wallet, Agree);
        Assert.That(response.Problems[0].Code, Is.EqualTo(OpenId4VpProblemCodes.NoMatchingCredentials));
    }

    [Test]
    public async Task Resolve_MismatchedClientId_Refused()
    {
        var request = await _server.Verifier.CreateRequestAsync(OpenId4VpTestSetup.KycQuery());
        var forged = "openid4vp://?client_id=" + Uri.EscapeDataString("decentralized_identifier:did:example:other-bank") + "&request_uri=" + Uri.EscapeDataString(request.RequestUri!.AbsoluteUri);
        var (resolved, problem) = await Client().ResolveRequestAsync(forged);
        Assert.That(resolved, Is.Null);
        Assert.That(problem!.Code, Is.EqualTo(OpenId4VpProblemCodes.ClientIdMismatch));
    }

    [Test]
    public async Task Resolve_RequestSignedByKeyNotInVerifierDid_Refused()
    {
        var request = await _server.Verifier.CreateRequestAsync(OpenId4VpTestSetup.KycQuery());
        using var attacker = PrivateKey.Generate(KeyType.Ed25519);
        var claims = request.Request.ToJson();
        var jwt = await Jws.SignCompactAsync(new JsonObject { ["typ"] = "oauth-authz-req+jwt" }, claims,
            new KeySigner(attacker, DidKey.GetVerificationMethodId(JwkVerifierKey())));
        var uri = "openid4vp://?client_id=" + Uri.EscapeDataString(request.Request.ClientId) + "&request=" + jwt;
        var (resolved, problem) = await Client().ResolveRequestAsync(uri);
        Assert.That(resolved, Is.Null);
        Assert.That(problem!.Code, Is.EqualTo(OpenId4VpProblemCodes.RequestSignatureInvalid));
    }

    private PublicKeyMaterial JwkVerifierKey()
    {
        DidKey.TryGetPublicKey(_setup.VerifierDid, out var key, out _, out _);
        return key!;
    }

    [Test]
    public async Task Resolve_UnsignedRequestFromDidClient_Refused()
    {
        var request = await _server.Verifier.CreateRequestAsync(OpenId4VpTestSetup.KycQuery());
        var uri = "openid4vp://?" + FormUrlEncoded.Encode(request.Request.ToParameters());
        var (_, problem) = await Client().ResolveRequestAsync(uri);
        Assert.That(problem!.Code, Is.EqualTo(OpenId4VpProblemCodes.RequestSignatureInvalid));
    }

    [Test]
    public async Task Resolve_ResponseUriOnAnotherOrigin_Refused()
    {
        await using var other = await OpenId4VpLoopbackVerifier.StartAsync(_setup, responseHost: "localhost");
        var request = await other.Verifier.CreateRequestAsync(OpenId4VpTestSetup.KycQuery());
        var (resolved, problem) = await Client().ResolveRequestAsync(request.WalletUri);
        Assert.That(resolved, Is.Null);
        Assert.That(problem!.Code, Is.EqualTo(OpenId4VpProblemCodes.ResponseUriNotAllowed));
    }

    [Test]
    public async Task Respond_SecondAnswerToSameRequest_RefusedByVerifier()
    {
        var request = await _server.Verifier.CreateRequestAsync(OpenId4VpTestSetup.KycQuery());
        var (resolved, _) = await Client().ResolveRequestAsync(request.WalletUri);
        Assert.That((await Client().RespondAsync(resolved!, _setup.Wallet, Agree)).Succeeded, Is.True);
        var again = await Client().RespondAsync(resolved!, _setup.Wallet, Agree);
        Assert.That(again.Problems[0].Code, Is.EqualTo(OpenId4VpProblemCodes.ResponseRefused));
        Assert.That(again.Problems[0].Message, Does.Contain(OpenId4VpProblemCodes.UnknownState));
    }

    [Test]
    public async Task ResponseEndpoint_OversizedBody_413()
    {
        var request = await _server.Verifier.CreateRequestAsync(OpenId4VpTestSetup.KycQuery());
        using var content = new StringContent("state=" + request.Request.State + "&vp_token=" + new string('a', _server.Verifier.Options.MaxVpTokenLength * 3 + 32 * 1024),
            System.Text.Encoding.UTF8, "application/x-www-form-urlencoded");
        using var response = await _server.Http.PostAsync(new Uri(_server.BaseUri, "/oid4vp/response"), content);
        Assert.That((int)response.StatusCode, Is.EqualTo(413));
        Assert.That((await _server.Verifier.GetResultAsync(request.Id))!.Status, Is.EqualTo(OpenId4VpSessionResult.Pending));
    }
}
