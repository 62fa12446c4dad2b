using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using DidSdk.Core;
using DidSdk.Core.Jose;

namespace DidSdk.SdJwt.TokenStatus;

/// <summary>
/// Checks a Referenced Token's <c>status</c> claim against its Status List Token (draft-ietf-oauth-status-list §8.3):
/// fetches the token, requires <c>typ</c> <c>statuslist+jwt</c>, a signature by the issuer (<see cref="StatusListTrust"/>),
/// <c>sub</c> equal to the referenced <c>uri</c>, a valid <c>iat</c>/<c>exp</c>, decompresses the list within a size
/// limit and reads the status at <c>idx</c>. Verified lists are cached by URI until <c>ttl</c> (bounded) or <c>exp</c>.
/// Never throws for invalid input or unreachable lists.
/// </summary>
public sealed class TokenStatusChecker
{
    private readonly IStatusListFetcher _fetcher;
    private readonly TokenStatusCheckerOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ConcurrentDictionary<string, CachedList> _cache = new(StringComparer.Ordinal);

    /// <summary>Creates a checker.</summary>
    /// <param name="fetcher">Where Status List Tokens come from (e.g. <see cref="HttpStatusListFetcher"/>).</param>
    /// <param name="options">Options, or <see langword="null"/> for the defaults.</param>
    /// <param name="timeProvider">The clock for <c>iat</c>, <c>exp</c> and the cache; default <see cref="TimeProvider.System"/>.</param>
    public TokenStatusChecker(IStatusListFetcher fetcher, TokenStatusCheckerOptions? options = null, TimeProvider? timeProvider = null)
    {
        this._timeProvider = timeProvider ?? TimeProvider.System;
        ArgumentNullException.ThrowIfNull(fetcher);
        this._fetcher = fetcher;
        this._options = options ?? new TokenStatusCheckerOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(this._options.MaxDecompressedBytes, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfNegative(this._options.MaxCachedLists, nameof(options));
    }

    /// <summary>Lists fetched (not served from the cache) so far; for monitoring.</summary>
    public long Fetches => Interlocked.Read(ref _fetches);

    private long _fetches;

    /// <summary>Checks the status of a Referenced Token.</summary>
    /// <param name="statusClaim">The value of the Referenced Token's <c>status</c> claim.</param>
    /// <param name="trust">Whose signature the Status List Token must carry (normally the Referenced Token's issuer).</param>
    /// <param name="referencedTokenIssuer">The Referenced Token's <c>iss</c>; when both tokens carry one they must be equal.</param>
    /// <param name="cancellationToken">Cancels fetching and resolution.</param>
    public async Task<TokenStatusResult> CheckAsync(JsonNode? statusClaim, StatusListTrust trust, string? referencedTokenIssuer = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(trust);
        if (!StatusListReference.TryParse(statusClaim, out var reference, out var problem))
        {
            return TokenStatusResult.Failed(problem);
        }

        var cacheKey = trust.CacheKey + "|" + reference.Uri.AbsoluteUri;
        var now = _timeProvider.GetUtcNow();
        if (!_cache.TryGetValue(cacheKey, out var cached) || cached.ExpiresAt <= now)
        {
            var (loaded, failure) = await LoadAsync(reference.Uri, trust, now, cancellationToken).ConfigureAwait(false);
            if (failure is not null)
            {
                return TokenStatusResult.Failed(failure, reference);
            }

            cached = loaded!;
            Remember(cacheKey, cached, now);
        }

        if (referencedTokenIssuer is not null && cached.Issuer is not null && !string.Equals(referencedTokenIssuer, cached.Issuer, StringComparison.Ordinal))
        {
            return TokenStatusResult.Failed(new Problem(TokenStatusProblemCodes.StatusListIssuerMismatch, "The Status List Token's iss is not the token's issuer."), reference);
        }

        return cached.List.TryGet(reference.Index, out var status)
            ? TokenStatusResult.FromStatus(reference, status)
            : TokenStatusResult.Failed(new Problem(TokenStatusProblemCodes.IndexOutOfRange, $"Index {reference.Index} is outside the status list ({cached.List.Size} entries)."), reference);
    }

    private async Task<(CachedList? List, Problem? Problem)> LoadAsync(Uri uri, StatusListTrust trust, DateTimeOffset now, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _fetches);
        var fetched = await _fetcher.FetchAsync(uri, cancellationToken).ConfigureAwait(false);
        if (!fetched.Succeeded)
        {
            return (null, fetched.Problem);
        }

        var read = Jws.ReadCompact(fetched.Token, _options.JwsReaderOptions);
        if (!read.Succeeded)
        {
            return (null, new Problem(TokenStatusProblemCodes.StatusListTokenInvalid, $"The Status List Token is not a valid JWS: {read.Problem!.Message}"));
        }

        var jws = read.Token!;
        if (!string.Equals(jws.Type, StatusListToken.JwtType, StringComparison.Ordinal))
        {
            return (null, new Problem(TokenStatusProblemCodes.StatusListTokenWrongType, $"The Status List Token's typ must be {StatusListToken.JwtType}."));
        }

        var signatureProblem = await trust.VerifyAsync(jws, cancellationToken).ConfigureAwait(false);
        if (signatureProblem is not null)
        {
            return (null, signatureProblem);
        }

        if (!JwtClaims.TryParse(jws.Payload.Span, out var claims, out var claimsProblem))
        {
            return (null, new Problem(TokenStatusProblemCodes.StatusListTokenInvalid, claimsProblem.Message));
        }

        if (claims.Subject is null || claims.IssuedAt is null || claims.Claims["status_list"] is null)
        {
            return (null, new Problem(TokenStatusProblemCodes.StatusListTokenInvalid, "The Status List Token lacks sub, iat or status_list."));
        }

        if (!string.Equals(claims.Subject, uri.OriginalString, StringComparison.Ordinal) && !string.Equals(claims.Subject, uri.AbsoluteUri, StringComparison.Ordinal))
        {
            return (null, new Problem(TokenStatusProblemCodes.StatusListSubjectMismatch, "The Status List Token's sub is not the URI the token references."));
        }

        var timeProblems = JwtValidator.Validate(claims, new JwtValidationOptions
        {
            ClockSkew = _options.ClockSkew,
            RequireIssuedAt = true,
            MaxAge = _options.MaxStatusListAge,
        }, _timeProvider);
        if (timeProblems.Count > 0)
        {
            var code = timeProblems[0].Code == JoseProblemCodes.TooOld ? TokenStatusProblemCodes.StatusListTooOld : TokenStatusProblemCodes.StatusListExpired;
            return (null, new Problem(code, timeProblems[0].Message));
        }

        if (!TokenStatusList.TryParse(claims.Claims["status_list"], _options.MaxDecompressedBytes, out var list, out var listProblem))
        {
            return (null, listProblem);
        }

        TimeSpan cacheFor;
        if (claims.Claims.TryGetPropertyValue("ttl", out var ttlNode))
        {
            // A present ttl must be readable (§5.1: a positive number of seconds); never silently "no ttl".
            if (ttlNode is not JsonValue ttlValue || ttlValue.GetValueKind() != System.Text.Json.JsonValueKind.Number || !ttlValue.TryGetValue<long>(out var ttl) || ttl <= 0)
            {
                return (null, new Problem(TokenStatusProblemCodes.StatusListTokenInvalid, "The Status List Token's ttl is not a positive integer."));
            }

            cacheFor = TimeSpan.FromSeconds(Math.Min(ttl, (long)_options.MaxCacheDuration.TotalSeconds));
        }
        else
        {
            cacheFor = _options.DefaultCacheDuration < _options.MaxCacheDuration ? _options.DefaultCacheDuration : _options.MaxCacheDuration;
        }

        var expiresAt = now + cacheFor;
        if (claims.ExpirationTime is { } exp && exp < expiresAt)
        {
            expiresAt = exp;
        }

        return (new CachedList(list, claims.Issuer, expiresAt), null);
    }

    private void Remember(string key, CachedList list, DateTimeOffset now)
    {
        if (list.ExpiresAt <= now || _options.MaxCachedLists == 0)
        {
            return;
        }

        if (_cache.Count >= _options.MaxCachedLists)
        {
            foreach (var (k, v) in _cache)
            {
                if (v.ExpiresAt <= now)
                {
                    _cache.TryRemove(k, out _);
                }
            }

            if (_cache.Count >= _options.MaxCachedLists)
            {
                return;
            }
        }

        _cache[key] = list;
    }

    private sealed record CachedList(TokenStatusList List, string? Issuer, DateTimeOffset ExpiresAt);
}
