using System.Text.Json.Nodes;
using DidSdk.Crypto;
using DidSdk.SdJwt.TokenStatus;

namespace DidSdk.SdJwt;

/// <summary>An SD-JWT VC to issue.</summary>
public sealed class SdJwtVcIssuanceRequest
{
    /// <summary>The <c>iss</c>: the issuer's identifier (a DID whose verification method signs, or an HTTPS URL).</summary>
    public required string Issuer { get; init; }

    /// <summary>The <c>vct</c>: the credential type, e.g. <c>https://kyc.example/credentials/kyc/v1</c>.</summary>
    public required string Vct { get; init; }

    /// <summary>The credential's claims about the subject (not the registered JWT claims, which come from the other properties).</summary>
    public required JsonObject Claims { get; init; }

    /// <summary>JSON Pointers into <see cref="Claims"/> of what the holder may disclose selectively.</summary>
    public IReadOnlyCollection<string> Disclosable { get; init; } = [];

    /// <summary>The holder's key for key binding (<c>cnf.jwk</c>).</summary>
    public PublicKeyMaterial? HolderPublicKey { get; init; }

    /// <summary>The <c>sub</c>, if any.</summary>
    public string? Subject { get; init; }

    /// <summary>The <c>nbf</c>, if any.</summary>
    public DateTimeOffset? ValidFrom { get; init; }

    /// <summary>The <c>exp</c>, if any.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>The credential's entry in a Token Status List (the <c>status</c> claim).</summary>
    public StatusListReference? Status { get; init; }
}
