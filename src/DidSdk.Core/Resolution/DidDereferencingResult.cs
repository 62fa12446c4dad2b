using System.Buffers;
using System.Text.Json;
using DidSdk.Core.Dids;

namespace DidSdk.Core.Resolution;

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
    public bool Succeeded => DereferencingMetadata.Error is null;

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
