namespace DidSdk.Core.Jose;

/// <summary>
/// What <see cref="JwtValidator"/> requires of a JWT Claims Set. Defaults: the system clock, 60 seconds of clock
/// skew, no issuer/audience/nonce expectations, <c>exp</c> and <c>iat</c> optional (as in RFC 7519).
/// </summary>
public sealed class JwtValidationOptions
{
    /// <summary>The largest clock skew that can be configured (5 minutes).</summary>
    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromMinutes(5);

    private readonly TimeSpan _clockSkew = TimeSpan.FromSeconds(60);
    private readonly TimeSpan? _maxAge;

    /// <summary>The clock. Default <see cref="TimeProvider.System"/>; tests inject a fake one.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

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

/// <summary>Validates JWT claims (RFC 7519 §4.1) against a clock and expectations.</summary>
public static class JwtValidator
{
    /// <summary>
    /// Checks <c>exp</c>, <c>nbf</c>, <c>iat</c> (with <see cref="JwtValidationOptions.ClockSkew"/>) and the
    /// expectations in <paramref name="options"/>. Returns every problem found; empty when the claims are acceptable.
    /// </summary>
    public static IReadOnlyList<Problem> Validate(JwtClaims claims, JwtValidationOptions options)
    {
        ArgumentNullException.ThrowIfNull(claims);
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<Problem>();
        var now = options.TimeProvider.GetUtcNow();
        var skew = options.ClockSkew;

        // Differences, not sums: a hostile exp of 9999-12-31 plus the skew would overflow DateTimeOffset and throw.

        // RFC 7519 §4.1.4: "the current date/time MUST be before the expiration date/time".
        if (claims.ExpirationTime is { } exp)
        {
            if (now - exp >= skew)
            {
                problems.Add(new Problem(JoseProblemCodes.Expired, "The token is expired (exp)."));
            }
        }
        else if (options.RequireExpirationTime)
        {
            problems.Add(new Problem(JoseProblemCodes.ExpirationMissing, "The token has no exp claim."));
        }

        // RFC 7519 §4.1.5: "the current date/time MUST be after or equal to the not-before date/time".
        if (claims.NotBefore is { } nbf && nbf - now > skew)
        {
            problems.Add(new Problem(JoseProblemCodes.NotYetValid, "The token is not yet valid (nbf)."));
        }

        if (claims.IssuedAt is { } iat)
        {
            if (iat - now > skew)
            {
                problems.Add(new Problem(JoseProblemCodes.IssuedInTheFuture, "The token was issued in the future (iat)."));
            }

            if (options.MaxAge is { } maxAge && now - iat - skew > maxAge)
            {
                problems.Add(new Problem(JoseProblemCodes.TooOld, "The token is older than allowed (iat)."));
            }
        }
        else if (options.RequireIssuedAt || options.MaxAge is not null)
        {
            problems.Add(new Problem(JoseProblemCodes.IssuedAtMissing, "The token has no iat claim."));
        }

        if (options.ExpectedIssuer is { } issuer && !string.Equals(claims.Issuer, issuer, StringComparison.Ordinal))
        {
            problems.Add(new Problem(JoseProblemCodes.WrongIssuer, "The iss claim is not the expected issuer."));
        }

        if (options.ExpectedSubject is { } subject && !string.Equals(claims.Subject, subject, StringComparison.Ordinal))
        {
            problems.Add(new Problem(JoseProblemCodes.WrongSubject, "The sub claim is not the expected subject."));
        }

        if (options.ExpectedAudience is { } audience && !claims.Audience.Contains(audience, StringComparer.Ordinal))
        {
            problems.Add(new Problem(JoseProblemCodes.WrongAudience, "The aud claim does not contain the expected audience."));
        }

        if (options.ExpectedNonce is { } nonce && !string.Equals(claims.Nonce, nonce, StringComparison.Ordinal))
        {
            problems.Add(new Problem(JoseProblemCodes.WrongNonce, "The nonce claim is not the expected nonce."));
        }

        return problems;
    }

    /// <summary>Parses the claims (<see cref="JwtClaims.TryParse(ReadOnlySpan{byte}, out JwtClaims, out Problem, int)"/>) and validates them; a parse failure is the only problem returned.</summary>
    public static IReadOnlyList<Problem> Validate(ReadOnlySpan<byte> utf8Claims, JwtValidationOptions options, out JwtClaims? claims)
    {
        ArgumentNullException.ThrowIfNull(options);
        return JwtClaims.TryParse(utf8Claims, out claims, out var problem) ? Validate(claims, options) : [problem];
    }
}
