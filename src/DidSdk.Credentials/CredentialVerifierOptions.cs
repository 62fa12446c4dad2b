using DidSdk.Core.Jose;

namespace DidSdk.Credentials;

/// <summary>
/// Verifier settings: plain values that can be bound from configuration. Secure defaults; relaxations are named for
/// what they give up. Services (resolver, clock, trust policy, status list fetcher, format handlers) go to the
/// <see cref="CredentialVerifier"/> constructor.
/// </summary>
public sealed class CredentialVerifierOptions
{
    private TimeSpan _clockSkew = TimeSpan.FromSeconds(60);

    /// <summary>Tolerance for clocks that disagree (0 to 5 minutes, default 60 seconds).</summary>
    public TimeSpan ClockSkew
    {
        get => _clockSkew;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, TimeSpan.Zero);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, JwtValidationOptions.MaxClockSkew);
            _clockSkew = value;
        }
    }

    /// <summary>Accept credentials past their <c>validUntil</c>/<c>exp</c>. Default <see langword="false"/>. Presentations and proofs still expire.</summary>
    public bool AllowExpiredCredentials { get; set; }

    /// <summary>Accept credentials whose <c>credentialStatus</c> cannot be checked by this verifier (no fetcher, unknown entry type). Default <see langword="false"/>.</summary>
    public bool AllowUncheckedStatus { get; set; }

    /// <summary>JWS limits and the algorithm allow-list.</summary>
    public JwsReaderOptions JwsReaderOptions { get; set; } = JwsReaderOptions.Default;

    /// <summary>COSE_Sign1 limits and the COSE algorithm allow-list (<c>vc+cose</c>, <c>vp+cose</c>).</summary>
    public CoseReaderOptions CoseReaderOptions { get; set; } = CoseReaderOptions.Default;

    /// <summary>The largest input accepted, in characters. Default 1 MiB.</summary>
    public int MaxInputLength { get; set; } = 1024 * 1024;

    /// <summary>The deepest JSON nesting accepted in a credential or presentation. Default 32.</summary>
    public int MaxJsonDepth { get; set; } = 32;

    /// <summary>Reads every JWT payload as a tree, never from its bytes (for tests that hold the two paths to the same results).</summary>
    internal bool TreeOnly { get; init; }

    internal void Validate()
    {
        ArgumentNullException.ThrowIfNull(JwsReaderOptions);
        ArgumentNullException.ThrowIfNull(CoseReaderOptions);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxInputLength, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxJsonDepth, 2);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxJsonDepth, 256);
    }
}
