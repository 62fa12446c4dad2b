namespace DidSdk.Core.Resolution;

/// <summary>
/// Resolves a DID to its DID document (<see href="https://www.w3.org/TR/did-core/#did-resolution">DID Core 1.0 §7.1</see>).
/// Implementations never throw for an invalid or unresolvable DID: they return a result whose
/// <see cref="DidResolutionMetadata.Error"/> is one of <see cref="DidResolutionErrors"/>. Cancellation throws
/// <see cref="OperationCanceledException"/>.
/// </summary>
public interface IDidResolver
{
    /// <summary>Resolves <paramref name="did"/>.</summary>
    /// <param name="did">The DID (not a DID URL).</param>
    /// <param name="options">Resolution options, or <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Cancels the resolution.</param>
    Task<DidResolutionResult> ResolveAsync(string did, DidResolutionOptions? options = null, CancellationToken cancellationToken = default);
}
