namespace DidSdk.JsonLd.Rdf;

/// <summary>RDFC-1.0 §4.3 identifier issuer: issues <c>prefix + counter</c> and remembers the order of issue.</summary>
internal sealed class IdentifierIssuer
{
    private readonly string _prefix;
    private readonly Dictionary<string, string> _issued;
    private readonly List<string> _order;

    public IdentifierIssuer(string prefix)
    {
        this._prefix = prefix;
        _issued = new Dictionary<string, string>(StringComparer.Ordinal);
        _order = [];
    }

    private IdentifierIssuer(IdentifierIssuer other)
    {
        _prefix = other._prefix;
        _issued = new Dictionary<string, string>(other._issued, StringComparer.Ordinal);
        _order = [.. other._order];
    }

    /// <summary>The existing identifiers in the order they were issued.</summary>
    public IReadOnlyList<string> Order => _order;

    public IReadOnlyDictionary<string, string> Issued => _issued;

    public string Issue(string existing)
    {
        if (_issued.TryGetValue(existing, out var id))
        {
            return id;
        }

        id = _prefix + _order.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        _issued.Add(existing, id);
        _order.Add(existing);
        return id;
    }

    public bool TryGet(string existing, out string id) => _issued.TryGetValue(existing, out id!);

    public bool Has(string existing) => _issued.ContainsKey(existing);

    public IdentifierIssuer Copy() => new(this);
}
