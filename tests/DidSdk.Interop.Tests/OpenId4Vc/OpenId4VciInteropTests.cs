using System.Text.Json.Nodes;
using DidSdk.AspNetCore;
using DidSdk.Core.Jose;
using DidSdk.Core.Methods;
using DidSdk.Core.Resolution;
using DidSdk.Credentials;
using DidSdk.Crypto;
using DidSdk.OpenId4Vc;
using DidSdk.SdJwt;
using DidSdk.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace DidSdk.Interop.Tests.OpenId4Vc;

/// <summary>
/// OID4VCI 1.0 with @openid4vc/openid4vci 0.4.6 and @openid4vc/oauth2 0.4.6 (the library under Credo-ts): the peer's
/// wallet client takes a credential from our issuer service over real HTTP on loopback (pre-authorized code with
/// tx_code, nonce endpoint, jwt proof), and what it receives verifies with our verifier and is bound to its key; and our
/// wallet client takes a credential from an issuer built with their library (tests/devchain/oid4vci-issuer.mjs).
/// </summary>
[Category("Interop")]
public sealed class OpenId4VciInteropTests
{
    private const string Script = "oid4vci-wallet.mjs";
    private const string Vct = "https://kyc.consortium.example/credentials/kyc/v1";

    private string _directory = "";

    [SetUp]
    public void SetUp() => _directory = Directory.CreateTempSubdirectory("didsdk-oid4vci-interop-").FullName;

    [TearDown]
    public void TearDown()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [TestCase("EdDSA", KeyType.Ed25519, TestName = "PeerWallet_OurIssuerPreAuthorizedWithTxCode_EdDSAProof_CredentialVerifiesAndIsBound")]
    [TestCase("ES256", KeyType.P256, TestName = "PeerWallet_OurIssuerPreAuthorizedWithTxCode_ES256Proof_CredentialVerifiesAndIsBound")]
    public async Task PeerWallet_OurIssuer_CredentialVerifiesAndIsBound(string alg, KeyType holderType)
    {
        using var issuerKey = PrivateKey.Generate(KeyType.Ed25519);
        await using var app = await StartIssuerAsync(issuerKey, _directory);
        var issuer = app.Services.GetRequiredService<OpenId4VciIssuer>();
        var offer = await issuer.CreateOfferAsync(new CredentialOfferRequest { Subject = "customer-42", CredentialConfigurationIds = ["Kyc"], TxCodeDescription = "PIN" });

        var reply = await NodeScript.RunAsync(Script, new JsonObject { ["offer"] = offer.ReferenceUri, ["txCode"] = offer.TxCode, ["alg"] = alg });

        Assert.That(reply["credentialIssuer"]!.GetValue<string>(), Is.EqualTo(issuer.Options.CredentialIssuer));
        var credentials = reply["credentials"]!.AsArray();
        Assert.That(credentials, Has.Count.EqualTo(1));
        Assert.That(reply["notificationId"]?.GetValue<string>(), Is.Not.Null.And.Not.Empty);
        var credential = credentials[0]!.GetValue<string>();
        var verifier = new CredentialVerifier(new CompositeDidResolver(new DidKeyResolver()),
            formatHandlers: [new SdJwtVcFormatHandler(null, null, new SdJwtVerifierOptions { RequireKeyBinding = false })]);
        var result = await verifier.VerifyAsync(credential);
        Assert.That(result.Succeeded, Is.True, string.Join("; ", result.Problems));
        Assert.That(result.Claims!["given_name"]!.GetValue<string>(), Is.EqualTo("Ji-woo"));
        Assert.That(result.Claims["vct"]!.GetValue<string>(), Is.EqualTo(Vct));

        // Bound to the key the peer proved: cnf.jwk is its public JWK.
        Assert.That(Jwk.Parse(result.Claims["cnf"]!["jwk"]!.ToJsonString()).TryGetPublicKey(out var bound), Is.True);
        Assert.That(Jwk.Parse(reply["holderPublicJwk"]!.ToJsonString()).TryGetPublicKey(out var holder), Is.True);
        Assert.That(bound, Is.EqualTo(holder));
        Assert.That(holder!.KeyType, Is.EqualTo(holderType));
    }

    [Test]
    public async Task PeerWallet_WrongTxCode_RefusedByOurTokenEndpoint()
    {
        using var issuerKey = PrivateKey.Generate(KeyType.Ed25519);
        await using var app = await StartIssuerAsync(issuerKey, _directory);
        var offer = await app.Services.GetRequiredService<OpenId4VciIssuer>().CreateOfferAsync(new CredentialOfferRequest { Subject = "customer-42", CredentialConfigurationIds = ["Kyc"] });
        var wrong = offer.TxCode == "000000" ? "111111" : "000000";

        var failure = Assert.ThrowsAsync<InvalidOperationException>(() => NodeScript.RunAsync(Script, new JsonObject { ["offer"] = offer.ValueUri, ["txCode"] = wrong, ["alg"] = "EdDSA" }));

        Assert.That(failure!.Message, Does.Contain("invalid_grant"));
    }

