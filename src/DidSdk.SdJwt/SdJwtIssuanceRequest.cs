using System.Text.Json.Nodes;
using DidSdk.Crypto;

namespace DidSdk.SdJwt;

/// <summary>What to issue.</summary>
public sealed class SdJwtIssuanceRequest
{
    /// <summary>The claims, as the holder should see them once everything is disclosed.</summary>
    public required JsonObject Claims { get; init; }

    /// <summary>
    /// JSON Pointers (RFC 6901) into <see cref="Claims"/> of the object properties and array elements to make selectively
    /// disclosable, e.g. <c>/birthdate</c>, <c>/address/locality</c>, <c>/nationalities/0</c>. A pointer below another one
    /// makes a recursive disclosure (§4.2.6).
    /// </summary>
    public IReadOnlyCollection<string> Disclosable { get; init; } = [];

    /// <summary>Extra JOSE header members (e.g. <c>typ</c>); <c>alg</c> and <c>kid</c> come from the signer.</summary>
    public JsonObject? Header { get; init; }

    /// <summary>The holder's public key, written as <c>cnf.jwk</c> (RFC 7800) for key binding.</summary>
    public PublicKeyMaterial? HolderPublicKey { get; init; }
}
