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
/// OID4VCI 1.0 Authorization Code Flow with PKCE, their wallet client against our issuer: @openid4vc/openid4vci 0.4.6
/// and @openid4vc/oauth2 0.4.6 (the library under Credo-ts, tests/devchain/oid4vci-wallet-authcode.mjs) resolve an
/// offer with an <c>authorization_code</c> grant and <c>issuer_state</c>, push the authorization request (PAR, because
/// our metadata names the endpoint) with an S256 <c>code_challenge</c> and the configuration's <c>scope</c>, follow our
/// <c>/authorize</c> up to the redirect back to the wallet, redeem the <c>code</c> with the <c>code_verifier</c> and get
/// a credential with a jwt proof, over real HTTP on loopback. The bank's login is an
/// <see cref="IOpenId4VciAuthorizationHandler"/> that authorizes a fixed customer. Negatives: a wrong
/// <c>code_verifier</c>, a replayed code, a <c>redirect_uri</c> at the token endpoint that differs from the authorization
/// request's, and an unregistered <c>redirect_uri</c>.
/// <para>
/// Their client asks by <c>scope</c> (as Credo does). It has no option for <c>authorization_details</c> (they go through
/// <c>additionalRequestPayload</c>), and 0.4.6's <c>Openid4vciClient.retrieveCredentials</c> always sends
/// <c>credential_configuration_id</c>: it cannot send the <c>credential_identifier</c> that OpenID4VCI 1.0 §8.2 requires
/// once the Token Response returned <c>authorization_details</c> with <c>credential_identifiers</c> (what our issuer does
/// for a request with <c>authorization_details</c>). That path is tested with the Credential Request sent through their
/// <c>Oauth2Client.resourceRequest</c>, and the refusal of their client's request is a test of its own.
/// </para>
/// The other direction (our wallet client against an authorization server built with their library) is in
/// <see cref="OpenId4VciAuthorizationCodePeerIssuerTests"/>.
/// </summary>
[Category("Interop")]
public sealed class OpenId4VciAuthorizationCodeInteropTests
{
    private const string Script = "oid4vci-wallet-authcode.mjs";
    private const string Vct = "https://kyc.consortium.example/credentials/kyc/v1";
    private const string ClientId = "credo-interop-wallet";
    private const string RedirectUri = "https://wallet.example/oid4vci/callback";
    private const string OtherRegisteredRedirectUri = "https://wallet.example/oid4vci/other";
    private const string KycScope = "kyc_credential";
    private const string Customer = "customer-42";

    private string _directory = "";

    [SetUp]
    public void SetUp() => _directory = Directory.CreateTempSubdirectory("didsdk-oid4vci-authcode-interop-").FullName;

    [TearDown]
    public void TearDown()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [TestCase("EdDSA", KeyType.Ed25519, TestName = "PeerWallet_OurIssuerAuthorizationCodePkcePar_EdDSAProof_CredentialVerifiesAndIsBound")]
    [TestCase("ES256", KeyType.P256, TestName = "PeerWallet_OurIssuerAuthorizationCodePkcePar_ES256Proof_CredentialVerifiesAndIsBound")]
    public async Task PeerWallet_OurIssuerAuthorizationCode_CredentialVerifiesAndIsBound(string alg, KeyType holderType)
    {
        using var issuerKey = PrivateKey.Generate(KeyType.Ed25519);
        var login = new FixedCustomerLogin();
        await using var app = await StartIssuerAsync(issuerKey, login, _directory);
        var issuer = app.Services.GetRequiredService<OpenId4VciIssuer>();
        var offer = await CreateOfferAsync(issuer);

        var reply = await NodeScript.RunAsync(Script, Request(offer, alg));

        Assert.That(reply["failedAt"], Is.Null, reply.ToJsonString());
        Assert.That(reply["credentialIssuer"]!.GetValue<string>(), Is.EqualTo(issuer.Options.CredentialIssuer));

        // Their client pushed the request (RFC 9126): only client_id and request_uri went by the user agent.
        Assert.That(reply["pushed"]!.GetValue<bool>(), Is.True);
        var authorizationUrl = new Uri(reply["authorizationRequestUrl"]!.GetValue<string>());
        Assert.That(authorizationUrl.GetLeftPart(UriPartial.Path), Is.EqualTo(issuer.Options.CredentialIssuer + "/authorize"));
        Assert.That(FormUrlEncoded.TryParse(authorizationUrl.Query.TrimStart('?'), out var query), Is.True);
        Assert.That(query!.Keys, Is.EquivalentTo(new[] { "client_id", "request_uri" }));

        // Our /authorize sent the code to the registered redirect URI with iss (RFC 9207); the login saw the offer's customer.
        var location = reply["redirectLocation"]!.GetValue<string>();
        Assert.That(location, Does.StartWith(RedirectUri + "?"));
        Assert.That(FormUrlEncoded.TryParse(location[(RedirectUri.Length + 1)..], out var response), Is.True);
        Assert.That(response!["iss"], Is.EqualTo(issuer.Options.CredentialIssuer));
        Assert.That(response, Does.ContainKey("code"));
        Assert.That(login.Requests, Has.Count.EqualTo(1));
        Assert.That(login.Requests[0].ClientId, Is.EqualTo(ClientId));
        Assert.That(login.Requests[0].OfferSubject, Is.EqualTo(Customer));
        Assert.That(login.Requests[0].CredentialConfigurationIds, Is.EqualTo(new[] { "Kyc" }));

        Assert.That(reply["tokenAuthorizationDetails"], Is.Null); // asked by scope: no credential identifiers
        await AssertCredentialVerifiesAndIsBoundAsync(reply, holderType);
    }

