namespace DidSdk.JsonLd.Processing;

/// <summary>
/// The active context (JSON-LD 1.1 API §4.1). Terms are copied on change; contexts are small.
/// <see cref="Token"/> names the content for <see cref="ContextCache"/>: contexts with equal tokens are equal, a clone keeps
/// its source's token and any change clears it. A sealed context (one the cache holds) is shared and read-only: changing it
/// throws, so processing clones it first.
/// </summary>
internal sealed class ActiveContext
{
    private readonly Dictionary<string, TermDefinition?> _terms;
    private string? _baseIri;
    private readonly string? _originalBaseUrl;
    private string? _vocab;
    private string? _defaultLanguage;
    private string? _defaultDirection;
    private ActiveContext? _previousContext;
    private bool _hasProtected;

    public ActiveContext(string? baseIri)
    {
        _baseIri = baseIri;
        _originalBaseUrl = baseIri;
        _terms = new Dictionary<string, TermDefinition?>(StringComparer.Ordinal);
        Token = new InitialToken(baseIri);
    }

    private ActiveContext(ActiveContext other)
    {
        _baseIri = other._baseIri;
        _originalBaseUrl = other._originalBaseUrl;
        _terms = new Dictionary<string, TermDefinition?>(other._terms, StringComparer.Ordinal);
        _vocab = other._vocab;
        _defaultLanguage = other._defaultLanguage;
        _defaultDirection = other._defaultDirection;
        _previousContext = other._previousContext;
        _hasProtected = other._hasProtected;
        Token = other.Token;
    }

    /// <summary>Names this content for the cache; <see langword="null"/> once changed since it was cloned or cached.</summary>
    public object? Token { get; private set; }

    public string? BaseIri
    {
        get => _baseIri;
        set
        {
            Change();
            _baseIri = value;
        }
    }

    public string? OriginalBaseUrl => _originalBaseUrl;

    /// <summary>Term → definition; a <see langword="null"/> value is never stored (null mappings have a definition with a null IRI).</summary>
    public IReadOnlyDictionary<string, TermDefinition?> Terms => _terms;

    public string? Vocab
    {
        get => _vocab;
        set
        {
            Change();
            _vocab = value;
        }
    }

    public string? DefaultLanguage
    {
        get => _defaultLanguage;
        set
        {
            Change();
            _defaultLanguage = value;
        }
    }

    public string? DefaultDirection
    {
        get => _defaultDirection;
        set
        {
            Change();
            _defaultDirection = value;
        }
    }

    public ActiveContext? PreviousContext
    {
        get => _previousContext;
        set
        {
            Change();
            _previousContext = value;
        }
    }

    public bool HasProtected
    {
        get => _hasProtected;
        set
        {
            Change();
            _hasProtected = value;
        }
    }

    public TermDefinition? Term(string? term) =>
        term is not null && _terms.TryGetValue(term, out var d) ? d : null;

    public void SetTerm(string term, TermDefinition definition)
    {
        Change();
        _terms[term] = definition;
    }

    public void RemoveTerm(string term)
    {
        if (_terms.ContainsKey(term))
        {
            Change();
            _terms.Remove(term);
        }
    }

    public ActiveContext Clone() => new(this);

    /// <summary>Whether this context is shared (in <see cref="ContextCache"/>): read-only, clone it to change it.</summary>
    public bool IsSealed { get; private set; }

    /// <summary>Gives a context just computed by a cacheable context processing its own token; from now on it is shared and read-only.</summary>
    public void Seal()
    {
        Token = new object();
        IsSealed = true;
    }

    private void Change()
    {
        // A sealed context may be in use by other documents on other threads.
        if (IsSealed)
        {
            throw new InvalidOperationException("A shared active context cannot change.");
        }

        Token = null;
    }

    /// <summary>The token of the initial context for a base IRI: equal for equal bases.</summary>
    private sealed record InitialToken(string? BaseIri);
}
