using System.Collections.Concurrent;
using DidSdk.Core;
using DidSdk.Core.Http;

namespace DidSdk.Credentials;

/// <summary>Fetches status list credentials over HTTPS with a size limit, a timeout, same-origin redirects only and a short cache.</summary>
public sealed class HttpStatusListCredentialFetcher : IStatusListCredentialFetcher
{
    private readonly HttpClient _httpClient;
    private readonly TimeProvider _timeProvider;
    private readonly ConcurrentDictionary<string, (string Body, DateTimeOffset Until)> _cache = new(StringComparer.Ordinal);

    /// <summary>Creates a fetcher.</summary>
    public HttpStatusListCredentialFetcher(HttpClient httpClient, TimeProvider? timeProvider = null)
    {
        this._httpClient = httpClient ?? throw new ArgumentNullException(nameof(httpClient));
        this._timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Fetch from loopback hosts over plain http (tests and local development only).</summary>
    public bool AllowHttpForLoopback { get; init; }

    /// <summary>The largest status list credential accepted. Default 2 MiB.</summary>
    public int MaxResponseBytes { get; init; } = 2 * 1024 * 1024;

    /// <summary>How long a fetched list is reused. Default 5 minutes; zero disables the cache.</summary>
    public TimeSpan CacheDuration { get; init; } = TimeSpan.FromMinutes(5);

    /// <inheritdoc/>
    public async Task<StatusListFetchResult> FetchAsync(Uri url, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(url);
        var now = _timeProvider.GetUtcNow();
        if (_cache.TryGetValue(url.AbsoluteUri, out var hit) && hit.Until > now)
        {
            return StatusListFetchResult.Success(hit.Body);
        }

        var loopback = url.IsLoopback && AllowHttpForLoopback && url.Scheme == Uri.UriSchemeHttp;
        if (url.Scheme != Uri.UriSchemeHttps && !loopback)
        {
            return StatusListFetchResult.Failure(new Problem(CredentialProblemCodes.StatusListUnreachable, "The status list URL is not https."));
        }

        var response = await BoundedHttpClient.GetAsync(_httpClient, url, new BoundedHttpOptions { MaxResponseBytes = MaxResponseBytes, Accept = ["application/vc+jwt", "application/vc", "application/json"] }, _timeProvider, cancellationToken).ConfigureAwait(false);
        if (!response.Succeeded)
        {
            return StatusListFetchResult.Failure(new Problem(CredentialProblemCodes.StatusListUnreachable, $"The status list could not be fetched ({response.Outcome}, HTTP {response.StatusCode})."));
        }

        var body = System.Text.Encoding.UTF8.GetString(response.Body.Span).Trim();
        if (CacheDuration > TimeSpan.Zero)
        {
            _cache[url.AbsoluteUri] = (body, now + CacheDuration);
        }

        return StatusListFetchResult.Success(body);
    }
}
