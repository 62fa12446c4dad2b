namespace DidSdk.OpenId4Vc;

/// <summary>
/// Receives the Wallet's notifications about issued credentials (OpenID4VCI 1.0 §11). Only when an issuer has one does it
/// publish a <c>notification_endpoint</c> and return a <c>notification_id</c> with its credentials.
/// </summary>
public interface IOpenId4VciNotificationHandler
{
    /// <summary>
    /// Called once per accepted Notification Request, after the access token and the <c>notification_id</c> were checked.
    /// A Wallet may send several events for one <c>notification_id</c> (for example accepted, later deleted).
    /// </summary>
    /// <param name="notification">The notification.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task OnNotificationAsync(OpenId4VciNotification notification, CancellationToken cancellationToken = default);
}
