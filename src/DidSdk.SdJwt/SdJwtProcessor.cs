using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Nodes;
using DidSdk.Core;

namespace DidSdk.SdJwt;

/// <summary>The payload with the disclosed claims in place, and where each disclosure landed.</summary>
internal sealed class ProcessedPayload(JsonObject claims, string[] paths)
{
    /// <summary>The processed claims: disclosures replaced, <c>_sd</c>, <c>_sd_alg</c> and undisclosed digests removed.</summary>
    public JsonObject Claims { get; } = claims;

    /// <summary>The JSON Pointer (into <see cref="Claims"/>) of each disclosed claim or array element, in the order of the disclosures.</summary>
    public string[] Paths { get; } = paths;
}

/// <summary>
/// Replaces digests with disclosures (RFC 9901 §7.1 step 3) and enforces its rules: each digest at most once, each
/// disclosure referenced exactly once, object disclosures only from <c>_sd</c> and array disclosures only from
/// <c>{"...": digest}</c>, no <c>_sd</c> / <c>...</c> claim names, no overwriting of an existing claim.
/// </summary>
internal static class SdJwtProcessor
{
    // Up to this many disclosures, their digests are compared in a scan over one pooled buffer instead of a dictionary
    // of digest strings; up to this many digests, seen ones are checked in a scan before a set is built.
    private const int SmallCount = 16;
    private const int SmallSeenCount = 32;

