namespace DidSdk.OpenId4Vc;

public sealed partial class OpenId4VciIssuer
{
    private const int MaxEventDescriptionLength = 1024;

    /// <summary>
    /// The Notification Endpoint (OpenID4VCI 1.0 §11): checks the access token, the request and that the
    /// <c>notification_id</c> was returned under that access token, then passes the event to the
    /// <see cref="IOpenId4VciNotificationHandler"/> and answers 204. Without a handler the endpoint does not exist (404).
    /// </summary>
    /// <param name="authorization">The <c>Authorization</c> header value (<c>Bearer ...</c>).</param>
    /// <param name="body">The JSON request body.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<OpenId4VciEndpointResult> HandleNotificationRequestAsync(string? authorization, ReadOnlyMemory<byte> body, CancellationToken cancellationToken = default)
    {
        if (_notificationHandler is null)
        {
            return OpenId4VciEndpointResult.Fail(OpenId4VciErrorCodes.InvalidRequest, "This issuer has no notification endpoint.", 404);
        }

        var now = _timeProvider.GetUtcNow();
        if (authorization is null || !authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || authorization.Length > 600)
        {
            return OpenId4VciEndpointResult.InvalidToken("A Bearer access token is required.");
        }

        var tokenKey = Secrets.Hash(authorization[7..].Trim());
        if (await _store.GetAsync(StateKinds.AccessToken, tokenKey, now, cancellationToken).ConfigureAwait(false) is null)
        {
            return OpenId4VciEndpointResult.InvalidToken("The access token is invalid or expired.");
        }

        if (body.Length > _options.MaxRequestBytes)
        {
            return OpenId4VciEndpointResult.Fail(OpenId4VciErrorCodes.InvalidNotificationRequest, "The request is too large.", 413);
        }

        var request = JsonRead.ParseObject(body.Span);
        if (request is null)
        {
            return OpenId4VciEndpointResult.Fail(OpenId4VciErrorCodes.InvalidNotificationRequest, "The request is not a JSON object.");
        }

        if (JsonRead.String(request, "notification_id") is not { Length: > 0 and <= 256 } notificationId)
        {
            return OpenId4VciEndpointResult.Fail(OpenId4VciErrorCodes.InvalidNotificationRequest, "notification_id is required.");
        }

        OpenId4VciNotificationEvent? notificationEvent = JsonRead.String(request, "event") switch
        {
            "credential_accepted" => OpenId4VciNotificationEvent.CredentialAccepted,
            "credential_failure" => OpenId4VciNotificationEvent.CredentialFailure,
            "credential_deleted" => OpenId4VciNotificationEvent.CredentialDeleted,
            _ => null,
        };
        if (notificationEvent is null)
        {
            return OpenId4VciEndpointResult.Fail(OpenId4VciErrorCodes.InvalidNotificationRequest,
                "event must be credential_accepted, credential_failure or credential_deleted.");
        }

        var description = JsonRead.String(request, "event_description");
        if ((request.ContainsKey("event_description") && description is null) || (description is not null && !IsEventDescription(description)))
        {
            return OpenId4VciEndpointResult.Fail(OpenId4VciErrorCodes.InvalidNotificationRequest,
                "event_description must be printable ASCII without '\"' and '\\', at most 1024 characters.");
        }

        // A notification_id from another access token is as unknown as a made-up one: nothing tells the caller it exists.
        var entry = await _store.GetAsync(StateKinds.Notification, Secrets.Hash(notificationId), now, cancellationToken).ConfigureAwait(false);
        var data = entry is null ? null : JsonRead.ParseObject(entry.Data);
        if (data is null || JsonRead.String(data, "tok") is not { } boundToken || !Secrets.FixedTimeEquals(boundToken, tokenKey)
            || JsonRead.String(data, "sub") is not { } subject || JsonRead.String(data, "cfg") is not { } configurationId)
        {
            return OpenId4VciEndpointResult.Fail(OpenId4VciErrorCodes.InvalidNotificationId, "The notification_id is invalid.");
        }

        await _notificationHandler.OnNotificationAsync(new OpenId4VciNotification(subject, configurationId, notificationEvent.Value, description), cancellationToken)
            .ConfigureAwait(false);
        return OpenId4VciEndpointResult.NoContent();
    }

    // OpenID4VCI 1.0 §11.1: %x20-21 / %x23-5B / %x5D-7E.
    private static bool IsEventDescription(string text) =>
        text.Length <= MaxEventDescriptionLength && text.All(c => c is >= ' ' and <= '~' and not '"' and not '\\');
}
