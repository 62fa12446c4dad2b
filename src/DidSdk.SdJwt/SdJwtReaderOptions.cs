using DidSdk.Core.Json;

namespace DidSdk.SdJwt;

/// <summary>Size, count and depth limits for reading SD-JWTs from untrusted input (bindable settings).</summary>
public sealed class SdJwtReaderOptions
{
    /// <summary>The defaults: 1 MiB, 1,000 disclosures, JSON depth 32.</summary>
    public static SdJwtReaderOptions Default { get; } = new();

    /// <summary>The longest SD-JWT accepted (compact or JSON serialization), in characters. Default 1 MiB.</summary>
    public int MaxTokenLength { get; init; } = 1024 * 1024;

    /// <summary>The most disclosures accepted. Default 1,000.</summary>
    public int MaxDisclosures { get; init; } = 1000;

    /// <summary>The deepest JSON nesting accepted in the payload, each disclosure, and the claims after disclosures are put in place. Default 32.</summary>
    public int MaxDepth { get; init; } = StrictJson.DefaultMaxDepth;
}
