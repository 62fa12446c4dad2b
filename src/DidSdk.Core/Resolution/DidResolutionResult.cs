using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using DidSdk.Core.Dids;

namespace DidSdk.Core.Resolution;

/// <summary>
/// The result of <c>resolve</c> (<see href="https://www.w3.org/TR/did-core/#did-resolution">DID Core 1.0 §7.1</see>):
/// the DID document, DID resolution metadata and DID document metadata. Immutable, so cached results are shared.
/// </summary>
public sealed class DidResolutionResult
{
    /// <summary>The resolved DID document, or <see langword="null"/> when resolution failed.</summary>
    public DidDocument? DidDocument { get; init; }

    /// <summary>The DID resolution metadata (<c>contentType</c> or <c>error</c>).</summary>
    public required DidResolutionMetadata DidResolutionMetadata { get; init; }

    /// <summary>The DID document metadata (empty when resolution failed).</summary>
    public DidDocumentMetadata DidDocumentMetadata { get; init; } = DidDocumentMetadata.Empty;

    /// <summary>Whether resolution succeeded (no <c>error</c> and a document). A deactivated DID still resolves.</summary>
    [MemberNotNullWhen(true, nameof(DidDocument))]
    public bool Succeeded => DidResolutionMetadata.Error is null && DidDocument is not null;

    /// <summary>A successful result.</summary>
    /// <param name="document">The DID document.</param>
    /// <param name="documentMetadata">The DID document metadata, if any.</param>
    /// <param name="representation">The representation the caller asked for; sets <c>contentType</c>.</param>
    public static DidResolutionResult Success(DidDocument document, DidDocumentMetadata? documentMetadata = null, DidRepresentation representation = DidRepresentation.JsonLd)
    {
        ArgumentNullException.ThrowIfNull(document);
        return new DidResolutionResult
        {
            DidDocument = document,
            DidResolutionMetadata = new DidResolutionMetadata { ContentType = representation.ToMediaType() },
            DidDocumentMetadata = documentMetadata ?? DidDocumentMetadata.Empty,
        };
    }

    /// <summary>A failed result.</summary>
    /// <param name="error">One of <see cref="DidResolutionErrors"/>.</param>
    /// <param name="message">A human-readable explanation (never secrets).</param>
    public static DidResolutionResult Failure(string error, string? message = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(error);
        return new DidResolutionResult { DidResolutionMetadata = new DidResolutionMetadata { Error = error, ErrorMessage = message } };
    }

    /// <summary>The representation named by <c>contentType</c> (JSON-LD when absent).</summary>
    public DidRepresentation Representation =>
        DidMediaTypes.TryParse(DidResolutionMetadata.ContentType, out var representation) ? representation : DidRepresentation.JsonLd;

    /// <summary>
    /// The result as <c>{"didDocument","didResolutionMetadata","didDocumentMetadata"}</c> (the <c>application/did-resolution</c>
    /// form); the document is written in the representation named by <c>contentType</c>.
    /// </summary>
    public string ToJson()
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, Dids.DidJson.WriterOptions))
        {
            WriteTo(writer);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Writes the result (see <see cref="ToJson"/>).</summary>
    public void WriteTo(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WritePropertyName("didDocument");
        if (DidDocument is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            DidDocument.WriteTo(writer, Representation);
        }

        writer.WritePropertyName("didResolutionMetadata");
        DidResolutionMetadata.WriteTo(writer);
        writer.WritePropertyName("didDocumentMetadata");
        DidDocumentMetadata.WriteTo(writer);
        writer.WriteEndObject();
    }
}
