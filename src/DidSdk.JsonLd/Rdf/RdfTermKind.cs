namespace DidSdk.JsonLd.Rdf;

/// <summary>The kind of an RDF term (RDF 1.1 Concepts §3).</summary>
public enum RdfTermKind
{
    /// <summary>An IRI.</summary>
    Iri,

    /// <summary>A blank node; <see cref="RdfTerm.Value"/> is its label without <c>_:</c>.</summary>
    BlankNode,

    /// <summary>A literal with a datatype IRI and, for <c>rdf:langString</c>, a language tag.</summary>
    Literal,
}
