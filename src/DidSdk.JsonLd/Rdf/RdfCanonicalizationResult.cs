using System.Diagnostics.CodeAnalysis;
using DidSdk.Core;

namespace DidSdk.JsonLd.Rdf;

/// <summary>The canonical form of a dataset (RDFC-1.0), or why it could not be computed.</summary>
public sealed class RdfCanonicalizationResult
{
    internal RdfCanonicalizationResult(string? canonical, IReadOnlyList<RdfQuad>? quads, IReadOnlyDictionary<string, string>? issued, Problem? problem)
    {
        CanonicalNQuads = canonical;
        CanonicalQuads = quads;
        IssuedIdentifiers = issued;
        Problem = problem;
    }

    /// <summary>Whether canonicalization completed.</summary>
    [MemberNotNullWhen(true, nameof(CanonicalNQuads), nameof(CanonicalQuads), nameof(IssuedIdentifiers))]
    [MemberNotNullWhen(false, nameof(Problem))]
    public bool Succeeded => CanonicalNQuads is not null;

    /// <summary>The canonical N-Quads document: the relabelled quads, serialized, sorted by code point, concatenated.</summary>
    public string? CanonicalNQuads { get; }

    /// <summary>The relabelled quads in canonical order.</summary>
    public IReadOnlyList<RdfQuad>? CanonicalQuads { get; }

    /// <summary>The issued identifiers map: input blank node label → canonical label (<c>c14nN</c>).</summary>
    public IReadOnlyDictionary<string, string>? IssuedIdentifiers { get; }

    /// <summary>Why canonicalization failed (<see cref="JsonLdProblemCodes.CanonicalizationWorkLimit"/>, <see cref="JsonLdProblemCodes.InputTooLarge"/>).</summary>
    public Problem? Problem { get; }
}
