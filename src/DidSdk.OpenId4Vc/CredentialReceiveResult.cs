using System.Diagnostics.CodeAnalysis;
using DidSdk.Core;

namespace DidSdk.OpenId4Vc;

/// <summary>The outcome of <see cref="OpenId4VciWalletClient.ReceiveAsync"/>: the credentials, or why none was kept.</summary>
public sealed class CredentialReceiveResult
{
    private CredentialReceiveResult(IReadOnlyList<ReceivedCredential>? credentials, string? notificationId, IReadOnlyList<Problem> problems)
    {
        Credentials = credentials;
        NotificationId = notificationId;
        Problems = problems;
    }

    /// <summary>Whether every credential was received, verified and (with a store) stored.</summary>
    [MemberNotNullWhen(true, nameof(Credentials))]
    public bool Succeeded => Credentials is not null;

    /// <summary>The received credentials, one per holder key.</summary>
    public IReadOnlyList<ReceivedCredential>? Credentials { get; }

    /// <summary>The issuer's <c>notification_id</c>, if it sent one.</summary>
    public string? NotificationId { get; }

    /// <summary>Why the exchange failed (<see cref="OpenId4VcProblemCodes"/>, with causes).</summary>
    public IReadOnlyList<Problem> Problems { get; }

    /// <summary>The issuer's <c>notification_endpoint</c>, when it has one and sent a <see cref="NotificationId"/>.</summary>
    public string? NotificationEndpoint { get; private init; }

    // The access token the credentials came with: a notification must present it (OpenID4VCI 1.0 §11.1).
    internal string? AccessToken { get; private init; }

    internal static CredentialReceiveResult Success(IReadOnlyList<ReceivedCredential> credentials, string? notificationId, string? notificationEndpoint,
        string accessToken) =>
        notificationId is null || notificationEndpoint is null
            ? new(credentials, notificationId, [])
            : new(credentials, notificationId, []) { NotificationEndpoint = notificationEndpoint, AccessToken = accessToken };

    internal static CredentialReceiveResult Fail(Problem problem) => new(null, null, [problem]);

    internal static CredentialReceiveResult Fail(string code, string message, IEnumerable<Problem>? causes = null) =>
        new(null, null, [new Problem(code, message), .. causes ?? []]);
}
