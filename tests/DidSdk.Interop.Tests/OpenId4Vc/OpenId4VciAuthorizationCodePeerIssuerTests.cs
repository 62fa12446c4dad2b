using System.Buffers.Text;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using DidSdk.Core.Jose;
using DidSdk.Core.Methods;
using DidSdk.Core.Resolution;
using DidSdk.Credentials;
using DidSdk.Crypto;
using DidSdk.OpenId4Vc;
using DidSdk.SdJwt;

namespace DidSdk.Interop.Tests.OpenId4Vc;

/// <summary>
/// OID4VCI 1.0 Authorization Code Flow with PKCE, our wallet client against an issuer and authorization server built
/// with @openid4vc/oauth2 0.4.6 and @openid4vc/openid4vci 0.4.6 (tests/devchain/oid4vci-issuer.mjs with
/// <c>"grant": "authorization_code"</c>), over real HTTP on loopback: the offer's <c>issuer_state</c>, a required pushed
/// authorization request with <c>authorization_details</c> and an S256 <c>code_challenge</c>, the redirect back with
/// <c>code</c>, <c>state</c> and <c>iss</c>, the code redeemed with the <c>code_verifier</c>, and the
/// <c>credential_identifier</c> from the Token Response in the Credential Request.
/// <para>
/// What their library gives the server side in 0.4.6: PAR parsing and verification
/// (<c>parsePushedAuthorizationRequest</c>, <c>verifyPushedAuthorizationRequest</c>, <c>createPushedAuthorizationResponse</c>),
/// the token endpoint's <c>verifyAuthorizationCodeAccessTokenRequest</c> (code equality, expiry, PKCE) and
/// <c>parsePushedAuthorizationRequestUriReferenceValue</c>. It has no authorization endpoint (the front channel, login
/// and the redirect with the code are the application's), and it does not check client registration, redirect URIs,
/// <c>issuer_state</c>, the <c>redirect_uri</c> at the token endpoint or that a code is used once: the peer script does
/// those itself, so the negatives below exercise their PKCE check and the script's single-use and redirect checks.
/// </para>
/// The negatives are attacks on our client: a code from another authorization request injected into the redirect (PKCE
/// verifier mismatch), a code replayed into a later flow, and a redirect URI the server never registered.
/// </summary>
[Category("Interop")]
public sealed class OpenId4VciAuthorizationCodePeerIssuerTests
{
    private const string Vct = "https://kyc.consortium.example/credentials/kyc/v1";
    private const string ClientId = "didsdk-interop-wallet";
    private const string RedirectUri = "https://wallet.example/oid4vci/callback";

    [TestCase(KeyType.Ed25519, TestName = "OurWallet_PeerAuthorizationServerPkcePar_Ed25519Key_CredentialVerifiedAgainstDidJwkAndBound")]
    [TestCase(KeyType.P256, TestName = "OurWallet_PeerAuthorizationServerPkcePar_P256Key_CredentialVerifiedAgainstDidJwkAndBound")]
    public async Task OurWallet_PeerAuthorizationServer_CredentialVerifiedAndBound(KeyType holderType)
    {
        await using var peer = await StartPeerAsync();
        using var holderKey = PrivateKey.Generate(holderType);
        using var http = new HttpClient();
        using var browser = new Browser();

        var result = await Client(http, RedirectUri).ReceiveAsync(Receive(peer, holderKey, browser.FollowAsync));

        Assert.That(result.Succeeded, Is.True, string.Join("; ", result.Problems));
        Assert.That(result.Credentials, Has.Count.EqualTo(1));

        // Pushed (the peer requires it): only client_id and request_uri went by the user agent.
        Assert.That(browser.Opened, Has.Count.EqualTo(1));
        Assert.That(browser.Opened[0].GetLeftPart(UriPartial.Path), Is.EqualTo(peer.CredentialIssuer + "/authorize"));
        Assert.That(FormUrlEncoded.TryParse(browser.Opened[0].Query.TrimStart('?'), out var query), Is.True);
        Assert.That(query!.Keys, Is.EquivalentTo(new[] { "client_id", "request_uri" }));
        Assert.That(query["client_id"], Is.EqualTo(ClientId));
        Assert.That(Response(browser.Returned[0])["iss"], Is.EqualTo(peer.CredentialIssuer));

        var credential = result.Credentials[0].Credential;
        Assert.That(SdJwtToken.TryParseCompact(credential, null, out var token, out _), Is.True);
        var payload = JsonNode.Parse(Jws.ReadCompact(token!.IssuerSignedJwt).Token!.Payload.Span)!;
        Assert.That(payload["iss"]!.GetValue<string>(), Is.EqualTo(peer.IssuerDid));
        Assert.That(payload["vct"]!.GetValue<string>(), Is.EqualTo(Vct));
        Assert.That(Jwk.Parse(payload["cnf"]!["jwk"]!.ToJsonString()).TryGetPublicKey(out var bound), Is.True);
        Assert.That(bound, Is.EqualTo(holderKey.PublicKey));
    }

