namespace DidSdk.JsonLd;

/// <summary>Settings of <see cref="JsonLdProcessor"/> (bindable plain values; the loader is a service passed separately).</summary>
public sealed class JsonLdOptions
{
    /// <summary>The base IRI of the document (JSON-LD 1.1 API <c>base</c>); <see langword="null"/> leaves relative IRIs relative.</summary>
    public string? Base { get; init; }

    /// <summary>
    /// Keep going when a property or type is not defined by any context: JSON-LD drops such properties, which for a signed
    /// credential means unsigned claims. Off by default: an undefined term is <see cref="JsonLdProblemCodes.UndefinedTerm"/>.
    /// </summary>
    public bool AllowUndefinedTerms { get; init; }

    /// <summary>How <c>@direction</c> becomes RDF: <see langword="null"/> (dropped), <c>i18n-datatype</c> or <c>compound-literal</c>.</summary>
    public string? RdfDirection { get; init; }

    /// <summary>The most contexts (local, remote and scoped) processed for one document.</summary>
    public int MaxContexts { get; init; } = 256;

    /// <summary>The deepest chain of remote contexts that include each other ("context overflow").</summary>
    public int MaxRemoteContextDepth { get; init; } = 16;

    /// <summary>The deepest JSON nesting expanded.</summary>
    public int MaxDepth { get; init; } = 64;

    /// <summary>The most expansion steps (one per JSON value visited, contexts included) before <see cref="JsonLdProblemCodes.ExpansionLimit"/>.</summary>
    public int MaxWork { get; init; } = 200_000;

    /// <summary>The most quads produced by toRdf.</summary>
    public int MaxQuads { get; init; } = 100_000;
}
