namespace DidSdk.Credentials;

/// <summary>
/// Gives the <see cref="CredentialVerifier"/> the bytes of resources a credential lists in <c>relatedResource</c>
/// (<see href="https://www.w3.org/TR/vc-data-model-2.0/#integrity-of-related-resources">VC Data Model 2.0 §5.3</see>),
/// so their digests are checked. The verifier fetches nothing itself: a provider decides where resources come from
/// (a local store, a cache, or an HTTP client the caller configured).
/// </summary>
public interface IRelatedResourceProvider
{
    /// <summary>
    /// The bytes of the resource with <paramref name="id"/>, or <see langword="null"/> when this provider does not hold it
    /// (its digest is then not checked). Never throws for a resource it cannot get.
    /// </summary>
    Task<byte[]?> GetResourceAsync(string id, CancellationToken cancellationToken = default);
}
