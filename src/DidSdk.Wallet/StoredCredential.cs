using System.Text.Json.Nodes;

namespace DidSdk.Wallet;

/// <summary>A credential held by the wallet, decrypted and authenticated.</summary>
public sealed class StoredCredential
{
    internal StoredCredential(string id, string format, string securing, string issuer, IReadOnlyList<string> types, DateTimeOffset? validFrom,
        DateTimeOffset? validUntil, string? statusReference, CredentialStatusMark status, DateTimeOffset? checkedAt, DateTimeOffset importedAt,
        string credential, JsonObject claims, IReadOnlyList<string> disclosablePaths, ReadOnlyMemory<byte> coseMessage = default)
    {
        CoseMessage = coseMessage;
        Id = id;
        Format = format;
        Securing = securing;
        Issuer = issuer;
        Types = types;
        ValidFrom = validFrom;
        ValidUntil = validUntil;
        StatusReference = statusReference;
        Status = status;
        CheckedAt = checkedAt;
        ImportedAt = importedAt;
        Credential = credential;
        Claims = claims;
        DisclosablePaths = disclosablePaths;
    }

    /// <summary>The wallet's id of the credential.</summary>
    public string Id { get; }

    /// <summary>
    /// The OpenID4VP format identifier: <c>dc+sd-jwt</c>, <c>jwt_vc_json</c> or <c>ldp_vc</c>; <c>vc+cose</c> for a
    /// VC-COSE credential, which has no DCQL format identifier and is never selected by a DCQL query.
    /// </summary>
    public string Format { get; }

    /// <summary>How it is secured: <c>dc+sd-jwt</c>, <c>vc+jwt</c> (VC-JOSE), <c>jwt_vc</c> (VC-JWT 1.1), <c>vc+cose</c> (VC-COSE) or <c>di</c> (Data Integrity).</summary>
    public string Securing { get; }

    /// <summary>The issuer (<c>iss</c> or <c>issuer</c>).</summary>
    public string Issuer { get; }

    /// <summary>The <c>vct</c> (one element) for SD-JWT VC, the <c>type</c> values for W3C credentials.</summary>
    public IReadOnlyList<string> Types { get; }

    /// <summary><c>nbf</c> / <c>validFrom</c> (<c>issuanceDate</c> in 1.1).</summary>
    public DateTimeOffset? ValidFrom { get; }

    /// <summary><c>exp</c> / <c>validUntil</c> (<c>expirationDate</c> in 1.1).</summary>
    public DateTimeOffset? ValidUntil { get; }

    /// <summary>The status list entry it points to (<c>URI#index</c>), if any.</summary>
    public string? StatusReference { get; }

    /// <summary>The result of the last refresh.</summary>
    public CredentialStatusMark Status { get; }

    /// <summary>When the last refresh ran for it.</summary>
    public DateTimeOffset? CheckedAt { get; }

    /// <summary>When it was imported.</summary>
    public DateTimeOffset ImportedAt { get; }

    /// <summary>The credential as issued (compact SD-JWT with all disclosures, JWT or JSON; a VC-COSE message in base64url).</summary>
    public string Credential { get; }

    /// <summary>The COSE_Sign1 bytes of a VC-COSE credential, exactly as imported; empty for the other formats.</summary>
    public ReadOnlyMemory<byte> CoseMessage { get; }

    /// <summary>
    /// The claims as a verifier would see them with everything disclosed: SD-JWT VC processed claims, or the W3C
    /// credential JSON. DCQL claim paths apply to this object.
    /// </summary>
    public JsonObject Claims { get; }

    /// <summary>JSON Pointers of the selectively disclosable claims (SD-JWT VC); empty for W3C formats.</summary>
    public IReadOnlyList<string> DisclosablePaths { get; }
}
