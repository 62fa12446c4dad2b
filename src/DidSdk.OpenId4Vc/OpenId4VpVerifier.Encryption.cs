using System.Security.Cryptography;
using System.Text.Json.Nodes;
using DidSdk.Core;
using DidSdk.Core.Jose;

namespace DidSdk.OpenId4Vc;

public sealed partial class OpenId4VpVerifier
{
    // The session member holding the request's ephemeral private key; removed once the session is answered and never
    // part of a result, log or error message.
    private const string ResponseKeyName = "response_key";

    // Room for the base64url expansion of the largest vp_token plus the header and the other parameters.
    private int MaxEncryptedResponseLength => (_options.MaxVpTokenLength / 3 * 4) + 16 * 1024;

    // A fresh P-256 key for one request (OpenID4VP 1.0 §8.3): its public JWK goes to client_metadata.jwks under the
    // session id as kid, its private part to the session.
    private static JsonObject NewResponseEncryptionKey(string sessionId, JsonObject clientMetadata)
    {
        using var key = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        var parameters = key.ExportParameters(true);
        try
        {
            OpenId4VpResponseEncryption.AddToClientMetadata(clientMetadata, parameters, sessionId);
            return new JsonObject
            {
                ["d"] = Base64UrlText(parameters.D!),
                ["x"] = Base64UrlText(parameters.Q.X!),
                ["y"] = Base64UrlText(parameters.Q.Y!),
            };
        }
        finally
        {
            CryptographicOperations.ZeroMemory(parameters.D);
        }
    }

    private static string Base64UrlText(byte[] bytes) => System.Buffers.Text.Base64Url.EncodeToString(bytes);

    // direct_post.jwt: the JWE's kid names the session whose key decrypts it. A response that does not decrypt leaves the
    // session untouched, so a forged post cannot spend the wallet's answer.
    private async Task<(Dictionary<string, string>? Form, string? SessionId, OpenId4VpEndpointResult? Failure)> DecryptResponseAsync(string jwe, CancellationToken cancellationToken)
    {
        var kid = JweEcdhEs.ReadKeyId(jwe, MaxEncryptedResponseLength);
        var session = kid is null ? null : await ReadSessionAsync(kid, _timeProvider.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        var stored = JsonRead.Object(session, ResponseKeyName);
        if (kid is null || stored is null)
        {
            return (null, null, EncryptionFailure("the response is not a JWE for a live request of this verifier."));
        }

        byte[]? d = null;
        try
        {
            if (JsonRead.String(stored, "d") is not { } dText || !StrictBase64UrlDecode(dText, out d)
                || JsonRead.String(stored, "x") is not { } x || JsonRead.String(stored, "y") is not { } y
                || !StrictBase64UrlDecode(x, out var xBytes) || !StrictBase64UrlDecode(y, out var yBytes))
            {
                return (null, null, EncryptionFailure("the session key is unreadable."));
            }

            using var key = ECDiffieHellman.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, D = d, Q = new ECPoint { X = xBytes, Y = yBytes } });
            var result = JweEcdhEs.Decrypt(jwe, key, MaxEncryptedResponseLength);
            if (!result.Succeeded)
            {
                return (null, null, EncryptionFailure("the response does not decrypt with this request's key (" + result.Problem.Code + ")."));
            }

            try
            {
                var form = OpenId4VpResponseEncryption.ToForm(result.Plaintext);
                return form is null
                    ? (null, null, EncryptionFailure("the decrypted response is not a JSON object of parameters."))
                    : (form, kid, null);
            }
            finally
            {
                CryptographicOperations.ZeroMemory(result.Plaintext);
            }
        }
        catch (CryptographicException)
        {
            return (null, null, EncryptionFailure("the session key is unusable."));
        }
        finally
        {
            if (d is not null)
            {
                CryptographicOperations.ZeroMemory(d);
            }
        }
    }

    // A direct_post.jwt request accepts only an encrypted response, and a direct_post request only a plain one.
    private static bool EncryptionMatches(JsonObject session, bool encrypted, List<Problem> problems)
    {
        var wantsEncryption = JsonRead.Object(session, ResponseKeyName) is not null;
        if (wantsEncryption && !encrypted)
        {
            problems.Add(new Problem(OpenId4VpProblemCodes.ResponseNotEncrypted, "This request asked for direct_post.jwt, but the response was not encrypted."));
            return false;
        }

        if (!wantsEncryption && encrypted)
        {
            problems.Add(new Problem(OpenId4VpProblemCodes.InvalidResponse, "An encrypted response was sent, but this request asked for direct_post."));
            return false;
        }

        return true;
    }

    private static bool StrictBase64UrlDecode(string text, out byte[] bytes)
    {
        var ok = Core.Json.StrictBase64Url.TryDecode(text, out var decoded);
        bytes = decoded ?? [];
        return ok;
    }

    private static OpenId4VpEndpointResult EncryptionFailure(string message) =>
        OpenId4VpEndpointResult.Fail("invalid_request", $"{OpenId4VpProblemCodes.EncryptedResponseInvalid}: {message}");
}
