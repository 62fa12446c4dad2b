using System.Text.Json.Nodes;
using DidSdk.Core.Jose;
using DidSdk.Core.Methods;
using DidSdk.Credentials;
using DidSdk.Crypto;

namespace DidSdk.OpenId4Vc.Tests;

public sealed class OpenId4VpVerifierTests
{
    private OpenId4VpTestSetup _setup = null!;
    private OpenId4VpVerifier _verifier = null!;

    [SetUp]
    public async Task SetUpAsync()
    {
        _setup = await OpenId4VpTestSetup.CreateAsync();
        await _setup.IssueToWalletAsync();
        _verifier = _setup.CreateVerifier();
    }

    [TearDown]
    public async Task TearDownAsync() => await _setup.DisposeAsync();

    private static Dictionary<string, string> Form(string vpToken, string state) => new() { ["vp_token"] = vpToken, ["state"] = state };

    private async Task<(OpenId4VpRequestResult Request, OpenId4VpEndpointResult Response, OpenId4VpSessionResult Result)> RoundTripAsync(
        JsonObject? verifierQuery = null, JsonObject? walletQuery = null, string? audience = null, string? nonce = null)
    {
        var request = await _verifier.CreateRequestAsync(verifierQuery ?? OpenId4VpTestSetup.KycQuery());
        var vpToken = await _setup.PresentAsync(walletQuery ?? request.Request.DcqlQuery, audience ?? request.Request.ClientId, nonce ?? request.Request.Nonce);
        var response = await _verifier.HandleResponseAsync(Form(vpToken, request.Request.State!));
        var result = await _verifier.GetResultAsync(request.Id);
        return (request, response, result!);
    }

    [Test]
    public async Task CreateRequest_DecentralizedIdentifier_SignedRequestObjectByReference()
    {
        var request = await _verifier.CreateRequestAsync(OpenId4VpTestSetup.KycQuery());
        Assert.That(request.Request.ClientId, Is.EqualTo("decentralized_identifier:" + _setup.VerifierDid));
        Assert.That(request.RequestUri!.AbsoluteUri, Is.EqualTo(OpenId4VpTestSetup.RequestUriBase + "/" + request.Id));
        Assert.That(request.WalletUri, Does.StartWith("openid4vp://?client_id=decentralized_identifier%3Adid%3Akey%3A").And.Contain("&request_uri="));
        var read = Jws.ReadCompact(request.RequestObject!);
        Assert.That(read.Succeeded, Is.True);
        Assert.That(read.Token!.Type, Is.EqualTo("oauth-authz-req+jwt"));
        Assert.That(read.Token.KeyId, Does.StartWith(_setup.VerifierDid + "#"));
        DidKey.TryGetPublicKey(_setup.VerifierDid, out var key, out _, out _);
        Assert.That(Jws.VerifySignature(read.Token, key!), Is.True);
        var claims = JsonNode.Parse(read.Token.Payload.Span)!.AsObject();
        Assert.That(claims["response_mode"]!.GetValue<string>(), Is.EqualTo("direct_post"));
        Assert.That(claims["nonce"]!.GetValue<string>(), Is.EqualTo(request.Request.Nonce));
        Assert.That(claims["dcql_query"]!["credentials"]![0]!["id"]!.GetValue<string>(), Is.EqualTo("kyc"));

        var served = await _verifier.GetRequestObjectAsync(request.Id);
        Assert.That(served.StatusCode, Is.EqualTo(200));
        Assert.That(served.ContentType, Is.EqualTo("application/oauth-authz-req+jwt"));
        Assert.That(served.Body, Is.EqualTo(request.RequestObject));
        Assert.That((await _verifier.GetResultAsync(request.Id))!.Status, Is.EqualTo(OpenId4VpSessionResult.Pending));
    }

