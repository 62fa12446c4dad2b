namespace DidSdk.Core.Jose;

/// <summary>Validates JWT claims (RFC 7519 §4.1) against a clock and expectations.</summary>
public static class JwtValidator
{
    /// <summary>
    /// Checks <c>exp</c>, <c>nbf</c>, <c>iat</c> (with <see cref="JwtValidationOptions.ClockSkew"/>) and the
    /// expectations in <paramref name="options"/>. Returns every problem found; empty when the claims are acceptable.
    /// </summary>
    /// <param name="claims">The claims to check.</param>
    /// <param name="options">The expectations.</param>
    /// <param name="timeProvider">The clock; <see langword="null"/> means <see cref="TimeProvider.System"/>.</param>
    public static IReadOnlyList<Problem> Validate(JwtClaims claims, JwtValidationOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(claims);
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<Problem>();
        var now = (timeProvider ?? TimeProvider.System).GetUtcNow();
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
    /// <param name="utf8Claims">The claims set as UTF-8 JSON.</param>
    /// <param name="options">The expectations.</param>
    /// <param name="claims">The parsed claims, or <see langword="null"/> when they do not parse.</param>
    /// <param name="timeProvider">The clock; <see langword="null"/> means <see cref="TimeProvider.System"/>.</param>
    public static IReadOnlyList<Problem> Validate(ReadOnlySpan<byte> utf8Claims, JwtValidationOptions options, out JwtClaims? claims, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        return JwtClaims.TryParse(utf8Claims, out claims, out var problem) ? Validate(claims, options, timeProvider) : [problem];
    }
}