    [TestCase(KeyType.Ed25519, TestName = "OurWallet_PeerIssuerPreAuthorizedWithTxCode_Ed25519Key_CredentialVerifiedAgainstDidJwkAndBound")]
    [TestCase(KeyType.P256, TestName = "OurWallet_PeerIssuerPreAuthorizedWithTxCode_P256Key_CredentialVerifiedAgainstDidJwkAndBound")]
    public async Task OurWallet_PeerIssuer_CredentialVerifiedAndBound(KeyType holderType)
    {
        await using var peer = await PeerOpenId4VciIssuer.StartAsync(new JsonObject { ["vct"] = Vct, ["claims"] = new JsonObject { ["given_name"] = "Ji-woo", ["age_over_18"] = true } });
        using var holderKey = PrivateKey.Generate(holderType);
        using var http = new HttpClient();
        var client = new OpenId4VciWalletClient(http, new OpenId4VciWalletClientOptions { AllowLoopbackHttp = true });

        var result = await client.ReceiveAsync(new CredentialReceiveRequest
        {
            OfferUri = peer.Offer,
            TxCode = peer.TxCode,
            HolderKeys = [new HolderBindingKey(new KeySigner(holderKey), holderKey.PublicKey)],
            Verifier = new CredentialVerifier(new CompositeDidResolver(new DidJwkResolver()),
                formatHandlers: [new SdJwtVcFormatHandler(null, null, new SdJwtVerifierOptions { RequireKeyBinding = false })]),
        });

        Assert.That(result.Succeeded, Is.True, string.Join("; ", result.Problems));
        Assert.That(result.Credentials, Has.Count.EqualTo(1));
        Assert.That(result.NotificationId, Is.Not.Null.And.Not.Empty);
        var credential = result.Credentials[0].Credential;
        Assert.That(SdJwtToken.TryParseCompact(credential, null, out var token, out _), Is.True);
        var payload = JsonNode.Parse(Jws.ReadCompact(token!.IssuerSignedJwt).Token!.Payload.Span)!;
        Assert.That(payload["iss"]!.GetValue<string>(), Is.EqualTo(peer.IssuerDid));
        Assert.That(Jwk.Parse(payload["cnf"]!["jwk"]!.ToJsonString()).TryGetPublicKey(out var bound), Is.True);
        Assert.That(bound, Is.EqualTo(holderKey.PublicKey));
    }

    [Test]
    public async Task OurWallet_PeerIssuerWrongTxCode_TokenRequestFailed()
    {
        await using var peer = await PeerOpenId4VciIssuer.StartAsync(new JsonObject { ["vct"] = Vct, ["claims"] = new JsonObject { ["age_over_18"] = true } });
        using var holderKey = PrivateKey.Generate(KeyType.Ed25519);
        using var http = new HttpClient();
        var wrong = peer.TxCode == "000000" ? "111111" : "000000";

        var result = await new OpenId4VciWalletClient(http, new OpenId4VciWalletClientOptions { AllowLoopbackHttp = true }).ReceiveAsync(new CredentialReceiveRequest
        {
            OfferUri = peer.Offer,
            TxCode = wrong,
            HolderKeys = [new HolderBindingKey(new KeySigner(holderKey), holderKey.PublicKey)],
            Verifier = new CredentialVerifier(new CompositeDidResolver(new DidJwkResolver())),
        });

        Assert.That(result.Succeeded, Is.False);
        Assert.That(result.Problems[0].Code, Is.EqualTo(OpenId4VcProblemCodes.TokenRequestFailed));
    }

    private static Task<LoopbackWebHost> StartIssuerAsync(PrivateKey issuerKey, string directory) => LoopbackWebHost.StartAsync(
        (builder, baseUrl) =>
        {
            builder.Services.AddOpenId4VcSqliteStateStore(Path.Combine(directory, "issuer-state.db"));
            builder.Services.AddSingleton<ICredentialClaimsProvider, KycClaims>();
            builder.Services.AddSingleton<IOpenId4VciNotificationHandler, IgnoredNotifications>();
            builder.Services.AddKeyedSingleton<ISigner>(OpenId4VciServiceCollectionExtensions.IssuerSignerKey, new KeySigner(issuerKey, DidKey.GetVerificationMethodId(issuerKey.PublicKey)));
            builder.Services.AddOpenId4VciIssuer(o =>
            {
                o.CredentialIssuer = $"{baseUrl}/oid4vci";
                o.IssuerDid = DidKey.Create(issuerKey.PublicKey);
                o.AllowLoopbackHttp = true;
                o.CredentialConfigurations = [new CredentialConfiguration { Id = "Kyc", Format = CredentialConfiguration.SdJwtVcFormat, Vct = Vct, DisclosableClaims = ["/given_name", "/age_over_18"] }];
            });
        },
        (app, _) => app.MapOpenId4VciIssuer("/oid4vci"));

    // With a handler the issuer has a notification endpoint and so returns a notification_id (OpenID4VCI 1.0 §8.3).
    private sealed class IgnoredNotifications : IOpenId4VciNotificationHandler
    {
        public Task OnNotificationAsync(OpenId4VciNotification notification, CancellationToken cancellationToken = default) => Task.CompletedTask;
    }

        private sealed class KycClaims : ICredentialClaimsProvider
    {
        public Task<CredentialClaims?> GetClaimsAsync(CredentialClaimsRequest request, CancellationToken cancellationToken = default) =>
            Task.FromResult<CredentialClaims?>(new CredentialClaims(new JsonObject { ["given_name"] = "Ji-woo", ["age_over_18"] = true }));
    }
}
