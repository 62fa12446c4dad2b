using System.Collections.Frozen;
using System.Diagnostics;
using DidSdk.Core.Diagnostics;
using DidSdk.Core.Dids;

namespace DidSdk.Core.Resolution;

/// <summary>
/// Routes each DID to the <see cref="IDidMethodResolver"/> of its method; a DID of any other method gives
/// <c>methodNotSupported</c>, a non-conforming DID <c>invalidDid</c>.
/// </summary>
public sealed class CompositeDidResolver : IDidResolver
{
    private readonly FrozenDictionary<string, IDidMethodResolver> _resolvers;

    /// <summary>Creates a resolver over <paramref name="resolvers"/> (one per method).</summary>
    /// <exception cref="ArgumentException">Two resolvers claim the same method.</exception>
    public CompositeDidResolver(IEnumerable<IDidMethodResolver> resolvers)
    {
        ArgumentNullException.ThrowIfNull(resolvers);
        var map = new Dictionary<string, IDidMethodResolver>(StringComparer.Ordinal);
        foreach (var resolver in resolvers)
        {
            ArgumentNullException.ThrowIfNull(resolver);
            if (!map.TryAdd(resolver.Method, resolver))
            {
                throw new ArgumentException($"Two resolvers handle did:{resolver.Method}.", nameof(resolvers));
            }
        }

        _resolvers = map.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>Creates a resolver over <paramref name="resolvers"/>.</summary>
    public CompositeDidResolver(params IDidMethodResolver[] resolvers)
        : this((IEnumerable<IDidMethodResolver>)resolvers)
    {
    }

    /// <summary>The methods this resolver handles.</summary>
    public IEnumerable<string> Methods => _resolvers.Keys;

    /// <inheritdoc/>
    public Task<DidResolutionResult> ResolveAsync(string did, DidResolutionOptions? options = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (!Did.TryParse(did, out var parsed, out var problem))
        {
            return Task.FromResult(DidResolutionResult.Failure(DidResolutionErrors.InvalidDid, problem.Message));
        }

        if (!_resolvers.TryGetValue(parsed.Method, out var resolver))
        {
            return Task.FromResult(DidResolutionResult.Failure(DidResolutionErrors.MethodNotSupported, $"No resolver for did:{parsed.Method}."));
        }

        return DidSdkTelemetry.ActivitySource.HasListeners() || DidSdkTelemetry.ResolutionDuration.Enabled
            ? ResolveInstrumentedAsync(resolver, parsed.Method, did, options, cancellationToken)
            : resolver.ResolveAsync(did, options, cancellationToken);
    }

    // Telemetry: an activity and the latency histogram, tagged with the method and outcome (never the DID itself).
    private static async Task<DidResolutionResult> ResolveInstrumentedAsync(IDidMethodResolver resolver, string method, string did, DidResolutionOptions? options, CancellationToken cancellationToken)
    {
        using var activity = DidSdkTelemetry.ActivitySource.StartActivity(DidSdkTelemetry.ResolveActivityName, ActivityKind.Internal);
        activity?.SetTag("did.method", method);
        var started = Stopwatch.GetTimestamp();
        var outcome = "exception";
        try
        {
            var result = await resolver.ResolveAsync(did, options, cancellationToken).ConfigureAwait(false);
            outcome = result.Succeeded ? "success" : result.DidResolutionMetadata.Error ?? "error";
            if (!result.Succeeded)
            {
                activity?.SetTag("did.resolution.error", outcome);
                activity?.SetStatus(ActivityStatusCode.Error, outcome);
            }

            return result;
        }
        finally
        {
            DidSdkTelemetry.ResolutionDuration.Record(
                Stopwatch.GetElapsedTime(started).TotalSeconds,
                new KeyValuePair<string, object?>("did.method", method),
                new KeyValuePair<string, object?>("did.resolution.outcome", outcome));
        }
    }
}
