namespace DidSdk.Core.Dids;

/// <summary>Verification method type names this SDK understands.</summary>
public static class VerificationMethodTypes
{
    /// <summary><c>Multikey</c> (Controlled Identifiers 1.0 §2.2.2).</summary>
    public const string Multikey = "Multikey";

    /// <summary><c>JsonWebKey</c> (Controlled Identifiers 1.0 §2.2.3).</summary>
    public const string JsonWebKey = "JsonWebKey";

    /// <summary><c>JsonWebKey2020</c>.</summary>
    public const string JsonWebKey2020 = "JsonWebKey2020";

    /// <summary><c>Ed25519VerificationKey2020</c> (<c>publicKeyMultibase</c>).</summary>
    public const string Ed25519VerificationKey2020 = "Ed25519VerificationKey2020";

    /// <summary><c>Ed25519VerificationKey2018</c> (<c>publicKeyBase58</c>).</summary>
    public const string Ed25519VerificationKey2018 = "Ed25519VerificationKey2018";

    /// <summary><c>X25519KeyAgreementKey2020</c> (<c>publicKeyMultibase</c>).</summary>
    public const string X25519KeyAgreementKey2020 = "X25519KeyAgreementKey2020";

    /// <summary><c>X25519KeyAgreementKey2019</c> (<c>publicKeyBase58</c>).</summary>
    public const string X25519KeyAgreementKey2019 = "X25519KeyAgreementKey2019";

    /// <summary><c>EcdsaSecp256k1VerificationKey2019</c>.</summary>
    public const string EcdsaSecp256k1VerificationKey2019 = "EcdsaSecp256k1VerificationKey2019";

    /// <summary><c>EcdsaSecp256r1VerificationKey2019</c> (P-256, usually <c>publicKeyJwk</c>).</summary>
    public const string EcdsaSecp256r1VerificationKey2019 = "EcdsaSecp256r1VerificationKey2019";

    /// <summary><c>Secp256k1VerificationKey2018</c> (legacy did:ethr, <c>publicKeyHex</c>).</summary>
    public const string Secp256k1VerificationKey2018 = "Secp256k1VerificationKey2018";

    /// <summary><c>EcdsaSecp256k1RecoveryMethod2020</c> (<c>blockchainAccountId</c>).</summary>
    public const string EcdsaSecp256k1RecoveryMethod2020 = "EcdsaSecp256k1RecoveryMethod2020";
}
