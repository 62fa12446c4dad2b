namespace DidSdk.JsonLd.Rdf;

/// <summary>An RDF quad: a triple and the graph it belongs to (<see langword="null"/> for the default graph).</summary>
/// <param name="Subject">An IRI or blank node.</param>
/// <param name="Predicate">An IRI.</param>
/// <param name="Object">An IRI, blank node or literal.</param>
/// <param name="Graph">The graph name (an IRI or blank node), or <see langword="null"/> for the default graph.</param>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1720", Justification = "Subject, predicate, object: the RDF 1.1 names.")]
public sealed record RdfQuad(RdfTerm Subject, RdfTerm Predicate, RdfTerm Object, RdfTerm? Graph)
{
    /// <inheritdoc/>
    public override string ToString() => NQuads.SerializeQuad(this);
}
