using DidSdk.Core.Resolution;

namespace DidSdk.Core.Methods;

/// <summary>Resolves did:jwk DIDs locally (no I/O).</summary>
public sealed class DidJwkResolver : IDidMethodResolver
{
    /// <inheritdoc/>
    public string Method => DidJwk.MethodName;

    /// <inheritdoc/>
    public Task<DidResolutionResult> ResolveAsync(string did, DidResolutionOptions? options = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Resolve(did, options));
    }

    /// <summary>Resolves synchronously (did:jwk needs no I/O).</summary>
    public static DidResolutionResult Resolve(string did, DidResolutionOptions? options = null)
    {
        if (!DidResolution.TryBegin(did, DidJwk.MethodName, options, out var parsed, out var representation, out var failure))
        {
            return failure;
        }

        if (options?.VersionId is not null || options?.VersionTime is not null)
        {
            return DidResolutionResult.Failure(DidResolutionErrors.InvalidOptions, "did:jwk has no versions.");
        }

        return DidJwk.TryDecode(parsed.MethodSpecificId, out var jwk, out var error, out var message)
            ? DidResolutionResult.Success(DidJwk.CreateDocument(parsed.ToString(), jwk), null, representation)
            : DidResolutionResult.Failure(error, message);
    }
}
