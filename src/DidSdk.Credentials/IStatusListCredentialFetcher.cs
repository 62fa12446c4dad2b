namespace DidSdk.Credentials;

/// <summary>Fetches status list credentials by URL. Implement it to read them from a cache or an internal service.</summary>
public interface IStatusListCredentialFetcher
{
    /// <summary>The status list credential at <paramref name="url"/> (JSON or a compact JWT), or a problem; never throws for an unreachable list.</summary>
    Task<StatusListFetchResult> FetchAsync(Uri url, CancellationToken cancellationToken = default);
}
