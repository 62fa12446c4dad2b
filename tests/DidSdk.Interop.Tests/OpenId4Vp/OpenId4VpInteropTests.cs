using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using DidSdk.Core.Jose;
using DidSdk.Core.Methods;
using DidSdk.Core.Resolution;
using DidSdk.Credentials;
using DidSdk.Crypto;
using DidSdk.OpenId4Vc;
using DidSdk.SdJwt;
using DidSdk.Testing;
using DidSdk.Wallet;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DidSdk.Interop.Tests.OpenId4Vp;

/// <summary>
/// OpenID4VP 1.0 with DCQL against @openid4vc/openid4vp 0.4.6 (the library under Credo-ts), over real HTTP on loopback,
/// for a KYC SD-JWT VC (<c>dc+sd-jwt</c>) asked for age_over_18, nationality and kyc_level. Our wallet client answers a
/// request made by a verifier built with their library (tests/devchain/oid4vp-verifier.mjs), which validates the response
/// with the library and verifies the presentation with @sd-jwt/sd-jwt-vc (key binding, nonce, audience) and dcql; and a
/// wallet built with their library, dcql and @sd-jwt/sd-jwt-vc (tests/devchain/oid4vp-wallet.mjs) answers a request of
/// our verifier hosted by Kestrel. Both Client Identifier Prefixes both sides support are exercised: <c>redirect_uri</c>
/// (unsigned, by value) and <c>decentralized_identifier</c> (a Request Object signed by the verifier's did:jwk, by reference).
/// </summary>
[Category("Interop")]
public sealed class OpenId4VpInteropTests
{
    private const string WalletScript = "oid4vp-wallet.mjs";
    private const string Vct = "https://kyc.consortium.example/credentials/kyc/v1";
    private static readonly string[] QueriedClaims = ["age_over_18", "nationality", "kyc_level"];
    private static readonly IDidResolver Resolver = new CompositeDidResolver(new DidKeyResolver(), new DidJwkResolver());

    private string _directory = "";
    private PrivateKey _issuerKey = null!;

    [SetUp]
    public void SetUp()
    {
        _directory = Directory.CreateTempSubdirectory("didsdk-oid4vp-interop-").FullName;
        _issuerKey = PrivateKey.Generate(KeyType.Ed25519);
    }

