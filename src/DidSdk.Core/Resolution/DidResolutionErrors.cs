namespace DidSdk.Core.Resolution;

/// <summary>
/// The <c>error</c> values of DID resolution and dereferencing metadata, verbatim from
/// <see href="https://www.w3.org/TR/did-core/#did-resolution-metadata">DID Core 1.0 §7.1.2</see>,
/// <see href="https://www.w3.org/TR/did-core/#did-url-dereferencing-metadata">§7.2.2</see>, the
/// <see href="https://w3c.github.io/did-resolution/#errors">W3C DID Resolution errors</see> and the
/// <see href="https://w3c-ccg.github.io/did-key-spec/">did:key</see> method specification.
/// </summary>
public static class DidResolutionErrors
{
    /// <summary><c>invalidDid</c>: the input is not a conforming DID.</summary>
    public const string InvalidDid = "invalidDid";

    /// <summary><c>invalidDidUrl</c>: the input is not a conforming DID URL.</summary>
    public const string InvalidDidUrl = "invalidDidUrl";

    /// <summary><c>notFound</c>: the DID document (or dereferenced resource) was not found.</summary>
    public const string NotFound = "notFound";

    /// <summary><c>representationNotSupported</c>: the <c>accept</c> media type is not supported.</summary>
    public const string RepresentationNotSupported = "representationNotSupported";

    /// <summary><c>methodNotSupported</c>: no resolver handles the DID method.</summary>
    public const string MethodNotSupported = "methodNotSupported";

    /// <summary><c>invalidOptions</c>: a resolution option is invalid or not supported by the method.</summary>
    public const string InvalidOptions = "invalidOptions";

    /// <summary><c>invalidDidDocument</c>: the method produced or retrieved a DID document that does not conform.</summary>
    public const string InvalidDidDocument = "invalidDidDocument";

    /// <summary><c>invalidPublicKey</c>: the key encoded in the DID is invalid (did:key).</summary>
    public const string InvalidPublicKey = "invalidPublicKey";

    /// <summary><c>invalidPublicKeyLength</c>: the key encoded in the DID has the wrong length (did:key).</summary>
    public const string InvalidPublicKeyLength = "invalidPublicKeyLength";

    /// <summary><c>invalidPublicKeyType</c>: the verification method type is invalid (did:key).</summary>
    public const string InvalidPublicKeyType = "invalidPublicKeyType";

    /// <summary><c>unsupportedPublicKeyType</c>: the key type (multicodec) is not supported (did:key).</summary>
    public const string UnsupportedPublicKeyType = "unsupportedPublicKeyType";

    /// <summary><c>internalError</c>: an unexpected failure, including network failures of web-based methods.</summary>
    public const string InternalError = "internalError";
}