    [Test]
    public async Task OurWallet_CodeOfAnotherAuthorizationInjected_PkceMismatchInvalidGrantFromPeer()
    {
        await using var peer = await StartPeerAsync();
        using var holderKey = PrivateKey.Generate(KeyType.Ed25519);
        using var http = new HttpClient();
        using var browser = new Browser();

        // The attacker's own authorization (its own PKCE pair) yields a valid code for the same client and redirect URI.
        var injected = await AuthorizeWithOwnPkceAsync(http, browser, peer);
        browser.ReplaceCode = injected;

        var result = await Client(http, RedirectUri).ReceiveAsync(Receive(peer, holderKey, browser.FollowAsync));

        Assert.That(result.Succeeded, Is.False);
        Assert.That(result.Problems[0].Code, Is.EqualTo(OpenId4VcProblemCodes.TokenRequestFailed));
        Assert.That(result.Problems[0].Message, Does.Contain(OpenId4VciErrorCodes.InvalidGrant)); // the server's error code
    }

    [Test]
    public async Task OurWallet_CodeReplayedIntoALaterFlow_InvalidGrantFromPeer()
    {
        await using var peer = await StartPeerAsync();
        using var holderKey = PrivateKey.Generate(KeyType.Ed25519);
        using var http = new HttpClient();
        using var browser = new Browser();
        var first = await Client(http, RedirectUri).ReceiveAsync(Receive(peer, holderKey, browser.FollowAsync));
        Assert.That(first.Succeeded, Is.True, string.Join("; ", first.Problems));
        browser.ReplaceCode = Response(browser.Returned[0])["code"];

        var replayed = await Client(http, RedirectUri).ReceiveAsync(Receive(peer, holderKey, browser.FollowAsync));

        Assert.That(browser.Returned, Has.Count.EqualTo(2));
        Assert.That(replayed.Succeeded, Is.False);
        Assert.That(replayed.Problems[0].Code, Is.EqualTo(OpenId4VcProblemCodes.TokenRequestFailed));
        Assert.That(replayed.Problems[0].Message, Does.Contain(OpenId4VciErrorCodes.InvalidGrant));
    }

    [Test]
    public async Task OurWallet_RedirectUriNotRegisteredAtPeer_PushedRequestRefusedAndNoUserAgent()
    {
        await using var peer = await StartPeerAsync();
        using var holderKey = PrivateKey.Generate(KeyType.Ed25519);
        using var http = new HttpClient();
        using var browser = new Browser();

        var result = await Client(http, "https://wallet.example/not-registered").ReceiveAsync(Receive(peer, holderKey, browser.FollowAsync));

        Assert.That(result.Succeeded, Is.False);
        Assert.That(result.Problems[0].Code, Is.EqualTo(OpenId4VcProblemCodes.AuthorizationFailed));
        Assert.That(result.Problems[0].Message, Does.Contain(OpenId4VciErrorCodes.InvalidRequest));
        Assert.That(browser.Opened, Is.Empty);
    }

