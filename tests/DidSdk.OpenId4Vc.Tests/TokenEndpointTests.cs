namespace DidSdk.OpenId4Vc.Tests;

public sealed class TokenEndpointTests : ProtocolTestBase
{
    [Test]
    public async Task Token_CorrectTxCode_BearerAccessToken()
    {
        var offer = await OfferAsync();
        var result = await Issuer.HandleTokenRequestAsync(TokenForm(offer, offer.TxCode));
        Assert.That(result.Succeeded, Is.True);
        Assert.That(result.StatusCode, Is.EqualTo(200));
        Assert.That(result.Body["token_type"]!.GetValue<string>(), Is.EqualTo("Bearer"));
        Assert.That(result.Body["expires_in"]!.GetValue<long>(), Is.EqualTo(300));
        Assert.That(result.Body["access_token"]!.GetValue<string>(), Has.Length.GreaterThanOrEqualTo(43));
    }

    [Test]
    public async Task Token_ReplayedPreAuthorizedCode_InvalidGrant()
    {
        var offer = await OfferAsync();
        Assert.That((await Issuer.HandleTokenRequestAsync(TokenForm(offer, offer.TxCode))).Succeeded, Is.True);
        var replay = await Issuer.HandleTokenRequestAsync(TokenForm(offer, offer.TxCode));
        Assert.That(replay.Error, Is.EqualTo(OpenId4VciErrorCodes.InvalidGrant));
        Assert.That(replay.StatusCode, Is.EqualTo(400));
    }

    [Test]
    public async Task Token_ConcurrentRedemptions_ExactlyOneSucceeds()
    {
        var offer = await OfferAsync();
        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => Issuer.HandleTokenRequestAsync(TokenForm(offer, offer.TxCode)))));
        Assert.That(results.Count(r => r.Succeeded), Is.EqualTo(1));
        Assert.That(results.Where(r => !r.Succeeded).Select(r => r.Error), Is.All.EqualTo(OpenId4VciErrorCodes.InvalidGrant));
    }

    [Test]
    public async Task Token_WrongTxCode_InvalidGrant()
    {
        var offer = await OfferAsync();
        var result = await Issuer.HandleTokenRequestAsync(TokenForm(offer, WrongCode(offer.TxCode!)));
        Assert.That(result.Error, Is.EqualTo(OpenId4VciErrorCodes.InvalidGrant));

        // One wrong attempt below the limit leaves the code usable with the right PIN.
        Assert.That((await Issuer.HandleTokenRequestAsync(TokenForm(offer, offer.TxCode))).Succeeded, Is.True);
    }

    [Test]
    public async Task Token_BruteForcedTxCode_CodeDestroyedAfterMaxAttempts()
    {
        var offer = await OfferAsync();
        for (var i = 0; i < 3; i++)
        {
            Assert.That((await Issuer.HandleTokenRequestAsync(TokenForm(offer, WrongCode(offer.TxCode!, i + 1)))).Error, Is.EqualTo(OpenId4VciErrorCodes.InvalidGrant));
        }

        // Even the right PIN no longer works: the code was destroyed at the third wrong attempt.
        Assert.That((await Issuer.HandleTokenRequestAsync(TokenForm(offer, offer.TxCode))).Error, Is.EqualTo(OpenId4VciErrorCodes.InvalidGrant));
    }

    [Test]
    public async Task Token_MissingTxCode_InvalidRequestAndCodeKept()
    {
        var offer = await OfferAsync();
        Assert.That((await Issuer.HandleTokenRequestAsync(TokenForm(offer, null))).Error, Is.EqualTo(OpenId4VciErrorCodes.InvalidRequest));
        Assert.That((await Issuer.HandleTokenRequestAsync(TokenForm(offer, offer.TxCode))).Succeeded, Is.True);
    }

    [Test]
    public async Task Token_TxCodeNotExpected_InvalidRequest()
    {
        var offer = await OfferAsync(txCode: false);
        Assert.That(offer.TxCode, Is.Null);
        Assert.That(offer.Offer.TxCode, Is.Null);
        Assert.That((await Issuer.HandleTokenRequestAsync(TokenForm(offer, "123456"))).Error, Is.EqualTo(OpenId4VciErrorCodes.InvalidRequest));
        Assert.That((await Issuer.HandleTokenRequestAsync(TokenForm(offer, null))).Succeeded, Is.True);
    }

    [Test]
    public async Task Token_ExpiredPreAuthorizedCode_InvalidGrant()
    {
        var offer = await OfferAsync();
        Clock.Advance(TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(1));
        Assert.That((await Issuer.HandleTokenRequestAsync(TokenForm(offer, offer.TxCode))).Error, Is.EqualTo(OpenId4VciErrorCodes.InvalidGrant));
    }

    [Test]
    public async Task Token_UnknownCode_InvalidGrant() =>
        Assert.That((await Issuer.HandleTokenRequestAsync(new Dictionary<string, string>
        {
            ["grant_type"] = AuthorizationServerMetadata.PreAuthorizedCodeGrantType,
            ["pre-authorized_code"] = "guessed",
            ["tx_code"] = "000000",
        })).Error, Is.EqualTo(OpenId4VciErrorCodes.InvalidGrant));

    [Test]
    public async Task Token_AuthorizationCodeGrant_UnsupportedGrantType() =>
        Assert.That((await Issuer.HandleTokenRequestAsync(new Dictionary<string, string> { ["grant_type"] = "authorization_code", ["code"] = "x" })).Error,
            Is.EqualTo(OpenId4VciErrorCodes.UnsupportedGrantType));

    [Test]
    public async Task Token_NoGrantType_InvalidRequest() =>
        Assert.That((await Issuer.HandleTokenRequestAsync(new Dictionary<string, string>())).Error, Is.EqualTo(OpenId4VciErrorCodes.InvalidRequest));

    [Test]
    public void FormUrlEncoded_RepeatedParameter_Refused()
    {
        Assert.That(FormUrlEncoded.TryParse("grant_type=a&grant_type=b", out _), Is.False);
        Assert.That(FormUrlEncoded.TryParse("a=1%2B2&b=x+y", out var form), Is.True);
        Assert.That(form!["a"], Is.EqualTo("1+2"));
        Assert.That(form["b"], Is.EqualTo("x y"));
    }

    private static string WrongCode(string code, int delta = 1) =>
        string.Concat(code.Select((c, i) => i == 0 ? (char)('0' + ((c - '0' + delta) % 10)) : c));
}
