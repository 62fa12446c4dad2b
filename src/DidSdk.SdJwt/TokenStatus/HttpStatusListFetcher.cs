using System.Net;
using System.Text;
using DidSdk.Core.Http;

namespace DidSdk.SdJwt.TokenStatus;

/// <summary>
/// Fetches Status List Tokens over HTTPS (draft-ietf-oauth-status-list §8.1) with an injected <see cref="HttpClient"/>:
/// <c>Accept: application/statuslist+jwt</c>, a size limit, a timeout and same-origin redirects only. Caching of
/// verified lists is done by <see cref="TokenStatusChecker"/>.
/// </summary>
public sealed class HttpStatusListFetcher : IStatusListFetcher
{
    private readonly HttpClient _httpClient;
    private readonly HttpStatusListFetcherOptions _options;
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates a fetcher.</summary>
    /// <param name="httpClient">The client; not disposed by the fetcher.</param>
    /// <param name="options">Options, or <see langword="null"/> for the defaults.</param>
    /// <param name="timeProvider">The clock for timeouts.</param>
    public HttpStatusListFetcher(HttpClient httpClient, HttpStatusListFetcherOptions? options = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        this._httpClient = httpClient;
        this._options = options ?? new HttpStatusListFetcherOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(this._options.MaxResponseBytes, 1, nameof(options));
        this._timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <inheritdoc/>
    public async Task<StatusListTokenFetchResult> FetchAsync(Uri uri, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(uri);
        var secure = uri.IsAbsoluteUri && uri.Scheme == Uri.UriSchemeHttps;
        var loopbackHttp = uri.IsAbsoluteUri && uri.Scheme == Uri.UriSchemeHttp && _options.AllowHttpForLoopback && IsLoopback(uri);
        if (!secure && !loopbackHttp)
        {
            return StatusListTokenFetchResult.Failure("The status list URI is not https.");
        }

        var response = await BoundedHttpClient.GetAsync(
            _httpClient,
            uri,
            new BoundedHttpOptions { MaxResponseBytes = _options.MaxResponseBytes, Timeout = _options.Timeout, Accept = [StatusListToken.MediaType] },
            _timeProvider,
            cancellationToken).ConfigureAwait(false);
        if (!response.Succeeded)
        {
            return StatusListTokenFetchResult.Failure(response.Outcome switch
            {
                BoundedHttpOutcome.NotFound => "The status list does not exist (HTTP 404/410).",
                BoundedHttpOutcome.TooLarge => $"The status list is larger than {_options.MaxResponseBytes} bytes.",
                BoundedHttpOutcome.Timeout => "Fetching the status list timed out.",
                BoundedHttpOutcome.CrossOriginRedirect => "The status list server redirected to another origin.",
                BoundedHttpOutcome.NetworkError => "The status list server could not be reached.",
                _ => $"The status list server answered HTTP {response.StatusCode}.",
            });
        }

        try
        {
            return StatusListTokenFetchResult.Success(new UTF8Encoding(false, true).GetString(response.Body.Span).Trim());
        }
        catch (DecoderFallbackException)
        {
            return StatusListTokenFetchResult.Failure("The status list response is not UTF-8 text.");
        }
    }

    private static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.IdnHost, out var ip) && IPAddress.IsLoopback(ip));
}
