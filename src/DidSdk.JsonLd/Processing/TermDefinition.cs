using System.Text.Json.Nodes;

namespace DidSdk.JsonLd.Processing;

/// <summary>A term definition (JSON-LD 1.1 API §4.1 "term definition").</summary>
internal sealed class TermDefinition
{
    public string? Iri { get; set; }

    public bool Prefix { get; set; }

    public bool Protected { get; set; }

    public bool Reverse { get; set; }

    public string? BaseUrl { get; set; }

    public bool HasContext { get; set; }

    public JsonNode? Context { get; set; }

    public HashSet<string>? Container { get; set; }

    public bool HasDirection { get; set; }

    public string? Direction { get; set; }

    public string? Index { get; set; }

    public bool HasLanguage { get; set; }

    public string? Language { get; set; }

    public string? Nest { get; set; }

    public string? TypeMapping { get; set; }

    public bool HasContainer(string c) => Container is not null && Container.Contains(c);

    /// <summary>Same definition apart from <see cref="Protected"/> (JSON-LD 1.1 API §4.2.2 step 27).</summary>
    public bool SameAs(TermDefinition other) =>
        Iri == other.Iri && Prefix == other.Prefix && Reverse == other.Reverse && HasContext == other.HasContext
        && (!HasContext || JsonNode.DeepEquals(Context, other.Context))
        && SameContainer(Container, other.Container) && HasDirection == other.HasDirection && Direction == other.Direction
        && Index == other.Index && HasLanguage == other.HasLanguage && Language == other.Language && Nest == other.Nest
        && TypeMapping == other.TypeMapping;

    private static bool SameContainer(HashSet<string>? a, HashSet<string>? b) =>
        (a is null || a.Count == 0) ? (b is null || b.Count == 0) : b is not null && a.SetEquals(b);
}
