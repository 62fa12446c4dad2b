namespace DidSdk.Fuzz;

/// <summary>A clock fixed at the time the seeds were made, so a seed that verified once verifies on every run.</summary>
internal sealed class FixedClock : TimeProvider
{
    public static readonly DateTimeOffset SeedTime = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    public static readonly FixedClock Instance = new();

    public override DateTimeOffset GetUtcNow() => SeedTime;
}