    [Test]
    public async Task PeerWallet_AuthorizationDetailsAndCredentialIdentifier_CredentialVerifiesAndIsBound()
    {
        using var issuerKey = PrivateKey.Generate(KeyType.Ed25519);
        var login = new FixedCustomerLogin();
        await using var app = await StartIssuerAsync(issuerKey, login, _directory);
        var offer = await CreateOfferAsync(app.Services.GetRequiredService<OpenId4VciIssuer>());
        var request = Request(offer, "ES256");
        request.Remove("scope");
        request["authorizationDetails"] = true;
        request["credentialIdentifier"] = true;

        var reply = await NodeScript.RunAsync(Script, request);

        Assert.That(reply["failedAt"], Is.Null, reply.ToJsonString());
        Assert.That(reply["pushed"]!.GetValue<bool>(), Is.True);
        Assert.That(login.Requests.Single().CredentialConfigurationIds, Is.EqualTo(new[] { "Kyc" }));

        // OpenID4VCI 1.0 §6.2: the Token Response names the identifiers their client's schema accepted.
        var details = reply["tokenAuthorizationDetails"]!.AsArray();
        Assert.That(details, Has.Count.EqualTo(1));
        Assert.That(details[0]!["type"]!.GetValue<string>(), Is.EqualTo("openid_credential"));
        Assert.That(details[0]!["credential_configuration_id"]!.GetValue<string>(), Is.EqualTo("Kyc"));
        Assert.That(details[0]!["credential_identifiers"]!.AsArray(), Has.Count.EqualTo(1));
        await AssertCredentialVerifiesAndIsBoundAsync(reply, KeyType.P256);
    }

    // Their Openid4vciClient.retrieveCredentials (0.4.6) always sends credential_configuration_id; after a Token Response
    // with credential_identifiers OpenID4VCI 1.0 §8.2 forbids that, and our issuer says so.
    [Test]
    public async Task PeerWallet_AuthorizationDetailsThenCredentialConfigurationId_InvalidCredentialRequest()
    {
        using var issuerKey = PrivateKey.Generate(KeyType.Ed25519);
        await using var app = await StartIssuerAsync(issuerKey, new FixedCustomerLogin(), _directory);
        var offer = await CreateOfferAsync(app.Services.GetRequiredService<OpenId4VciIssuer>());
        var request = Request(offer, "EdDSA");
        request.Remove("scope");
        request["authorizationDetails"] = true;

        var reply = await NodeScript.RunAsync(Script, request);

        Assert.That(reply["failedAt"]?.GetValue<string>(), Is.EqualTo("credential"), reply.ToJsonString());
        Assert.That(reply["status"]!.GetValue<int>(), Is.EqualTo(400));
        Assert.That(reply["error"]!.GetValue<string>(), Is.EqualTo(OpenId4VciErrorCodes.InvalidCredentialRequest));
    }

