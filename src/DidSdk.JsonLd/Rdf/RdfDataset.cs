using System.Collections;

namespace DidSdk.JsonLd.Rdf;

/// <summary>An RDF dataset: a set of quads (duplicates are ignored), kept in insertion order.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1710", Justification = "RDF 1.1 calls it a dataset; the spec's word wins.")]
public sealed class RdfDataset : IReadOnlyCollection<RdfQuad>
{
    private readonly List<RdfQuad> _quads = [];
    private readonly HashSet<RdfQuad> _seen = [];

    /// <summary>The number of distinct quads.</summary>
    public int Count => _quads.Count;

    /// <summary>Adds a quad; returns <see langword="false"/> if it was already present.</summary>
    public bool Add(RdfQuad quad)
    {
        ArgumentNullException.ThrowIfNull(quad);
        if (!_seen.Add(quad))
        {
            return false;
        }

        _quads.Add(quad);
        return true;
    }

    /// <summary>The quad at <paramref name="index"/> in insertion order.</summary>
    public RdfQuad this[int index] => _quads[index];

    /// <inheritdoc/>
    public IEnumerator<RdfQuad> GetEnumerator() => _quads.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The dataset as N-Quads in insertion order (not canonical; use <see cref="RdfCanonicalizer"/> for that).</summary>
    public override string ToString() => NQuads.Serialize(this);
}
