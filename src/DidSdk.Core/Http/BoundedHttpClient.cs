using System.Net;
using System.Net.Http.Headers;

namespace DidSdk.Core.Http;

/// <summary>How a bounded fetch ended.</summary>
public enum BoundedHttpOutcome
{
    /// <summary>A 2xx response whose body fit the limit; <see cref="BoundedHttpResponse.Body"/> holds it.</summary>
    Success,

    /// <summary>HTTP 404 or 410.</summary>
    NotFound,

    /// <summary>Another non-success status, or a redirect without a location or beyond the redirect limit.</summary>
    HttpError,

    /// <summary>The body (declared or streamed) exceeded the size limit; reading stopped there.</summary>
    TooLarge,

    /// <summary>The server redirected to another origin (scheme, host or port), which is never followed.</summary>
    CrossOriginRedirect,

    /// <summary>The request took longer than the timeout.</summary>
    Timeout,

    /// <summary>The connection failed or broke while reading.</summary>
    NetworkError,
}

/// <summary>The result of <see cref="BoundedHttpClient.GetAsync"/>. Never carries a partial body.</summary>
public sealed class BoundedHttpResponse
{
    internal BoundedHttpResponse(BoundedHttpOutcome outcome, int statusCode = 0, byte[]? body = null, string? mediaType = null, Uri? finalUri = null)
    {
        Outcome = outcome;
        StatusCode = statusCode;
        Body = body ?? [];
        MediaType = mediaType;
        FinalUri = finalUri;
    }

    /// <summary>How the fetch ended.</summary>
    public BoundedHttpOutcome Outcome { get; }

    /// <summary>Whether the body was read in full.</summary>
    public bool IsSuccess => Outcome == BoundedHttpOutcome.Success;

    /// <summary>The last HTTP status code seen, or 0 when no response arrived.</summary>
    public int StatusCode { get; }

    /// <summary>The body (empty unless <see cref="IsSuccess"/>).</summary>
    public ReadOnlyMemory<byte> Body { get; }

    /// <summary>The response's media type (<c>Content-Type</c> without parameters).</summary>
    public string? MediaType { get; }

    /// <summary>The URI the body came from (after same-origin redirects).</summary>
    public Uri? FinalUri { get; }
}

/// <summary>Limits for <see cref="BoundedHttpClient.GetAsync"/>.</summary>
public sealed class BoundedHttpOptions
{
    /// <summary>The largest body accepted, in bytes. Default 1 MiB.</summary>
    public int MaxResponseBytes { get; init; } = 1024 * 1024;

    /// <summary>The time allowed for the whole fetch (headers and body). Default 10 seconds.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Same-origin redirects followed at most (cross-origin redirects are always refused). Default 3.</summary>
    public int MaxRedirects { get; init; } = 3;

    /// <summary>Media types sent in the <c>Accept</c> header, in order of preference.</summary>
    public IReadOnlyList<string> Accept { get; init; } = [];

    /// <summary>Checks the limits; throws <see cref="ArgumentOutOfRangeException"/> for a misconfiguration.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxResponseBytes, 1, nameof(MaxResponseBytes));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(Timeout, TimeSpan.Zero, nameof(Timeout));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Timeout, TimeSpan.FromHours(1), nameof(Timeout));
        ArgumentOutOfRangeException.ThrowIfNegative(MaxRedirects, nameof(MaxRedirects));
    }
}

