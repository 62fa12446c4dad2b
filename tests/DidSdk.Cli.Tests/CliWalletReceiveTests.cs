using System.Text.Json.Nodes;
using DidSdk.Core.Jose;
using DidSdk.Crypto;
using DidSdk.SdJwt;

namespace DidSdk.Cli.Tests;

/// <summary>
/// <c>didsdk wallet receive</c> against a real OID4VCI issuer on Kestrel (loopback): offers by reference and by value,
/// the transaction code, key binding to the wallet's key, verification against the issuer's DID before storing, and
/// refusals that leave the wallet as it was.
/// </summary>
[Category("Integration")]
public sealed class CliWalletReceiveTests() : CliWalletFixture("didsdk-cli-receive-", Passphrase)
{
    private const string Passphrase = "wallet passphrase 5e2b";

    [Test]
    public async Task Receive_OfferByReferenceWithTxCode_SdJwtVcBoundToNewWalletKeyVerifiedAndStored()
    {
        await using var issuer = await LoopbackIssuer.StartAsync(Material.Directory);
        var offer = await issuer.OfferAsync();

        var run = await WalletAsync("receive", offer.ReferenceUri, "--tx-code", offer.TxCode!, "--allow-loopback-http");

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        var ids = run.Json["ids"]!.AsArray().Select(i => i!.GetValue<string>()).ToArray();
        Assert.That(ids, Has.Length.EqualTo(1));
        Assert.That(ids[0], Does.StartWith("cred-"));
        Assert.That(run.Json["credentials"]![0]!["issuer"]!.GetValue<string>(), Is.EqualTo(issuer.Did));
        Assert.That(run.Json["credentials"]![0]!["format"]!.GetValue<string>(), Is.EqualTo("dc+sd-jwt"));
        Assert.That(run.Stdout, Does.Not.Contain(offer.Offer.PreAuthorizedCode!), "the pre-authorized code is a secret");

        // The stored credential is the issuer's, with its claims, bound (cnf.jwk) to the wallet key the tool made.
        var show = await WalletAsync("show", ids[0]);
        Assert.That(show.ExitCode, Is.Zero, show.ToString());
        Assert.That(show.Json["claims"]!["given_name"]!.GetValue<string>(), Is.EqualTo("Ji-woo"));
        Assert.That(show.Json["claims"]!["vct"]!.GetValue<string>(), Is.EqualTo(LoopbackIssuer.Vct));
        var key = await WalletAsync("show", run.Json["key"]!.GetValue<string>());
        Assert.That(key.ExitCode, Is.Zero, key.ToString());
        Assert.That(key.Json["keyType"]!.GetValue<string>(), Is.EqualTo("Ed25519"));
        Assert.That(SdJwtToken.TryParseCompact(show.Json["credential"]!.GetValue<string>(), null, out var token, out _), Is.True);
        var payload = JsonNode.Parse(Jws.ReadCompact(token!.IssuerSignedJwt).Token!.Payload.Span)!;
        Assert.That(Jwk.Parse(payload["cnf"]!["jwk"]!.ToJsonString()).TryGetPublicKey(out var bound), Is.True);
        Assert.That(Jwk.Parse(key.Json["publicJwk"]!.ToJsonString()).TryGetPublicKey(out var walletKey), Is.True);
        Assert.That(bound, Is.EqualTo(walletKey));

        // The wallet can present it at once: the receive stored a usable credential.
        var present = await WalletAsync("present", """{"credentials":[{"id":"kyc","format":"dc+sd-jwt","meta":{"vct_values":["https://kyc.consortium.example/credentials/kyc/v1"]},"claims":[{"path":["age_over_18"]}]}]}""", "--aud", "https://bank-b.example", "--nonce", "n-1");
        Assert.That(present.ExitCode, Is.Zero, present.ToString());
        var verified = CliAssert.Verified(await CliRunner.RunAsync("vc", "verify", present.Json["kyc"]![0]!.GetValue<string>(), "--aud", "https://bank-b.example", "--nonce", "n-1", "--trusted-issuer", issuer.Did));
        Assert.That(verified["claims"]!["age_over_18"]!.GetValue<bool>(), Is.True);
    }

    [Test]
    public async Task Receive_OfferByValueFromStdinWithExistingP256Key_JwtVcJsonStoredForThatKey()
    {
        await using var issuer = await LoopbackIssuer.StartAsync(Material.Directory);
        var generated = await WalletAsync("key-generate", "--alg", "ES256");
        Assert.That(generated.ExitCode, Is.Zero, generated.ToString());
        var keyId = generated.Json["id"]!.GetValue<string>();
        var offer = await issuer.OfferAsync(LoopbackIssuer.JwtVcConfigurationId, txCode: false);

        var run = await CliRunner.RunWithStdinAsync(offer.ValueUri + "\n", "wallet", "receive", "-", "--wallet", WalletFile, "--passphrase-file", PassphraseFile, "--key", keyId, "--allow-loopback-http");

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(run.Json["key"]!.GetValue<string>(), Is.EqualTo(keyId));
        Assert.That(run.Json["credentials"]![0]!["format"]!.GetValue<string>(), Is.EqualTo("jwt_vc_json"));
        Assert.That(run.Json["credentials"]![0]!["types"]!.AsArray().Select(t => t!.GetValue<string>()), Does.Contain("KycCredential"));
        Assert.That(await CountsAsync(), Is.EqualTo((1, 1)), "no extra key was generated");
    }

