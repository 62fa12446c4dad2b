using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Nodes;
using DidSdk.Core;

namespace DidSdk.SdJwt;

/// <summary>The payload with the disclosed claims in place, and where each disclosure landed.</summary>
internal sealed class ProcessedPayload(JsonObject claims, IReadOnlyDictionary<Disclosure, string> paths)
{
    /// <summary>The processed claims: disclosures replaced, <c>_sd</c>, <c>_sd_alg</c> and undisclosed digests removed.</summary>
    public JsonObject Claims { get; } = claims;

    /// <summary>The JSON Pointer (into <see cref="Claims"/>) of each disclosed claim or array element.</summary>
    public IReadOnlyDictionary<Disclosure, string> Paths { get; } = paths;
}

/// <summary>
/// Replaces digests with disclosures (RFC 9901 §7.1 step 3) and enforces its rules: each digest at most once, each
/// disclosure referenced exactly once, object disclosures only from <c>_sd</c> and array disclosures only from
/// <c>{"...": digest}</c>, no <c>_sd</c> / <c>...</c> claim names, no overwriting of an existing claim.
/// </summary>
internal static class SdJwtProcessor
{
    public static bool TryProcess(
        JsonObject payload,
        IReadOnlyList<Disclosure> disclosures,
        SdHashAlgorithm algorithm,
        int maxDepth,
        [NotNullWhen(true)] out ProcessedPayload? processed,
        [NotNullWhen(false)] out Problem? problem)
    {
        processed = null;
        var byDigest = new Dictionary<string, Disclosure>(disclosures.Count, StringComparer.Ordinal);
        foreach (var disclosure in disclosures)
        {
            if (!byDigest.TryAdd(disclosure.Digest(algorithm), disclosure))
            {
                problem = new Problem(SdJwtProblemCodes.DuplicateDisclosure, "The same disclosure appears twice.");
                return false;
            }
        }

        // Sized up front (the top-level _sd array is most of the digests) so the sets do not grow step by step.
        var digestCount = payload["_sd"] is JsonArray topLevelDigests ? topLevelDigests.Count : 0;
        var state = new State(byDigest, maxDepth, digestCount, disclosures.Count);
        var result = ProcessObject(payload, string.Empty, state, topLevel: true);
        if (state.Problem is not null)
        {
            problem = state.Problem;
            return false;
        }

        if (state.Paths.Count != disclosures.Count)
        {
            problem = new Problem(SdJwtProblemCodes.UnreferencedDisclosure, "A disclosure is not referenced by any digest in the SD-JWT.");
            return false;
        }

        processed = new ProcessedPayload(result!, state.Paths);
        problem = null;
        return true;
    }

    private static JsonObject? ProcessObject(JsonObject source, string path, State state, bool topLevel)
    {
        var result = new JsonObject();
        foreach (var (name, value) in source)
        {
            if (name == "_sd" || (topLevel && name == "_sd_alg"))
            {
                continue;
            }

            if (name == "...")
            {
                state.Fail(SdJwtProblemCodes.ArrayDigestOutsideArray, "An object member is named \"...\", which only marks an array element digest.");
                return null;
            }

            // Paths are recorded only for disclosures, so a plain value below here needs none.
            var child = Process(value, value is JsonObject or JsonArray ? path + "/" + Escape(name) : string.Empty, state);
            if (state.Problem is not null)
            {
                return null;
            }

            result[name] = child;
        }

        if (source["_sd"] is not { } digestsNode)
        {
            return result;
        }

        if (digestsNode is not JsonArray digests)
        {
            state.Fail(SdJwtProblemCodes.InvalidDigestArray, "_sd must be an array of digest strings.");
            return null;
        }

        foreach (var item in digests)
        {
            if (item is not JsonValue v || v.GetValueKind() != JsonValueKind.String)
            {
                state.Fail(SdJwtProblemCodes.InvalidDigestArray, "_sd must be an array of digest strings.");
                return null;
            }

            var digest = v.GetValue<string>();
            if (!state.SeenDigests.Add(digest))
            {
                state.Fail(SdJwtProblemCodes.DuplicateDigest, "A digest appears more than once in the SD-JWT.");
                return null;
            }

            if (!state.ByDigest.TryGetValue(digest, out var disclosure))
            {
                continue; // a decoy, or a claim the holder did not disclose
            }

            if (disclosure.IsArrayElement)
            {
                state.Fail(SdJwtProblemCodes.DisclosureInWrongPlace, "An array-element disclosure is referenced from an _sd array.");
                return null;
            }

            var claimName = disclosure.ClaimName!;
            if (claimName is "_sd" or "...")
            {
                state.Fail(SdJwtProblemCodes.ForbiddenClaimName, "A disclosure names the claim _sd or ....");
                return null;
            }

            if (result.ContainsKey(claimName) || (topLevel && claimName == "_sd_alg"))
            {
                state.Fail(SdJwtProblemCodes.ClaimNameConflict, $"The disclosed claim '{claimName}' already exists at its level.");
                return null;
            }

            var claimPath = path + "/" + Escape(claimName);
            state.Paths[disclosure] = claimPath;
            var claimValue = Process(disclosure.RawValue, claimPath, state);
            if (state.Problem is not null)
            {
                return null;
            }

            result[claimName] = claimValue;
        }

        return result;
    }