/// <summary>
/// GET over an injected <see cref="HttpClient"/> for documents fetched on behalf of untrusted input (did:web
/// documents, status lists): a size limit enforced on <c>Content-Length</c> and while streaming, a timeout, and no
/// redirect to another origin (checked on the final request URI as well, in case the client's handler follows
/// redirects itself). Network failures and timeouts become outcomes, not exceptions; only the caller's
/// cancellation throws.
/// </summary>
public static class BoundedHttpClient
{
    /// <summary>Fetches <paramref name="url"/> within <paramref name="options"/>.</summary>
    /// <param name="httpClient">The client; not disposed.</param>
    /// <param name="url">An absolute http(s) URL (the caller decides whether plain http is acceptable).</param>
    /// <param name="options">Limits.</param>
    /// <param name="timeProvider">The clock for the timeout; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the fetch (throws <see cref="OperationCanceledException"/>).</param>
    public static async Task<BoundedHttpResponse> GetAsync(HttpClient httpClient, Uri url, BoundedHttpOptions options, TimeProvider? timeProvider = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(options);
        if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
        {
            throw new ArgumentException("An absolute http or https URL is required.", nameof(url));
        }

        using var timeout = new CancellationTokenSource(options.Timeout, timeProvider ?? TimeProvider.System);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            return await FetchAsync(httpClient, url, options, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new BoundedHttpResponse(BoundedHttpOutcome.Timeout);
        }
        catch (HttpRequestException)
        {
            return new BoundedHttpResponse(BoundedHttpOutcome.NetworkError);
        }
        catch (IOException)
        {
            return new BoundedHttpResponse(BoundedHttpOutcome.NetworkError);
        }
    }

    private static async Task<BoundedHttpResponse> FetchAsync(HttpClient httpClient, Uri url, BoundedHttpOptions options, CancellationToken cancellationToken)
    {
        var origin = url.GetLeftPart(UriPartial.Authority);
        var target = url;
        for (var redirects = 0; ; redirects++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, target);
            foreach (var mediaType in options.Accept)
            {
                request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(mediaType));
            }

            using var response = await httpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            var status = (int)response.StatusCode;

            // The injected client may follow redirects itself; what counts is where the bytes came from.
            var final = response.RequestMessage?.RequestUri ?? target;
            if (!SameOrigin(final, origin))
            {
                return new BoundedHttpResponse(BoundedHttpOutcome.CrossOriginRedirect, status);
            }

            if (status is >= 300 and < 400)
            {
                if (response.Headers.Location is not { } location || redirects >= options.MaxRedirects)
                {
                    return new BoundedHttpResponse(BoundedHttpOutcome.HttpError, status);
                }

                target = location.IsAbsoluteUri ? location : new Uri(final, location);
                if (!SameOrigin(target, origin))
                {
                    return new BoundedHttpResponse(BoundedHttpOutcome.CrossOriginRedirect, status);
                }

                continue;
            }

            if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Gone)
            {
                return new BoundedHttpResponse(BoundedHttpOutcome.NotFound, status);
            }

            if (!response.IsSuccessStatusCode)
            {
                return new BoundedHttpResponse(BoundedHttpOutcome.HttpError, status);
            }

            var body = await ReadBoundedAsync(response, options.MaxResponseBytes, cancellationToken).ConfigureAwait(false);
            return body is null
                ? new BoundedHttpResponse(BoundedHttpOutcome.TooLarge, status)
                : new BoundedHttpResponse(BoundedHttpOutcome.Success, status, body, response.Content.Headers.ContentType?.MediaType, final);
        }
    }

    private static bool SameOrigin(Uri uri, string origin) =>
        string.Equals(uri.GetLeftPart(UriPartial.Authority), origin, StringComparison.OrdinalIgnoreCase);

    private static async Task<byte[]?> ReadBoundedAsync(HttpResponseMessage response, int max, CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentLength is { } declared && declared > max)
        {
            return null;
        }

        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var buffer = new byte[Math.Min(max + 1L, (response.Content.Headers.ContentLength ?? 16 * 1024) + 1)];
            var length = 0;
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (buffer.Length > max)
                    {
                        return null;
                    }

                    Array.Resize(ref buffer, (int)Math.Min((long)max + 1, buffer.Length * 2L));
                }

                var read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                length += read;
                if (length > max)
                {
                    return null;
                }
            }

            return buffer.AsSpan(0, length).ToArray();
        }
    }
}