    [Test]
    public async Task CreateRequest_RedirectUriPrefix_UnsignedByValue()
    {
        var verifier = _setup.CreateVerifier(_setup.Options(OpenId4VpClientIdPrefix.RedirectUri));
        var request = await verifier.CreateRequestAsync(OpenId4VpTestSetup.KycQuery());
        Assert.That(request.RequestObject, Is.Null);
        Assert.That(request.RequestUri, Is.Null);
        Assert.That(request.Request.ClientId, Is.EqualTo("redirect_uri:" + OpenId4VpTestSetup.ResponseUri));
        Assert.That(request.WalletUri, Does.Contain("dcql_query=").And.Contain("response_mode=direct_post"));
        Assert.That((await verifier.GetRequestObjectAsync(request.Id)).StatusCode, Is.EqualTo(404));
    }

    [Test]
    public void CreateRequest_UnsupportedFormatOrInvalidQuery_Throws()
    {
        var mdoc = OpenId4VpTestSetup.KycQuery();
        mdoc["credentials"]![0]!["format"] = "mso_mdoc";
        Assert.ThrowsAsync<ArgumentException>(() => _verifier.CreateRequestAsync(mdoc));
        Assert.ThrowsAsync<ArgumentException>(() => _verifier.CreateRequestAsync(new JsonObject { ["credentials"] = new JsonArray() }));
    }

    [Test]
    public async Task Response_RequestedClaims_VerifiedAndPolled()
    {
        var (_, response, result) = await RoundTripAsync();
        Assert.That(response.StatusCode, Is.EqualTo(200), response.Body);
        Assert.That(result.Succeeded, Is.True, string.Join("; ", result.Problems));
        var presented = result.Claims!["kyc"]![0]!;
        Assert.That(presented["issuer"]!.GetValue<string>(), Is.EqualTo(_setup.IssuerDid));
        Assert.That(presented["claims"]!["given_name"]!.GetValue<string>(), Is.EqualTo("Ji-woo"));
        Assert.That(presented["claims"]!["kyc_level"]!.GetValue<string>(), Is.EqualTo("enhanced"));
        Assert.That(presented["claims"]!.AsObject().ContainsKey("birthdate"), Is.False);
        Assert.That(result.ToJson()["verified"]!.GetValue<bool>(), Is.True);
    }

    [Test]
    public async Task Response_NestedClaim_ContainerDisclosureAccepted()
    {
        var (_, response, result) = await RoundTripAsync(verifierQuery: new JsonObject
        {
            ["credentials"] = new JsonArray(new JsonObject
            {
                ["id"] = "kyc",
                ["format"] = "dc+sd-jwt",
                ["meta"] = new JsonObject { ["vct_values"] = new JsonArray(OpenId4VpTestSetup.KycVct) },
                ["claims"] = new JsonArray(new JsonObject { ["path"] = new JsonArray("address", "locality") }),
            }),
        });
        Assert.That(result.Succeeded, Is.True, response.Body);
        Assert.That(result.Claims!["kyc"]![0]!["claims"]!["address"]!["locality"]!.GetValue<string>(), Is.EqualTo("Seoul"));
    }

    [Test]
    public async Task Response_AnotherVerifiersAudience_Rejected()
    {
        var (_, response, result) = await RoundTripAsync(audience: "decentralized_identifier:did:example:another-bank");
        Assert.That(response.StatusCode, Is.EqualTo(400));
        Assert.That(result.Status, Is.EqualTo(OpenId4VpSessionResult.Rejected));
        Assert.That(result.Problems, Has.Some.Matches<Core.Problem>(p => p.Code == OpenId4VpProblemCodes.PresentationNotVerified));
        Assert.That(result.Claims, Is.Null);
    }

    [Test]
    public async Task Response_NonceOfAnotherRequest_Rejected()
    {
        var first = await _verifier.CreateRequestAsync(OpenId4VpTestSetup.KycQuery());
        var (_, _, result) = await RoundTripAsync(nonce: first.Request.Nonce);
        Assert.That(result.Problems, Has.Some.Matches<Core.Problem>(p => p.Code == OpenId4VpProblemCodes.PresentationNotVerified));
    }

