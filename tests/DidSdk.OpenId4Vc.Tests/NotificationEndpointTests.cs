using System.Text;
using System.Text.Json.Nodes;
using DidSdk.Crypto;

namespace DidSdk.OpenId4Vc.Tests;

public sealed class NotificationEndpointTests : ProtocolTestBase
{
    private PrivateKey _holder = null!;

    [SetUp]
    public void UseIssuerWithNotifications()
    {
        Issuer = Setup.CreateIssuer(IssuerUrl, Clock, withNotifications: true);
        _holder = PrivateKey.Generate(KeyType.Ed25519);
    }

    [TearDown]
    public void DisposeHolder() => _holder.Dispose();

    private async Task<(string AccessToken, string NotificationId)> IssueAsync(string subject = "customer-1")
    {
        var token = await AccessTokenAsync(subject);
        var result = await RequestCredentialAsync(token, CredentialRequest(TestIssuerSetup.SdJwtConfigurationId, await ProofAsync(_holder, await NonceAsync(), Clock.GetUtcNow())));
        Assert.That(result.Succeeded, Is.True, result.Body.ToJsonString());
        return (token, result.Body["notification_id"]!.GetValue<string>());
    }

    private static byte[] Body(string? notificationId, string? eventName, string? description = null)
    {
        var json = new JsonObject();
        if (notificationId is not null)
        {
            json["notification_id"] = notificationId;
        }

        if (eventName is not null)
        {
            json["event"] = eventName;
        }

        if (description is not null)
        {
            json["event_description"] = description;
        }

        return Encoding.UTF8.GetBytes(json.ToJsonString());
    }

    private Task<OpenId4VciEndpointResult> NotifyAsync(string accessToken, byte[] body) => Issuer.HandleNotificationRequestAsync("Bearer " + accessToken, body);

    [Test]
    public void Metadata_WithHandler_AdvertisesNotificationEndpoint()
    {
        Assert.That(Issuer.GetCredentialIssuerMetadata()["notification_endpoint"]?.GetValue<string>(), Is.EqualTo(IssuerUrl + "/notification"));
        var withoutHandler = Setup.CreateIssuer(IssuerUrl, Clock);
        Assert.That(withoutHandler.GetCredentialIssuerMetadata().ContainsKey("notification_endpoint"), Is.False);
        Assert.That(withoutHandler.Metadata.NotificationEndpoint, Is.Null);
    }

    [Test]
    public async Task Notification_WithoutHandler_404AndNoNotificationIdIssued()
    {
        Issuer = Setup.CreateIssuer(IssuerUrl, Clock);
        var token = await AccessTokenAsync();
        var result = await RequestCredentialAsync(token, CredentialRequest(TestIssuerSetup.SdJwtConfigurationId, await ProofAsync(_holder, await NonceAsync(), Clock.GetUtcNow())));
        Assert.That(result.Body.ContainsKey("notification_id"), Is.False);
        var notify = await NotifyAsync(token, Body("anything", "credential_accepted"));
        Assert.That(notify.StatusCode, Is.EqualTo(404));
    }

    [TestCase("credential_accepted", OpenId4VciNotificationEvent.CredentialAccepted)]
    [TestCase("credential_failure", OpenId4VciNotificationEvent.CredentialFailure)]
    [TestCase("credential_deleted", OpenId4VciNotificationEvent.CredentialDeleted)]
    public async Task Notification_ValidEvent_204AndHandlerReceivesIt(string eventName, OpenId4VciNotificationEvent expected)
    {
        var (token, notificationId) = await IssueAsync();
        var result = await NotifyAsync(token, Body(notificationId, eventName, "stored in wallet"));
        Assert.That(result.Succeeded, Is.True, result.Body.ToJsonString());
        Assert.That(result.StatusCode, Is.EqualTo(204));
        var received = Setup.Notifications.Received.Single();
        Assert.That(received.Event, Is.EqualTo(expected));
        Assert.That(received.Subject, Is.EqualTo("customer-1"));
        Assert.That(received.CredentialConfigurationId, Is.EqualTo(TestIssuerSetup.SdJwtConfigurationId));
        Assert.That(received.EventDescription, Is.EqualTo("stored in wallet"));
    }

    [Test]
    public async Task Notification_AcceptedThenDeleted_BothDelivered()
    {
        var (token, notificationId) = await IssueAsync();
        Assert.That((await NotifyAsync(token, Body(notificationId, "credential_accepted"))).StatusCode, Is.EqualTo(204));
        Assert.That((await NotifyAsync(token, Body(notificationId, "credential_deleted"))).StatusCode, Is.EqualTo(204));
        Assert.That(Setup.Notifications.Received.Select(n => n.Event),
            Is.EqualTo(new[] { OpenId4VciNotificationEvent.CredentialAccepted, OpenId4VciNotificationEvent.CredentialDeleted }));
    }

    [Test]
    public async Task Notification_IdFromAnotherAccessToken_InvalidNotificationId()
    {
        var (_, notificationId) = await IssueAsync("customer-1");
        var (otherToken, _) = await IssueAsync("customer-2");
        var result = await NotifyAsync(otherToken, Body(notificationId, "credential_accepted"));
        AssertRefused(result, OpenId4VciErrorCodes.InvalidNotificationId, 400);
    }

