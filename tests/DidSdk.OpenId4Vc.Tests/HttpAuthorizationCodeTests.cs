using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using DidSdk.Crypto;
using DidSdk.Wallet;

namespace DidSdk.OpenId4Vc.Tests;

/// <summary>The Authorization Code Flow end to end: the wallet client, a browser and the issuer on Kestrel.</summary>
[Category("Integration")]
public sealed class HttpAuthorizationCodeTests
{
    private string _directory = "";
    private TestIssuerSetup _setup = null!;
    private LoopbackAuthorizationServer _server = null!;
    private Wallet.Wallet _wallet = null!;

    [SetUp]
    public async Task StartAsync()
    {
        _directory = Directory.CreateTempSubdirectory("didsdk-oid4vci-authcode-").FullName;
        _setup = new TestIssuerSetup(_directory);
        _server = await LoopbackAuthorizationServer.StartAsync(_setup);
        _wallet = await Wallet.Wallet.CreateAsync(Path.Combine(_directory, "wallet.db"), "correct horse battery staple",
            new WalletOptions { Argon2MemoryKiB = WalletOptions.MinimumArgon2MemoryKiB, Argon2Iterations = WalletOptions.MinimumArgon2Iterations });
    }

    [TearDown]
    public async Task StopAsync()
    {
        await _wallet.DisposeAsync();
        await _server.DisposeAsync();
        _setup.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    private OpenId4VciWalletClient Client() => new(_server.Http, new OpenId4VciWalletClientOptions
    {
        AllowLoopbackHttp = true,
        ClientId = TestIssuerSetup.WalletClientId,
        RedirectUri = TestIssuerSetup.WalletRedirectUri,
    });

    private Task<CredentialOfferResult> OfferAsync(string subject = "customer-1") =>
        _server.Issuer.CreateOfferAsync(new CredentialOfferRequest
        {
            Subject = subject,
            CredentialConfigurationIds = [TestIssuerSetup.SdJwtConfigurationId],
            Grants = CredentialOfferGrants.AuthorizationCode,
        });

    private async Task<CredentialReceiveResult> ReceiveAsync(string offerUri, Func<Uri, CancellationToken, Task<Uri?>> userAgent)
    {
        var key = await _wallet.GenerateKeyAsync(KeyType.Ed25519);
        return await Client().ReceiveAsync(new CredentialReceiveRequest
        {
            OfferUri = offerUri,
            HolderKeys = [new HolderBindingKey(await _wallet.GetSignerAsync(key.Id), key.PublicKey)],
            Verifier = TestIssuerSetup.Verifier(),
            Store = new WalletCredentialStore(_wallet, TestIssuerSetup.Verifier()),
            AuthorizationUserAgent = userAgent,
        });
    }

    private async Task AssertNothingIssuedAsync()
    {
        Assert.That(_setup.Claims.Calls, Is.Zero);
        Assert.That((await _wallet.ListCredentialsAsync()).Credentials, Is.Empty);
    }

    private static Uri ReplaceParameter(Uri uri, string name, string value)
    {
        var text = uri.OriginalString;
        Assert.That(FormUrlEncoded.TryParse(text[(text.IndexOf('?', StringComparison.Ordinal) + 1)..], out var parameters), Is.True);
        parameters![name] = value;
        return new Uri(text[..text.IndexOf('?', StringComparison.Ordinal)] + "?" + FormUrlEncoded.Encode(parameters));
    }

    [Test]
    public async Task Receive_AuthorizationCodeOffer_UserLogsInAtBankAndCredentialIsStored()
    {
        var offer = await OfferAsync();
        Uri? authorizationUrl = null;
        var result = await ReceiveAsync(offer.ReferenceUri, (url, ct) =>
        {
            authorizationUrl = url;
            return _server.BrowseAsync(url, "customer-1", ct);
        });
        Assert.That(result.Succeeded, Is.True, string.Join("; ", result.Problems));
        Assert.That(result.Credentials, Has.Count.EqualTo(1));
        var stored = await _wallet.GetCredentialAsync(result.Credentials[0].StoredId!);
        Assert.That(stored.Issuer, Is.EqualTo(_setup.Did));

        // The server advertises PAR, so only client_id and request_uri travel through the browser.
        Assert.That(FormUrlEncoded.TryParse(authorizationUrl!.Query.TrimStart('?'), out var query), Is.True);
        Assert.That(query!.Keys, Is.EquivalentTo(new[] { "client_id", "request_uri" }));

        // First the login page, then the authorization after the login.
        Assert.That(_server.Handler.Calls, Is.EqualTo(2));
        Assert.That(_server.Handler.LastRequest!.OfferSubject, Is.EqualTo("customer-1"));
        Assert.That(_setup.Claims.Calls, Is.EqualTo(1));
    }

    [Test]
    public async Task Receive_ServerWithoutPar_WholeRequestInTheBrowserUrl()
    {
        // The same issuer, seen through metadata without the PAR endpoint: the wallet sends the request by value.
        using var http = new HttpClient(new MetadataEditor(m => m.Remove("pushed_authorization_request_endpoint")) { InnerHandler = _server.CreateWalletHandler() });
        var client = new OpenId4VciWalletClient(http, new OpenId4VciWalletClientOptions
        {
            AllowLoopbackHttp = true,
            ClientId = TestIssuerSetup.WalletClientId,
            RedirectUri = TestIssuerSetup.WalletRedirectUri,
        });
        var offer = await OfferAsync();
        var key = await _wallet.GenerateKeyAsync(KeyType.P256);
        Uri? authorizationUrl = null;
        var result = await client.ReceiveAsync(new CredentialReceiveRequest
        {
            OfferUri = offer.ValueUri,
            HolderKeys = [new HolderBindingKey(await _wallet.GetSignerAsync(key.Id), key.PublicKey)],
            Verifier = TestIssuerSetup.Verifier(),
            AuthorizationUserAgent = (url, ct) =>
            {
                authorizationUrl = url;
                return _server.BrowseAsync(url, "customer-1", ct);
            },
        });
        Assert.That(result.Succeeded, Is.True, string.Join("; ", result.Problems));
        Assert.That(FormUrlEncoded.TryParse(authorizationUrl!.Query.TrimStart('?'), out var query), Is.True);
        Assert.That(query!["code_challenge_method"], Is.EqualTo("S256"));
        Assert.That(query["code_challenge"], Has.Length.EqualTo(43));
        Assert.That(query["issuer_state"], Is.EqualTo(offer.Offer.IssuerState));
        Assert.That(query["state"], Is.Not.Empty);
        Assert.That(query.ContainsKey("code_verifier"), Is.False);
    }

    [Test]
    public async Task Receive_ServerWithoutS256_InvalidMetadataAndNoBrowser()
    {
        using var http = new HttpClient(new MetadataEditor(m => m["code_challenge_methods_supported"] = new JsonArray("plain")) { InnerHandler = _server.CreateWalletHandler() });
        var client = new OpenId4VciWalletClient(http, new OpenId4VciWalletClientOptions
        {
            AllowLoopbackHttp = true,
            ClientId = TestIssuerSetup.WalletClientId,
            RedirectUri = TestIssuerSetup.WalletRedirectUri,
        });
        var offer = await OfferAsync();
        var key = await _wallet.GenerateKeyAsync(KeyType.Ed25519);
        var browserOpened = false;
        var result = await client.ReceiveAsync(new CredentialReceiveRequest
        {
            OfferUri = offer.ReferenceUri,
            HolderKeys = [new HolderBindingKey(await _wallet.GetSignerAsync(key.Id), key.PublicKey)],
            Verifier = TestIssuerSetup.Verifier(),
            AuthorizationUserAgent = (_, _) =>
            {
                browserOpened = true;
                return Task.FromResult<Uri?>(null);
            },
        });
        Assert.That(result.Problems.Select(p => p.Code), Has.Member(OpenId4VcProblemCodes.InvalidMetadata));
        Assert.That(browserOpened, Is.False);
    }

    [Test]
    public async Task Receive_ResponseWithOtherState_AuthorizationFailedAndNothingIssued()
    {
        var offer = await OfferAsync();
        var result = await ReceiveAsync(offer.ReferenceUri, async (url, ct) =>
            ReplaceParameter((await _server.BrowseAsync(url, "customer-1", ct))!, "state", "forged-state"));
        Assert.That(result.Succeeded, Is.False);
        Assert.That(result.Problems.Select(p => p.Code), Has.Member(OpenId4VcProblemCodes.AuthorizationFailed));
        await AssertNothingIssuedAsync();
    }

    [Test]
    public async Task Receive_ResponseFromOtherIssuer_AuthorizationFailedAndNothingIssued()
    {
        var offer = await OfferAsync();
        var result = await ReceiveAsync(offer.ReferenceUri, async (url, ct) =>
            ReplaceParameter((await _server.BrowseAsync(url, "customer-1", ct))!, "iss", "https://attacker.example"));
        Assert.That(result.Problems.Select(p => p.Code), Has.Member(OpenId4VcProblemCodes.AuthorizationFailed));
        await AssertNothingIssuedAsync();
    }

    [Test]
    public async Task Receive_UserRefuses_AuthorizationFailedAndNothingIssued()
    {
        var offer = await OfferAsync(TestAuthorizationHandler.RefusingUser);
        var result = await ReceiveAsync(offer.ReferenceUri, (url, ct) => _server.BrowseAsync(url, TestAuthorizationHandler.RefusingUser, ct));
        Assert.That(result.Problems.Select(p => p.Code), Has.Member(OpenId4VcProblemCodes.AuthorizationFailed));
        await AssertNothingIssuedAsync();
    }

    [Test]
    public async Task Receive_OtherCustomerLogsIn_AuthorizationFailedAndNothingIssued()
    {
        var offer = await OfferAsync("customer-1");
        var result = await ReceiveAsync(offer.ReferenceUri, (url, ct) => _server.BrowseAsync(url, "customer-2", ct));
        Assert.That(result.Problems.Select(p => p.Code), Has.Member(OpenId4VcProblemCodes.AuthorizationFailed));
        await AssertNothingIssuedAsync();
    }

    [Test]
    public async Task Receive_UserGivesUp_AuthorizationFailed()
    {
        var offer = await OfferAsync();
        var result = await ReceiveAsync(offer.ReferenceUri, (_, _) => Task.FromResult<Uri?>(null));
        Assert.That(result.Problems.Select(p => p.Code), Has.Member(OpenId4VcProblemCodes.AuthorizationFailed));
        await AssertNothingIssuedAsync();
    }

    [Test]
    public async Task Token_CodeReplayedAfterTheWalletUsedIt_InvalidGrant()
    {
        var offer = await OfferAsync();
        Uri? redirect = null;
        var result = await ReceiveAsync(offer.ReferenceUri, async (url, ct) => redirect = await _server.BrowseAsync(url, "customer-1", ct));
        Assert.That(result.Succeeded, Is.True, string.Join("; ", result.Problems));
        Assert.That(FormUrlEncoded.TryParse(redirect!.Query.TrimStart('?'), out var response), Is.True);
        var replay = await PostFormAsync("/oid4vci/token", new()
        {
            ["grant_type"] = "authorization_code",
            ["code"] = response!["code"],
            ["redirect_uri"] = TestIssuerSetup.WalletRedirectUri,
            ["code_verifier"] = new string('v', 43),
            ["client_id"] = TestIssuerSetup.WalletClientId,
        });
        Assert.That(replay.Status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(replay.Json["error"]!.GetValue<string>(), Is.EqualTo(OpenId4VciErrorCodes.InvalidGrant));
    }

    [Test]
    public async Task Authorize_HttpGetWithPlainMethod_RedirectedWithInvalidRequest()
    {
        var query = FormUrlEncoded.Encode(new Dictionary<string, string>
        {
            ["response_type"] = "code",
            ["client_id"] = TestIssuerSetup.WalletClientId,
            ["redirect_uri"] = TestIssuerSetup.WalletRedirectUri,
            ["code_challenge"] = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk",
            ["code_challenge_method"] = "plain",
            ["state"] = "s1",
            ["scope"] = "kyc_sd_jwt",
        });
        using var response = await _server.Http.GetAsync(LoopbackAuthorizationServer.IssuerUrl + "/authorize?" + query);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.SeeOther));
        Assert.That(FormUrlEncoded.TryParse(response.Headers.Location!.Query.TrimStart('?'), out var parameters), Is.True);
        Assert.That(parameters!["error"], Is.EqualTo(OpenId4VciErrorCodes.InvalidRequest));
        Assert.That(parameters["state"], Is.EqualTo("s1"));
        Assert.That(parameters.ContainsKey("code"), Is.False);
        Assert.That(_server.Handler.Calls, Is.Zero);
    }