    private static Task<PeerOpenId4VciIssuer> StartPeerAsync() => PeerOpenId4VciIssuer.StartAsync(new JsonObject
    {
        ["vct"] = Vct,
        ["claims"] = new JsonObject { ["given_name"] = "Ji-woo", ["age_over_18"] = true },
        ["grant"] = "authorization_code",
        ["clientId"] = ClientId,
        ["redirectUris"] = new JsonArray(RedirectUri),
    });

    private static OpenId4VciWalletClient Client(HttpClient http, string redirectUri) =>
        new(http, new OpenId4VciWalletClientOptions { AllowLoopbackHttp = true, ClientId = ClientId, RedirectUri = redirectUri });

    private static CredentialReceiveRequest Receive(PeerOpenId4VciIssuer peer, PrivateKey holderKey, Func<Uri, CancellationToken, Task<Uri?>> userAgent) => new()
    {
        OfferUri = peer.Offer,
        HolderKeys = [new HolderBindingKey(new KeySigner(holderKey), holderKey.PublicKey)],
        Verifier = new CredentialVerifier(new CompositeDidResolver(new DidJwkResolver()),
            formatHandlers: [new SdJwtVcFormatHandler(null, null, new SdJwtVerifierOptions { RequireKeyBinding = false })]),
        AuthorizationUserAgent = userAgent,
    };

    private static Dictionary<string, string> Response(Uri redirect)
    {
        Assert.That(redirect.OriginalString, Does.StartWith(RedirectUri + "?"));
        Assert.That(FormUrlEncoded.TryParse(redirect.OriginalString[(RedirectUri.Length + 1)..], out var response), Is.True);
        return new Dictionary<string, string>(response!, StringComparer.Ordinal);
    }

    // A whole authorization by hand, as an attacker with the same client_id would run it: its own PKCE pair, pushed,
    // then the authorization endpoint; returns the code the server sent to the redirect URI.
    private static async Task<string> AuthorizeWithOwnPkceAsync(HttpClient http, Browser browser, PeerOpenId4VciIssuer peer)
    {
        var attackerVerifier = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var challenge = Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(attackerVerifier)));
        using var par = await http.PostAsync(new Uri(peer.CredentialIssuer + "/par"), new FormUrlEncodedContent(
        [
            new("response_type", "code"),
            new("client_id", ClientId),
            new("redirect_uri", RedirectUri),
            new("code_challenge", challenge),
            new("code_challenge_method", "S256"),
            new("issuer_state", peer.IssuerState!),
            new("authorization_details", """[{"type":"openid_credential","credential_configuration_id":"Kyc"}]"""),
        ]));
        Assert.That(par.StatusCode, Is.EqualTo(HttpStatusCode.Created), await par.Content.ReadAsStringAsync());
        var requestUri = JsonNode.Parse(await par.Content.ReadAsStringAsync())!["request_uri"]!.GetValue<string>();
        var returned = await browser.FollowAsync(new Uri($"{peer.CredentialIssuer}/authorize?client_id={ClientId}&request_uri={Uri.EscapeDataString(requestUri)}"), default);
        browser.Opened.Clear();
        browser.Returned.Clear();
        return Response(returned!)["code"];
    }

    // The user agent: opens the authorization URL (the peer's login authorizes at once) and returns the redirect to the
    // wallet without following it; on request it swaps the code in that redirect, as a hostile page or app would.
    private sealed class Browser : IDisposable
    {
        private readonly HttpClient _http = new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false });

        public List<Uri> Opened { get; } = [];

        public List<Uri> Returned { get; } = [];

        public string? ReplaceCode { get; set; }

        public async Task<Uri?> FollowAsync(Uri authorizationUrl, CancellationToken cancellationToken)
        {
            Opened.Add(authorizationUrl);
            using var response = await _http.GetAsync(authorizationUrl, cancellationToken);
            if ((int)response.StatusCode is < 300 or > 399 || response.Headers.Location is not { } location)
            {
                return null;
            }

            Returned.Add(location);
            if (ReplaceCode is null)
            {
                return location;
            }

            var parameters = Response(location);
            parameters["code"] = ReplaceCode;
            return new Uri(RedirectUri + "?" + FormUrlEncoded.Encode(parameters));
        }

        public void Dispose() => _http.Dispose();
    }
}