    private static JsonNode? Process(JsonNode? node, string path, State state)
    {
        if (++state.Depth > state.MaxDepth)
        {
            state.Fail(SdJwtProblemCodes.TooDeep, $"The claims nest deeper than {state.MaxDepth} levels once disclosures are in place.");
            return null;
        }

        try
        {
            return node switch
            {
                JsonObject obj => ProcessObject(obj, path, state, topLevel: false),
                JsonArray array => ProcessArray(array, path, state),
                null => null,
                _ => node.DeepClone(),
            };
        }
        finally
        {
            state.Depth--;
        }
    }

    private static JsonArray? ProcessArray(JsonArray source, string path, State state)
    {
        var result = new JsonArray();
        foreach (var element in source)
        {
            if (element is JsonObject obj && obj.ContainsKey("..."))
            {
                if (obj.Count != 1 || obj["..."] is not JsonValue v || v.GetValueKind() != JsonValueKind.String)
                {
                    state.Fail(SdJwtProblemCodes.InvalidArrayElementDigest, "An array element digest must be an object with only a string \"...\" member.");
                    return null;
                }

                var digest = v.GetValue<string>();
                if (!state.SeenDigests.Add(digest))
                {
                    state.Fail(SdJwtProblemCodes.DuplicateDigest, "A digest appears more than once in the SD-JWT.");
                    return null;
                }

                if (!state.ByDigest.TryGetValue(digest, out var disclosure))
                {
                    continue; // undisclosed element or decoy: removed
                }

                if (!disclosure.IsArrayElement)
                {
                    state.Fail(SdJwtProblemCodes.DisclosureInWrongPlace, "An object-property disclosure is referenced from an array element.");
                    return null;
                }

                var elementPath = path + "/" + result.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
                state.Paths[disclosure] = elementPath;
                var value = Process(disclosure.RawValue, elementPath, state);
                if (state.Problem is not null)
                {
                    return null;
                }

                result.Add(value);
                continue;
            }

            var plainPath = element is JsonObject or JsonArray ? path + "/" + result.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) : string.Empty;
            var processed = Process(element, plainPath, state);
            if (state.Problem is not null)
            {
                return null;
            }

            result.Add(processed);
        }

        return result;
    }

    private static string Escape(string name) => name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    private sealed class State(Dictionary<string, Disclosure> byDigest, int maxDepth, int digestCount, int disclosureCount)
    {
        public int MaxDepth { get; } = maxDepth;

        public Dictionary<string, Disclosure> ByDigest { get; } = byDigest;

        public HashSet<string> SeenDigests { get; } = new(digestCount, StringComparer.Ordinal);

        public Dictionary<Disclosure, string> Paths { get; } = new(disclosureCount, ReferenceEqualityComparer.Instance);

        public Problem? Problem { get; private set; }

        public int Depth { get; set; }

        public void Fail(string code, string message) => Problem ??= new Problem(code, message);
    }
}
