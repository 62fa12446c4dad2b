using System.Text.Json;
using System.Text.Json.Nodes;
using DidSdk.Core.Jose;
using DidSdk.Core.Methods;
using DidSdk.Crypto;

namespace DidSdk.OpenId4Vc;

// The jwt proof type (OpenID4VCI 1.0 Appendix F.1): typ, an allow-listed alg, exactly one key reference, the signature
// by that key, aud = the Credential Issuer Identifier, a fresh iat, and the c_nonce (checked against the store by the caller).
internal sealed class KeyProofValidator
{
    public const string ProofType = "openid4vci-proof+jwt";
    private const int MaxProofLength = 16 * 1024;
    private static readonly string[] KeyParameters = ["jwk", "kid", "x5c", "trust_chain"];

    private readonly OpenId4VciIssuerOptions _options;
    private readonly JwsReaderOptions _readerOptions;

    public KeyProofValidator(OpenId4VciIssuerOptions options)
    {
        _options = options;
        _readerOptions = new JwsReaderOptions { AllowedAlgorithms = options.ProofSigningAlgorithms, MaxTokenLength = MaxProofLength, MaxJsonDepth = 16 };
    }

    public readonly record struct Outcome(PublicKeyMaterial? Key, string? Nonce, string? Error, string? Description);

    public Outcome Validate(string proof, DateTimeOffset now)
    {
        var read = Jws.ReadCompact(proof, _readerOptions);
        if (!read.Succeeded)
        {
            return Refuse("The key proof is not a valid JWS with an accepted algorithm.");
        }

        var token = read.Token;
        if (!string.Equals(token.Type, ProofType, StringComparison.OrdinalIgnoreCase)
            && !string.Equals(token.Type, "application/" + ProofType, StringComparison.OrdinalIgnoreCase))
        {
            return Refuse("The key proof's typ is not openid4vci-proof+jwt.");
        }

        if (KeyParameters.Count(token.Header.ContainsKey) != 1)
        {
            return Refuse("The key proof header must name exactly one of jwk, kid, x5c and trust_chain.");
        }

        if (!TryGetHeaderKey(token, out var key))
        {
            return Refuse("The key proof's header key is not a supported public key (jwk, or kid as a did:key or did:jwk URL).");
        }

        // The key in the header is the key the credential gets bound to: the proof must be signed by exactly that key.
        if (!Jws.VerifySignature(token, key))
        {
            return Refuse("The key proof is not signed by the key in its header.");
        }

        var payload = JsonRead.ParseObject(token.Payload.Span);
        if (payload is null)
        {
            return Refuse("The key proof's payload is not a JSON object.");
        }

        if (!AudienceMatches(payload))
        {
            return Refuse("The key proof's aud is not this Credential Issuer.");
        }

        if (JsonRead.Integer(payload, "iat") is not { } iat)
        {
            return Refuse("The key proof has no numeric iat.");
        }

        var issuedAt = DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(iat, -62135596800L, 253402300799L));
        if (issuedAt > now + _options.ClockSkew || issuedAt < now - _options.ProofMaxAge)
        {
            return Refuse("The key proof's iat is outside the accepted window.");
        }

        if (payload.ContainsKey("exp") && (JsonRead.Integer(payload, "exp") is not { } exp || exp <= now.ToUnixTimeSeconds() - (long)_options.ClockSkew.TotalSeconds))
        {
            return Refuse("The key proof has expired.");
        }

        var nonce = JsonRead.String(payload, "nonce");
        if (string.IsNullOrEmpty(nonce))
        {
            return new Outcome(null, null, OpenId4VciErrorCodes.InvalidNonce, "The key proof carries no c_nonce.");
        }

        return new Outcome(key, nonce, null, null);
    }

    private static Outcome Refuse(string description) => new(null, null, OpenId4VciErrorCodes.InvalidProof, description);

    private bool AudienceMatches(JsonObject payload)
    {
        if (!payload.TryGetPropertyValue("aud", out var aud))
        {
            return false;
        }

        return aud switch
        {
            JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>() == _options.CredentialIssuer,
            JsonArray a => a.Count > 0 && a.Any(e => e is JsonValue ev && ev.GetValueKind() == JsonValueKind.String && ev.GetValue<string>() == _options.CredentialIssuer),
            _ => false,
        };
    }

    private static bool TryGetHeaderKey(JwsToken token, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out PublicKeyMaterial? key)
    {
        key = null;
        if (token.Header.TryGetPropertyValue("jwk", out var jwkNode))
        {
            return jwkNode is JsonObject jwkObject
                && Jwk.TryParse(jwkObject.ToJsonString(), out var jwk, out _)
                && !jwk.HasPrivateKey
                && jwk.TryGetPublicKey(out key);
        }

        if (token.KeyId is not { } kid)
        {
            return false;
        }

        var hash = kid.IndexOf('#', StringComparison.Ordinal);
        var did = hash < 0 ? kid : kid[..hash];
        if (did.StartsWith("did:key:", StringComparison.Ordinal))
        {
            return DidKey.TryGetPublicKey(did, out key, out _, out _);
        }

        if (did.StartsWith("did:jwk:", StringComparison.Ordinal) && DidJwk.TryGetJwk(did, out var didJwk, out _, out _) && !didJwk!.HasPrivateKey)
        {
            return didJwk.TryGetPublicKey(out key);
        }

        return false;
    }
}
