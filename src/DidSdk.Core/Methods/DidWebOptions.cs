namespace DidSdk.Core.Methods;

/// <summary>Options of <see cref="DidWebResolver"/>; the defaults are the secure ones.</summary>
public sealed class DidWebOptions
{
    /// <summary>
    /// Fetch DID documents of loopback hosts (<c>localhost</c>, <c>127.0.0.0/8</c>, <c>::1</c>) over plain <c>http</c>,
    /// giving up TLS for them, and accept loopback IP addresses as did:web domains. For tests and local development only.
    /// Default <see langword="false"/>: HTTPS only.
    /// </summary>
    public bool AllowHttpForLoopback { get; init; }

    /// <summary>The largest DID document accepted, in bytes. Default 1 MiB.</summary>
    public int MaxDocumentBytes { get; init; } = 1024 * 1024;

    /// <summary>The time allowed for the whole fetch (headers and body). Default 10 seconds.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Same-origin redirects followed at most (cross-origin redirects are always refused). Default 3.</summary>
    public int MaxRedirects { get; init; } = 3;

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxDocumentBytes, 1, nameof(MaxDocumentBytes));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(Timeout, TimeSpan.Zero, nameof(Timeout));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Timeout, TimeSpan.FromHours(1), nameof(Timeout));
        ArgumentOutOfRangeException.ThrowIfNegative(MaxRedirects, nameof(MaxRedirects));
    }
}
