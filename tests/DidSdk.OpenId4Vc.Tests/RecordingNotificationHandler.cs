using System.Collections.Concurrent;

namespace DidSdk.OpenId4Vc.Tests;

/// <summary>The bank's notification callback in the tests: keeps every notification it receives.</summary>
internal sealed class RecordingNotificationHandler : IOpenId4VciNotificationHandler
{
    private readonly ConcurrentQueue<OpenId4VciNotification> _received = new();

    public IReadOnlyList<OpenId4VciNotification> Received => [.. _received];

    public Task OnNotificationAsync(OpenId4VciNotification notification, CancellationToken cancellationToken = default)
    {
        _received.Enqueue(notification);
        return Task.CompletedTask;
    }
}
