using System.Text.Json.Nodes;
using DidSdk.Credentials;
using DidSdk.Crypto;

namespace DidSdk.SdJwt;

/// <summary>
/// The holder binding an SD-JWT's <c>cnf</c> claim (RFC 7800) declares, as both SD-JWT credential handlers report it, so
/// that a presentation carrying the credential can require it to be bound to its presenter
/// (<see cref="CredentialVerificationResult.HolderBinding"/>).
/// </summary>
internal static class CnfBinding
{
    /// <summary>The public key of <c>cnf.jwk</c>; null when there is no <c>cnf</c>, or it names no readable public JWK (e.g. only a <c>kid</c>).</summary>
    public static PublicKeyMaterial? Key(JsonObject payload)
    {
        if (payload["cnf"] is JsonObject cnf && cnf["jwk"] is JsonObject jwkObject
            && Jwk.TryParse(jwkObject.ToJsonString(), out var jwk, out _) && !jwk.HasPrivateKey && jwk.TryGetPublicKey(out var key))
        {
            return key;
        }

        return null;
    }

    /// <summary>The binding to report: null for a credential without <c>cnf</c>; otherwise its key (if readable) and whether a Key Binding JWT verified.</summary>
    public static HolderKeyBinding? Of(JsonObject? payload, bool keyBindingVerified) =>
        payload is not null && payload.ContainsKey("cnf") ? new HolderKeyBinding(Key(payload), keyBindingVerified) : null;
}
