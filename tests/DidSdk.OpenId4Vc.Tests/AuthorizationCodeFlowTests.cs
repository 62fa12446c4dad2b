using Microsoft.Extensions.Configuration;
using System.Text;
using System.Text.Json.Nodes;
using DidSdk.Crypto;

namespace DidSdk.OpenId4Vc.Tests;

/// <summary>The Authorization Code Flow with PKCE on the issuer, called in process with a fake clock.</summary>
public sealed class AuthorizationCodeFlowTests : ProtocolTestBase
{
    // RFC 7636 Appendix B: the code_verifier and its S256 code_challenge.
    private const string Verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    private const string Challenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

    private TestAuthorizationHandler _handler = null!;

    [SetUp]
    public void CreateAuthorizationIssuer()
    {
        _handler = new TestAuthorizationHandler(new Uri("https://bank.example/login")) { LoggedInSubject = "customer-1" };
        Issuer = Setup.CreateIssuer(IssuerUrl, Clock, authorizationHandler: _handler);
    }

    private static Dictionary<string, string> AuthorizeForm(string clientId = TestIssuerSetup.WalletClientId, string redirectUri = TestIssuerSetup.WalletRedirectUri,
        string configurationId = TestIssuerSetup.SdJwtConfigurationId) => new()
    {
        ["response_type"] = "code",
        ["client_id"] = clientId,
        ["redirect_uri"] = redirectUri,
        ["code_challenge"] = Challenge,
        ["code_challenge_method"] = "S256",
        ["state"] = "wallet-state-1",
        ["authorization_details"] = new JsonArray(new JsonObject { ["type"] = "openid_credential", ["credential_configuration_id"] = configurationId }).ToJsonString(),
    };

    private static Dictionary<string, string> RedirectParameters(OpenId4VciEndpointResult result)
    {
        Assert.That(result.StatusCode, Is.EqualTo(303));
        Assert.That(result.Location, Is.Not.Null);
        var text = result.Location!.OriginalString;
        Assert.That(FormUrlEncoded.TryParse(text[(text.IndexOf('?', StringComparison.Ordinal) + 1)..], out var parameters), Is.True);
        return parameters!;
    }

    private async Task<string> CodeAsync(Dictionary<string, string>? form = null)
    {
        var result = await Issuer.HandleAuthorizationRequestAsync(form ?? AuthorizeForm());
        Assert.That(result.Succeeded, Is.True, result.Location?.OriginalString ?? result.Body.ToJsonString());
        return RedirectParameters(result)["code"];
    }

    private static Dictionary<string, string> TokenForm(string code, string verifier = Verifier, string clientId = TestIssuerSetup.WalletClientId,
        string redirectUri = TestIssuerSetup.WalletRedirectUri) => new()
    {
        ["grant_type"] = "authorization_code",
        ["code"] = code,
        ["redirect_uri"] = redirectUri,
        ["code_verifier"] = verifier,
        ["client_id"] = clientId,
    };

    private async Task AssertRefusedAsync(Dictionary<string, string> form, string error)
    {
        var result = await Issuer.HandleAuthorizationRequestAsync(form);
        Assert.That(result.Error, Is.EqualTo(error));
        var parameters = RedirectParameters(result);
        Assert.That(parameters["error"], Is.EqualTo(error));
        Assert.That(parameters, Does.Not.ContainKey("code"));
        Assert.That(parameters["iss"], Is.EqualTo(IssuerUrl));
        Assert.That(_handler.Calls, Is.Zero);
    }

    [Test]
    public void S256_Rfc7636AppendixB_ChallengeOfVerifier() => Assert.That(OpenId4VciIssuer.S256(Verifier), Is.EqualTo(Challenge));

