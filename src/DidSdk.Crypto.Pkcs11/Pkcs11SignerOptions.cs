namespace DidSdk.Crypto.Pkcs11;

/// <summary>Where the signing key is: the PKCS#11 module, the token and the key object. Bindable settings; the PIN is not one of them.</summary>
public sealed class Pkcs11SignerOptions
{
    /// <summary>The path of the token vendor's PKCS#11 module (for SoftHSM2 on Debian <c>/usr/lib/softhsm/libsofthsm2.so</c>).</summary>
    public string LibraryPath { get; init; } = string.Empty;

    /// <summary>The label of the token (<c>CKA_LABEL</c> of the token info); with <see cref="SlotId"/> unset, the first token with this label is used.</summary>
    public string? TokenLabel { get; init; }

    /// <summary>The slot id of the token; takes precedence over <see cref="TokenLabel"/>.</summary>
    public ulong? SlotId { get; init; }

    /// <summary>The private key's <c>CKA_LABEL</c>. At least one of <see cref="KeyLabel"/> and <see cref="KeyObjectId"/> is required; both must match when both are set.</summary>
    public string? KeyLabel { get; init; }

    /// <summary>The private key's <c>CKA_ID</c> as hex (e.g. <c>"01a2"</c>).</summary>
    public string? KeyObjectId { get; init; }

    /// <summary>The key id the signer reports as <see cref="DidSdk.Core.Jose.ISigner.KeyId"/> (usually a DID URL), if any.</summary>
    public string? KeyId { get; init; }

    /// <summary>
    /// Accept a private key the token would let out (<c>CKA_EXTRACTABLE</c> true or <c>CKA_SENSITIVE</c> false). Off by
    /// default: a key that can leave the token is refused, since the point of an HSM is that it cannot.
    /// </summary>
    public bool AllowExtractableKey { get; init; }
}
