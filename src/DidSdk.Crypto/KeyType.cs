namespace DidSdk.Crypto;

/// <summary>The kinds of asymmetric key DidSdk understands.</summary>
public enum KeyType
{
    /// <summary>Ed25519 (RFC 8032), used with JWS <c>EdDSA</c>.</summary>
    Ed25519 = 1,

    /// <summary>secp256k1 (SEC 2), used with JWS <c>ES256K</c> (RFC 8812) and Ethereum.</summary>
    Secp256k1 = 2,

    /// <summary>NIST P-256 (secp256r1), used with JWS <c>ES256</c>.</summary>
    P256 = 3,

    /// <summary>X25519 (RFC 7748), for key agreement only.</summary>
    X25519 = 4,

    /// <summary>NIST P-384 (secp384r1), used with JWS <c>ES384</c>.</summary>
    P384 = 5,

    /// <summary>NIST P-521 (secp521r1), used with JWS <c>ES512</c>.</summary>
    P521 = 6,
}
