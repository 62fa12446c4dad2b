namespace DidSdk.Crypto;

/// <summary>Whether the private key of a <see cref="PrivateKey"/> may leave the object.</summary>
/// <remarks>Keys are not exportable unless created so; this mirrors NSec's <c>PrivateKeyExportPolicy</c>.</remarks>
[Flags]
public enum PrivateKeyExportPolicy
{
    /// <summary>The private key cannot be exported.</summary>
    None = 0,

    /// <summary>The private key can be exported in plaintext (for example into a wallet that encrypts it).</summary>
    AllowPlaintextExport = 1,
}
