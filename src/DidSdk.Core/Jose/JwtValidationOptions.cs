namespace DidSdk.Core.Jose;

/// <summary>
/// What <see cref="JwtValidator"/> requires of a JWT Claims Set. Defaults: 60 seconds of clock
/// skew, no issuer/audience/nonce expectations, <c>exp</c> and <c>iat</c> optional (as in RFC 7519).
/// </summary>
public sealed class JwtValidationOptions
{
    /// <summary>The largest clock skew that can be configured (5 minutes).</summary>
    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromMinutes(5);

    private readonly TimeSpan _clockSkew = TimeSpan.FromSeconds(60);
    private readonly TimeSpan? _maxAge;

    /// <summary>Tolerance for clocks that disagree, applied to <c>exp</c>, <c>nbf</c> and <c>iat</c>: 0 to 5 minutes, default 60 seconds.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative or above <see cref="MaxClockSkew"/>.</exception>
    public TimeSpan ClockSkew
    {
        get => _clockSkew;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, TimeSpan.Zero);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, MaxClockSkew);
            _clockSkew = value;
        }
    }

    /// <summary>Requires an <c>exp</c> claim (<see cref="JoseProblemCodes.ExpirationMissing"/> otherwise).</summary>
    public bool RequireExpirationTime { get; init; }

    /// <summary>Requires an <c>iat</c> claim (<see cref="JoseProblemCodes.IssuedAtMissing"/> otherwise).</summary>
    public bool RequireIssuedAt { get; init; }

    /// <summary>
    /// When set, <c>iat</c> is required and must not be older than this (for example a key binding JWT's freshness);
    /// older tokens give <see cref="JoseProblemCodes.TooOld"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not positive.</exception>
    public TimeSpan? MaxAge
    {
        get => _maxAge;
        init
        {
            if (value is { } v)
            {
                ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(v, TimeSpan.Zero);
            }

            _maxAge = value;
        }
    }

    /// <summary>When set, <c>iss</c> must equal it (ordinal).</summary>
    public string? ExpectedIssuer { get; init; }

    /// <summary>When set, <c>sub</c> must equal it (ordinal).</summary>
    public string? ExpectedSubject { get; init; }

    /// <summary>When set, <c>aud</c> must be or contain it (ordinal, RFC 7519 §4.1.3).</summary>
    public string? ExpectedAudience { get; init; }

    /// <summary>When set, <c>nonce</c> must equal it (ordinal).</summary>
    public string? ExpectedNonce { get; init; }
}
