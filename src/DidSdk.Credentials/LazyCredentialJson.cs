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

            var built = Parse();
            return Interlocked.CompareExchange(ref _json, built, null) ?? built;
        }
    }

    private JsonObject Parse() =>
        // JosePayload accepts only what StrictJson accepts, so this cannot fail.
        CredentialVerifier.ParsePayload(jws, maxDepth, out var parsed) == StrictJsonStatus.Ok && parsed is not null
            ? parsed
            : throw new InvalidOperationException("The credential payload no longer parses.");
}
