using DidSdk.Core.Dids;

namespace DidSdk.Core.Resolution;

/// <summary>
/// Dereferences DID URLs (<see href="https://www.w3.org/TR/did-core/#did-url-dereferencing">DID Core 1.0 §7.2</see>,
/// W3C DID Resolution §5): a plain DID gives the DID document; a <c>#fragment</c> gives the verification method or
/// service with that id; the <c>service</c> parameter (§3.2.1) selects a service endpoint and <c>relativeRef</c> is
/// resolved against it (RFC 3986 §5); <c>versionId</c> and <c>versionTime</c> are passed to resolution.
/// </summary>
public sealed class DidUrlDereferencer
{
    private readonly IDidResolver _resolver;

    /// <summary>Creates a dereferencer that resolves DIDs with <paramref name="resolver"/>.</summary>
    public DidUrlDereferencer(IDidResolver resolver)
    {
        ArgumentNullException.ThrowIfNull(resolver);
        _resolver = resolver;
    }

    /// <summary>Dereferences <paramref name="didUrl"/>; never throws for bad input.</summary>
    /// <param name="didUrl">The absolute DID URL.</param>
    /// <param name="options">Options, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels resolution.</param>
    public async Task<DidDereferencingResult> DereferenceAsync(string didUrl, DidDereferencingOptions? options = null, CancellationToken cancellationToken = default)
    {
        if (!DidUrl.TryParse(didUrl, out var url, out var problem))
        {
            return DidDereferencingResult.Failure(DidResolutionErrors.InvalidDidUrl, problem.Message);
        }

        if (url.HasRepeatedQueryParameter)
        {
            return DidDereferencingResult.Failure(DidResolutionErrors.InvalidDidUrl, "A DID URL query parameter is repeated.");
        }

        var parameters = url.QueryParameters;
        DateTimeOffset? versionTime = null;
        if (parameters.TryGetValue("versionTime", out var versionTimeText))
        {
            if (!DateTimeOffset.TryParse(versionTimeText, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var parsedTime))
            {
                return DidDereferencingResult.Failure(DidResolutionErrors.InvalidDidUrl, "versionTime is not an XML Schema dateTime.");
            }

            versionTime = parsedTime;
        }

        var resolutionOptions = new DidResolutionOptions
        {
            Accept = options?.Accept,
            NoCache = options?.NoCache ?? false,
            VersionId = parameters.TryGetValue("versionId", out var versionId) ? versionId : null,
            VersionTime = versionTime,
        };
        if (!DidResolution.TryGetRepresentation(resolutionOptions, out var representation))
        {
            return DidDereferencingResult.Failure(DidResolutionErrors.RepresentationNotSupported, "Supported representations: application/did+ld+json, application/did+json.");
        }

        var resolved = await _resolver.ResolveAsync(url.Did.ToString(), resolutionOptions, cancellationToken).ConfigureAwait(false);
        if (!resolved.Succeeded)
        {
            return DidDereferencingResult.Failure(resolved.DidResolutionMetadata.Error ?? DidResolutionErrors.InternalError, resolved.DidResolutionMetadata.ErrorMessage);
        }

        var document = resolved.DidDocument!;
        var metadata = resolved.DidDocumentMetadata;
        if (parameters.TryGetValue("service", out var serviceName))
        {
            return SelectServiceEndpoint(document, metadata, url, serviceName, parameters);
        }

        if (parameters.ContainsKey("relativeRef"))
        {
            return DidDereferencingResult.Failure(DidResolutionErrors.InvalidDidUrl, "relativeRef needs the service parameter.");
        }

        if (url.Path is not null)
        {
            return DidDereferencingResult.Failure(DidResolutionErrors.NotFound, "This DID method defines no resources at DID URL paths.");
        }

        if (url.Fragment is null)
        {
            return new DidDereferencingResult
            {
                DereferencingMetadata = new DidDereferencingMetadata { ContentType = representation.ToMediaType() },
                DidDocument = document,
                ContentMetadata = metadata,
                Representation = representation,
            };
        }

        // The fragment is resolved within the DID document (DID Core 1.0 §7.2, "primary resource" then fragment).
        // Look the fragment up under the DID that was asked for: a document carrying another id names other resources.
        var id = string.Concat(url.Did.ToString(), "#", url.Fragment);
        if (document.FindVerificationMethod(id) is { } method)
        {
            return new DidDereferencingResult
            {
                DereferencingMetadata = new DidDereferencingMetadata { ContentType = representation.ToMediaType() },
                VerificationMethod = method,
                ContentMetadata = metadata,
                Representation = representation,
            };
        }

        if (document.FindService(id) is { } service)
        {
            return new DidDereferencingResult
            {
                DereferencingMetadata = new DidDereferencingMetadata { ContentType = representation.ToMediaType() },
                Service = service,
                ContentMetadata = metadata,
                Representation = representation,
            };
        }

        return DidDereferencingResult.Failure(DidResolutionErrors.NotFound, "The DID document has no resource with that fragment.");
    }

    private static DidDereferencingResult SelectServiceEndpoint(
        DidDocument document,
        DidDocumentMetadata metadata,
        DidUrl url,
        string serviceName,
        IReadOnlyDictionary<string, string> parameters)
    {
        var service = document.FindService(string.Concat(document.Id, "#", serviceName));
        if (service is null)
        {
            return DidDereferencingResult.Failure(DidResolutionErrors.NotFound, "The DID document has no such service.");
        }

        if (service.ServiceEndpointUri is not { } endpoint || !Uri.TryCreate(endpoint, UriKind.Absolute, out var baseUri))
        {
            return DidDereferencingResult.Failure(DidResolutionErrors.NotFound, "The service endpoint is not a single URL.");
        }

        var target = baseUri;
        if (parameters.TryGetValue("relativeRef", out var relativeRef))
        {
            if (!Uri.TryCreate(relativeRef, UriKind.Relative, out var relative) || !Uri.TryCreate(baseUri, relative, out target))
            {
                return DidDereferencingResult.Failure(DidResolutionErrors.InvalidDidUrl, "relativeRef is not a relative reference.");
            }
        }

        var result = target.OriginalString == endpoint ? endpoint : target.AbsoluteUri;
        if (url.Fragment is not null && target.Fragment.Length == 0)
        {
            // The DID URL fragment becomes the fragment of the output URL (W3C DID Resolution §5.2).
            result = string.Concat(result, "#", url.Fragment);
        }

        return new DidDereferencingResult
        {
            DereferencingMetadata = new DidDereferencingMetadata { ContentType = "text/uri-list" },
            ServiceEndpointUrl = result,
            ContentMetadata = metadata,
        };
    }
}
