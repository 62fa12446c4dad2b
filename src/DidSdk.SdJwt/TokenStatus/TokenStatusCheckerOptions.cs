using DidSdk.Core.Jose;

namespace DidSdk.SdJwt.TokenStatus;

/// <summary>Options for <see cref="TokenStatusChecker"/>.</summary>
public sealed class TokenStatusCheckerOptions
{
    private readonly TimeSpan _clockSkew = TimeSpan.FromSeconds(60);

    /// <summary>Tolerance for clocks that disagree (0 to 5 minutes, default 60 seconds).</summary>
    public TimeSpan ClockSkew
    {
        get => _clockSkew;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, TimeSpan.Zero);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, JwtValidationOptions.MaxClockSkew);
            _clockSkew = value;
        }
    }

    /// <summary>The largest decompressed list accepted. Default <see cref="TokenStatusList.DefaultMaxDecompressedBytes"/>.</summary>
    public int MaxDecompressedBytes { get; init; } = TokenStatusList.DefaultMaxDecompressedBytes;

    /// <summary>How long a verified list is reused when its token has no <c>ttl</c>. Default 5 minutes; zero disables caching of such lists.</summary>
    public TimeSpan DefaultCacheDuration { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The longest a verified list is reused, whatever its <c>ttl</c> says. Default 1 hour.</summary>
    public TimeSpan MaxCacheDuration { get; init; } = TimeSpan.FromHours(1);

    /// <summary>How many lists the cache holds at most. Default 1,000.</summary>
    public int MaxCachedLists { get; init; } = 1000;

    /// <summary>When set, a Status List Token issued (<c>iat</c>) longer ago than this is rejected (a freshness policy, §8.3).</summary>
    public TimeSpan? MaxStatusListAge { get; init; }

    /// <summary>The JWS limits and algorithm allow-list for Status List Tokens.</summary>
    public JwsReaderOptions JwsReaderOptions { get; init; } = JwsReaderOptions.Default;
}
