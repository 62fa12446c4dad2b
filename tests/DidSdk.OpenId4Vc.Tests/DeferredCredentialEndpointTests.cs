using System.Text;
using System.Text.Json.Nodes;
using DidSdk.Core.Jose;
using DidSdk.Crypto;

namespace DidSdk.OpenId4Vc.Tests;

public sealed class DeferredCredentialEndpointTests : ProtocolTestBase
{
    private PrivateKey _holder = null!;

    [SetUp]
    public void UseIssuerWithDecider()
    {
        Issuer = Setup.CreateIssuer(IssuerUrl, Clock, withDeferred: true);
        Setup.Decider.Decision = OpenId4VciIssuanceDecision.Pending;
        _holder = PrivateKey.Generate(KeyType.Ed25519);
    }

    [TearDown]
    public void DisposeHolder() => _holder.Dispose();

    private async Task<(string AccessToken, string TransactionId)> RequestPendingAsync(string subject = "customer-1")
    {
        var token = await AccessTokenAsync(subject);
        var result = await RequestCredentialAsync(token, CredentialRequest(TestIssuerSetup.SdJwtConfigurationId, await ProofAsync(_holder, await NonceAsync(), Clock.GetUtcNow())));
        Assert.That(result.StatusCode, Is.EqualTo(202), result.Body.ToJsonString());
        return (token, result.Body["transaction_id"]!.GetValue<string>());
    }

    private static byte[] Body(string transactionId) => Encoding.UTF8.GetBytes(new JsonObject { ["transaction_id"] = transactionId }.ToJsonString());

    private Task<OpenId4VciEndpointResult> DeferredAsync(string accessToken, byte[] body) => Issuer.HandleDeferredCredentialRequestAsync("Bearer " + accessToken, body);

    [Test]
    public void Metadata_WithDecider_AdvertisesDeferredCredentialEndpoint()
    {
        Assert.That(Issuer.GetCredentialIssuerMetadata()["deferred_credential_endpoint"]?.GetValue<string>(), Is.EqualTo(IssuerUrl + "/deferred_credential"));
        Assert.That(Setup.CreateIssuer(IssuerUrl, Clock).GetCredentialIssuerMetadata().ContainsKey("deferred_credential_endpoint"), Is.False);
    }

    [Test]
    public async Task Credential_DecisionPending_202WithTransactionIdAndIntervalAndNothingIssued()
    {
        var token = await AccessTokenAsync();
        var result = await RequestCredentialAsync(token, CredentialRequest(TestIssuerSetup.SdJwtConfigurationId, await ProofAsync(_holder, await NonceAsync(), Clock.GetUtcNow())));
        Assert.That(result.Succeeded, Is.True);
        Assert.That(result.StatusCode, Is.EqualTo(202));
        Assert.That(result.Body["transaction_id"]!.GetValue<string>(), Is.Not.Empty);
        Assert.That(result.Body["interval"]!.GetValue<long>(), Is.EqualTo(60));
        Assert.That(result.Body.ContainsKey("credentials"), Is.False);
        await AssertNothingIssuedAsync();
    }

    [Test]
    public async Task Deferred_StillPending_202SameTransactionAndNothingIssued()
    {
        var (token, transactionId) = await RequestPendingAsync();
        var result = await DeferredAsync(token, Body(transactionId));
        Assert.That(result.StatusCode, Is.EqualTo(202));
        Assert.That(result.Body["transaction_id"]!.GetValue<string>(), Is.EqualTo(transactionId));
        await AssertNothingIssuedAsync();
    }

