using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;
using DidSdk.Core;

namespace DidSdk.JsonLd;

/// <summary>A loaded JSON-LD document (JSON-LD 1.1 API <c>RemoteDocument</c>) or why it could not be loaded.</summary>
public sealed class JsonLdDocumentLoadResult
{
    private JsonLdDocumentLoadResult(JsonNode? document, string? documentUrl, Problem? problem)
    {
        Document = document;
        DocumentUrl = documentUrl;
        Problem = problem;
    }

    /// <summary>Whether the document loaded.</summary>
    [MemberNotNullWhen(true, nameof(Document), nameof(DocumentUrl))]
    [MemberNotNullWhen(false, nameof(Problem))]
    public bool Succeeded => Document is not null;

    /// <summary>The parsed document. Treat as read-only: loaders may share it between calls.</summary>
    public JsonNode? Document { get; }

    /// <summary>The final URL of the document (after redirects), the base for its relative references.</summary>
    public string? DocumentUrl { get; }

    /// <summary>Why the document could not be loaded.</summary>
    public Problem? Problem { get; }

    /// <summary>A loaded document.</summary>
    public static JsonLdDocumentLoadResult Success(JsonNode document, string documentUrl)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(documentUrl);
        return new JsonLdDocumentLoadResult(document, documentUrl, null);
    }

    /// <summary>A document that could not be loaded.</summary>
    public static JsonLdDocumentLoadResult Failure(Problem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        return new JsonLdDocumentLoadResult(null, null, problem);
    }
}
