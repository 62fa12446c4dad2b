namespace DidSdk.Core.Dids;

/// <summary>The DID document representations of <see href="https://www.w3.org/TR/did-core/#representations">DID Core 1.0 §6</see>.</summary>
public enum DidRepresentation
{
    /// <summary><c>application/did+json</c> (§6.2): plain JSON; <c>@context</c> is optional and kept as a representation-specific entry.</summary>
    Json = 1,

    /// <summary><c>application/did+ld+json</c> (§6.3): JSON-LD; <c>@context</c> is required and its first item is <c>https://www.w3.org/ns/did/v1</c>.</summary>
    JsonLd = 2,
}
