namespace DidSdk.JsonLd.Rdf;

/// <summary>Settings of <see cref="RdfCanonicalizer"/> (bindable plain values).</summary>
public sealed class RdfCanonicalizationOptions
{
    /// <summary>The hash algorithm: <c>SHA256</c> (the RDFC-1.0 default) or <c>SHA384</c>.</summary>
    public string HashAlgorithm { get; init; } = "SHA256";

    /// <summary>
    /// The most work the Hash N-Degree Quads step may do (one unit per call and per permutation examined) before
    /// canonicalization aborts with <see cref="JsonLdProblemCodes.CanonicalizationWorkLimit"/> (RDFC-1.0 §4.4 "poison graphs").
    /// </summary>
    public int MaxWork { get; init; } = 20_000;

    /// <summary>The largest dataset accepted, in quads.</summary>
    public int MaxQuads { get; init; } = 100_000;

    /// <summary>The deepest recursion of Hash N-Degree Quads.</summary>
    public int MaxDepth { get; init; } = 64;
}
