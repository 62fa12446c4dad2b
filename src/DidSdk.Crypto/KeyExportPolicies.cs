namespace DidSdk.Crypto;

/// <summary>Whether the private key of a <see cref="Key"/> may leave the object.</summary>
/// <remarks>Keys are not exportable unless created so; this mirrors NSec's <c>KeyExportPolicies</c>.</remarks>
[Flags]
public enum KeyExportPolicies
{
    /// <summary>The private key cannot be exported.</summary>
    None = 0,

    /// <summary>The private key can be exported in plaintext (for example into a wallet that encrypts it).</summary>
    AllowPlaintextExport = 1,
}
