namespace DidSdk.JsonLd.Rdf;

/// <summary>RDFC-1.0 §4.3 identifier issuer: issues <c>prefix + counter</c> and remembers the order of issue.</summary>
internal sealed class IdentifierIssuer
{
    private readonly string prefix;
    private readonly Dictionary<string, string> issued;
    private readonly List<string> order;

    public IdentifierIssuer(string prefix)
    {
        this.prefix = prefix;
        issued = new Dictionary<string, string>(StringComparer.Ordinal);
        order = [];
    }

    private IdentifierIssuer(IdentifierIssuer other)
    {
        prefix = other.prefix;
        issued = new Dictionary<string, string>(other.issued, StringComparer.Ordinal);
        order = [.. other.order];
    }

    /// <summary>The existing identifiers in the order they were issued.</summary>
    public IReadOnlyList<string> Order => order;

    public IReadOnlyDictionary<string, string> Issued => issued;

    public string Issue(string existing)
    {
        if (issued.TryGetValue(existing, out var id))
        {
            return id;
        }

        id = prefix + order.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        issued.Add(existing, id);
        order.Add(existing);
        return id;
    }

    public bool TryGet(string existing, out string id) => issued.TryGetValue(existing, out id!);

    public bool Has(string existing) => issued.ContainsKey(existing);

    public IdentifierIssuer Copy() => new(this);
}