    [Test]
    public async Task Authorize_ValidRequest_RedirectsWithCodeStateAndIss()
    {
        var result = await Issuer.HandleAuthorizationRequestAsync(AuthorizeForm());
        var parameters = RedirectParameters(result);
        Assert.That(result.Location!.OriginalString, Does.StartWith(TestIssuerSetup.WalletRedirectUri + "?"));
        Assert.That(parameters["code"], Has.Length.GreaterThanOrEqualTo(43));
        Assert.That(parameters["state"], Is.EqualTo("wallet-state-1"));
        Assert.That(parameters["iss"], Is.EqualTo(IssuerUrl));
        Assert.That(_handler.LastRequest!.CredentialConfigurationIds, Is.EqualTo(new[] { TestIssuerSetup.SdJwtConfigurationId }));
        Assert.That(_handler.LastRequest.ClientId, Is.EqualTo(TestIssuerSetup.WalletClientId));
    }

    [Test]
    public async Task Authorize_PlainChallengeMethod_InvalidRequest()
    {
        var form = AuthorizeForm();
        form["code_challenge_method"] = "plain";
        form["code_challenge"] = Verifier;
        await AssertRefusedAsync(form, OpenId4VciErrorCodes.InvalidRequest);
    }

    [Test]
    public async Task Authorize_NoChallengeMethod_InvalidRequest()
    {
        var form = AuthorizeForm();
        form.Remove("code_challenge_method");
        await AssertRefusedAsync(form, OpenId4VciErrorCodes.InvalidRequest);
    }

    [Test]
    public async Task Authorize_NoCodeChallenge_InvalidRequest()
    {
        var form = AuthorizeForm();
        form.Remove("code_challenge");
        await AssertRefusedAsync(form, OpenId4VciErrorCodes.InvalidRequest);
    }

    [Test]
    public async Task Authorize_ResponseTypeToken_UnsupportedResponseType()
    {
        var form = AuthorizeForm();
        form["response_type"] = "token";
        await AssertRefusedAsync(form, OpenId4VciErrorCodes.UnsupportedResponseType);
    }

    [Test]
    public async Task Authorize_UnknownConfiguration_InvalidAuthorizationDetails() =>
        await AssertRefusedAsync(AuthorizeForm(configurationId: "NoSuchCredential"), OpenId4VciErrorCodes.InvalidAuthorizationDetails);

    [Test]
    public async Task Authorize_OtherAuthorizationDetailsType_InvalidAuthorizationDetails()
    {
        var form = AuthorizeForm();
        form["authorization_details"] = "[{\"type\":\"payment_initiation\",\"credential_configuration_id\":\"KycSdJwt\"}]";
        await AssertRefusedAsync(form, OpenId4VciErrorCodes.InvalidAuthorizationDetails);
    }

    [Test]
    public async Task Authorize_TooManyAuthorizationDetails_InvalidAuthorizationDetails()
    {
        var form = AuthorizeForm();
        var details = new JsonArray();
        for (var i = 0; i < 17; i++)
        {
            details.Add((JsonNode)new JsonObject { ["type"] = "openid_credential", ["credential_configuration_id"] = TestIssuerSetup.SdJwtConfigurationId });
        }

        form["authorization_details"] = details.ToJsonString();
        await AssertRefusedAsync(form, OpenId4VciErrorCodes.InvalidAuthorizationDetails);
    }

    [Test]
    public async Task Authorize_OversizedParameter_InvalidRequest()
    {
        var form = AuthorizeForm();
        form["authorization_details"] = "[" + new string(' ', 9000) + "]";
        await AssertRefusedAsync(form, OpenId4VciErrorCodes.InvalidRequest);
    }

    [Test]
    public async Task Authorize_UnknownScope_InvalidScope()
    {
        var form = AuthorizeForm();
        form.Remove("authorization_details");
        form["scope"] = "kyc_sd_jwt everything";
        await AssertRefusedAsync(form, OpenId4VciErrorCodes.InvalidScope);
    }

    [Test]
    public async Task Authorize_UnknownClient_ErrorNotRedirected()
    {
        var result = await Issuer.HandleAuthorizationRequestAsync(AuthorizeForm(clientId: "attacker", redirectUri: "https://attacker.example/cb"));
        Assert.That(result.Error, Is.EqualTo(OpenId4VciErrorCodes.InvalidRequest));
        Assert.That(result.StatusCode, Is.EqualTo(400));
        Assert.That(result.Location, Is.Null);
    }

