using DidSdk.Core.Resolution;

namespace DidSdk.Consortium;

/// <summary>Resolves every DID as it was at one time (did:ethr <c>versionTime</c>).</summary>
internal sealed class AtTimeResolver(IDidResolver inner, DateTimeOffset time) : IDidResolver
{
    public Task<DidResolutionResult> ResolveAsync(string did, DidResolutionOptions? options = null, CancellationToken cancellationToken = default) =>
        inner.ResolveAsync(did, new DidResolutionOptions { Accept = options?.Accept, VersionTime = time }, cancellationToken);
}