    [Test]
    public async Task Notification_UnknownId_InvalidNotificationId()
    {
        var (token, _) = await IssueAsync();
        AssertRefused(await NotifyAsync(token, Body("made-up-id", "credential_accepted")), OpenId4VciErrorCodes.InvalidNotificationId, 400);
    }

    private static IEnumerable<TestCaseData> MalformedRequests()
    {
        yield return new TestCaseData("{\"event\":\"credential_accepted\"}").SetName("Notification_MissingNotificationId_InvalidNotificationRequest");
        yield return new TestCaseData("{\"notification_id\":\"ID\"}").SetName("Notification_MissingEvent_InvalidNotificationRequest");
        yield return new TestCaseData("{\"notification_id\":\"ID\",\"event\":\"credential_stolen\"}").SetName("Notification_UnknownEvent_InvalidNotificationRequest");
        yield return new TestCaseData("{\"notification_id\":\"ID\",\"event\":\"CREDENTIAL_ACCEPTED\"}").SetName("Notification_EventWrongCase_InvalidNotificationRequest");
        yield return new TestCaseData("{\"notification_id\":42,\"event\":\"credential_accepted\"}").SetName("Notification_NumericNotificationId_InvalidNotificationRequest");
        yield return new TestCaseData("{\"notification_id\":\"ID\",\"event\":\"credential_accepted\",\"event_description\":\"caf\\u00e9\"}")
            .SetName("Notification_NonAsciiDescription_InvalidNotificationRequest");
        yield return new TestCaseData("{\"notification_id\":\"ID\",\"event\":\"credential_accepted\",\"event_description\":\"say \\\"hi\\\"\"}")
            .SetName("Notification_QuoteInDescription_InvalidNotificationRequest");
        yield return new TestCaseData("{\"notification_id\":\"ID\",\"event\":\"credential_accepted\",\"event_description\":7}")
            .SetName("Notification_NumericDescription_InvalidNotificationRequest");
        yield return new TestCaseData("[\"ID\",\"credential_accepted\"]").SetName("Notification_NotAnObject_InvalidNotificationRequest");
        yield return new TestCaseData("{").SetName("Notification_BrokenJson_InvalidNotificationRequest");
    }

    [TestCaseSource(nameof(MalformedRequests))]
    public async Task Notification_MalformedRequest_RefusedAndNothingDelivered(string template)
    {
        var (token, notificationId) = await IssueAsync();
        var result = await NotifyAsync(token, Encoding.UTF8.GetBytes(template.Replace("ID", notificationId, StringComparison.Ordinal)));
        AssertRefused(result, OpenId4VciErrorCodes.InvalidNotificationRequest, 400);

        // Still usable afterwards: the refusal changed nothing.
        Assert.That((await NotifyAsync(token, Body(notificationId, "credential_accepted"))).StatusCode, Is.EqualTo(204));
    }

    [Test]
    public async Task Notification_OversizedDescription_InvalidNotificationRequest()
    {
        var (token, notificationId) = await IssueAsync();
        AssertRefused(await NotifyAsync(token, Body(notificationId, "credential_failure", new string('x', 1025))), OpenId4VciErrorCodes.InvalidNotificationRequest, 400);
    }

    [Test]
    public async Task Notification_OversizedBody_413()
    {
        var (token, notificationId) = await IssueAsync();
        var result = await NotifyAsync(token, Body(notificationId, "credential_accepted", new string('x', Issuer.Options.MaxRequestBytes)));
        AssertRefused(result, OpenId4VciErrorCodes.InvalidNotificationRequest, 413);
    }

    [Test]
    public async Task Notification_WithoutOrWithUnknownToken_401InvalidToken()
    {
        var (_, notificationId) = await IssueAsync();
        var body = Body(notificationId, "credential_accepted");
        var missing = await Issuer.HandleNotificationRequestAsync(null, body);
        AssertRefused(missing, OpenId4VciErrorCodes.InvalidToken, 401);
        Assert.That(missing.WwwAuthenticate, Does.StartWith("Bearer"));
        AssertRefused(await NotifyAsync("not-a-token", body), OpenId4VciErrorCodes.InvalidToken, 401);
    }

    [Test]
    public async Task Notification_AfterAccessTokenExpired_401InvalidToken()
    {
        var (token, notificationId) = await IssueAsync();
        Clock.Advance(Issuer.Options.AccessTokenLifetime + TimeSpan.FromSeconds(1));
        AssertRefused(await NotifyAsync(token, Body(notificationId, "credential_accepted")), OpenId4VciErrorCodes.InvalidToken, 401);
    }

    private void AssertRefused(OpenId4VciEndpointResult result, string error, int status)
    {
        Assert.That(result.Succeeded, Is.False);
        Assert.That(result.Error, Is.EqualTo(error));
        Assert.That(result.StatusCode, Is.EqualTo(status));
        Assert.That(Setup.Notifications.Received, Is.Empty);
    }
}
