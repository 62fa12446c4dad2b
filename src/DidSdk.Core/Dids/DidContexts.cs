namespace DidSdk.Core.Dids;

/// <summary>Well-known JSON-LD context URLs.</summary>
public static class DidContexts
{
    /// <summary><c>https://www.w3.org/ns/did/v1</c>, the first <c>@context</c> item of a DID Core 1.0 JSON-LD DID document.</summary>
    public const string DidV1 = "https://www.w3.org/ns/did/v1";

    /// <summary><c>https://www.w3.org/ns/did/v1.1</c>, the DID Core 1.1 context (current did:key output).</summary>
    public const string DidV11 = "https://www.w3.org/ns/did/v1.1";

    /// <summary><c>https://w3id.org/security/multikey/v1</c> (Controlled Identifiers, <c>Multikey</c>).</summary>
    public const string MultikeyV1 = "https://w3id.org/security/multikey/v1";

    /// <summary><c>https://w3id.org/security/jwk/v1</c> (<c>JsonWebKey</c>).</summary>
    public const string JwkV1 = "https://w3id.org/security/jwk/v1";

    /// <summary><c>https://w3id.org/security/suites/jws-2020/v1</c> (<c>JsonWebKey2020</c>).</summary>
    public const string Jws2020V1 = "https://w3id.org/security/suites/jws-2020/v1";
}
