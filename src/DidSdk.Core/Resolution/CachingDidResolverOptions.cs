namespace DidSdk.Core.Resolution;

/// <summary>Options of <see cref="CachingDidResolver"/>.</summary>
public sealed class CachingDidResolverOptions
{
    /// <summary>How long a successful result is reused. Default 5 minutes.</summary>
    public TimeSpan TimeToLive { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The most results kept; the soonest-expiring tenth is evicted when full. Default 10,000.</summary>
    public int MaxEntries { get; init; } = 10_000;

    /// <summary>
    /// Per-method time to live overriding <see cref="TimeToLive"/>; <see cref="TimeSpan.Zero"/> makes a method
    /// uncacheable (e.g. a method whose documents change with every block). Keys are method names (<c>key</c>, <c>ethr</c>).
    /// </summary>
    public IReadOnlyDictionary<string, TimeSpan> MethodTimeToLive { get; init; } = new Dictionary<string, TimeSpan>();

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(TimeToLive, TimeSpan.Zero, nameof(TimeToLive));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxEntries, 1, nameof(MaxEntries));
        ArgumentNullException.ThrowIfNull(MethodTimeToLive, nameof(MethodTimeToLive));
        foreach (var (method, ttl) in MethodTimeToLive)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(ttl, TimeSpan.Zero, $"{nameof(MethodTimeToLive)}[{method}]");
        }
    }
}
