using DidSdk.Core.Dids;
using DidSdk.Core.Resolution;

namespace DidSdk.IdentityModel.Tests;

/// <summary>Resolves the DID documents it was given (for documents did:key and did:jwk cannot express).</summary>
internal sealed class StaticDidResolver(IDidResolver fallback, params DidDocument[] documents) : IDidResolver
{
    private readonly Dictionary<string, DidDocument> _documents = documents.ToDictionary(d => d.Id, StringComparer.Ordinal);

    public Task<DidResolutionResult> ResolveAsync(string did, DidResolutionOptions? options = null, CancellationToken cancellationToken = default) =>
        _documents.TryGetValue(did, out var document)
            ? Task.FromResult(DidResolutionResult.Success(document))
            : fallback.ResolveAsync(did, options, cancellationToken);
}