    [Test]
    public async Task Authorize_FormPostWithoutChallenge_RedirectedWithInvalidRequest()
    {
        using var result = await PostAsync("/oid4vci/authorize", new()
        {
            ["response_type"] = "code",
            ["client_id"] = TestIssuerSetup.WalletClientId,
            ["redirect_uri"] = TestIssuerSetup.WalletRedirectUri,
            ["state"] = "s2",
            ["scope"] = "kyc_sd_jwt",
        });
        Assert.That(result.StatusCode, Is.EqualTo(HttpStatusCode.SeeOther));
        Assert.That(FormUrlEncoded.TryParse(result.Headers.Location!.Query.TrimStart('?'), out var parameters), Is.True);
        Assert.That(parameters!["error"], Is.EqualTo(OpenId4VciErrorCodes.InvalidRequest));
        Assert.That(parameters["state"], Is.EqualTo("s2"));
        Assert.That(_server.Handler.Calls, Is.Zero);
    }

    [Test]
    public async Task Authorize_OversizedFormPost_RequestTooLargeNotRedirected()
    {
        using var result = await PostAsync("/oid4vci/authorize", new()
        {
            ["client_id"] = TestIssuerSetup.WalletClientId,
            ["redirect_uri"] = TestIssuerSetup.WalletRedirectUri,
            ["authorization_details"] = new string('x', 9 * 1024),
        });
        Assert.That(result.StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
        Assert.That(result.Headers.Location, Is.Null);
        Assert.That(_server.Handler.Calls, Is.Zero);
    }

    [Test]
    public async Task Authorize_HttpRepeatedParameter_InvalidRequestNotRedirected()
    {
        using var response = await _server.Http.GetAsync(LoopbackAuthorizationServer.IssuerUrl + "/authorize?client_id=a&client_id=b");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(response.Headers.Location, Is.Null);
        Assert.That(JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!.GetValue<string>(), Is.EqualTo(OpenId4VciErrorCodes.InvalidRequest));
    }

    [Test]
    public async Task Par_OversizedBody_RequestTooLarge()
    {
        var result = await PostFormAsync("/oid4vci/par", new()
        {
            ["client_id"] = TestIssuerSetup.WalletClientId,
            ["authorization_details"] = new string('x', 9 * 1024),
        });
        Assert.That(result.Status, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
        Assert.That(result.Json["error"]!.GetValue<string>(), Is.EqualTo(OpenId4VciErrorCodes.InvalidRequest));
    }

    [Test]
    public async Task Par_UnknownClient_InvalidClient()
    {
        var result = await PostFormAsync("/oid4vci/par", new() { ["client_id"] = "unknown", ["response_type"] = "code" });
        Assert.That(result.Status, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(result.Json["error"]!.GetValue<string>(), Is.EqualTo(OpenId4VciErrorCodes.InvalidClient));
    }

    [Test]
    public async Task Metadata_Http_AdvertisesAuthorizationCodeWithS256AndPar()
    {
        using var response = await _server.Http.GetAsync(LoopbackAuthorizationServer.IssuerOrigin + "/.well-known/oauth-authorization-server/oid4vci");
        var metadata = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        Assert.That(metadata["authorization_endpoint"]!.GetValue<string>(), Is.EqualTo(LoopbackAuthorizationServer.IssuerUrl + "/authorize"));
        Assert.That(metadata["pushed_authorization_request_endpoint"]!.GetValue<string>(), Is.EqualTo(LoopbackAuthorizationServer.IssuerUrl + "/par"));
        Assert.That(metadata["code_challenge_methods_supported"]!.AsArray().Select(n => n!.GetValue<string>()), Is.EqualTo(new[] { "S256" }));
    }

    private async Task<HttpResponseMessage> PostAsync(string path, Dictionary<string, string> form)
    {
        using var content = new StringContent(FormUrlEncoded.Encode(form), Encoding.UTF8, "application/x-www-form-urlencoded");
        return await _server.Http.PostAsync(LoopbackAuthorizationServer.IssuerOrigin + path, content);
    }

    private async Task<(HttpStatusCode Status, JsonObject Json)> PostFormAsync(string path, Dictionary<string, string> form)
    {
        using var content = new StringContent(FormUrlEncoded.Encode(form), Encoding.UTF8, "application/x-www-form-urlencoded");
        using var response = await _server.Http.PostAsync(LoopbackAuthorizationServer.IssuerOrigin + path, content);
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject());
    }

    // Rewrites the Authorization Server Metadata on its way to the wallet.
    private sealed class MetadataEditor(Action<JsonObject> edit) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            if (!request.RequestUri!.AbsolutePath.StartsWith("/.well-known/oauth-authorization-server", StringComparison.Ordinal))
            {
                return response;
            }

            var metadata = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken))!.AsObject();
            edit(metadata);
            response.Content = new StringContent(metadata.ToJsonString(), Encoding.UTF8, "application/json");
            return response;
        }
    }
}
