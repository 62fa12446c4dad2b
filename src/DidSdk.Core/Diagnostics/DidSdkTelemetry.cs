using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace DidSdk.Core.Diagnostics;

/// <summary>
/// The DidSdk instrumentation: one <see cref="System.Diagnostics.ActivitySource"/> and one
/// <see cref="System.Diagnostics.Metrics.Meter"/>, both named <see cref="Name"/> (<c>DidSdk</c>). With OpenTelemetry,
/// <c>AddSource("DidSdk")</c> and <c>AddMeter("DidSdk")</c> collect them; without a listener they cost next to nothing.
/// </summary>
/// <remarks>
/// Each package records what it does: DID resolution and the resolution cache (DidSdk.Core), Ethereum JSON-RPC calls
/// (DidSdk.Ethereum), issuing and verifying credentials (DidSdk.Credentials). Tags carry DID methods, outcomes and
/// problem codes, never a DID, a token, a claim or key material.
/// </remarks>
public static class DidSdkTelemetry
{
    /// <summary>The name of the activity source and of the meter.</summary>
    public const string Name = "DidSdk";

    /// <summary>Activity for resolving a DID (tags <c>did.method</c>, <c>did.resolution.error</c>).</summary>
    public const string ResolveActivityName = "DidSdk.ResolveDid";

    /// <summary>Activity for one HTTP round trip to an Ethereum JSON-RPC node (tags <c>rpc.system</c>, <c>rpc.method</c>).</summary>
    public const string RpcActivityName = "DidSdk.EthereumRpc";

    /// <summary>Activity for issuing a credential (tag <c>didsdk.credential.format</c>).</summary>
    public const string IssueActivityName = "DidSdk.IssueCredential";

    /// <summary>Activity for verifying a credential (tags <c>didsdk.credential.format</c>, <c>didsdk.verification.outcome</c>).</summary>
    public const string VerifyActivityName = "DidSdk.VerifyCredential";

    /// <summary>Histogram of DID resolution latency in seconds (tags <c>did.method</c>, <c>did.resolution.outcome</c>).</summary>
    public const string ResolutionDurationInstrument = "didsdk.resolution.duration";

    /// <summary>Counter of resolutions answered from the <c>CachingDidResolver</c> cache (hit ratio = hits / (hits + misses)).</summary>
    public const string CacheHitsInstrument = "didsdk.resolution.cache.hits";

    /// <summary>Counter of resolutions the <c>CachingDidResolver</c> passed on.</summary>
    public const string CacheMissesInstrument = "didsdk.resolution.cache.misses";

    /// <summary>Counter of HTTP round trips to Ethereum JSON-RPC nodes (tag <c>rpc.method</c>).</summary>
    public const string RpcRoundTripsInstrument = "didsdk.rpc.round_trips";

    /// <summary>Counter of credential verifications (tags <c>didsdk.verification.outcome</c>: <c>verified</c> or <c>failed</c>; <c>didsdk.problem.code</c>: one count per problem code, <c>none</c> when verified).</summary>
    public const string VerificationOutcomesInstrument = "didsdk.verification.outcomes";

    private static readonly string? Version = typeof(DidSdkTelemetry).Assembly.GetName().Version?.ToString();

    /// <summary>The activity source every DidSdk package starts its activities from.</summary>
    public static ActivitySource ActivitySource { get; } = new(Name, Version);

    /// <summary>The meter every DidSdk package creates its instruments on.</summary>
    public static Meter Meter { get; } = new(Name, Version);

    internal static Histogram<double> ResolutionDuration { get; } =
        Meter.CreateHistogram<double>(ResolutionDurationInstrument, "s", "DID resolution latency.");

    internal static Counter<long> CacheHits { get; } =
        Meter.CreateCounter<long>(CacheHitsInstrument, "{resolution}", "Resolutions answered from the cache.");

    internal static Counter<long> CacheMisses { get; } =
        Meter.CreateCounter<long>(CacheMissesInstrument, "{resolution}", "Resolutions not answered from the cache.");
}
