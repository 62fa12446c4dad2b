using System.Text.Json.Nodes;
using DidSdk.Core.Jose;
using DidSdk.Core.Json;

namespace DidSdk.SdJwt;

/// <summary>
/// The processed claims of an SD-JWT whose payload and disclosures <see cref="IssuerPayload"/> already checked, built
/// by <see cref="SdJwtProcessor"/> from the payload on first use (a verifier that only needs the verdict never builds
/// them). Every caller gets the same objects.
/// </summary>
internal sealed class LazyProcessedPayload(JwsToken issuerJwt, IReadOnlyList<Disclosure> disclosures, SdHashAlgorithm algorithm, int maxDepth)
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

            if (StrictJson.TryParseObject(issuerJwt.Payload.Span, maxDepth, out var payload) != StrictJsonStatus.Ok || payload is null
                || !SdJwtProcessor.TryProcess(payload, disclosures, algorithm, maxDepth, out var built, out _))
            {
                // IssuerPayload accepts only what the general path accepts, so this cannot happen.
                throw new InvalidOperationException("The SD-JWT payload no longer processes.");
            }

            return Interlocked.CompareExchange(ref _processed, built, null) ?? built;
        }
    }
}
