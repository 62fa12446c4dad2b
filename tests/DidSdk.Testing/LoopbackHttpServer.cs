using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace DidSdk.Testing;

/// <summary>A request as the loopback server received it.</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">The absolute path, e.g. <c>/status/1</c>.</param>
/// <param name="Query">The query string including <c>?</c>, or empty.</param>
/// <param name="Headers">Request headers (names lower-case).</param>
/// <param name="Body">The request body.</param>
public sealed record LoopbackRequest(string Method, string Path, string Query, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    /// <summary>The body as UTF-8 text.</summary>
    public string BodyText => Encoding.UTF8.GetString(Body);
}

/// <summary>A response for the loopback server to send.</summary>
/// <param name="Status">The HTTP status code.</param>
/// <param name="Body">The body bytes.</param>
/// <param name="ContentType">The Content-Type header.</param>
public sealed record LoopbackResponse(int Status, byte[] Body, string ContentType = "application/json")
{
    /// <summary>Extra response headers.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>Delay before the response starts (a slow server).</summary>
    public TimeSpan Delay { get; init; }

    /// <summary>Send no Content-Length (chunked), so the client cannot size the body up front.</summary>
    public bool Chunked { get; init; }

    /// <summary>A text response.</summary>
    public static LoopbackResponse Text(int status, string body, string contentType = "application/json")
        => new(status, Encoding.UTF8.GetBytes(body), contentType);
}

/// <summary>
/// A real HTTP server on 127.0.0.1 and a free port, for tests of code that fetches over HTTP (did:web, status
/// lists, JSON-RPC proxies). Routes map a path to a handler; unknown paths get 404. Counts requests per path.
/// </summary>
public sealed class LoopbackHttpServer : IAsyncDisposable
{
    private readonly HttpListener _listener;
    private readonly ConcurrentDictionary<string, Func<LoopbackRequest, CancellationToken, Task<LoopbackResponse>>> _routes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _loop;

    private LoopbackHttpServer(HttpListener listener, Uri baseUri)
    {
        this._listener = listener;
        BaseUri = baseUri;
        _loop = Task.Run(AcceptLoopAsync);
    }

    /// <summary>The server's base address, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseUri { get; }

    /// <summary>Starts a server on a free loopback port.</summary>
    public static LoopbackHttpServer Start()
    {
        for (var attempt = 0; ; attempt++)
        {
            int port;
            using (var probe = new TcpListener(IPAddress.Loopback, 0))
            {
                probe.Start();
                port = ((IPEndPoint)probe.LocalEndpoint).Port;
            }

            var listener = new HttpListener();
            var prefix = $"http://127.0.0.1:{port}/";
            listener.Prefixes.Add(prefix);
            try
            {
                listener.Start();
                return new LoopbackHttpServer(listener, new Uri(prefix));
            }
            catch (HttpListenerException) when (attempt < 5)
            {
                // Another process took the port between the probe and the bind; try another.
                listener.Close();
            }
        }
    }

    /// <summary>The absolute URL of <paramref name="path"/> on this server.</summary>
    public Uri Url(string path) => new(BaseUri, path);

    /// <summary>Routes <paramref name="path"/> to <paramref name="handler"/> (replacing an earlier route).</summary>
    public void Map(string path, Func<LoopbackRequest, CancellationToken, Task<LoopbackResponse>> handler)
        => _routes[Normalize(path)] = handler;

    /// <summary>Routes <paramref name="path"/> to a fixed response.</summary>
    public void Map(string path, LoopbackResponse response)
        => Map(path, (_, _) => Task.FromResult(response));

    /// <summary>How many requests arrived for <paramref name="path"/>.</summary>
    public int RequestCount(string path) => _counts.TryGetValue(Normalize(path), out var n) ? n : 0;

    /// <summary>Stops the server.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        _listener.Close();
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (ObjectDisposedException)
        {
        }

        _stopping.Dispose();
    }

    private static string Normalize(string path) => path.StartsWith('/') ? path : "/" + path;

    private async Task AcceptLoopAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        var path = context.Request.Url?.AbsolutePath ?? "/";
        _counts.AddOrUpdate(path, 1, (_, n) => n + 1);
        try
        {
            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body, _stopping.Token).ConfigureAwait(false);
            var headers = context.Request.Headers.AllKeys
                .Where(k => k is not null)
                .ToDictionary(k => k!.ToLowerInvariant(), k => context.Request.Headers[k] ?? string.Empty, StringComparer.Ordinal);
            var request = new LoopbackRequest(context.Request.HttpMethod, path, context.Request.Url?.Query ?? string.Empty, headers, body.ToArray());
            var response = _routes.TryGetValue(path, out var handler)
                ? await handler(request, _stopping.Token).ConfigureAwait(false)
                : LoopbackResponse.Text(404, "{\"error\":\"not found\"}");
            if (response.Delay > TimeSpan.Zero)
            {
                await Task.Delay(response.Delay, _stopping.Token).ConfigureAwait(false);
            }

            context.Response.StatusCode = response.Status;
            context.Response.ContentType = response.ContentType;
            foreach (var (name, value) in response.Headers)
            {
                context.Response.Headers[name] = value;
            }

            if (response.Chunked)
            {
                context.Response.SendChunked = true;
            }
            else
            {
                context.Response.ContentLength64 = response.Body.Length;
            }

            await context.Response.OutputStream.WriteAsync(response.Body, _stopping.Token).ConfigureAwait(false);
            context.Response.Close();
        }
        catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or OperationCanceledException or IOException)
        {
            // The client went away or the server is stopping.
            context.Response.Abort();
        }
    }
}
