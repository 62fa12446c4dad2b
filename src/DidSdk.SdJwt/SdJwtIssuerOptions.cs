namespace DidSdk.SdJwt;

/// <summary>Options for <see cref="SdJwtIssuer"/>.</summary>
public sealed class SdJwtIssuerOptions
{
    /// <summary>The digest algorithm (<c>_sd_alg</c>). Default <c>sha-256</c>.</summary>
    public SdHashAlgorithm HashAlgorithm { get; init; } = SdHashAlgorithm.Sha256;

    /// <summary>The fewest decoy digests added to each object that has <c>_sd</c> digests (§4.2.5). Default 0.</summary>
    public int MinDecoyDigests { get; init; }

    /// <summary>The most decoy digests added to each such object; the count is drawn uniformly. Default 0.</summary>
    public int MaxDecoyDigests { get; init; }

    /// <summary>How disclosure JSON is written. Default compact; <see cref="DisclosureJsonStyle.Spaced"/> reproduces the RFC examples.</summary>
    public DisclosureJsonStyle DisclosureStyle { get; init; } = DisclosureJsonStyle.Compact;

    /// <summary>Whether to write <c>_sd_alg</c> even for the default <c>sha-256</c>. Default <see langword="true"/> (explicit is clearer).</summary>
    public bool AlwaysWriteHashAlgorithm { get; init; } = true;
}
