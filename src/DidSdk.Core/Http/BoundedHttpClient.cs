using System.Net;
using System.Net.Http.Headers;

namespace DidSdk.Core.Http;

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
