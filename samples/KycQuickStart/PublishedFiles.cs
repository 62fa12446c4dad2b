using System.Collections.Concurrent;
using System.Net;

namespace KycQuickStart;

/// <summary>
/// Stands in for Bank A's public web server inside the demo process: what Bank A publishes (its status list token) is
/// served to Bank B's <see cref="HttpClient"/> at the HTTPS URL Bank A names. In production that URL is Bank A's own site.
/// </summary>
internal sealed class PublishedFiles : HttpMessageHandler
{
    private readonly ConcurrentDictionary<Uri, (string Body, string MediaType)> _files = new();

    public void Publish(Uri uri, string body, string mediaType) => _files[uri] = (body, mediaType);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = request.Method == HttpMethod.Get && request.RequestUri is { } uri && _files.TryGetValue(uri, out var file)
            ? new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(file.Body, System.Text.Encoding.UTF8, file.MediaType) }
            : new HttpResponseMessage(HttpStatusCode.NotFound);
        return Task.FromResult(response);
    }
}
