namespace DidSdk.SdJwt.TokenStatus;

/// <summary>Fetches Status List Tokens by URI. Implement it to read them from a cache, a file or an internal service.</summary>
public interface IStatusListFetcher
{
    /// <summary>Fetches the Status List Token published at <paramref name="uri"/>. Returns a failure rather than throwing for unreachable lists.</summary>
    Task<StatusListTokenFetchResult> FetchAsync(Uri uri, CancellationToken cancellationToken = default);
}
