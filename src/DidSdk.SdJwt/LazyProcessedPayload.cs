using System.Text.Json;
using System.Text.Json.Nodes;
using DidSdk.Core.Jose;
using DidSdk.Core.Json;
using DidSdk.Internal;

namespace DidSdk.SdJwt;

/// <summary>
/// The processed claims of an SD-JWT whose payload and disclosures <see cref="IssuerPayload"/> already checked, built on
/// first use (a verifier that only needs the verdict never builds them). Every caller gets the same objects.
/// </summary>
/// <remarks>
/// What IssuerPayload accepts has its digests only in the top-level <c>_sd</c> and disclosures of top-level plain values,
/// so the claims are built straight from the payload bytes, as <see cref="SdJwtProcessor"/> would build them: every
/// member but <c>_sd</c> and <c>_sd_alg</c> in payload order, then each disclosed claim in the order its digest appears
/// in <c>_sd</c> (<see cref="IssuerPayload.DisclosedOrder"/>, found when the digests were matched); the pointers in the
/// order of the disclosures. The payload is decoded into a pooled buffer, cleared afterwards.
/// </remarks>
internal sealed class LazyProcessedPayload(JwsToken issuerJwt, IReadOnlyList<Disclosure> disclosures, ulong disclosedOrder, int maxDepth)
{
    private ProcessedPayload? _processed;

    /// <summary>The processed claims.</summary>
    public JsonObject Claims => Processed.Claims;

    /// <summary>The JSON Pointer of each disclosed claim, in the order of the disclosures.</summary>
    public IReadOnlyList<string> Paths => Processed.Paths;

    private ProcessedPayload Processed
    {
        get
        {
            if (Volatile.Read(ref _processed) is { } processed)
            {
                return processed;
            }

            var built = Build();
            return Interlocked.CompareExchange(ref _processed, built, null) ?? built;
        }
    }

    private ProcessedPayload Build() =>
        // IssuerPayload accepts only what the general path accepts, so this cannot fail.
        PayloadScan.ReadPayload(issuerJwt, this, static (lazy, json) => lazy.TryBuild(json))
            ?? throw new InvalidOperationException("The SD-JWT payload no longer processes.");

    private ProcessedPayload? TryBuild(ReadOnlySpan<byte> json)
    {
        var claims = new JsonObject();
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = maxDepth });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return null;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            if (!reader.Read())
            {
                return null;
            }

            var start = (int)reader.TokenStartIndex;
            reader.Skip();
            if (name is not ("_sd" or "_sd_alg"))
            {
                // The same strict parse (and number representation) as the general path's tree.
                if (StrictJson.TryParseNode(json[start..(int)reader.BytesConsumed], maxDepth, out var node) != StrictJsonStatus.Ok)
                {
                    return null;
                }

                claims.Add(name, node);
            }
        }

        var paths = new string[disclosures.Count];
        for (var k = 0; k < paths.Length; k++)
        {
            var i = (int)((disclosedOrder >> (4 * k)) & 0xF);
            var name = disclosures[i].ClaimName!;
            claims.Add(name, disclosures[i].RawValue?.DeepClone());
            paths[i] = "/" + SdJwtProcessor.Escape(name);
        }

        return new ProcessedPayload(claims, paths);
    }
}
