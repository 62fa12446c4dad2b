namespace DidSdk.Core.Resolution;

/// <summary>
/// DID resolution options (<see href="https://www.w3.org/TR/did-core/#did-resolution-options">DID Core 1.0 §7.1.1</see>,
/// W3C DID Resolution §4.1).
/// </summary>
public sealed class DidResolutionOptions
{
    /// <summary>Default options (JSON-LD representation, cache allowed).</summary>
    public static DidResolutionOptions Default { get; } = new();

    /// <summary>
    /// <c>accept</c>: the media type of the representation wanted (<c>application/did+ld+json</c>, the default, or
    /// <c>application/did+json</c>). Others give <c>representationNotSupported</c>.
    /// </summary>
    public string? Accept { get; init; }

    /// <summary><c>versionId</c>: a specific version of the DID document, for methods that support versions.</summary>
    public string? VersionId { get; init; }

    /// <summary><c>versionTime</c>: the version of the DID document valid at this time, for methods that support versions.</summary>
    public DateTimeOffset? VersionTime { get; init; }

    /// <summary><c>noCache</c>: skip cached results and fetch a fresh DID document.</summary>
    public bool NoCache { get; init; }

    /// <summary>Whether every option is at its default, so the result for a DID can be cached under the DID alone.</summary>
    internal bool IsDefault => Accept is null && VersionId is null && VersionTime is null;
}
