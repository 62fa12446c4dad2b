namespace DidSdk.Consortium;

/// <summary>Settings of a <see cref="ConsortiumTrustPolicy"/> (plain values, bindable from configuration).</summary>
public sealed class ConsortiumTrustPolicyOptions
{
    private readonly TimeSpan _clockSkew = TimeSpan.FromSeconds(60);
    private readonly int _maxEvents = 100_000;

    /// <summary>At which time the accreditation (and, when the signing key is known, the key) must be valid. Default <see cref="TrustTime.Both"/>.</summary>
    public TrustTime TrustAt { get; init; } = TrustTime.Both;

    /// <summary>The block the registry was deployed in (log queries start there). Default 0.</summary>
    public ulong FromBlock { get; init; }

    /// <summary>Tolerance for an issuer clock ahead of the chain (0 to 5 minutes, default 60 seconds): how far an issuance time may be in the future, or before the accreditation's block time.</summary>
    public TimeSpan ClockSkew
    {
        get => _clockSkew;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, TimeSpan.Zero);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, TimeSpan.FromMinutes(5));
            _clockSkew = value;
        }
    }

    /// <summary>The most registry events read (a bound against a hostile node). Default 100,000.</summary>
    public int MaxEvents
    {
        get => _maxEvents;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            _maxEvents = value;
        }
    }
}
