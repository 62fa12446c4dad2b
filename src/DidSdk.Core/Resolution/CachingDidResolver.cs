using System.Collections.Concurrent;
using System.Globalization;
using DidSdk.Core.Diagnostics;
using DidSdk.Core.Dids;

namespace DidSdk.Core.Resolution;

/// <summary>
/// Caches successful resolutions of an inner resolver: a time to live and a size bound, per-method cacheability, one
/// underlying call for concurrent resolutions of the same DID, and <c>noCache</c> bypass.
/// </summary>
/// <remarks>
/// A cache hit is a dictionary lookup returning a stored, already-completed task of an immutable result: no parsing
/// and no allocation. Failures are never cached, so a transient <c>notFound</c> or network error is retried. The
/// shared underlying call is not cancelled when one caller cancels; each caller stops waiting on its own token.
/// </remarks>
public sealed class CachingDidResolver : IDidResolver
{
    private readonly IDidResolver _inner;
    private readonly CachingDidResolverOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ConcurrentDictionary<string, Entry> _cache = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<Task<DidResolutionResult>>> _inFlight = new(StringComparer.Ordinal);
    private readonly object _evictionLock = new();
    private long _hits;
    private long _misses;
    private long _underlyingCalls;

    /// <summary>Creates a caching resolver.</summary>
    /// <param name="inner">The resolver to cache (usually a <see cref="CompositeDidResolver"/>).</param>
    /// <param name="options">Cache options, or <see langword="null"/> for the defaults.</param>
    /// <param name="timeProvider">The clock; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    public CachingDidResolver(IDidResolver inner, CachingDidResolverOptions? options = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(inner);
        _options = options ?? new CachingDidResolverOptions();
        _options.Validate();
        _inner = inner;
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Results served from the cache.</summary>
    public long Hits => Interlocked.Read(ref _hits);

    /// <summary>Resolutions not served from the cache (including <c>noCache</c> and joined in-flight calls).</summary>
    public long Misses => Interlocked.Read(ref _misses);

    /// <summary>Calls made to the inner resolver.</summary>
    public long UnderlyingCalls => Interlocked.Read(ref _underlyingCalls);

    /// <summary>The number of cached results (including expired ones not yet evicted).</summary>
    public int Count => _cache.Count;

    /// <summary>Drops every cached result.</summary>
    public void Clear() => _cache.Clear();

    /// <summary>Drops the cached results of <paramref name="did"/> for the default options.</summary>
    public void Invalidate(string did)
    {
        ArgumentNullException.ThrowIfNull(did);
        _cache.TryRemove(did, out _);
    }

    /// <inheritdoc/>
    public Task<DidResolutionResult> ResolveAsync(string did, DidResolutionOptions? options = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (did is null)
        {
            return Task.FromResult(DidResolutionResult.Failure(DidResolutionErrors.InvalidDid, "The DID is null."));
        }

        var key = options is null || options.IsDefault ? did : KeyFor(did, options);
        var noCache = options?.NoCache == true;
        if (!noCache && _cache.TryGetValue(key, out var entry) && _timeProvider.GetTimestamp() < entry.ExpiresAt)
        {
            Interlocked.Increment(ref _hits);
            DidSdkTelemetry.CacheHits.Add(1);
            return entry.Task;
        }

        Interlocked.Increment(ref _misses);
        DidSdkTelemetry.CacheMisses.Add(1);
        return ResolveMissAsync(did, key, options, cancellationToken);
    }

    private async Task<DidResolutionResult> ResolveMissAsync(string did, string key, DidResolutionOptions? options, CancellationToken cancellationToken)
    {
        // noCache callers must see a fresh document, so they do not join a call that started before they asked.
        var flightKey = options?.NoCache == true ? "\u0001" + key : key;
        var lazy = _inFlight.GetOrAdd(flightKey, k => new Lazy<Task<DidResolutionResult>>(() => CallInnerAsync(did, key, k, options)));
        return await lazy.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<DidResolutionResult> CallInnerAsync(string did, string key, string flightKey, DidResolutionOptions? options)
    {
        try
        {
            Interlocked.Increment(ref _underlyingCalls);

            // CancellationToken.None: other callers may be waiting on this call; each stops waiting on its own token.
            var result = await _inner.ResolveAsync(did, options, CancellationToken.None).ConfigureAwait(false);
            Store(did, key, result);
            return result;
        }
        finally
        {
            _inFlight.TryRemove(flightKey, out _);
        }
    }

    private void Store(string did, string key, DidResolutionResult result)
    {
        if (!result.Succeeded || !Did.TryParse(did, out var parsed))
        {
            return;
        }

        var ttl = _options.MethodTimeToLive.TryGetValue(parsed.Method, out var methodTtl) ? methodTtl : _options.TimeToLive;
        if (ttl <= TimeSpan.Zero)
        {
            return;
        }

        if (_cache.Count >= _options.MaxEntries)
        {
            Evict();
        }

        var now = _timeProvider.GetTimestamp();
        var ticks = (long)(ttl.TotalSeconds * _timeProvider.TimestampFrequency);
        _cache[key] = new Entry(Task.FromResult(result), now + ticks);
    }

    private void Evict()
    {
        lock (_evictionLock)
        {
            if (_cache.Count < _options.MaxEntries)
            {
                return;
            }

            var now = _timeProvider.GetTimestamp();
            foreach (var (key, entry) in _cache)
            {
                if (entry.ExpiresAt <= now)
                {
                    _cache.TryRemove(key, out _);
                }
            }

            var excess = _cache.Count - _options.MaxEntries + Math.Max(1, _options.MaxEntries / 10);
            if (excess <= 0)
            {
                return;
            }

            foreach (var (key, _) in _cache.ToArray().OrderBy(pair => pair.Value.ExpiresAt).Take(excess))
            {
                _cache.TryRemove(key, out _);
            }
        }
    }

    private static string KeyFor(string did, DidResolutionOptions options) =>
        string.Join(
            '\n',
            did,
            options.Accept ?? string.Empty,
            options.VersionId ?? string.Empty,
            options.VersionTime?.UtcTicks.ToString(CultureInfo.InvariantCulture) ?? string.Empty);

    private sealed record Entry(Task<DidResolutionResult> Task, long ExpiresAt);
}