    [Test]
    public async Task Deferred_AfterApproval_IssuedBoundToOriginalProofKeyOnce()
    {
        var (token, transactionId) = await RequestPendingAsync();
        Setup.Decider.Decision = OpenId4VciIssuanceDecision.IssueNow;

        var result = await DeferredAsync(token, Body(transactionId));

        Assert.That(result.StatusCode, Is.EqualTo(200), result.Body.ToJsonString());
        var credential = result.Body["credentials"]![0]!["credential"]!.GetValue<string>();
        var verification = await TestIssuerSetup.Verifier(Clock).VerifyAsync(credential);
        Assert.That(verification.Succeeded, Is.True, string.Join("; ", verification.Problems));
        var payload = JsonNode.Parse(Jws.ReadCompact(credential.Split('~')[0]).Token!.Payload.Span)!;
        Assert.That(Jwk.Parse(payload["cnf"]!["jwk"]!.ToJsonString()).ToPublicKey(), Is.EqualTo(_holder.PublicKey));
        Assert.That(Setup.Claims.Calls, Is.EqualTo(1));

        var replay = await DeferredAsync(token, Body(transactionId));
        Assert.That(replay.Error, Is.EqualTo(OpenId4VciErrorCodes.InvalidTransactionId));
        Assert.That(Setup.Claims.Calls, Is.EqualTo(1));
    }

    [Test]
    public async Task Deferred_TransactionOfAnotherAccessToken_InvalidTransactionIdAndNothingIssued()
    {
        var (_, transactionId) = await RequestPendingAsync("customer-1");
        var (otherToken, _) = await RequestPendingAsync("customer-2");
        Setup.Decider.Decision = OpenId4VciIssuanceDecision.IssueNow;
        var result = await DeferredAsync(otherToken, Body(transactionId));
        Assert.That(result.Error, Is.EqualTo(OpenId4VciErrorCodes.InvalidTransactionId));
        Assert.That(result.StatusCode, Is.EqualTo(400));
        await AssertNothingIssuedAsync();
    }

    [Test]
    public async Task Deferred_UnknownTransaction_InvalidTransactionId()
    {
        var (token, _) = await RequestPendingAsync();
        Setup.Decider.Decision = OpenId4VciIssuanceDecision.IssueNow;
        Assert.That((await DeferredAsync(token, Body("made-up"))).Error, Is.EqualTo(OpenId4VciErrorCodes.InvalidTransactionId));
        await AssertNothingIssuedAsync();
    }

    [TestCase("{}", TestName = "Deferred_MissingTransactionId_InvalidCredentialRequest")]
    [TestCase("{\"transaction_id\":5}", TestName = "Deferred_NumericTransactionId_InvalidCredentialRequest")]
    [TestCase("{", TestName = "Deferred_BrokenJson_InvalidCredentialRequest")]
    public async Task Deferred_MalformedRequest_InvalidCredentialRequestAndTransactionKept(string json)
    {
        var (token, transactionId) = await RequestPendingAsync();
        Setup.Decider.Decision = OpenId4VciIssuanceDecision.IssueNow;
        Assert.That((await DeferredAsync(token, Encoding.UTF8.GetBytes(json))).Error, Is.EqualTo(OpenId4VciErrorCodes.InvalidCredentialRequest));
        await AssertNothingIssuedAsync();
        Assert.That((await DeferredAsync(token, Body(transactionId))).StatusCode, Is.EqualTo(200));
    }

    [Test]
    public async Task Deferred_WithoutToken_401AndNoDecisionAsked()
    {
        var (_, transactionId) = await RequestPendingAsync();
        var calls = Setup.Decider.Calls;
        var result = await Issuer.HandleDeferredCredentialRequestAsync(null, Body(transactionId));
        Assert.That(result.Error, Is.EqualTo(OpenId4VciErrorCodes.InvalidToken));
        Assert.That(result.StatusCode, Is.EqualTo(401));
        Assert.That(Setup.Decider.Calls, Is.EqualTo(calls));
    }

    [Test]
    public async Task Deferred_WithoutDecider_404()
    {
        Issuer = Setup.CreateIssuer(IssuerUrl, Clock);
        var token = await AccessTokenAsync();
        Assert.That((await DeferredAsync(token, Body("any"))).StatusCode, Is.EqualTo(404));
    }
}
