using DidSdk.Core.Jose;

namespace DidSdk.SdJwt;

/// <summary>
/// The one settings type of <see cref="SdJwtVerifier"/>, <see cref="SdJwtVcVerifier"/> and
/// <see cref="SdJwtVcFormatHandler"/>: plain values that bind from configuration. Secure defaults; a relaxation is
/// named for what it gives up. Services (resolver, status checker, trust policy, clock) go to the verifiers'
/// constructors; the Key Binding JWT's expected <c>aud</c> and <c>nonce</c> change with every request, so they are
/// arguments of <c>VerifyAsync</c>, not settings.
/// </summary>
public sealed class SdJwtVerifierOptions
{
    private readonly TimeSpan _clockSkew = TimeSpan.FromSeconds(60);
    private readonly TimeSpan _keyBindingMaxAge = TimeSpan.FromMinutes(5);

    /// <summary>Tolerance for clocks that disagree, applied to <c>exp</c>, <c>nbf</c> and <c>iat</c> of both JWTs (0 to 5 minutes, default 60 seconds).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative or above <see cref="JwtValidationOptions.MaxClockSkew"/>.</exception>
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

    /// <summary>Require a Key Binding JWT (RFC 9901 §7.3). Default <see langword="true"/>: a presentation without one can be replayed by anyone who saw it.</summary>
    public bool RequireKeyBinding { get; init; } = true;

    /// <summary>How old a Key Binding JWT may be (its <c>iat</c>). Default 5 minutes.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not positive.</exception>
    public TimeSpan KeyBindingMaxAge
    {
        get => _keyBindingMaxAge;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(value, TimeSpan.Zero);
            _keyBindingMaxAge = value;
        }
    }

    /// <summary>Accept an Issuer-signed JWT past its <c>exp</c> (e.g. to show an expired credential). Default <see langword="false"/>.</summary>
    public bool AllowExpiredCredentials { get; init; }

    /// <summary>
    /// Accept an SD-JWT VC whose <c>status</c> claim cannot be checked because the verifier has no status checker.
    /// Default <see langword="false"/>: a revoked credential would otherwise pass.
    /// </summary>
    public bool AllowUncheckedStatus { get; init; }

    /// <summary>The <c>_sd_alg</c> values accepted (RFC 9901 §4.1.1). Default sha-256, sha-384, sha-512.</summary>
    public IReadOnlyCollection<string> AllowedHashAlgorithms { get; init; } = ["sha-256", "sha-384", "sha-512"];

    /// <summary>The JWS algorithm allow-list and JWS limits, for the Issuer-signed JWT and the Key Binding JWT.</summary>
    public JwsReaderOptions JwsReaderOptions { get; init; } = JwsReaderOptions.Default;

    /// <summary>The SD-JWT limits: token length, number of disclosures, nesting depth.</summary>
    public SdJwtReaderOptions ReaderOptions { get; init; } = SdJwtReaderOptions.Default;

    /// <summary>Read every Issuer-signed JWT payload as a tree (the general path): for tests that hold the byte reader to it.</summary>
    internal bool TreeOnly { get; init; }

    internal SdJwtVerifierOptions With(TimeSpan clockSkew, bool allowExpiredCredentials, bool allowUncheckedStatus, JwsReaderOptions jwsReaderOptions) => new()
    {
        ClockSkew = clockSkew,
        RequireKeyBinding = RequireKeyBinding,
        KeyBindingMaxAge = KeyBindingMaxAge,
        AllowExpiredCredentials = allowExpiredCredentials,
        AllowUncheckedStatus = allowUncheckedStatus,
        AllowedHashAlgorithms = AllowedHashAlgorithms,
        JwsReaderOptions = jwsReaderOptions,
        ReaderOptions = ReaderOptions,
    };

    internal void Validate(string paramName)
    {
        ArgumentNullException.ThrowIfNull(AllowedHashAlgorithms, paramName);
        ArgumentNullException.ThrowIfNull(JwsReaderOptions, paramName);
        ArgumentNullException.ThrowIfNull(ReaderOptions, paramName);
        ArgumentOutOfRangeException.ThrowIfLessThan(ReaderOptions.MaxTokenLength, 1, paramName);
        ArgumentOutOfRangeException.ThrowIfNegative(ReaderOptions.MaxDisclosures, paramName);
        ArgumentOutOfRangeException.ThrowIfLessThan(ReaderOptions.MaxDepth, 1, paramName);
    }
}
