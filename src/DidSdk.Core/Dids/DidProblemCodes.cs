namespace DidSdk.Core.Dids;

/// <summary>
/// Stable problem codes for DID syntax, DID documents and verification methods (<c>DIDSDK26xx</c>–<c>DIDSDK28xx</c>).
/// DID resolution errors use the W3C names in <see cref="Resolution.DidResolutionErrors"/> instead.
/// </summary>
public static class DidProblemCodes
{
    /// <summary>The input is empty or longer than the length limit.</summary>
    public const string InvalidLength = "DIDSDK2601";

    /// <summary>The input does not start with <c>did:</c> (DID Core 1.0 §3.1).</summary>
    public const string InvalidScheme = "DIDSDK2602";

    /// <summary>The method name is empty or has a character other than <c>a-z</c> / <c>0-9</c> (DID Core 1.0 §3.1, <c>method-name</c>).</summary>
    public const string InvalidMethodName = "DIDSDK2603";

    /// <summary>The method-specific id is empty, ends with <c>:</c> or has a character outside <c>idchar</c> (DID Core 1.0 §3.1).</summary>
    public const string InvalidMethodSpecificId = "DIDSDK2604";

    /// <summary>A <c>%</c> is not followed by two hexadecimal digits (RFC 3986 §2.1 <c>pct-encoded</c>).</summary>
    public const string InvalidPercentEncoding = "DIDSDK2605";

    /// <summary>The DID URL path has a character outside <c>pchar</c> (RFC 3986 §3.3).</summary>
    public const string InvalidPath = "DIDSDK2606";

    /// <summary>The DID URL query has a character outside RFC 3986 §3.4 <c>query</c>.</summary>
    public const string InvalidQuery = "DIDSDK2607";

    /// <summary>The DID URL fragment has a character outside RFC 3986 §3.5 <c>fragment</c>.</summary>
    public const string InvalidFragment = "DIDSDK2608";

    /// <summary>A relative DID URL is not of a supported form (<c>#fragment</c>, <c>?query</c>, <c>/path</c>) or has no base DID.</summary>
    public const string InvalidRelativeReference = "DIDSDK2609";

    /// <summary>A DID was expected but the input is a DID URL (it has a path, query or fragment).</summary>
    public const string NotAPlainDid = "DIDSDK2610";

    /// <summary>The DID document is not well-formed JSON, is too large or too deeply nested, or repeats a member.</summary>
    public const string DocumentMalformed = "DIDSDK2651";

    /// <summary>The DID document <c>id</c> is missing or not a conforming DID (DID Core 1.0 §5.1.1).</summary>
    public const string DocumentInvalidId = "DIDSDK2652";

    /// <summary>The JSON-LD <c>@context</c> is missing or its first item is not <c>https://www.w3.org/ns/did/v1</c> (DID Core 1.0 §6.3.1).</summary>
    public const string DocumentInvalidContext = "DIDSDK2653";

    /// <summary>A core property has the wrong JSON type or an invalid value (DID Core 1.0 §5).</summary>
    public const string DocumentInvalidProperty = "DIDSDK2654";

    /// <summary>A verification method lacks <c>id</c>, <c>type</c> or <c>controller</c>, or has an invalid one (DID Core 1.0 §5.2).</summary>
    public const string DocumentInvalidVerificationMethod = "DIDSDK2655";

    /// <summary>Two verification methods or services share an <c>id</c> (DID Core 1.0 §5.2, §5.4).</summary>
    public const string DocumentDuplicateId = "DIDSDK2656";

    /// <summary>A service lacks <c>id</c>, <c>type</c> or <c>serviceEndpoint</c>, or has an invalid one (DID Core 1.0 §5.4).</summary>
    public const string DocumentInvalidService = "DIDSDK2657";

    /// <summary>The verification method type is not one this SDK maps to a public key.</summary>
    public const string UnsupportedVerificationMethodType = "DIDSDK2701";

    /// <summary>The verification method has no key material of the form its type requires, or more than one form.</summary>
    public const string MissingKeyMaterial = "DIDSDK2702";

    /// <summary>The key material does not decode to a valid public key (bad encoding, length, codec or point).</summary>
    public const string InvalidKeyMaterial = "DIDSDK2703";

    /// <summary>The key's type does not match the verification method type (for example an X25519 key in an Ed25519 method).</summary>
    public const string KeyTypeMismatch = "DIDSDK2704";

    /// <summary>The verification method is a recovery method (it names an account, not a key).</summary>
    public const string RecoveryMethodHasNoKey = "DIDSDK2705";

    /// <summary>The DID URL does not name a verification method in the DID document.</summary>
    public const string VerificationMethodNotFound = "DIDSDK2751";

    /// <summary>The verification method is not referenced from the requested verification relationship (DID Core 1.0 §5.3).</summary>
    public const string VerificationMethodNotAuthorized = "DIDSDK2752";

    /// <summary>The DID URL names a DID other than the DID document's subject.</summary>
    public const string VerificationMethodForeignDid = "DIDSDK2753";

    /// <summary>The verification method's <c>controller</c> is not the DID document's subject, so this document alone cannot authorize it.</summary>
    public const string VerificationMethodControllerMismatch = "DIDSDK2754";

    /// <summary>The DID (or its controller's DID) could not be resolved; the message names the W3C resolution error.</summary>
    public const string ResolutionFailed = "DIDSDK2755";

    /// <summary>The DID has been deactivated (DID document metadata <c>deactivated</c>), so none of its keys may be used.</summary>
    public const string DidDeactivated = "DIDSDK2756";

    /// <summary>A signed token names no verification method (<c>kid</c>), so it cannot be tied to the signer's DID.</summary>
    public const string KeyIdMissing = "DIDSDK2757";
}
