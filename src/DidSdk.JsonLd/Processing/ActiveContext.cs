namespace DidSdk.JsonLd.Processing;

/// <summary>The active context (JSON-LD 1.1 API §4.1). Terms are copied on change; contexts are small.</summary>
internal sealed class ActiveContext
{
    public ActiveContext(string? baseIri)
    {
        BaseIri = baseIri;
        OriginalBaseUrl = baseIri;
        Terms = new Dictionary<string, TermDefinition?>(StringComparer.Ordinal);
    }

    private ActiveContext(ActiveContext other)
    {
        BaseIri = other.BaseIri;
        OriginalBaseUrl = other.OriginalBaseUrl;
        Terms = new Dictionary<string, TermDefinition?>(other.Terms, StringComparer.Ordinal);
        Vocab = other.Vocab;
        DefaultLanguage = other.DefaultLanguage;
        DefaultDirection = other.DefaultDirection;
        PreviousContext = other.PreviousContext;
        HasProtected = other.HasProtected;
    }

    public string? BaseIri { get; set; }

    public string? OriginalBaseUrl { get; set; }

    /// <summary>Term → definition; a <see langword="null"/> value is never stored (null mappings have a definition with a null IRI).</summary>
    public Dictionary<string, TermDefinition?> Terms { get; }

    public string? Vocab { get; set; }

    public string? DefaultLanguage { get; set; }

    public string? DefaultDirection { get; set; }

    public ActiveContext? PreviousContext { get; set; }

    public bool HasProtected { get; set; }

    public TermDefinition? Term(string? term) =>
        term is not null && Terms.TryGetValue(term, out var d) ? d : null;

    public ActiveContext Clone() => new(this);
}
