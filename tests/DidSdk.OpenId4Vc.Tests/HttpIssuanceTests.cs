using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using DidSdk.Crypto;
using DidSdk.Wallet;

namespace DidSdk.OpenId4Vc.Tests;

[Category("Integration")]
public sealed class HttpIssuanceTests
{
    private string _directory = "";
    private TestIssuerSetup _setup = null!;
    private LoopbackIssuerServer _server = null!;
    private Wallet.Wallet _wallet = null!;

    [SetUp]
    public async Task StartAsync()
    {
        _directory = Directory.CreateTempSubdirectory("didsdk-oid4vci-http-").FullName;
        _setup = new TestIssuerSetup(_directory);
        _server = await LoopbackIssuerServer.StartAsync(_setup);
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

    private OpenId4VciWalletClient Client(bool allowLoopbackHttp = true) => new(_server.Http, new OpenId4VciWalletClientOptions { AllowLoopbackHttp = allowLoopbackHttp });

    private async Task<HolderBindingKey> WalletKeyAsync(KeyType type = KeyType.Ed25519)
    {
        var key = await _wallet.GenerateKeyAsync(type);
        return new HolderBindingKey(await _wallet.GetSignerAsync(key.Id), key.PublicKey);
    }

    private Task<CredentialOfferResult> OfferAsync(string id = TestIssuerSetup.SdJwtConfigurationId, bool txCode = true) =>
        _server.Issuer.CreateOfferAsync(new CredentialOfferRequest { Subject = "customer-1", CredentialConfigurationIds = [id], RequireTxCode = txCode, TxCodeDescription = "The PIN sent by SMS" });

    private async Task<CredentialReceiveResult> ReceiveAsync(string offerUri, string? txCode, params HolderBindingKey[] keys) =>
        await Client().ReceiveAsync(new CredentialReceiveRequest
        {
            OfferUri = offerUri,
            TxCode = txCode,
            HolderKeys = keys,
            Verifier = TestIssuerSetup.Verifier(),
            Store = new WalletCredentialStore(_wallet, TestIssuerSetup.Verifier()),
        });

    [Test]
    public async Task Receive_OfferByReferenceWithTxCode_SdJwtVcVerifiedAndStoredInWallet()
    {
        var offer = await OfferAsync();
        var result = await ReceiveAsync(offer.ReferenceUri, offer.TxCode, await WalletKeyAsync());
        Assert.That(result.Succeeded, Is.True, string.Join("; ", result.Problems));
        Assert.That(result.Credentials, Has.Count.EqualTo(1));
        Assert.That(result.NotificationId, Is.Not.Null);
        var stored = await _wallet.GetCredentialAsync(result.Credentials[0].StoredId!);
        Assert.That(stored.Issuer, Is.EqualTo(_setup.Did));
        Assert.That(stored.Credential, Is.EqualTo(result.Credentials[0].Credential));
    }

    [Test]
    public async Task Receive_OfferByValue_JwtVcJsonStoredInWallet()
    {
        var offer = await OfferAsync(TestIssuerSetup.JwtVcConfigurationId);
        var result = await ReceiveAsync(offer.ValueUri, offer.TxCode, await WalletKeyAsync(KeyType.P256));
        Assert.That(result.Succeeded, Is.True, string.Join("; ", result.Problems));
        Assert.That(result.Credentials![0].Format, Is.EqualTo(CredentialConfiguration.JwtVcJsonFormat));
        Assert.That((await _wallet.ListCredentialsAsync()).Credentials, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Receive_TwoHolderKeys_BatchOfTwoCredentialsStored()
    {
        var offer = await OfferAsync();
        var result = await ReceiveAsync(offer.ReferenceUri, offer.TxCode, await WalletKeyAsync(), await WalletKeyAsync());
        Assert.That(result.Succeeded, Is.True, string.Join("; ", result.Problems));
        Assert.That(result.Credentials!.Select(c => c.StoredId).ToArray(), Is.Unique.And.Length.EqualTo(2));
        Assert.That((await _wallet.ListCredentialsAsync()).Credentials, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task Receive_WrongTxCode_TokenRequestFailedAndNothingStored()
    {
        var offer = await OfferAsync();
        var wrong = offer.TxCode == "000000" ? "111111" : "000000";
        var result = await ReceiveAsync(offer.ReferenceUri, wrong, await WalletKeyAsync());
        Assert.That(result.Succeeded, Is.False);
        Assert.That(result.Problems[0].Code, Is.EqualTo(OpenId4VcProblemCodes.TokenRequestFailed));
        Assert.That(result.Problems[0].Message, Does.Contain(OpenId4VciErrorCodes.InvalidGrant));
        Assert.That((await _wallet.ListCredentialsAsync()).Credentials, Is.Empty);
        Assert.That(_setup.Claims.Calls, Is.Zero);
    }

    [Test]
    public async Task Receive_ReplayedOffer_SecondRedemptionRefused()
    {
        var offer = await OfferAsync();
        Assert.That((await ReceiveAsync(offer.ValueUri, offer.TxCode, await WalletKeyAsync())).Succeeded, Is.True);
        var replay = await ReceiveAsync(offer.ValueUri, offer.TxCode, await WalletKeyAsync());
        Assert.That(replay.Problems[0].Code, Is.EqualTo(OpenId4VcProblemCodes.TokenRequestFailed));
        Assert.That(replay.Problems[0].Message, Does.Contain(OpenId4VciErrorCodes.InvalidGrant));
        Assert.That((await _wallet.ListCredentialsAsync()).Credentials, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Receive_TxCodeMissing_TransactionCodeRequired()
    {
        var offer = await OfferAsync();
        var result = await ReceiveAsync(offer.ValueUri, null, await WalletKeyAsync());
        Assert.That(result.Problems[0].Code, Is.EqualTo(OpenId4VcProblemCodes.TransactionCodeRequired));
    }

    [Test]
    public async Task Receive_HttpIssuerWithoutDevelopmentOption_InsecureUrl()
    {
        var offer = await OfferAsync();
        var result = await Client(allowLoopbackHttp: false).ReceiveAsync(new CredentialReceiveRequest
        {
            OfferUri = offer.ValueUri,
            TxCode = offer.TxCode,
            HolderKeys = [await WalletKeyAsync()],
            Verifier = TestIssuerSetup.Verifier(),
        });
        Assert.That(result.Problems[0].Code, Is.EqualTo(OpenId4VcProblemCodes.InsecureUrl));
    }

    [Test]
    public async Task Http_Metadata_ServedAtWellKnownPaths()
    {
        var metadata = await _server.Http.GetStringAsync(new Uri(_server.ListenUri, "/.well-known/openid-credential-issuer/oid4vci"));
        Assert.That(JsonNode.Parse(metadata)!["credential_issuer"]!.GetValue<string>(), Is.EqualTo(_server.IssuerUrl));
        var asMetadata = await _server.Http.GetStringAsync(new Uri(_server.ListenUri, "/.well-known/oauth-authorization-server/oid4vci"));
        Assert.That(JsonNode.Parse(asMetadata)!["token_endpoint"]!.GetValue<string>(), Is.EqualTo(_server.IssuerUrl + "/token"));
    }

    [Test]
    public async Task Http_Nonce_FreshAndNotCached()
    {
        using var first = await _server.Http.PostAsync(new Uri(_server.IssuerUrl + "/nonce"), null);
        using var second = await _server.Http.PostAsync(new Uri(_server.IssuerUrl + "/nonce"), null);
        Assert.That(first.Headers.CacheControl!.NoStore, Is.True);
        Assert.That(JsonNode.Parse(await first.Content.ReadAsStringAsync())!["c_nonce"]!.GetValue<string>(),
            Is.Not.EqualTo(JsonNode.Parse(await second.Content.ReadAsStringAsync())!["c_nonce"]!.GetValue<string>()));
    }

    [Test]
    public async Task Http_TokenWithRepeatedParameter_InvalidRequest()
    {
        var offer = await OfferAsync();
        var form = $"grant_type={Uri.EscapeDataString(AuthorizationServerMetadata.PreAuthorizedCodeGrantType)}&pre-authorized_code={offer.Offer.PreAuthorizedCode}&tx_code={offer.TxCode}&tx_code=000000";
        using var response = await _server.Http.PostAsync(new Uri(_server.IssuerUrl + "/token"), new StringContent(form, Encoding.UTF8, "application/x-www-form-urlencoded"));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!.GetValue<string>(), Is.EqualTo(OpenId4VciErrorCodes.InvalidRequest));
    }

    [Test]
    public async Task Http_OversizedTokenRequest_413InvalidRequest()
    {
        var form = "grant_type=x&pad=" + new string('a', 64 * 1024);
        using var response = await _server.Http.PostAsync(new Uri(_server.IssuerUrl + "/token"), new StringContent(form, Encoding.UTF8, "application/x-www-form-urlencoded"));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
        Assert.That(JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!.GetValue<string>(), Is.EqualTo(OpenId4VciErrorCodes.InvalidRequest));
    }

    [Test]
    public async Task Http_OversizedCredentialRequest_413AndNothingIssued()
    {
        var offer = await OfferAsync();
        using var tokenResponse = await _server.Http.PostAsync(new Uri(_server.IssuerUrl + "/token"), new StringContent(
            FormUrlEncoded.Encode([new("grant_type", AuthorizationServerMetadata.PreAuthorizedCodeGrantType), new("pre-authorized_code", offer.Offer.PreAuthorizedCode!), new("tx_code", offer.TxCode!)]),
            Encoding.UTF8, "application/x-www-form-urlencoded"));
        var token = JsonNode.Parse(await tokenResponse.Content.ReadAsStringAsync())!["access_token"]!.GetValue<string>();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_server.IssuerUrl + "/credential"))
        {
            Content = new StringContent("{\"pad\":\"" + new string('a', 70 * 1024) + "\"}", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        using var response = await _server.Http.SendAsync(request);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
        Assert.That(JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!.GetValue<string>(), Is.EqualTo(OpenId4VciErrorCodes.InvalidCredentialRequest));
        Assert.That(_setup.Claims.Calls, Is.Zero);
    }

    [Test]
    public async Task Http_CredentialWithoutToken_401WithWwwAuthenticate()
    {
        using var response = await _server.Http.PostAsync(new Uri(_server.IssuerUrl + "/credential"), new StringContent("{}", Encoding.UTF8, "application/json"));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(response.Headers.WwwAuthenticate.ToString(), Does.Contain("invalid_token"));
    }

    [Test]
    public async Task Http_PlainHttpWithoutDevelopmentOption_Refused()
    {
        var directory = Directory.CreateTempSubdirectory("didsdk-oid4vci-https-").FullName;
        using var setup = new TestIssuerSetup(directory);
        await using (var strict = await LoopbackIssuerServer.StartAsync(setup, allowLoopbackHttp: false))
        {
            using var response = await strict.Http.PostAsync(new Uri(strict.ListenUri, "/oid4vci/nonce"), null);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!.GetValue<string>(), Is.EqualTo(OpenId4VciErrorCodes.InvalidRequest));
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(directory, recursive: true);
    }

    [Test]
    public async Task Notify_AfterReceive_204AndBankHandlerGetsAcceptedEvent()
    {
        var offer = await OfferAsync();
        var result = await ReceiveAsync(offer.ReferenceUri, offer.TxCode, await WalletKeyAsync());
        Assert.That(result.Succeeded, Is.True, string.Join("; ", result.Problems));
        Assert.That(result.NotificationEndpoint, Is.EqualTo(_server.IssuerUrl + "/notification"));

        var problem = await Client().NotifyAsync(result, OpenId4VciNotificationEvent.CredentialAccepted, "stored");

        Assert.That(problem, Is.Null, problem?.ToString());
        var notification = _setup.Notifications.Received.Single();
        Assert.That(notification.Event, Is.EqualTo(OpenId4VciNotificationEvent.CredentialAccepted));
        Assert.That(notification.Subject, Is.EqualTo("customer-1"));
        Assert.That(notification.EventDescription, Is.EqualTo("stored"));
    }

    [Test]
    public async Task Http_NotificationIdOfAnotherWallet_400InvalidNotificationIdAndNothingDelivered()
    {
        var offer = await OfferAsync();
        var second = await ReceiveAsync(offer.ReferenceUri, offer.TxCode, await WalletKeyAsync());
        var offer3 = await OfferAsync();
        var third = await ReceiveAsync(offer3.ReferenceUri, offer3.TxCode, await WalletKeyAsync());
        Assert.That(second.Succeeded && third.Succeeded, Is.True);

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_server.IssuerUrl + "/notification"))
        {
            Content = new StringContent(new JsonObject { ["notification_id"] = second.NotificationId, ["event"] = "credential_accepted" }.ToJsonString(),
                Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", third.AccessToken);
        using var response = await _server.Http.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!.GetValue<string>(), Is.EqualTo(OpenId4VciErrorCodes.InvalidNotificationId));
        Assert.That(_setup.Notifications.Received, Is.Empty);
    }

    [Test]
    public async Task Http_BackOfficePending_202ThenDeferredCredentialIssuedOnce()
    {
        _setup.Decider.Decision = OpenId4VciIssuanceDecision.Pending;
        var offer = await OfferAsync();
        using var tokenResponse = await _server.Http.PostAsync(new Uri(_server.IssuerUrl + "/token"), new StringContent(
            FormUrlEncoded.Encode(ProtocolTestBase.TokenForm(offer, offer.TxCode)), Encoding.UTF8, "application/x-www-form-urlencoded"));
        var accessToken = JsonNode.Parse(await tokenResponse.Content.ReadAsStringAsync())!["access_token"]!.GetValue<string>();
        using var nonceResponse = await _server.Http.PostAsync(new Uri(_server.IssuerUrl + "/nonce"), null);
        var nonce = JsonNode.Parse(await nonceResponse.Content.ReadAsStringAsync())!["c_nonce"]!.GetValue<string>();
        using var holder = PrivateKey.Generate(KeyType.Ed25519);
        var proof = await ProtocolTestBase.ProofAsync(holder, nonce, TimeProvider.System.GetUtcNow().AddSeconds(-1), _server.IssuerUrl);

        using var pending = await PostJsonAsync("/credential", accessToken, Encoding.UTF8.GetString(ProtocolTestBase.CredentialRequest(TestIssuerSetup.SdJwtConfigurationId, proof)));
        Assert.That(pending.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        var transactionId = JsonNode.Parse(await pending.Content.ReadAsStringAsync())!["transaction_id"]!.GetValue<string>();
        var deferredBody = new JsonObject { ["transaction_id"] = transactionId }.ToJsonString();
        using var stillPending = await PostJsonAsync("/deferred_credential", accessToken, deferredBody);
        Assert.That(stillPending.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        Assert.That(_setup.Claims.Calls, Is.Zero);

        _setup.Decider.Decision = OpenId4VciIssuanceDecision.IssueNow;
        using var issued = await PostJsonAsync("/deferred_credential", accessToken, deferredBody);
        Assert.That(issued.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var credential = JsonNode.Parse(await issued.Content.ReadAsStringAsync())!["credentials"]![0]!["credential"]!.GetValue<string>();
        Assert.That((await TestIssuerSetup.Verifier().VerifyAsync(credential)).Succeeded, Is.True);
        using var replay = await PostJsonAsync("/deferred_credential", accessToken, deferredBody);
        Assert.That(replay.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(JsonNode.Parse(await replay.Content.ReadAsStringAsync())!["error"]!.GetValue<string>(), Is.EqualTo(OpenId4VciErrorCodes.InvalidTransactionId));
        Assert.That(_setup.Claims.Calls, Is.EqualTo(1));
    }

    private async Task<HttpResponseMessage> PostJsonAsync(string path, string accessToken, string json)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_server.IssuerUrl + path)) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", accessToken);
        return await _server.Http.SendAsync(request);
    }
}
