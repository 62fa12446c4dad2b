using DidSdk.Core.Resolution;

namespace DidSdk.Core.Methods;

/// <summary>Resolves did:key DIDs locally (no I/O); results are deterministic.</summary>
public sealed class DidKeyResolver : IDidMethodResolver
{
    private readonly DidKeyOptions _options;

    /// <summary>Creates a resolver.</summary>
    public DidKeyResolver(DidKeyOptions? options = null) => _options = options ?? DidKeyOptions.Default;

    /// <inheritdoc/>
    public string Method => DidKey.MethodName;

    /// <inheritdoc/>
    public Task<DidResolutionResult> ResolveAsync(string did, DidResolutionOptions? options = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Resolve(did, options));
    }

    /// <summary>Resolves synchronously (did:key needs no I/O).</summary>
    public DidResolutionResult Resolve(string did, DidResolutionOptions? options = null)
    {
        if (!DidResolution.TryBegin(did, DidKey.MethodName, options, out var parsed, out var representation, out var failure))
        {
            return failure;
        }

        if (options?.VersionId is not null || options?.VersionTime is not null)
        {
            return DidResolutionResult.Failure(DidResolutionErrors.InvalidOptions, "did:key has no versions.");
        }

        if (!DidKey.TryDecode(parsed.MethodSpecificId, out var key, out var error, out var message))
        {
            return DidResolutionResult.Failure(error, message);
        }

        return DidKey.TryCreateDocument(key, _options, out var document, parsed.MethodSpecificId)
            ? DidResolutionResult.Success(document, null, representation)
            : DidResolutionResult.Failure(DidResolutionErrors.InvalidPublicKey, "The Ed25519 key has no X25519 equivalent.");
    }
}
