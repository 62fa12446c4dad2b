using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using DidSdk.Crypto;

namespace DidSdk.Core.Dids;

/// <summary>Bridges <c>publicKeyJwk</c> JSON to <see cref="PublicKey"/> through DidSdk.Crypto's JWK support.</summary>
internal static class JwkKeys
{
    public static bool TryGetPublicKey(JsonElement jwk, [NotNullWhen(true)] out PublicKey? publicKey)
    {
        // Filled in when DidSdk.Crypto's Jwk type lands; until then JWK-based methods report invalid key material.
        _ = jwk;
        publicKey = null;
        return false;
    }
}
