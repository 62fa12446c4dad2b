using System.Net;
using System.Net.Sockets;
using System.Text;

namespace DidSdk.Cli;

/// <summary>
/// The redirect target of a native app (RFC 8252 §7.3): a one-shot HTTP listener on 127.0.0.1, bound to a port the
/// system picks, that waits for the browser to come back to <c>/callback</c>, shows a short page and hands the whole
/// redirect URI on. Other paths get a 404; requests are read with a size limit and a per-connection time limit.
/// </summary>
internal sealed class LoopbackRedirectListener : IDisposable
{
    private const int MaxRequestHeadBytes = 16 * 1024;
    private const string CallbackPath = "/callback";
    private static readonly TimeSpan ConnectionTimeout = TimeSpan.FromSeconds(10);
    private readonly TcpListener _listener;

    public LoopbackRedirectListener()
    {
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        RedirectUri = $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}{CallbackPath}";
    }

    /// <summary>The redirect URI to register with the authorization request.</summary>
    public string RedirectUri { get; }

    /// <summary>The URI the browser was redirected to, or <see langword="null"/> when it did not come back within <paramref name="timeout"/>.</summary>
    public async Task<Uri?> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        wait.CancelAfter(timeout);
        try
        {
            while (true)
            {
                using var client = await _listener.AcceptTcpClientAsync(wait.Token);
                using var connection = CancellationTokenSource.CreateLinkedTokenSource(wait.Token);
                connection.CancelAfter(ConnectionTimeout);
                var stream = client.GetStream();
                string? target;
                try
                {
                    target = await ReadRequestTargetAsync(stream, connection.Token);
                }
                catch (Exception e) when (e is IOException or OperationCanceledException && !wait.IsCancellationRequested)
                {
                    continue;
                }

                if (target is not null && target.StartsWith(CallbackPath + "?", StringComparison.Ordinal))
                {
                    await RespondAsync(stream, "200 OK", "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>didsdk</title></head><body><p>The wallet has the answer. You can close this window.</p></body></html>", connection.Token);
                    return new Uri(RedirectUri + target[CallbackPath.Length..]);
                }

                await RespondAsync(stream, "404 Not Found", "<!DOCTYPE html><html><body><p>Not found.</p></body></html>", connection.Token);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    public void Dispose() => _listener.Dispose();

    /// <summary>The request target of a <c>GET</c>, or <see langword="null"/> for anything else.</summary>
    private static async Task<string?> ReadRequestTargetAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var buffer = new byte[MaxRequestHeadBytes];
        var length = 0;
        while (length < buffer.Length)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken);
            if (read == 0)
            {
                break;
            }

            length += read;
            if (buffer.AsSpan(0, length).IndexOf("\r\n\r\n"u8) >= 0)
            {
                break;
            }
        }

        var end = buffer.AsSpan(0, length).IndexOf("\r\n"u8);
        if (end < 0)
        {
            return null;
        }

        var parts = Encoding.ASCII.GetString(buffer, 0, end).Split(' ');
        return parts is ["GET", { Length: > 0 } target, _] && target.StartsWith('/') ? target : null;
    }

    private static async Task RespondAsync(NetworkStream stream, string status, string html, CancellationToken cancellationToken)
    {
        var body = Encoding.UTF8.GetBytes(html);
        var head = Encoding.ASCII.GetBytes($"HTTP/1.1 {status}\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {body.Length}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n");
        try
        {
            await stream.WriteAsync(head, cancellationToken);
            await stream.WriteAsync(body, cancellationToken);
        }
        catch (IOException)
        {
            // The browser went away; the redirect it made is what counts.
        }
    }
}
