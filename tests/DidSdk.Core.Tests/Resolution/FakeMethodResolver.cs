using DidSdk.Core.Dids;
using DidSdk.Core.Resolution;

namespace DidSdk.Core.Tests.Resolution;

/// <summary>A method resolver that counts calls and can be held open to test concurrency.</summary>
internal sealed class FakeMethodResolver(string method = "example") : IDidMethodResolver
{
    private int _calls;

    public string Method { get; } = method;

    public int Calls => Volatile.Read(ref _calls);

    public TaskCompletionSource? Gate { get; set; }

    public Func<string, DidResolutionResult>? Respond { get; set; }

    public DidResolutionOptions? LastOptions { get; private set; }

    public async Task<DidResolutionResult> ResolveAsync(string did, DidResolutionOptions? options = null, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _calls);
        LastOptions = options;
        if (Gate is { } gate)
        {
            await gate.Task.WaitAsync(cancellationToken);
        }

        return Respond?.Invoke(did) ?? DidResolutionResult.Success(new DidDocument { Id = did, AdditionalProperties = new Dictionary<string, System.Text.Json.JsonElement>() });
    }
}
