using DidSdk.Core.Resolution;

namespace DidSdk.Consortium;

/// <summary>
/// Resolves every DID as it was at one time (did:ethr <c>versionTime</c>). did:key and did:jwk documents are derived
/// from the DID itself and never change, so they are resolved as they are (those methods refuse <c>versionTime</c>);
/// any other method must answer for the time, or the key check fails.
/// </summary>
internal sealed class AtTimeResolver(IDidResolver inner, DateTimeOffset time) : IDidResolver
{
    public Task<DidResolutionResult> ResolveAsync(string did, DidResolutionOptions? options = null, CancellationToken cancellationToken = default) =>
        inner.ResolveAsync(did, new DidResolutionOptions { Accept = options?.Accept, VersionTime = IsImmutable(did) ? null : time }, cancellationToken);

    private static bool IsImmutable(string did) =>
        did.StartsWith("did:key:", StringComparison.Ordinal) || did.StartsWith("did:jwk:", StringComparison.Ordinal);
}