    [Test]
    public async Task Receive_WrongTxCode_DIDSDK7005Exit2AndWalletUnchanged()
    {
        await using var issuer = await LoopbackIssuer.StartAsync(Material.Directory);
        var offer = await issuer.OfferAsync();
        var wrong = offer.TxCode == "000000" ? "111111" : "000000";

        var run = await WalletAsync("receive", offer.ReferenceUri, "--tx-code", wrong, "--allow-loopback-http");

        CliAssert.BadInput(run, "DIDSDK7005");
        Assert.That(run.Stderr, Does.Contain("invalid_grant"));
        Assert.That(run.Stderr, Does.Not.Contain(wrong).And.Not.Contain(offer.TxCode!));
        Assert.That(await CountsAsync(), Is.EqualTo((0, 0)), "the key generated for the exchange is removed again");
    }

    [Test]
    public async Task Receive_TxCodeMissing_DIDSDK7007()
    {
        await using var issuer = await LoopbackIssuer.StartAsync(Material.Directory);
        var offer = await issuer.OfferAsync();

        CliAssert.BadInput(await WalletAsync("receive", offer.ReferenceUri, "--allow-loopback-http"), "DIDSDK7007");
        Assert.That(await CountsAsync(), Is.EqualTo((0, 0)));
    }

    [Test]
    public async Task Receive_SameOfferTwice_SecondRefusedAndOneCredentialStored()
    {
        await using var issuer = await LoopbackIssuer.StartAsync(Material.Directory);
        var offer = await issuer.OfferAsync();
        Assert.That((await WalletAsync("receive", offer.ValueUri, "--tx-code", offer.TxCode!, "--allow-loopback-http")).ExitCode, Is.Zero);

        var replay = await WalletAsync("receive", offer.ValueUri, "--tx-code", offer.TxCode!, "--allow-loopback-http");

        CliAssert.BadInput(replay, "DIDSDK7005");
        Assert.That(await CountsAsync(), Is.EqualTo((1, 1)));
    }

    [Test]
    public async Task Receive_IssuerSignsWithKeyItsDidDoesNotAuthorize_DIDSDK7009Exit1AndNothingStored()
    {
        await using var issuer = await LoopbackIssuer.StartAsync(Material.Directory, signWithForeignKey: true);
        var offer = await issuer.OfferAsync();

        var run = await WalletAsync("receive", offer.ReferenceUri, "--tx-code", offer.TxCode!, "--allow-loopback-http");

        CliAssert.NoStackTrace(run);
        Assert.That(run.ExitCode, Is.EqualTo(1), run.ToString());
        Assert.That(run.Stdout, Is.Empty);
        Assert.That(run.ErrorCode, Is.EqualTo("DIDSDK7009"));
        Assert.That(run.Stderr, Does.Not.Contain("Ji-woo"), "claims of an unverified credential are never shown");
        Assert.That(await CountsAsync(), Is.EqualTo((0, 0)));
    }

    [Test]
    public async Task Receive_PlainHttpIssuerWithoutDevelopmentOption_DIDSDK7003()
    {
        await using var issuer = await LoopbackIssuer.StartAsync(Material.Directory);
        var offer = await issuer.OfferAsync();

        CliAssert.BadInput(await WalletAsync("receive", offer.ReferenceUri, "--tx-code", offer.TxCode!), "DIDSDK7003");
        Assert.That(await CountsAsync(), Is.EqualTo((0, 0)));
    }

    [TestCase("openid-credential-offer://?nothing=here", TestName = "Receive_OfferWithoutOfferParameter_DIDSDK7001")]
    [TestCase("openid-credential-offer://?credential_offer=%7B%22credential_issuer%22%3A1%7D", TestName = "Receive_OfferJsonMalformed_DIDSDK7001")]
    public async Task Receive_MalformedOffer_DIDSDK7001(string offerUri)
    {
        CliAssert.BadInput(await WalletAsync("receive", offerUri, "--allow-loopback-http"), "DIDSDK7001");
        Assert.That(await CountsAsync(), Is.EqualTo((0, 0)));
    }

    [Test]
    public async Task Receive_IssuerNotListening_DIDSDK7004Exit3()
    {
        string offerUri;
        await using (var issuer = await LoopbackIssuer.StartAsync(Material.Directory))
        {
            offerUri = (await issuer.OfferAsync()).ReferenceUri;
        }

        var run = await WalletAsync("receive", offerUri, "--tx-code", "123456", "--allow-loopback-http");

        CliAssert.NoStackTrace(run);
        Assert.That(run.ExitCode, Is.EqualTo(3), run.ToString());
        Assert.That(run.ErrorCode, Is.EqualTo("DIDSDK7004"));
        Assert.That(await CountsAsync(), Is.EqualTo((0, 0)));
    }
}
