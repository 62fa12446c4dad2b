namespace DidSdk.OpenId4Vc;

/// <summary>Settings of the <see cref="OpenId4VpWalletClient"/>.</summary>
public sealed class OpenId4VpWalletClientOptions
{
    /// <summary>Accept plain HTTP URLs on loopback hosts (development and tests only). Default <see langword="false"/>.</summary>
    public bool AllowLoopbackHttp { get; set; }

    /// <summary>The largest Request Object or verifier answer read, in bytes (default 64 KiB).</summary>
    public int MaxResponseBytes { get; set; } = 64 * 1024;
}