    [Test]
    public async Task PeerWallet_WrongCodeVerifier_InvalidGrantFromOurTokenEndpoint()
    {
        using var issuerKey = PrivateKey.Generate(KeyType.Ed25519);
        await using var app = await StartIssuerAsync(issuerKey, new FixedCustomerLogin(), _directory);
        var offer = await CreateOfferAsync(app.Services.GetRequiredService<OpenId4VciIssuer>());
        var request = Request(offer, "EdDSA");
        request["wrongCodeVerifier"] = true;

        var reply = await NodeScript.RunAsync(Script, request);

        Assert.That(reply["failedAt"]?.GetValue<string>(), Is.EqualTo("token"), reply.ToJsonString());
        Assert.That(reply["status"]!.GetValue<int>(), Is.EqualTo(400));
        Assert.That(reply["error"]!.GetValue<string>(), Is.EqualTo(OpenId4VciErrorCodes.InvalidGrant));
    }

    [Test]
    public async Task PeerWallet_ReplayedCode_InvalidGrantAndTheFirstAccessTokenIsRevoked()
    {
        using var issuerKey = PrivateKey.Generate(KeyType.Ed25519);
        await using var app = await StartIssuerAsync(issuerKey, new FixedCustomerLogin(), _directory);
        var offer = await CreateOfferAsync(app.Services.GetRequiredService<OpenId4VciIssuer>());
        var request = Request(offer, "EdDSA");
        request["replayCode"] = true;

        var reply = await NodeScript.RunAsync(Script, request);

        Assert.That(reply["replay"]?["error"]?.GetValue<string>(), Is.EqualTo(OpenId4VciErrorCodes.InvalidGrant), reply.ToJsonString());
        Assert.That(reply["replay"]!["status"]!.GetValue<int>(), Is.EqualTo(400));

        // RFC 6749 §4.1.2: the token issued for the replayed code no longer opens the credential endpoint.
        Assert.That(reply["afterReplay"]!["status"]!.GetValue<int>(), Is.EqualTo(401), reply.ToJsonString());
        Assert.That(reply["afterReplay"]!["error"]!.GetValue<string>(), Is.EqualTo(OpenId4VciErrorCodes.InvalidToken));
    }

    [Test]
    public async Task PeerWallet_TokenRedirectUriDiffersFromAuthorizationRequest_InvalidGrant()
    {
        using var issuerKey = PrivateKey.Generate(KeyType.Ed25519);
        await using var app = await StartIssuerAsync(issuerKey, new FixedCustomerLogin(), _directory);
        var offer = await CreateOfferAsync(app.Services.GetRequiredService<OpenId4VciIssuer>());
        var request = Request(offer, "EdDSA");
        request["tokenRedirectUri"] = OtherRegisteredRedirectUri; // registered for the client, but not the one the code was sent to

        var reply = await NodeScript.RunAsync(Script, request);

        Assert.That(reply["failedAt"]?.GetValue<string>(), Is.EqualTo("token"), reply.ToJsonString());
        Assert.That(reply["error"]!.GetValue<string>(), Is.EqualTo(OpenId4VciErrorCodes.InvalidGrant));
    }

    [Test]
    public async Task PeerWallet_UnregisteredRedirectUri_RefusedAtOurParEndpointAndNeverRedirected()
    {
        using var issuerKey = PrivateKey.Generate(KeyType.Ed25519);
        var login = new FixedCustomerLogin();
        await using var app = await StartIssuerAsync(issuerKey, login, _directory);
        var offer = await CreateOfferAsync(app.Services.GetRequiredService<OpenId4VciIssuer>());
        var request = Request(offer, "EdDSA");
        request["redirectUri"] = "https://attacker.example/callback";

        var reply = await NodeScript.RunAsync(Script, request);

        Assert.That(reply["failedAt"]?.GetValue<string>(), Is.EqualTo("authorize"), reply.ToJsonString());
        Assert.That(reply["status"]!.GetValue<int>(), Is.EqualTo(400));
        Assert.That(reply["error"]!.GetValue<string>(), Is.EqualTo(OpenId4VciErrorCodes.InvalidRequest));
        Assert.That(login.Requests, Is.Empty);
    }

