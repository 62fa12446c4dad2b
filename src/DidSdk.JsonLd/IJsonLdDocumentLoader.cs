namespace DidSdk.JsonLd;

/// <summary>
/// Loads a JSON-LD document (a remote context) by URL (JSON-LD 1.1 API <c>LoadDocumentCallback</c>). The bundled loader
/// never touches the network; a loader that fetches must be configured by the caller.
/// </summary>
public interface IJsonLdDocumentLoader
{
    /// <summary>Loads the document at <paramref name="url"/>; an unknown URL is a failed result, not an exception.</summary>
    Task<JsonLdDocumentLoadResult> LoadDocumentAsync(string url, CancellationToken cancellationToken = default);
}
