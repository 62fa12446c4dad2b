namespace DidSdk.OpenId4Vc;

/// <summary>
/// A Notification Request the issuer accepted (OpenID4VCI 1.0 §11.1), as passed to an
/// <see cref="IOpenId4VciNotificationHandler"/>: which issuance it is about and what the Wallet reports.
/// </summary>
public sealed class OpenId4VciNotification
{
    /// <summary>Creates a notification.</summary>
    /// <param name="subject">The subject the credentials were issued for.</param>
    /// <param name="credentialConfigurationId">The configuration of the issued credentials.</param>
    /// <param name="notificationEvent">The reported event.</param>
    /// <param name="eventDescription">The Wallet's <c>event_description</c>, if any.</param>
    public OpenId4VciNotification(string subject, string credentialConfigurationId, OpenId4VciNotificationEvent notificationEvent, string? eventDescription)
    {
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(credentialConfigurationId);
        Subject = subject;
        CredentialConfigurationId = credentialConfigurationId;
        Event = notificationEvent;
        EventDescription = eventDescription;
    }

    /// <summary>The subject the credentials were issued for.</summary>
    public string Subject { get; }

    /// <summary>The <c>credential_configuration_id</c> of the issued credentials.</summary>
    public string CredentialConfigurationId { get; }

    /// <summary>The <c>event</c>.</summary>
    public OpenId4VciNotificationEvent Event { get; }

    /// <summary>The <c>event_description</c> (printable ASCII, untrusted Wallet text), or <see langword="null"/>.</summary>
    public string? EventDescription { get; }
}