    private static async Task AssertCredentialVerifiesAndIsBoundAsync(JsonNode reply, KeyType holderType)
    {
        var credentials = reply["credentials"]!.AsArray();
        Assert.That(credentials, Has.Count.EqualTo(1));
        var verifier = new CredentialVerifier(new CompositeDidResolver(new DidKeyResolver()),
            formatHandlers: [new SdJwtVcFormatHandler(null, null, new SdJwtVerifierOptions { RequireKeyBinding = false })]);
        var result = await verifier.VerifyAsync(credentials[0]!.GetValue<string>());
        Assert.That(result.Succeeded, Is.True, string.Join("; ", result.Problems));
        Assert.That(result.Claims!["vct"]!.GetValue<string>(), Is.EqualTo(Vct));
        Assert.That(result.Claims["given_name"]!.GetValue<string>(), Is.EqualTo("Ji-woo"));

        // Bound to the key the peer proved.
        Assert.That(Jwk.Parse(result.Claims["cnf"]!["jwk"]!.ToJsonString()).TryGetPublicKey(out var bound), Is.True);
        Assert.That(Jwk.Parse(reply["holderPublicJwk"]!.ToJsonString()).TryGetPublicKey(out var holder), Is.True);
        Assert.That(bound, Is.EqualTo(holder));
        Assert.That(holder!.KeyType, Is.EqualTo(holderType));
    }

    private static JsonObject Request(CredentialOfferResult offer, string alg) => new()
    {
        ["offer"] = offer.ReferenceUri,
        ["alg"] = alg,
        ["clientId"] = ClientId,
        ["redirectUri"] = RedirectUri,
        ["scope"] = KycScope,
    };

    private static Task<CredentialOfferResult> CreateOfferAsync(OpenId4VciIssuer issuer) => issuer.CreateOfferAsync(new CredentialOfferRequest
    {
        Subject = Customer,
        CredentialConfigurationIds = ["Kyc"],
        Grants = CredentialOfferGrants.AuthorizationCode,
        RequireTxCode = false,
    });

    private static Task<LoopbackWebHost> StartIssuerAsync(PrivateKey issuerKey, FixedCustomerLogin login, string directory) => LoopbackWebHost.StartAsync(
        (builder, baseUrl) =>
        {
            builder.Services.AddOpenId4VcSqliteStateStore(Path.Combine(directory, "issuer-state.db"));
            builder.Services.AddSingleton<ICredentialClaimsProvider, KycClaims>();
            builder.Services.AddSingleton<IOpenId4VciAuthorizationHandler>(login);
            builder.Services.AddKeyedSingleton<ISigner>(OpenId4VciServiceCollectionExtensions.IssuerSignerKey, new KeySigner(issuerKey, DidKey.GetVerificationMethodId(issuerKey.PublicKey)));
            builder.Services.AddOpenId4VciIssuer(o =>
            {
                o.CredentialIssuer = $"{baseUrl}/oid4vci";
                o.IssuerDid = DidKey.Create(issuerKey.PublicKey);
                o.AllowLoopbackHttp = true;
                o.AuthorizationClients = [new OpenId4VciClientRegistration { ClientId = ClientId, RedirectUris = [RedirectUri, OtherRegisteredRedirectUri] }];
                o.CredentialConfigurations =
                [
                    new CredentialConfiguration { Id = "Kyc", Format = CredentialConfiguration.SdJwtVcFormat, Vct = Vct, Scope = KycScope, DisclosableClaims = ["/given_name", "/age_over_18"] },
                ];
            });
        },
        (app, _) => app.MapOpenId4VciIssuer("/oid4vci"));

    // The bank's login stand-in: the customer is already authenticated and consents; it records what it was asked.
    private sealed class FixedCustomerLogin : IOpenId4VciAuthorizationHandler
    {
        public List<OpenId4VciAuthorizationRequest> Requests { get; } = [];

        public Task<OpenId4VciAuthorizationDecision> AuthorizeAsync(OpenId4VciAuthorizationRequest request, CancellationToken cancellationToken = default)
        {
            lock (Requests)
            {
                Requests.Add(request);
            }

            return Task.FromResult(OpenId4VciAuthorizationDecision.Authorize(Customer));
        }
    }

    private sealed class KycClaims : ICredentialClaimsProvider
    {
        public Task<CredentialClaims?> GetClaimsAsync(CredentialClaimsRequest request, CancellationToken cancellationToken = default) =>
            Task.FromResult<CredentialClaims?>(request.Subject == Customer
                ? new CredentialClaims(new JsonObject { ["given_name"] = "Ji-woo", ["age_over_18"] = true })
                : null);
    }
}
