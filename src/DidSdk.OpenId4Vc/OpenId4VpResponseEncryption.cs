using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using DidSdk.Core.Jose;

namespace DidSdk.OpenId4Vc;

// Response mode direct_post.jwt (OpenID4VP 1.0 §8.3): the Authorization Response parameters as a JSON object, encrypted
// (JWE, ECDH-ES with A128GCM or A256GCM) to a key the verifier puts in client_metadata.jwks, posted as response=<JWE>.
internal static class OpenId4VpResponseEncryption
{
    public const string EncValuesName = "encrypted_response_enc_values_supported";

    // §8.3: without encrypted_response_enc_values_supported the wallet uses A128GCM.
    private const string DefaultEnc = JweEcdhEs.A128Gcm;

    // client_metadata for an ephemeral per-request key: the public JWK only, with use and kid.
    public static void AddToClientMetadata(JsonObject clientMetadata, ECParameters publicKey, string kid)
    {
        var jwk = JweEcdhEs.ToPublicJwk(publicKey);
        jwk["use"] = "enc";
        jwk["alg"] = JweEcdhEs.Algorithm;
        jwk["kid"] = kid;
        clientMetadata["jwks"] = new JsonObject { ["keys"] = new JsonArray(jwk) };
        clientMetadata[EncValuesName] = JsonRead.ToArray(JweEcdhEs.SupportedEncryptionAlgorithms);
    }

    // The first P-256 encryption key the verifier offers and the first content encryption it accepts that we support.
    public static bool TrySelectKey(JsonObject? clientMetadata, out ECParameters key, out string kid, out string enc)
    {
        key = default;
        kid = "";
        enc = DefaultEnc;
        if (clientMetadata is null)
        {
            return false;
        }

        if (clientMetadata.ContainsKey(EncValuesName))
        {
            var offered = JsonRead.Strings(clientMetadata, EncValuesName);
            var chosen = offered?.FirstOrDefault(JweEcdhEs.SupportedEncryptionAlgorithms.Contains);
            if (chosen is null)
            {
                return false;
            }

            enc = chosen;
        }

        foreach (var node in JsonRead.Array(JsonRead.Object(clientMetadata, "jwks"), "keys")?.Take(16) ?? [])
        {
            if (node is JsonObject jwk
                && JsonRead.String(jwk, "kid") is { Length: > 0 and <= 256 } keyId
                && (!jwk.ContainsKey("use") || JsonRead.String(jwk, "use") == "enc")
                && (!jwk.ContainsKey("alg") || JsonRead.String(jwk, "alg") == JweEcdhEs.Algorithm))
            {
                var copy = (JsonObject)jwk.DeepClone();
                copy.Remove("use");
                copy.Remove("alg");
                copy.Remove("kid");
                if (JweEcdhEs.TryReadPublicJwk(copy, out key))
                {
                    kid = keyId;
                    return true;
                }
            }
        }

        return false;
    }

    // direct_post.jwt: the form becomes response=<JWE> to the verifier's key; direct_post: unchanged. Null when the request
    // asks for encryption without a usable key.
    public static List<KeyValuePair<string, string>>? Protect(OpenId4VpAuthorizationRequest request, List<KeyValuePair<string, string>> form)
    {
        if (request.ResponseMode != OpenId4VpAuthorizationRequest.DirectPostJwt)
        {
            return form;
        }

        return TrySelectKey(request.ClientMetadata, out var key, out var kid, out var enc)
            ? [new("response", Encrypt(form, key, kid, enc))]
            : null;
    }

    // The form parameters as the JWE payload: vp_token is a JSON object, the rest strings.
    public static string Encrypt(IEnumerable<KeyValuePair<string, string>> form, ECParameters key, string kid, string enc)
    {
        var payload = new JsonObject();
        foreach (var (name, value) in form)
        {
            payload[name] = name == "vp_token" ? JsonNode.Parse(value) : JsonValue.Create(value);
        }

        return JweEcdhEs.Encrypt(Encoding.UTF8.GetBytes(payload.ToJsonString()), key, enc, kid);
    }

    // The decrypted payload back as form parameters; null when it is not a JSON object of strings and objects.
    public static Dictionary<string, string>? ToForm(byte[] plaintext)
    {
        if (JsonRead.ParseObject(plaintext) is not { } payload)
        {
            return null;
        }

        var form = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in payload)
        {
            if (value is JsonObject obj)
            {
                form[name] = obj.ToJsonString();
            }
            else if (value is JsonValue v && v.TryGetValue<string>(out var text))
            {
                form[name] = text;
            }
            else
            {
                return null;
            }
        }

        return form;
    }
}
