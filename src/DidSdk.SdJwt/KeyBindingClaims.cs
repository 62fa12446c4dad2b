using System.Text.Json.Nodes;
using DidSdk.Core.Json;

namespace DidSdk.SdJwt;

/// <summary>
/// A verified Key Binding JWT's claims: the tree already built, or the payload bytes, already checked to be strict JSON
/// within the depth limit, from which the tree is built on first use. Every caller gets the same object.
/// </summary>
internal sealed class KeyBindingClaims
{
    private readonly ReadOnlyMemory<byte> _payload;
    private readonly int _maxDepth;
    private JsonObject? _claims;

    public KeyBindingClaims(JsonObject claims) => _claims = claims;

    public KeyBindingClaims(ReadOnlyMemory<byte> payload, int maxDepth)
    {
        _payload = payload;
        _maxDepth = maxDepth;
    }

    public JsonObject Claims
    {
        get
        {
            if (Volatile.Read(ref _claims) is { } claims)
            {
                return claims;
            }

            if (StrictJson.TryParseObject(_payload.Span, _maxDepth, out var parsed) != StrictJsonStatus.Ok || parsed is null)
            {
                // KeyBindingPayload accepts only text StrictJson accepts, so this cannot happen.
                throw new InvalidOperationException("The Key Binding JWT payload no longer parses.");
            }

            return Interlocked.CompareExchange(ref _claims, parsed, null) ?? parsed;
        }
    }
}