    [Test]
    public async Task Response_ReplayedVpToken_Refused()
    {
        var first = await _verifier.CreateRequestAsync(OpenId4VpTestSetup.KycQuery());
        var vpToken = await _setup.PresentAsync(first.Request.DcqlQuery, first.Request.ClientId, first.Request.Nonce);
        Assert.That((await _verifier.HandleResponseAsync(Form(vpToken, first.Request.State!))).StatusCode, Is.EqualTo(200));

        // The same state again: the session was answered.
        var again = await _verifier.HandleResponseAsync(Form(vpToken, first.Request.State!));
        Assert.That(again.StatusCode, Is.EqualTo(400));
        Assert.That(again.Body, Does.Contain(OpenId4VpProblemCodes.UnknownState));
        Assert.That((await _verifier.GetResultAsync(first.Id))!.Succeeded, Is.True);

        // The same vp_token to a fresh request of this verifier.
        var second = await _verifier.CreateRequestAsync(OpenId4VpTestSetup.KycQuery());
        var replay = await _verifier.HandleResponseAsync(Form(vpToken, second.Request.State!));
        Assert.That(replay.StatusCode, Is.EqualTo(400));
        Assert.That((await _verifier.GetResultAsync(second.Id))!.Problems.Select(p => p.Code), Is.EqualTo(new[] { OpenId4VpProblemCodes.VpTokenReplayed }));
    }

    [Test]
    public async Task Response_DisclosureBeyondQuery_Rejected()
    {
        var (_, response, result) = await RoundTripAsync(walletQuery: OpenId4VpTestSetup.KycQuery("given_name", "kyc_level", "birthdate"));
        Assert.That(response.StatusCode, Is.EqualTo(400));
        Assert.That(result.Problems.Select(p => p.Code), Is.EqualTo(new[] { OpenId4VpProblemCodes.DisclosureNotRequested }));
    }

    [Test]
    public async Task Response_RequestedClaimMissing_Rejected()
    {
        var (_, _, result) = await RoundTripAsync(verifierQuery: OpenId4VpTestSetup.KycQuery("given_name", "kyc_level", "birthdate"), walletQuery: OpenId4VpTestSetup.KycQuery());
        Assert.That(result.Problems.Select(p => p.Code), Is.EqualTo(new[] { OpenId4VpProblemCodes.CredentialQueryMismatch }));
    }

    [Test]
    public async Task Response_RequiredCredentialMissing_QueryNotSatisfied()
    {
        var request = await _verifier.CreateRequestAsync(OpenId4VpTestSetup.KycQuery());
        await _verifier.HandleResponseAsync(Form("{}", request.Request.State!));
        Assert.That((await _verifier.GetResultAsync(request.Id))!.Problems.Select(p => p.Code), Is.EqualTo(new[] { OpenId4VpProblemCodes.QueryNotSatisfied }));
    }

    [Test]
    public async Task Response_UnknownQueryIdOrBadShape_Refused()
    {
        var request = await _verifier.CreateRequestAsync(OpenId4VpTestSetup.KycQuery());
        await _verifier.HandleResponseAsync(Form("{\"kyc\":\"not-an-array\"}", request.Request.State!));
        Assert.That((await _verifier.GetResultAsync(request.Id))!.Problems.Select(p => p.Code), Is.EqualTo(new[] { OpenId4VpProblemCodes.InvalidResponse }));
        var other = await _verifier.CreateRequestAsync(OpenId4VpTestSetup.KycQuery());
        await _verifier.HandleResponseAsync(Form("{\"other\":[\"x\"]}", other.Request.State!));
        Assert.That((await _verifier.GetResultAsync(other.Id))!.Problems.Select(p => p.Code), Is.EqualTo(new[] { OpenId4VpProblemCodes.QueryNotSatisfied }));
    }

