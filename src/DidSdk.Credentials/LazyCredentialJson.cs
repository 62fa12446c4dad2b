using System.Text.Json.Nodes;
using DidSdk.Core.Jose;
using DidSdk.Core.Json;

namespace DidSdk.Credentials;

/// <summary>
/// The credential JSON of a <c>vc+jwt</c> whose payload <see cref="JosePayload"/> already checked, parsed from the token
/// on first use (a verifier that only needs the verdict never builds it). Every caller gets the same object.
/// </summary>
internal sealed class LazyCredentialJson(JwsToken jws, int maxDepth)
{
    private JsonObject? _json;

    /// <summary>The credential JSON.</summary>
    public JsonObject Value
    {
        get
        {
            if (Volatile.Read(ref _json) is { } json)
            {
                return json;
            }

            if (CredentialVerifier.ParsePayload(jws, maxDepth, out var parsed) != StrictJsonStatus.Ok || parsed is null)
            {
                // JosePayload accepts only what StrictJson accepts, so this cannot happen.
                throw new InvalidOperationException("The credential payload no longer parses.");
            }

            return Interlocked.CompareExchange(ref _json, parsed, null) ?? parsed;
        }
    }
}
