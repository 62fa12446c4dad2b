using DidSdk.Core.Dids;
using DidSdk.Core.Http;
using DidSdk.Core.Resolution;

namespace DidSdk.Core.Methods;

/// <summary>
/// Resolves did:web DIDs over HTTPS with an injected <see cref="HttpClient"/>: a size limit enforced on
/// <c>Content-Length</c> and while streaming, a timeout, no redirects to another origin (checked on the final request URI
/// too, in case the client's handler follows redirects itself), and a document whose <c>id</c> must equal the DID.
/// </summary>
/// <remarks>
/// Errors: <c>invalidDid</c> (cannot be mapped to a URL), <c>notFound</c> (404/410), <c>invalidDidDocument</c>
/// (too large, not a conforming document, or a different <c>id</c>), <c>internalError</c> (network failure, timeout,
/// other HTTP status, refused redirect).
/// </remarks>
public sealed class DidWebResolver : IDidMethodResolver
{
    private readonly HttpClient _httpClient;
    private readonly DidWebOptions _options;
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates a resolver.</summary>
    /// <param name="httpClient">The client (from <c>IHttpClientFactory</c> or the caller); not disposed by the resolver.</param>
    /// <param name="options">Options, or <see langword="null"/> for the secure defaults.</param>
    /// <param name="timeProvider">The clock for the timeout; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    public DidWebResolver(HttpClient httpClient, DidWebOptions? options = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        _options = options ?? new DidWebOptions();
        _options.Validate();
        _httpClient = httpClient;
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <inheritdoc/>
    public string Method => DidWeb.MethodName;

    /// <inheritdoc/>
    public async Task<DidResolutionResult> ResolveAsync(string did, DidResolutionOptions? options = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (!DidResolution.TryBegin(did, DidWeb.MethodName, options, out var parsed, out var representation, out var failure))
        {
            return failure;
        }

        if (options?.VersionId is not null || options?.VersionTime is not null)
        {
            return DidResolutionResult.Failure(DidResolutionErrors.InvalidOptions, "did:web has no versions.");
        }

        if (!DidWeb.TryGetDocumentUrl(parsed.ToString(), _options.AllowHttpForLoopback, out var url, out var message))
        {
            return DidResolutionResult.Failure(DidResolutionErrors.InvalidDid, message);
        }

        var response = await BoundedHttpClient.GetAsync(
            _httpClient,
            url,
            new BoundedHttpOptions
            {
                MaxResponseBytes = _options.MaxDocumentBytes,
                Timeout = _options.Timeout,
                MaxRedirects = _options.MaxRedirects,
                Accept = [DidMediaTypes.DidJson, DidMediaTypes.DidLdJson, "application/json"],
            },
            _timeProvider,
            cancellationToken).ConfigureAwait(false);
        switch (response.Outcome)
        {
            case BoundedHttpOutcome.Success:
                break;
            case BoundedHttpOutcome.NotFound:
                return DidResolutionResult.Failure(DidResolutionErrors.NotFound, "The did:web document does not exist.");
            case BoundedHttpOutcome.TooLarge:
                return TooLarge();
            case BoundedHttpOutcome.CrossOriginRedirect:
                return DidResolutionResult.Failure(DidResolutionErrors.InternalError, "The did:web server redirected to another origin.");
            case BoundedHttpOutcome.Timeout:
                return DidResolutionResult.Failure(DidResolutionErrors.InternalError, "Fetching the did:web document timed out.");
            case BoundedHttpOutcome.NetworkError:
                return DidResolutionResult.Failure(DidResolutionErrors.InternalError, "Fetching the did:web document failed.");
            default:
                return DidResolutionResult.Failure(DidResolutionErrors.InternalError, $"The did:web server answered HTTP {response.StatusCode}.");
        }

        var consumeAs = response.MediaType == DidMediaTypes.DidLdJson ? DidRepresentation.JsonLd : DidRepresentation.Json;
        if (!DidDocument.TryParse(response.Body.Span, consumeAs, out var document, out var problem))
        {
            return DidResolutionResult.Failure(DidResolutionErrors.InvalidDidDocument, $"The did:web document does not conform: {problem.Message}");
        }

        if (!string.Equals(document.Id, parsed.ToString(), StringComparison.Ordinal))
        {
            return DidResolutionResult.Failure(DidResolutionErrors.InvalidDidDocument, "The did:web document id is not the DID that was resolved.");
        }

        return DidResolutionResult.Success(document, null, representation);
    }

    private static DidResolutionResult TooLarge() =>
        DidResolutionResult.Failure(DidResolutionErrors.InvalidDidDocument, "The did:web document is larger than the limit.");
}