    [Test]
    public async Task Response_OversizedVpToken_Refused()
    {
        var request = await _verifier.CreateRequestAsync(OpenId4VpTestSetup.KycQuery());
        var huge = "{\"kyc\":[\"" + new string('a', _verifier.Options.MaxVpTokenLength) + "\"]}";
        var response = await _verifier.HandleResponseAsync(Form(huge, request.Request.State!));
        Assert.That(response.StatusCode, Is.EqualTo(400));
        Assert.That((await _verifier.GetResultAsync(request.Id))!.Problems.Select(p => p.Code), Is.EqualTo(new[] { OpenId4VpProblemCodes.VpTokenTooLarge }));
    }

    [Test]
    public async Task Response_UnknownOrExpiredState_Refused()
    {
        var unknown = await _verifier.HandleResponseAsync(Form("{}", "no-such-state"));
        Assert.That(unknown.StatusCode, Is.EqualTo(400));
        Assert.That(unknown.Body, Does.Contain(OpenId4VpProblemCodes.UnknownState));

        var request = await _verifier.CreateRequestAsync(OpenId4VpTestSetup.KycQuery());
        var vpToken = await _setup.PresentAsync(request.Request.DcqlQuery, request.Request.ClientId, request.Request.Nonce);
        _setup.Clock.Advance(_verifier.Options.RequestLifetime + TimeSpan.FromSeconds(1));
        var expired = await _verifier.HandleResponseAsync(Form(vpToken, request.Request.State!));
        Assert.That(expired.Body, Does.Contain(OpenId4VpProblemCodes.UnknownState));
        Assert.That((await _verifier.GetRequestObjectAsync(request.Id)).StatusCode, Is.EqualTo(404));
        _setup.Clock.Advance(_verifier.Options.ResultLifetime);
        Assert.That(await _verifier.GetResultAsync(request.Id), Is.Null);
    }

    [Test]
    public async Task Response_IssuerNotTrusted_Rejected()
    {
        _verifier = _setup.CreateVerifier(trustPolicy: new TrustedIssuersPolicy(["did:example:only-this-issuer"]));
        var (_, _, result) = await RoundTripAsync();
        Assert.That(result.Problems, Has.Some.Matches<Core.Problem>(p => p.Code == OpenId4VpProblemCodes.PresentationNotVerified && p.Cause != null));
    }

    [Test]
    public async Task Response_IssuerTrusted_Verified()
    {
        _verifier = _setup.CreateVerifier(trustPolicy: new TrustedIssuersPolicy([_setup.IssuerDid]));
        var (_, _, result) = await RoundTripAsync();
        Assert.That(result.Succeeded, Is.True, string.Join("; ", result.Problems));
    }

    [Test]
    public async Task Response_WalletError_RejectedWithAccessDenied()
    {
        var request = await _verifier.CreateRequestAsync(OpenId4VpTestSetup.KycQuery());
        var response = await _verifier.HandleResponseAsync(new Dictionary<string, string> { ["error"] = "access_denied", ["state"] = request.Request.State! });
        Assert.That(response.Error, Is.EqualTo("access_denied"));
        Assert.That((await _verifier.GetResultAsync(request.Id))!.Problems.Select(p => p.Code), Is.EqualTo(new[] { OpenId4VpProblemCodes.WalletError }));
    }

    [Test]
    public void Constructor_SignerNotOfVerifierDid_Throws()
    {
        using var other = PrivateKey.Generate(KeyType.Ed25519);
        Assert.Throws<ArgumentException>(() => new OpenId4VpVerifier(_setup.Options(), _setup.Store, OpenId4VpTestSetup.SdJwtVerifier(_setup.Clock), null,
            new KeySigner(other, DidKey.GetVerificationMethodId(other.PublicKey)), _setup.Clock));
        Assert.Throws<ArgumentException>(() => new OpenId4VpVerifier(_setup.Options(responseUri: "http://verifier.example/response"), _setup.Store, OpenId4VpTestSetup.SdJwtVerifier(_setup.Clock), null, _setup.VerifierSigner, _setup.Clock));
    }
}