    [Test]
    public async Task Authorize_UnregisteredRedirectUri_ErrorNotRedirected()
    {
        var result = await Issuer.HandleAuthorizationRequestAsync(AuthorizeForm(redirectUri: TestIssuerSetup.WalletRedirectUri + "/../evil"));
        Assert.That(result.Error, Is.EqualTo(OpenId4VciErrorCodes.InvalidRequest));
        Assert.That(result.Location, Is.Null);
        Assert.That(_handler.Calls, Is.Zero);
    }

    [Test]
    public async Task Authorize_NobodyLoggedIn_RedirectsToLoginAndResumes()
    {
        _handler.LoggedInSubject = null;
        var result = await Issuer.HandleAuthorizationRequestAsync(AuthorizeForm());
        Assert.That(result.Location!.AbsoluteUri, Does.StartWith("https://bank.example/login?return="));
        var resume = _handler.LastRequest!.ResumeUri;
        Assert.That(resume.AbsoluteUri, Does.StartWith(IssuerUrl + "/authorize?"));

        // After the login the browser repeats the request from the resume URI and gets the code.
        _handler.LoggedInSubject = "customer-1";
        Assert.That(FormUrlEncoded.TryParse(resume.Query[1..], out var resumed), Is.True);
        Assert.That(await CodeAsync(resumed), Is.Not.Empty);
    }

    [Test]
    public async Task Authorize_UserRefuses_AccessDenied()
    {
        _handler.LoggedInSubject = TestAuthorizationHandler.RefusingUser;
        var result = await Issuer.HandleAuthorizationRequestAsync(AuthorizeForm());
        Assert.That(result.Error, Is.EqualTo(OpenId4VciErrorCodes.AccessDenied));
        Assert.That(RedirectParameters(result)["state"], Is.EqualTo("wallet-state-1"));
    }