    [TearDown]
    public void TearDown()
    {
        _issuerKey.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [TestCase(OpenId4VpClientIdPrefix.RedirectUri, false, TestName = "OurWallet_PeerVerifier_RedirectUriUnsignedByValue_ResponseAccepted")]
    [TestCase(OpenId4VpClientIdPrefix.DecentralizedIdentifier, true, TestName = "OurWallet_PeerVerifier_DecentralizedIdentifierSignedByReference_ResponseAccepted")]
    public async Task OurWallet_PeerVerifier_ResponseAccepted(string prefix, bool requestSigned)
    {
        await using var wallet = await CreateWalletWithCredentialAsync();
        await using var peer = await PeerOpenId4VpVerifier.StartAsync(PeerRequest(prefix));
        using var http = new HttpClient();
        var client = new OpenId4VpWalletClient(http, Resolver, new OpenId4VpWalletClientOptions { AllowLoopbackHttp = true });

        var (request, problem) = await client.ResolveRequestAsync(peer.AuthorizationRequest);
        Assert.That(problem, Is.Null, problem?.ToString());
        Assert.That(request!.SignatureVerified, Is.EqualTo(requestSigned));
        Assert.That(request.Request.ClientId, Is.EqualTo(peer.ClientId));
        Assert.That(request.Request.Nonce, Is.EqualTo(peer.Nonce));
        OpenId4VpConsent? shown = null;
        var response = await client.RespondAsync(request, wallet, (consent, _) =>
        {
            shown = consent;
            return ValueTask.FromResult(true);
        });

        // Unless the peer refused what was posted, nothing was posted and the peer has no verdict to read.
        Assert.That(response.Succeeded || response.Problems[0].Code == OpenId4VpProblemCodes.ResponseRefused, string.Join("; ", response.Problems));
        var outcome = await peer.ReadOutcomeAsync();
        Assert.That(outcome["accepted"]!.GetValue<bool>(), Is.True, outcome["error"]?.GetValue<string>());
        Assert.That(response.Succeeded, Is.True, string.Join("; ", response.Problems));
        var claims = outcome["claims"]!;
        Assert.That(claims["age_over_18"]!.GetValue<bool>(), Is.True);
        Assert.That(claims["nationality"]!.GetValue<string>(), Is.EqualTo("KR"));
        Assert.That(claims["kyc_level"]!.GetValue<string>(), Is.EqualTo("enhanced"));
        Assert.That(claims["given_name"], Is.Null, "a claim the query did not ask for was disclosed");
        Assert.That(outcome["kb"]!["aud"]!.GetValue<string>(), Is.EqualTo(peer.ClientId));
        Assert.That(outcome["kb"]!["nonce"]!.GetValue<string>(), Is.EqualTo(peer.Nonce));
        Assert.That(shown!.Disclosures["kyc"].Claims["given_name"], Is.Null);
        Assert.That(shown.Disclosures["kyc"].Claims["kyc_level"]!.GetValue<string>(), Is.EqualTo("enhanced"));
    }

    [Test]
    public async Task OurWallet_PeerVerifier_DirectPostJwtEncryptedResponse_Accepted()
    {
        await using var wallet = await CreateWalletWithCredentialAsync();
        var peerRequest = PeerRequest(OpenId4VpClientIdPrefix.DecentralizedIdentifier);
        peerRequest["responseMode"] = OpenId4VpAuthorizationRequest.DirectPostJwt;
        await using var peer = await PeerOpenId4VpVerifier.StartAsync(peerRequest);
        using var http = new HttpClient();
        var client = new OpenId4VpWalletClient(http, Resolver, new OpenId4VpWalletClientOptions { AllowLoopbackHttp = true });
        var (request, problem) = await client.ResolveRequestAsync(peer.AuthorizationRequest);
        Assert.That(problem, Is.Null, problem?.ToString());

        var response = await client.RespondAsync(request!, wallet, (_, _) => ValueTask.FromResult(true));

        // Unless the peer refused what was posted, nothing was posted and the peer has no verdict to read.
        Assert.That(response.Succeeded || response.Problems[0].Code == OpenId4VpProblemCodes.ResponseRefused, string.Join("; ", response.Problems));
        var outcome = await peer.ReadOutcomeAsync();
        Assert.That(outcome["accepted"]!.GetValue<bool>(), Is.True, outcome["error"]?.GetValue<string>());
        Assert.That(response.Succeeded, Is.True, string.Join("; ", response.Problems));
        Assert.That(outcome["encrypted"]!.GetValue<bool>(), Is.True);
        Assert.That(outcome["enc"]!.GetValue<string>(), Is.EqualTo("A256GCM"), "the enc the verifier listed");
        Assert.That(outcome["claims"]!["kyc_level"]!.GetValue<string>(), Is.EqualTo("enhanced"));
        Assert.That(outcome["kb"]!["nonce"]!.GetValue<string>(), Is.EqualTo(peer.Nonce));
    }

    [Test]
    public async Task OurWalletPresentation_PeerVerifier_WrongNonceRefused()
    {
        await using var wallet = await CreateWalletWithCredentialAsync();
        await using var peer = await PeerOpenId4VpVerifier.StartAsync(PeerRequest(OpenId4VpClientIdPrefix.RedirectUri));
        var query = await wallet.QueryAsync(Query().ToJsonString());
        Assert.That(query.Succeeded, Is.True);
        var vpToken = await wallet.PresentAsync(query, peer.ClientId, "not-the-request-nonce");
        using var http = new HttpClient();

        using var answer = await http.PostAsync(peer.ResponseUri, new FormUrlEncodedContent([new("vp_token", vpToken.ToJsonString()), new("state", peer.State)]));

        Assert.That(answer.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var outcome = await peer.ReadOutcomeAsync();
        Assert.That(outcome["accepted"]!.GetValue<bool>(), Is.False);
        Assert.That(outcome["error"]!.GetValue<string>(), Does.Contain("nonce").IgnoreCase);
    }

    [Test]
    public async Task OurWallet_PeerVerifierRequestObjectNotSignedByItsDid_RefusedBeforeAnythingIsSent()
    {
        await using var wallet = await CreateWalletWithCredentialAsync();
        var peerRequest = PeerRequest(OpenId4VpClientIdPrefix.DecentralizedIdentifier);
        peerRequest["signWithOtherKey"] = true;
        await using var peer = await PeerOpenId4VpVerifier.StartAsync(peerRequest);
        using var http = new HttpClient();

        var (request, problem) = await new OpenId4VpWalletClient(http, Resolver, new OpenId4VpWalletClientOptions { AllowLoopbackHttp = true }).ResolveRequestAsync(peer.AuthorizationRequest);

        Assert.That(request, Is.Null);
        Assert.That(problem!.Code, Is.EqualTo(OpenId4VpProblemCodes.RequestSignatureInvalid));
    }

    [TestCase(OpenId4VpClientIdPrefix.RedirectUri, KeyType.Ed25519, TestName = "PeerWallet_OurVerifier_RedirectUriUnsignedByValue_EdDSAKeyBinding_ResultHasDisclosedClaims")]
    [TestCase(OpenId4VpClientIdPrefix.DecentralizedIdentifier, KeyType.P256, TestName = "PeerWallet_OurVerifier_DecentralizedIdentifierSignedByReference_ES256KeyBinding_ResultHasDisclosedClaims")]
    public async Task PeerWallet_OurVerifier_ResultHasDisclosedClaims(string prefix, KeyType holderType)
    {
        using var holderKey = PrivateKey.Generate(holderType, PrivateKeyExportPolicy.AllowPlaintextExport); // the peer wallet signs with it
        using var verifierKey = PrivateKey.Generate(KeyType.Ed25519);
        await using var host = await OurVerifierHost.StartAsync(prefix, verifierKey, Path.Combine(_directory, "verifier-state.db"));
        var created = await host.Verifier.CreateRequestAsync(Query());

        var reply = await NodeScript.RunAsync(WalletScript, WalletRequest(created.WalletUri, await IssueAsync(holderKey.PublicKey), holderKey));

        Assert.That(reply["clientId"]!.GetValue<string>(), Is.EqualTo(host.Verifier.ClientId));
        Assert.That(reply["signed"]!.GetValue<bool>(), Is.EqualTo(prefix == OpenId4VpClientIdPrefix.DecentralizedIdentifier));
        Assert.That(reply["status"]!.GetValue<int>(), Is.EqualTo(200), reply["body"]?.GetValue<string>());
        var result = await host.Verifier.GetResultAsync(created.Id);
        Assert.That(result!.Succeeded, Is.True, string.Join("; ", result.Problems));
        var presented = result.Claims!["kyc"]!.AsArray();
        Assert.That(presented, Has.Count.EqualTo(1));
        Assert.That(presented[0]!["format"]!.GetValue<string>(), Is.EqualTo("dc+sd-jwt"));
        Assert.That(presented[0]!["issuer"]!.GetValue<string>(), Is.EqualTo(DidKey.Create(_issuerKey.PublicKey)));
        var claims = presented[0]!["claims"]!;
        Assert.That(claims["age_over_18"]!.GetValue<bool>(), Is.True);
        Assert.That(claims["nationality"]!.GetValue<string>(), Is.EqualTo("KR"));
        Assert.That(claims["kyc_level"]!.GetValue<string>(), Is.EqualTo("enhanced"));
        Assert.That(claims["given_name"], Is.Null);
    }

    [Test]
    public async Task PeerWallet_OurVerifier_DirectPostJwtEncryptedResponse_ResultHasDisclosedClaims()
    {
        using var holderKey = PrivateKey.Generate(KeyType.P256, PrivateKeyExportPolicy.AllowPlaintextExport);
        using var verifierKey = PrivateKey.Generate(KeyType.Ed25519);
        await using var host = await OurVerifierHost.StartAsync(OpenId4VpClientIdPrefix.DecentralizedIdentifier, verifierKey, Path.Combine(_directory, "verifier-state.db"), OpenId4VpAuthorizationRequest.DirectPostJwt);
        var created = await host.Verifier.CreateRequestAsync(Query());

        var reply = await NodeScript.RunAsync(WalletScript, WalletRequest(created.WalletUri, await IssueAsync(holderKey.PublicKey), holderKey));

        Assert.That(reply["responseMode"]!.GetValue<string>(), Is.EqualTo("direct_post.jwt"));
        Assert.That(reply["encryptedTo"]!.GetValue<string>(), Is.EqualTo(created.Id), "the JWE names the request's key");
        Assert.That(reply["status"]!.GetValue<int>(), Is.EqualTo(200), reply["body"]?.GetValue<string>());
        var result = await host.Verifier.GetResultAsync(created.Id);
        Assert.That(result!.Succeeded, Is.True, string.Join("; ", result.Problems));
        var claims = result.Claims!["kyc"]![0]!["claims"]!;
        Assert.That(claims["age_over_18"]!.GetValue<bool>(), Is.True);
        Assert.That(claims["nationality"]!.GetValue<string>(), Is.EqualTo("KR"));
        Assert.That(claims["given_name"], Is.Null);
    }

    [TestCase("nonceOverride", SdJwtProblemCodes.KeyBindingWrongNonce, TestName = "PeerWallet_OurVerifier_KeyBindingWithWrongNonce_Refused")]
    [TestCase("audienceOverride", SdJwtProblemCodes.KeyBindingWrongAudience, TestName = "PeerWallet_OurVerifier_KeyBindingWithWrongAudience_Refused")]
    public async Task PeerWallet_OurVerifier_WrongKeyBindingRefused(string overrideName, string expectedCause)
    {
        using var holderKey = PrivateKey.Generate(KeyType.Ed25519, PrivateKeyExportPolicy.AllowPlaintextExport);
        using var verifierKey = PrivateKey.Generate(KeyType.Ed25519);
        await using var host = await OurVerifierHost.StartAsync(OpenId4VpClientIdPrefix.DecentralizedIdentifier, verifierKey, Path.Combine(_directory, "verifier-state.db"));
        var created = await host.Verifier.CreateRequestAsync(Query());
        var request = WalletRequest(created.WalletUri, await IssueAsync(holderKey.PublicKey), holderKey);
        request[overrideName] = overrideName == "nonceOverride" ? "not-the-request-nonce" : "decentralized_identifier:did:example:another-verifier";

        var reply = await NodeScript.RunAsync(WalletScript, request);

        Assert.That(reply["status"]!.GetValue<int>(), Is.EqualTo(400));
        Assert.That(JsonNode.Parse(reply["body"]!.GetValue<string>())!["error"]!.GetValue<string>(), Is.EqualTo("invalid_request"));
        var result = await host.Verifier.GetResultAsync(created.Id);
        Assert.That(result!.Status, Is.EqualTo(OpenId4VpSessionResult.Rejected));
        Assert.That(result.Claims, Is.Null);
        Assert.That(result.Problems[0].Code, Is.EqualTo(OpenId4VpProblemCodes.PresentationNotVerified));
        Assert.That(result.Problems[0].Cause?.Code, Is.EqualTo(expectedCause), result.Problems[0].ToString());
    }

    private static JsonObject Query() => new()
    {
        ["credentials"] = new JsonArray(new JsonObject
        {
            ["id"] = "kyc",
            ["format"] = "dc+sd-jwt",
            ["meta"] = new JsonObject { ["vct_values"] = new JsonArray(Vct) },
            ["claims"] = new JsonArray([.. QueriedClaims.Select(c => (JsonNode?)new JsonObject { ["path"] = new JsonArray(c) })]),
        }),
    };

    private JsonObject PeerRequest(string prefix) => new()
    {
        ["clientIdPrefix"] = prefix,
        ["issuerPublicJwk"] = JsonNode.Parse(Jwk.FromPublicKey(_issuerKey.PublicKey).ToJson()),
        ["vct"] = Vct,
        ["claims"] = new JsonArray([.. QueriedClaims.Select(c => (JsonNode?)c)]),
    };

    private static JsonObject WalletRequest(string authorizationRequest, string credential, PrivateKey holderKey) => new()
    {
        ["authorizationRequest"] = authorizationRequest,
        ["credential"] = credential,
        ["holderPrivateJwk"] = JsonNode.Parse(Jwk.FromPrivateKey(holderKey).ToJson()),
    };

    /// <summary>A KYC SD-JWT VC from our issuer (did:key), every claim selectively disclosable, bound to <paramref name="holder"/>.</summary>
    private async Task<string> IssueAsync(PublicKeyMaterial holder)
    {
        var token = await new SdJwtVcIssuer(new KeySigner(_issuerKey, DidKey.GetVerificationMethodId(_issuerKey.PublicKey))).IssueAsync(new SdJwtVcIssuanceRequest
        {
            Issuer = DidKey.Create(_issuerKey.PublicKey),
            Vct = Vct,
            Claims = new JsonObject
            {
                ["given_name"] = "Ji-woo",
                ["family_name"] = "Kim",
                ["nationality"] = "KR",
                ["kyc_level"] = "enhanced",
                ["age_over_18"] = true,
            },
            Disclosable = ["/given_name", "/family_name", "/nationality", "/kyc_level", "/age_over_18"],
            HolderPublicKey = holder,
            ExpiresAt = DateTimeOffset.UtcNow.AddYears(1),
        });
        return token.ToCompact();
    }

    private async Task<Wallet.Wallet> CreateWalletWithCredentialAsync()
    {
        var wallet = await Wallet.Wallet.CreateAsync(Path.Combine(_directory, "wallet.db"), "correct horse battery staple".AsMemory(),
            new WalletOptions { Argon2MemoryKiB = WalletOptions.MinimumArgon2MemoryKiB, Argon2Iterations = WalletOptions.MinimumArgon2Iterations });
        var holder = await wallet.GenerateKeyAsync(KeyType.Ed25519);
        var imported = await wallet.ImportCredentialAsync(await IssueAsync(holder.PublicKey), new CredentialVerifier(Resolver, new CredentialVerifierOptions { AllowUncheckedStatus = true },
            formatHandlers: [new SdJwtVcFormatHandler(null, null, new SdJwtVerifierOptions { RequireKeyBinding = false, AllowUncheckedStatus = true })]));
        Assert.That(imported.Succeeded, Is.True, string.Join("; ", imported.Problems));
        return wallet;
    }

    /// <summary>
    /// Our <see cref="OpenId4VpVerifier"/> behind Kestrel on 127.0.0.1 and a port the system picks. The verifier's URLs
    /// need that port, so it is built once the server is listening and the routes call it then.
    /// </summary>
    private sealed class OurVerifierHost : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private OpenId4VpVerifier? _verifier;

        private OurVerifierHost(WebApplication app) => _app = app;

        public OpenId4VpVerifier Verifier => _verifier ?? throw new InvalidOperationException("The verifier is not started.");

        public static async Task<OurVerifierHost> StartAsync(string prefix, PrivateKey verifierKey, string statePath, string responseMode = OpenId4VpAuthorizationRequest.DirectPost)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
            builder.Logging.ClearProviders();
            var app = builder.Build();
            var host = new OurVerifierHost(app);
            app.MapGet("/oid4vp/request/{id}", async context =>
            {
                var result = await host.Verifier.GetRequestObjectAsync(context.Request.RouteValues["id"] as string ?? "", context.RequestAborted);
                await WriteAsync(context, result);
            });
            app.MapPost("/oid4vp/response", async context =>
            {
                var form = await context.Request.ReadFormAsync(context.RequestAborted);
                var result = await host.Verifier.HandleResponseAsync(form.ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.Ordinal), context.RequestAborted);
                await WriteAsync(context, result);
            });
            await app.StartAsync();
            var origin = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single().TrimEnd('/');
            var verifierDid = DidJwk.Create(verifierKey.PublicKey);
            host._verifier = new OpenId4VpVerifier(
                new OpenId4VpVerifierOptions
                {
                    ClientIdPrefix = prefix,
                    VerifierDid = verifierDid,
                    ResponseUri = origin + "/oid4vp/response",
                    RequestUriBase = origin + "/oid4vp/request",
                    AllowLoopbackHttp = true,
                    ResponseMode = responseMode,
                },
                new SqliteOpenId4VcStateStore(statePath),
                new SdJwtVcVerifier(new SdJwtVerifierOptions { AllowUncheckedStatus = true }, Resolver),
                requestSigner: new KeySigner(verifierKey, verifierDid + "#0"));
            return host;
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        private static async Task WriteAsync(HttpContext context, OpenId4VpEndpointResult result)
        {
            context.Response.StatusCode = result.StatusCode;
            context.Response.ContentType = result.ContentType;
            context.Response.Headers.CacheControl = "no-store";
            await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(result.Body), context.RequestAborted);
        }
    }
}
