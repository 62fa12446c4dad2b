using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

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
/// A real HTTP server (Kestrel) on 127.0.0.1 and a port the system assigned while binding, for tests of code that
/// fetches over HTTP (did:web, status lists, JSON-RPC proxies). Routes map a path to a handler; unknown paths get 404.
/// Counts requests per path.
/// </summary>
public sealed class LoopbackHttpServer : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Func<LoopbackRequest, CancellationToken, Task<LoopbackResponse>>> _routes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private LoopbackWebHost? _host;

    private LoopbackHttpServer()
    {
    }

    /// <summary>The server's base address, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseUri { get; private set; } = null!;

    /// <summary>Starts a server on a loopback port the system assigns (port 0).</summary>
    public static LoopbackHttpServer Start() => StartAsync().GetAwaiter().GetResult();

    /// <summary>Starts a server on a loopback port the system assigns (port 0).</summary>
    public static async Task<LoopbackHttpServer> StartAsync(CancellationToken cancellationToken = default)
    {
        var server = new LoopbackHttpServer();
        server._host = await LoopbackWebHost.StartAsync((_, _) => { }, (app, _) => app.Run(server.HandleAsync), cancellationToken).ConfigureAwait(false);
        server.BaseUri = new Uri(server._host.BaseUrl + "/");
        return server;
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
        if (_host is not null)
        {
            await _host.DisposeAsync().ConfigureAwait(false);
        }

        _stopping.Dispose();
    }

    private static string Normalize(string path) => path.StartsWith('/') ? path : "/" + path;

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.HasValue ? context.Request.Path.ToUriComponent() : "/";
        _counts.AddOrUpdate(path, 1, (_, n) => n + 1);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token, context.RequestAborted);
        try
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body, stop.Token).ConfigureAwait(false);
            var headers = context.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString(), StringComparer.Ordinal);
            var request = new LoopbackRequest(context.Request.Method, path, context.Request.QueryString.Value ?? string.Empty, headers, body.ToArray());
            var response = _routes.TryGetValue(path, out var handler)
                ? await handler(request, stop.Token).ConfigureAwait(false)
                : LoopbackResponse.Text(404, "{\"error\":\"not found\"}");
            if (response.Delay > TimeSpan.Zero)
            {
                await Task.Delay(response.Delay, stop.Token).ConfigureAwait(false);
            }

            context.Response.StatusCode = response.Status;
            context.Response.ContentType = response.ContentType;
            foreach (var (name, value) in response.Headers)
            {
                context.Response.Headers[name] = value;
            }

            if (!response.Chunked)
            {
                context.Response.ContentLength = response.Body.Length;
            }

            // Without a Content-Length Kestrel sends the body chunked (HTTP/1.1).
            await context.Response.Body.WriteAsync(response.Body, stop.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException)
        {
            // The client went away or the server is stopping.
            context.Abort();
        }
    }
}
