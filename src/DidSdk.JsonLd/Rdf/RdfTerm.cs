namespace DidSdk.JsonLd.Rdf;

/// <summary>An RDF term: IRI, blank node or literal (RDF 1.1 Concepts §3). Equal when kind, value, datatype and language are equal.</summary>
public sealed record RdfTerm
{
    /// <summary>The datatype of simple literals, <c>xsd:string</c>.</summary>
    public const string XsdString = "http://www.w3.org/2001/XMLSchema#string";

    /// <summary>The datatype of language-tagged strings, <c>rdf:langString</c>.</summary>
    public const string RdfLangString = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString";

    private RdfTerm(RdfTermKind kind, string value, string? datatype, string? language)
    {
        Kind = kind;
        Value = value;
        Datatype = datatype;
        Language = language;
    }

    /// <summary>The kind of term.</summary>
    public RdfTermKind Kind { get; }

    /// <summary>The IRI, the blank node label (without <c>_:</c>) or the literal's lexical form.</summary>
    public string Value { get; }

    /// <summary>A literal's datatype IRI; <see langword="null"/> for IRIs and blank nodes.</summary>
    public string? Datatype { get; }

    /// <summary>A language-tagged string's language tag.</summary>
    public string? Language { get; }

    /// <summary>Whether this is a blank node.</summary>
    public bool IsBlankNode => Kind == RdfTermKind.BlankNode;

    /// <summary>An IRI term.</summary>
    public static RdfTerm Iri(string iri)
    {
        ArgumentNullException.ThrowIfNull(iri);
        return new RdfTerm(RdfTermKind.Iri, iri, null, null);
    }

    /// <summary>A blank node with the label (without <c>_:</c>).</summary>
    public static RdfTerm BlankNode(string label)
    {
        ArgumentException.ThrowIfNullOrEmpty(label);
        return new RdfTerm(RdfTermKind.BlankNode, label, null, null);
    }

    /// <summary>A literal; <paramref name="datatype"/> defaults to <c>xsd:string</c>, or <c>rdf:langString</c> when a language is given.</summary>
    public static RdfTerm Literal(string lexicalForm, string? datatype = null, string? language = null)
    {
        ArgumentNullException.ThrowIfNull(lexicalForm);
        return new RdfTerm(RdfTermKind.Literal, lexicalForm, language is null ? datatype ?? XsdString : RdfLangString, language);
    }

    /// <inheritdoc/>
    public override string ToString() => NQuads.SerializeTerm(this);
}
