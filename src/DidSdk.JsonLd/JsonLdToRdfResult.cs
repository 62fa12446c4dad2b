using System.Diagnostics.CodeAnalysis;
using DidSdk.Core;
using DidSdk.JsonLd.Rdf;

namespace DidSdk.JsonLd;

/// <summary>The RDF dataset of a JSON-LD document, or why it could not be produced.</summary>
public sealed class JsonLdToRdfResult
{
    internal JsonLdToRdfResult(RdfDataset? dataset, Problem? problem, string? error)
    {
        Dataset = dataset;
        Problem = problem;
        Error = error;
    }

    /// <summary>Whether the document was deserialized.</summary>
    [MemberNotNullWhen(true, nameof(Dataset))]
    [MemberNotNullWhen(false, nameof(Problem), nameof(Error))]
    public bool Succeeded => Dataset is not null;

    /// <summary>The dataset.</summary>
    public RdfDataset? Dataset { get; }

    /// <summary>Why not, with a <c>DIDSDK9xxx</c> code.</summary>
    public Problem? Problem { get; }

    /// <summary>The JSON-LD 1.1 API error code (<c>JsonLdErrorCode</c>, e.g. <c>protected term redefinition</c>), or a DidSdk name (<c>undefined term</c>, <c>expansion limit</c>).</summary>
    public string? Error { get; }
}
