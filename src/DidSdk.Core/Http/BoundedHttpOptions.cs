namespace DidSdk.Core.Http;

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
