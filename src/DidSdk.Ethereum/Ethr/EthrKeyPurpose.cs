namespace DidSdk.Ethereum.Ethr;

/// <summary>The purpose of a key published as a <c>did/pub/…</c> attribute.</summary>
public enum EthrKeyPurpose
{
    /// <summary><c>veriKey</c>: assertionMethod (signing credentials).</summary>
    VeriKey,

    /// <summary><c>sigAuth</c>: authentication and assertionMethod.</summary>
    SigAuth,

    /// <summary><c>enc</c>: keyAgreement (encryption).</summary>
    Enc,
}
