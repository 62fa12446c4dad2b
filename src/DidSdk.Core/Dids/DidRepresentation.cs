namespace DidSdk.Core.Dids;

/// <summary>The DID document representations of <see href="https://www.w3.org/TR/did-core/#representations">DID Core 1.0 §6</see>.</summary>
public enum DidRepresentation
{
    /// <summary><c>application/did+json</c> (§6.2): plain JSON; <c>@context</c> is optional and kept as a representation-specific entry.</summary>
    Json = 1,

    /// <summary><c>application/did+ld+json</c> (§6.3): JSON-LD; <c>@context</c> is required and its first item is <c>https://www.w3.org/ns/did/v1</c>.</summary>
    JsonLd = 2,
}

/// <summary>Media types of the DID document representations and of DID resolution.</summary>
public static class DidMediaTypes
{
    /// <summary><c>application/did+json</c>.</summary>
    public const string DidJson = "application/did+json";

    /// <summary><c>application/did+ld+json</c>.</summary>
    public const string DidLdJson = "application/did+ld+json";

    /// <summary><c>application/did-resolution</c> (a whole DID resolution result), per W3C DID Resolution.</summary>
    public const string DidResolution = "application/did-resolution";

    /// <summary>The media type of <paramref name="representation"/>.</summary>
    public static string ToMediaType(this DidRepresentation representation) =>
        representation == DidRepresentation.JsonLd ? DidLdJson : DidJson;

    /// <summary>Maps a media type (parameters ignored) to a representation.</summary>
    public static bool TryParse(string? mediaType, out DidRepresentation representation)
    {
        var bare = mediaType?.Split(';', 2)[0].Trim();
        representation = bare switch
        {
            DidJson => DidRepresentation.Json,
            DidLdJson => DidRepresentation.JsonLd,
            _ => 0,
        };
        return representation != 0;
    }
}

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