    [Test]
    public async Task Token_RightVerifier_TokenWithCredentialIdentifiersThatTheCredentialEndpointAccepts()
    {
        var token = await Issuer.HandleTokenRequestAsync(TokenForm(await CodeAsync()));
        Assert.That(token.Succeeded, Is.True, token.Body.ToJsonString());
        var detail = token.Body["authorization_details"]![0]!.AsObject();
        Assert.That(detail["type"]!.GetValue<string>(), Is.EqualTo("openid_credential"));
        Assert.That(detail["credential_configuration_id"]!.GetValue<string>(), Is.EqualTo(TestIssuerSetup.SdJwtConfigurationId));
        var identifier = detail["credential_identifiers"]![0]!.GetValue<string>();
        var accessToken = token.Body["access_token"]!.GetValue<string>();

        // §8.2: with identifiers returned, credential_configuration_id is refused and credential_identifier works.
        using var holder = PrivateKey.Generate(KeyType.Ed25519);
        var byConfiguration = await RequestCredentialAsync(accessToken, CredentialRequest(TestIssuerSetup.SdJwtConfigurationId, await ProofAsync(holder, await NonceAsync(), Clock.GetUtcNow())));
        Assert.That(byConfiguration.Error, Is.EqualTo(OpenId4VciErrorCodes.InvalidCredentialRequest));
        var unknown = await RequestCredentialAsync(accessToken, ByIdentifier("not-issued", await ProofAsync(holder, await NonceAsync(), Clock.GetUtcNow())));
        Assert.That(unknown.Error, Is.EqualTo(OpenId4VciErrorCodes.UnknownCredentialIdentifier));
        var issued = await RequestCredentialAsync(accessToken, ByIdentifier(identifier, await ProofAsync(holder, await NonceAsync(), Clock.GetUtcNow())));
        Assert.That(issued.Succeeded, Is.True, issued.Body.ToJsonString());
        Assert.That(issued.Body["credentials"]!.AsArray(), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Token_ScopeRequest_NoIdentifiersAndConfigurationIdAccepted()
    {
        var form = AuthorizeForm();
        form.Remove("authorization_details");
        form["scope"] = "kyc_sd_jwt";
        var token = await Issuer.HandleTokenRequestAsync(TokenForm(await CodeAsync(form)));
        Assert.That(token.Succeeded, Is.True);
        Assert.That(token.Body.ContainsKey("authorization_details"), Is.False);
        using var holder = PrivateKey.Generate(KeyType.Ed25519);
        var issued = await RequestCredentialAsync(token.Body["access_token"]!.GetValue<string>(),
            CredentialRequest(TestIssuerSetup.SdJwtConfigurationId, await ProofAsync(holder, await NonceAsync(), Clock.GetUtcNow())));
        Assert.That(issued.Succeeded, Is.True, issued.Body.ToJsonString());
    }

    [Test]
    public async Task Token_WrongVerifier_InvalidGrantAndCodeSpent()
    {
        var code = await CodeAsync();
        var wrong = await Issuer.HandleTokenRequestAsync(TokenForm(code, verifier: new string('a', 43)));
        Assert.That(wrong.Error, Is.EqualTo(OpenId4VciErrorCodes.InvalidGrant));

        // One attempt per code: the right verifier afterwards does not help an attacker who guessed first.
        Assert.That((await Issuer.HandleTokenRequestAsync(TokenForm(code))).Error, Is.EqualTo(OpenId4VciErrorCodes.InvalidGrant));
        await AssertNothingIssuedAsync();
    }

    [Test]
    public async Task Token_ChallengeSentAsVerifier_InvalidGrant()
    {
        var result = await Issuer.HandleTokenRequestAsync(TokenForm(await CodeAsync(), verifier: Challenge));
        Assert.That(result.Error, Is.EqualTo(OpenId4VciErrorCodes.InvalidGrant));
    }

    [Test]
    public async Task Token_ReplayedCode_InvalidGrantAndFirstTokenRevoked()
    {
        var code = await CodeAsync();
        var first = await Issuer.HandleTokenRequestAsync(TokenForm(code));
        Assert.That(first.Succeeded, Is.True);
        var replay = await Issuer.HandleTokenRequestAsync(TokenForm(code));
        Assert.That(replay.Error, Is.EqualTo(OpenId4VciErrorCodes.InvalidGrant));

        // RFC 6749 §4.1.2: the token issued for the code is revoked.
        using var holder = PrivateKey.Generate(KeyType.Ed25519);
        var identifier = first.Body["authorization_details"]![0]!["credential_identifiers"]![0]!.GetValue<string>();
        var credential = await RequestCredentialAsync(first.Body["access_token"]!.GetValue<string>(),
            ByIdentifier(identifier, await ProofAsync(holder, await NonceAsync(), Clock.GetUtcNow())));
        Assert.That(credential.Error, Is.EqualTo(OpenId4VciErrorCodes.InvalidToken));
        await AssertNothingIssuedAsync();
    }

    [Test]
    public async Task Token_CodeOfAnotherClient_InvalidGrant()
    {
        var result = await Issuer.HandleTokenRequestAsync(TokenForm(await CodeAsync(), clientId: TestIssuerSetup.OtherClientId, redirectUri: TestIssuerSetup.OtherRedirectUri));
        Assert.That(result.Error, Is.EqualTo(OpenId4VciErrorCodes.InvalidGrant));
        await AssertNothingIssuedAsync();
    }

    [Test]
    public async Task Token_OtherRedirectUri_InvalidGrant()
    {
        var result = await Issuer.HandleTokenRequestAsync(TokenForm(await CodeAsync(), redirectUri: TestIssuerSetup.OtherRedirectUri));
        Assert.That(result.Error, Is.EqualTo(OpenId4VciErrorCodes.InvalidGrant));
    }

    [Test]
    public async Task Token_ExpiredCode_InvalidGrant()
    {
        var code = await CodeAsync();
        Clock.Advance(TimeSpan.FromSeconds(61));
        Assert.That((await Issuer.HandleTokenRequestAsync(TokenForm(code))).Error, Is.EqualTo(OpenId4VciErrorCodes.InvalidGrant));
    }

    [Test]
    public async Task Token_CodeJustBeforeExpiry_Accepted()
    {
        var code = await CodeAsync();
        Clock.Advance(TimeSpan.FromSeconds(59));
        Assert.That((await Issuer.HandleTokenRequestAsync(TokenForm(code))).Succeeded, Is.True);
    }

    [TestCase(null, TestName = "Token_NoVerifier_InvalidRequest")]
    [TestCase("short", TestName = "Token_ShortVerifier_InvalidRequest")]
    [TestCase("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjX!", TestName = "Token_VerifierWithReservedCharacter_InvalidRequest")]
    public async Task Token_MalformedVerifier_InvalidRequest(string? verifier)
    {
        var form = TokenForm(await CodeAsync());
        if (verifier is null)
        {
            form.Remove("code_verifier");
        }
        else
        {
            form["code_verifier"] = verifier;
        }

        Assert.That((await Issuer.HandleTokenRequestAsync(form)).Error, Is.EqualTo(OpenId4VciErrorCodes.InvalidRequest));
    }

    [Test]
    public async Task Token_AuthorizationCodeGrantWithoutHandler_UnsupportedGrantType()
    {
        var plain = Setup.CreateIssuer(IssuerUrl, Clock);
        Assert.That((await plain.HandleTokenRequestAsync(TokenForm("some-code"))).Error, Is.EqualTo(OpenId4VciErrorCodes.UnsupportedGrantType));
        Assert.That((await plain.HandleAuthorizationRequestAsync(AuthorizeForm())).StatusCode, Is.EqualTo(404));
    }

    [Test]
    public async Task IssuerState_OfferedSubjectLogsIn_CodeForTheOffer()
    {
        var offer = await Issuer.CreateOfferAsync(new CredentialOfferRequest
        {
            Subject = "customer-1",
            CredentialConfigurationIds = [TestIssuerSetup.SdJwtConfigurationId],
            Grants = CredentialOfferGrants.AuthorizationCode,
        });
        Assert.That(offer.Offer.PreAuthorizedCode, Is.Null);
        Assert.That(offer.TxCode, Is.Null);
        var json = offer.Offer.ToJson();
        Assert.That(json["grants"]!["authorization_code"]!["issuer_state"]!.GetValue<string>(), Is.EqualTo(offer.Offer.IssuerState));
        Assert.That(CredentialOffer.TryParse(json.ToJsonString(), out var parsed, out _), Is.True);
        Assert.That(parsed!.AuthorizationCodeGrant, Is.True);
        Assert.That(parsed.IssuerState, Is.EqualTo(offer.Offer.IssuerState));

        var form = AuthorizeForm();
        form["issuer_state"] = offer.Offer.IssuerState!;
        Assert.That(await CodeAsync(form), Is.Not.Empty);
        Assert.That(_handler.LastRequest!.OfferSubject, Is.EqualTo("customer-1"));

        // issuer_state is single use.
        var again = await Issuer.HandleAuthorizationRequestAsync(form);
        Assert.That(again.Error, Is.EqualTo(OpenId4VciErrorCodes.InvalidRequest));
    }

    [Test]
    public async Task IssuerState_AnotherUserLogsIn_AccessDenied()
    {
        var offer = await Issuer.CreateOfferAsync(new CredentialOfferRequest
        {
            Subject = "customer-1",
            CredentialConfigurationIds = [TestIssuerSetup.SdJwtConfigurationId],
            Grants = CredentialOfferGrants.AuthorizationCode,
        });
        _handler.LoggedInSubject = "customer-2";
        var form = AuthorizeForm();
        form["issuer_state"] = offer.Offer.IssuerState!;
        var result = await Issuer.HandleAuthorizationRequestAsync(form);
        Assert.That(result.Error, Is.EqualTo(OpenId4VciErrorCodes.AccessDenied));
    }

    [Test]
    public async Task IssuerState_Unknown_InvalidRequest()
    {
        var form = AuthorizeForm();
        form["issuer_state"] = "forged";
        await AssertRefusedAsync(form, OpenId4VciErrorCodes.InvalidRequest);
    }

    [Test]
    public async Task Par_PushedRequest_CodeByRequestUriOnce()
    {
        var pushed = await Issuer.HandlePushedAuthorizationRequestAsync(AuthorizeForm());
        Assert.That(pushed.StatusCode, Is.EqualTo(201));
        var requestUri = pushed.Body["request_uri"]!.GetValue<string>();
        Assert.That(requestUri, Does.StartWith("urn:ietf:params:oauth:request_uri:"));
        Assert.That(pushed.Body["expires_in"]!.GetValue<long>(), Is.EqualTo(90));

        var byReference = new Dictionary<string, string> { ["client_id"] = TestIssuerSetup.WalletClientId, ["request_uri"] = requestUri };
        var code = await CodeAsync(byReference);
        Assert.That((await Issuer.HandleTokenRequestAsync(TokenForm(code))).Succeeded, Is.True);
        Assert.That((await Issuer.HandleAuthorizationRequestAsync(byReference)).Error, Is.EqualTo(OpenId4VciErrorCodes.InvalidRequest));
    }

    [Test]
    public async Task Par_RequestUriOfAnotherClient_InvalidRequestNotRedirected()
    {
        var requestUri = (await Issuer.HandlePushedAuthorizationRequestAsync(AuthorizeForm())).Body["request_uri"]!.GetValue<string>();
        var result = await Issuer.HandleAuthorizationRequestAsync(new Dictionary<string, string> { ["client_id"] = TestIssuerSetup.OtherClientId, ["request_uri"] = requestUri });
        Assert.That(result.Error, Is.EqualTo(OpenId4VciErrorCodes.InvalidRequest));
        Assert.That(result.Location, Is.Null);
    }

    [Test]
    public async Task Par_Expired_InvalidRequest()
    {
        var requestUri = (await Issuer.HandlePushedAuthorizationRequestAsync(AuthorizeForm())).Body["request_uri"]!.GetValue<string>();
        Clock.Advance(TimeSpan.FromSeconds(91));
        var result = await Issuer.HandleAuthorizationRequestAsync(new Dictionary<string, string> { ["client_id"] = TestIssuerSetup.WalletClientId, ["request_uri"] = requestUri });
        Assert.That(result.Error, Is.EqualTo(OpenId4VciErrorCodes.InvalidRequest));
    }

    [Test]
    public async Task Par_PlainMethod_InvalidRequestAsJson()
    {
        var form = AuthorizeForm();
        form["code_challenge_method"] = "plain";
        var result = await Issuer.HandlePushedAuthorizationRequestAsync(form);
        Assert.That(result.Error, Is.EqualTo(OpenId4VciErrorCodes.InvalidRequest));
        Assert.That(result.StatusCode, Is.EqualTo(400));
        Assert.That(result.Location, Is.Null);
    }

    [Test]
    public async Task Par_RequestUriPushed_InvalidRequest()
    {
        var form = AuthorizeForm();
        form["request_uri"] = "urn:ietf:params:oauth:request_uri:x";
        Assert.That((await Issuer.HandlePushedAuthorizationRequestAsync(form)).Error, Is.EqualTo(OpenId4VciErrorCodes.InvalidRequest));
    }

    [Test]
    public async Task RequirePar_DirectRequest_InvalidRequest()
    {
        Issuer = Setup.CreateIssuer(IssuerUrl, Clock, o => o.RequirePushedAuthorizationRequests = true, authorizationHandler: _handler);
        Assert.That((await Issuer.HandleAuthorizationRequestAsync(AuthorizeForm())).Error, Is.EqualTo(OpenId4VciErrorCodes.InvalidRequest));
        Assert.That(Issuer.GetAuthorizationServerMetadata()["require_pushed_authorization_requests"]!.GetValue<bool>(), Is.True);
    }

    [Test]
    public void Metadata_AuthorizationCodeFlow_EndpointsAndS256Only()
    {
        var metadata = Issuer.GetAuthorizationServerMetadata();
        Assert.That(metadata["authorization_endpoint"]!.GetValue<string>(), Is.EqualTo(IssuerUrl + "/authorize"));
        Assert.That(metadata["pushed_authorization_request_endpoint"]!.GetValue<string>(), Is.EqualTo(IssuerUrl + "/par"));
        Assert.That(metadata["code_challenge_methods_supported"]!.AsArray().Select(n => n!.GetValue<string>()), Is.EqualTo(new[] { "S256" }));
        Assert.That(metadata["grant_types_supported"]!.AsArray().Select(n => n!.GetValue<string>()),
            Is.EquivalentTo(new[] { AuthorizationServerMetadata.PreAuthorizedCodeGrantType, "authorization_code" }));
        Assert.That(metadata["authorization_details_types_supported"]!.AsArray().Select(n => n!.GetValue<string>()), Is.EqualTo(new[] { "openid_credential" }));
        Assert.That(metadata["scopes_supported"]!.AsArray().Select(n => n!.GetValue<string>()), Is.EqualTo(new[] { "kyc_sd_jwt" }));

        var plain = Setup.CreateIssuer(IssuerUrl, Clock).GetAuthorizationServerMetadata();
        Assert.That(plain.ContainsKey("authorization_endpoint"), Is.False);
        Assert.That(plain.ContainsKey("code_challenge_methods_supported"), Is.False);
    }

    [Test]
    public void Options_BoundFromConfiguration_ClientsAndLifetimes()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AuthorizationClients:0:ClientId"] = "bank-wallet",
            ["AuthorizationClients:0:RedirectUris:0"] = "https://wallet.bank.example/cb",
            ["AuthorizationClients:0:RedirectUris:1"] = "com.bank.wallet:/oid4vci",
            ["AuthorizationCodeLifetime"] = "00:00:30",
            ["RequirePushedAuthorizationRequests"] = "true",
        }).Build();
        var options = Setup.Options(IssuerUrl);
        options.AuthorizationClients = [];
        configuration.Bind(options);
        Assert.That(options.AuthorizationClients.Single().RedirectUris, Is.EqualTo(new[] { "https://wallet.bank.example/cb", "com.bank.wallet:/oid4vci" }));
        Assert.That(options.AuthorizationCodeLifetime, Is.EqualTo(TimeSpan.FromSeconds(30)));
        Assert.That(options.RequirePushedAuthorizationRequests, Is.True);
        Assert.DoesNotThrow(options.Validate);
    }

    [TestCase("https://wallet.example/cb#fragment", TestName = "Options_RedirectUriWithFragment_Throws")]
    [TestCase("/relative/cb", TestName = "Options_RelativeRedirectUri_Throws")]
    [TestCase("http://wallet.example/cb", TestName = "Options_PlainHttpRedirectUriNotLoopback_Throws")]
    [TestCase("javascript:alert(1)", TestName = "Options_JavascriptRedirectUri_Throws")]
    public void Options_InvalidRedirectUri_Throws(string redirectUri)
    {
        var options = Setup.Options(IssuerUrl);
        options.AuthorizationClients = [new OpenId4VciClientRegistration { ClientId = "w", RedirectUris = [redirectUri] }];
        Assert.Throws<ArgumentException>(options.Validate);
    }

    [Test]
    public void Options_CodeLifetimeOverTenMinutes_Throws()
    {
        var options = Setup.Options(IssuerUrl);
        options.AuthorizationCodeLifetime = TimeSpan.FromMinutes(11);
        Assert.Throws<ArgumentException>(options.Validate);
    }

    [Test]
    public void Constructor_HandlerWithoutClients_Throws() =>
        Assert.Throws<ArgumentException>(() => Setup.CreateIssuer(IssuerUrl, Clock, o => o.AuthorizationClients = [], authorizationHandler: _handler));

    [Test]
    public void CreateOffer_AuthorizationCodeWithoutHandler_Throws()
    {
        var plain = Setup.CreateIssuer(IssuerUrl, Clock);
        Assert.ThrowsAsync<InvalidOperationException>(() => plain.CreateOfferAsync(new CredentialOfferRequest
        {
            Subject = "customer-1",
            CredentialConfigurationIds = [TestIssuerSetup.SdJwtConfigurationId],
            Grants = CredentialOfferGrants.AuthorizationCode,
        }));
    }

    private static byte[] ByIdentifier(string identifier, params string[] proofs) =>
        Encoding.UTF8.GetBytes(new JsonObject
        {
            ["credential_identifier"] = identifier,
            ["proofs"] = new JsonObject { ["jwt"] = new JsonArray([.. proofs.Select(p => (JsonNode?)JsonValue.Create(p))]) },
        }.ToJsonString());
}