    public static bool TryProcess(
        JsonObject payload,
        IReadOnlyList<Disclosure> disclosures,
        SdHashAlgorithm algorithm,
        int maxDepth,
        [NotNullWhen(true)] out ProcessedPayload? processed,
        [NotNullWhen(false)] out Problem? problem)
    {
        processed = null;
        var digests = new DisclosureDigests(disclosures, algorithm);
        try
        {
            if (digests.HasDuplicate)
            {
                problem = new Problem(SdJwtProblemCodes.DuplicateDisclosure, "The same disclosure appears twice.");
                return false;
            }

            // Sized up front (the top-level _sd array is most of the digests) so the sets do not grow step by step.
            var digestCount = payload["_sd"] is JsonArray topLevelDigests ? topLevelDigests.Count : 0;
            var state = new State(disclosures, digests, maxDepth, digestCount);
            var result = ProcessObject(payload, string.Empty, state, topLevel: true);
            state.SeenDigests.Dispose();
            if (state.Problem is not null)
            {
                problem = state.Problem;
                return false;
            }

            if (state.PathCount != disclosures.Count)
            {
                problem = new Problem(SdJwtProblemCodes.UnreferencedDisclosure, "A disclosure is not referenced by any digest in the SD-JWT.");
                return false;
            }

            processed = new ProcessedPayload(result!, state.Paths);
            problem = null;
            return true;
        }
        finally
        {
            digests.Dispose();
        }
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

            var index = state.Digests.IndexOf(digest);
            if (index < 0)
            {
                continue; // a decoy, or a claim the holder did not disclose
            }

            var disclosure = state.Disclosures[index];

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
            state.SetPath(index, claimPath);
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

                var index = state.Digests.IndexOf(digest);
                if (index < 0)
                {
                    continue; // undisclosed element or decoy: removed
                }

                var disclosure = state.Disclosures[index];

                if (!disclosure.IsArrayElement)
                {
                    state.Fail(SdJwtProblemCodes.DisclosureInWrongPlace, "An object-property disclosure is referenced from an array element.");
                    return null;
                }

                var elementPath = path + "/" + result.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
                state.SetPath(index, elementPath);
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

    internal static string Escape(string name) => name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    private sealed class State(IReadOnlyList<Disclosure> disclosures, DisclosureDigests digests, int maxDepth, int digestCount)
    {
        public int MaxDepth { get; } = maxDepth;

        public IReadOnlyList<Disclosure> Disclosures { get; } = disclosures;

        public DisclosureDigests Digests { get; } = digests;

        public SeenDigests SeenDigests { get; } = new(digestCount);

        // A disclosure is found through one digest, and a digest is seen only once, so each path is set at most once.
        public string[] Paths { get; } = disclosures.Count == 0 ? [] : new string[disclosures.Count];

        public int PathCount { get; private set; }

        public Problem? Problem { get; private set; }

        public int Depth { get; set; }

        public void SetPath(int index, string path)
        {
            Paths[index] = path;
            PathCount++;
        }

        public void Fail(string code, string message) => Problem ??= new Problem(code, message);
    }

    /// <summary>The digests of the disclosures, found by digest text: a few in one pooled buffer, many in a dictionary.</summary>
    private sealed class DisclosureDigests : IDisposable
    {
        private readonly Dictionary<string, int>? _byDigest;
        private readonly int _count;
        private char[]? _buffer;
        private int _length;

        public DisclosureDigests(IReadOnlyList<Disclosure> disclosures, SdHashAlgorithm algorithm)
        {
            _count = disclosures.Count;
            if (_count > SmallCount)
            {
                _byDigest = new Dictionary<string, int>(_count, StringComparer.Ordinal);
                for (var i = 0; i < _count; i++)
                {
                    HasDuplicate |= !_byDigest.TryAdd(disclosures[i].Digest(algorithm), i);
                }

                return;
            }

            if (_count == 0)
            {
                return;
            }

            _buffer = ArrayPool<char>.Shared.Rent(_count * SdHashAlgorithm.MaxEncodedDigestLength);
            for (var i = 0; i < _count; i++)
            {
                // Every digest of one algorithm has the same length.
                _length = algorithm.Digest(disclosures[i].Encoded, _buffer.AsSpan(i * SdHashAlgorithm.MaxEncodedDigestLength, SdHashAlgorithm.MaxEncodedDigestLength));
                for (var j = 0; j < i; j++)
                {
                    HasDuplicate |= Slot(j).SequenceEqual(Slot(i));
                }
            }
        }

        /// <summary>Whether two disclosures have the same digest.</summary>
        public bool HasDuplicate { get; }

        /// <summary>The index of the disclosure with this digest, or -1.</summary>
        public int IndexOf(string digest)
        {
            if (_byDigest is not null)
            {
                return _byDigest.TryGetValue(digest, out var index) ? index : -1;
            }

            if (digest.Length != _length)
            {
                return -1;
            }

            for (var i = 0; i < _count; i++)
            {
                if (Slot(i).SequenceEqual(digest))
                {
                    return i;
                }
            }

            return -1;
        }

        public void Dispose()
        {
            if (_buffer is not null)
            {
                ArrayPool<char>.Shared.Return(_buffer);
                _buffer = null;
            }
        }

        private ReadOnlySpan<char> Slot(int index) => _buffer.AsSpan(index * SdHashAlgorithm.MaxEncodedDigestLength, _length);
    }

    /// <summary>The digests met so far: a few compared in a scan of a pooled array, more in a set.</summary>
    private sealed class SeenDigests(int expected) : IDisposable
    {
        private HashSet<string>? _set = expected > SmallSeenCount ? new HashSet<string>(expected, StringComparer.Ordinal) : null;
        private string[]? _items;
        private int _count;

        /// <summary>Adds <paramref name="digest"/>; <see langword="false"/> when it was already seen.</summary>
        public bool Add(string digest)
        {
            if (_set is not null)
            {
                return _set.Add(digest);
            }

            _items ??= ArrayPool<string>.Shared.Rent(SmallSeenCount);
            for (var i = 0; i < _count; i++)
            {
                if (string.Equals(_items[i], digest, StringComparison.Ordinal))
                {
                    return false;
                }
            }

            if (_count < SmallSeenCount)
            {
                _items[_count++] = digest;
                return true;
            }

            _set = new HashSet<string>(2 * SmallSeenCount, StringComparer.Ordinal);
            for (var i = 0; i < _count; i++)
            {
                _set.Add(_items[i]);
            }

            Dispose();
            return _set.Add(digest);
        }

        public void Dispose()
        {
            if (_items is not null)
            {
                ArrayPool<string>.Shared.Return(_items, clearArray: true);
                _items = null;
            }
        }
    }
}
