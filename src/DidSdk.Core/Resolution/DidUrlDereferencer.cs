using System.Buffers;
using System.Text.Json;
using DidSdk.Core.Dids;

namespace DidSdk.Core.Resolution;

/// <summary>Options of DID URL dereferencing (<see href="https://www.w3.org/TR/did-core/#did-url-dereferencing-options">DID Core 1.0 §7.2.1</see>).</summary>
public sealed class DidDereferencingOptions
{
    /// <summary><c>accept</c>: the representation of a dereferenced DID document (see <see cref="DidResolutionOptions.Accept"/>).</summary>
    public string? Accept { get; init; }

    /// <summary><c>noCache</c>: passed on to resolution.</summary>
    public bool NoCache { get; init; }
}

/// <summary>Dereferencing metadata (<see href="https://www.w3.org/TR/did-core/#did-url-dereferencing-metadata">DID Core 1.0 §7.2.2</see>).</summary>
public sealed class DidDereferencingMetadata
{
    /// <summary><c>contentType</c> of the content, when dereferencing succeeded.</summary>
    public string? ContentType { get; init; }

    /// <summary><c>error</c>: one of <see cref="DidResolutionErrors"/>, or <see langword="null"/>.</summary>
    public string? Error { get; init; }

    /// <summary>A human-readable explanation of <see cref="Error"/>.</summary>
    public string? ErrorMessage { get; init; }
}

/// <summary>
/// The result of <c>dereference</c> (DID Core 1.0 §7.2): exactly one of <see cref="DidDocument"/>,
/// <see cref="VerificationMethod"/>, <see cref="Service"/> or <see cref="ServiceEndpointUrl"/> on success.
/// </summary>
public sealed class DidDereferencingResult
{
    /// <summary>The dereferencing metadata.</summary>
    public required DidDereferencingMetadata DereferencingMetadata { get; init; }

    /// <summary>The DID document, when the DID URL names the whole document.</summary>
    public DidDocument? DidDocument { get; init; }

    /// <summary>The verification method a fragment names.</summary>
    public VerificationMethod? VerificationMethod { get; init; }

    /// <summary>The service a fragment names.</summary>
    public Service? Service { get; init; }

    /// <summary>The selected service endpoint URL (the <c>service</c> / <c>relativeRef</c> parameters), as <c>text/uri-list</c>.</summary>
    public string? ServiceEndpointUrl { get; init; }

    /// <summary><c>contentMetadata</c>: the DID document metadata of the document the content came from.</summary>
    public DidDocumentMetadata ContentMetadata { get; init; } = DidDocumentMetadata.Empty;

    /// <summary>Whether dereferencing succeeded.</summary>
    public bool IsSuccess => DereferencingMetadata.Error is null;

    internal DidRepresentation Representation { get; init; } = DidRepresentation.JsonLd;

    /// <summary>A failed result.</summary>
    public static DidDereferencingResult Failure(string error, string? message = null) =>
        new() { DereferencingMetadata = new DidDereferencingMetadata { Error = error, ErrorMessage = message } };

    /// <summary>The content alone as JSON (a document, method or service; a JSON string for an endpoint URL; <c>null</c> on failure).</summary>
    public string ContentToJson()
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer, Dids.DidJson.WriterOptions))
        {
            WriteContent(writer);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>The result as <c>{"dereferencingMetadata","contentStream","contentMetadata"}</c>.</summary>
    public string ToJson()
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, Dids.DidJson.WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("dereferencingMetadata");
            if (DereferencingMetadata.ContentType is { } contentType)
            {
                writer.WriteString("contentType", contentType);
            }

            if (DereferencingMetadata.Error is { } error)
            {
                writer.WriteString("error", error);
            }

            if (DereferencingMetadata.ErrorMessage is { } message)
            {
                writer.WriteString("errorMessage", message);
            }

            writer.WriteEndObject();
            writer.WritePropertyName("contentStream");
            WriteContent(writer);
            writer.WritePropertyName("contentMetadata");
            ContentMetadata.WriteTo(writer);
            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private void WriteContent(Utf8JsonWriter writer)
    {
        if (DidDocument is not null)
        {
            DidDocument.WriteTo(writer, Representation);
        }
        else if (VerificationMethod is not null)
        {
            VerificationMethod.WriteTo(writer);
        }
        else if (Service is not null)
        {
            Service.WriteTo(writer);
        }
        else if (ServiceEndpointUrl is not null)
        {
            writer.WriteStringValue(ServiceEndpointUrl);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}

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
        if (!resolved.IsSuccess)
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
