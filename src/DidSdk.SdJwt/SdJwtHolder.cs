using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;
using DidSdk.Core;
using DidSdk.Core.Jose;
using DidSdk.Core.Json;

namespace DidSdk.SdJwt;

/// <summary>
/// The holder's side (RFC 9901 §4, §5.2): choose which disclosures to show by JSON Pointer into the fully disclosed
/// claims, and add a Key Binding JWT. Disclosing a nested claim brings the disclosures of its enclosing claims; claims
/// disclosable beneath a disclosed claim stay hidden unless named too (as in RFC 9901's examples and sd-jwt-js).
/// </summary>
public static class SdJwtHolder
{
    /// <summary>The <c>typ</c> of a Key Binding JWT.</summary>
    public const string KeyBindingJwtType = "kb+jwt";

    /// <summary>The claims the holder can disclose, with the JSON Pointer of each disclosable one.</summary>
    public static bool TryGetDisclosableClaims(SdJwtToken token, [NotNullWhen(true)] out JsonObject? claims, [NotNullWhen(true)] out IReadOnlyList<string>? disclosablePointers, [NotNullWhen(false)] out Problem? problem)
    {
        ArgumentNullException.ThrowIfNull(token);
        claims = null;
        disclosablePointers = null;
        if (!TryProcess(token, out var processed, out problem))
        {
            return false;
        }

        claims = processed.Claims;
        disclosablePointers = [.. processed.Paths.Order(StringComparer.Ordinal)];
        return true;
    }

    /// <summary>Keeps only the disclosures needed to show <paramref name="disclose"/>. Never throws for a bad token.</summary>
    /// <param name="token">The SD-JWT as issued (all disclosures).</param>
    /// <param name="disclose">JSON Pointers into the fully disclosed claims.</param>
    /// <param name="selected">The SD-JWT with the chosen disclosures and no key binding.</param>
    /// <param name="problem">Why selection failed (a malformed token, or a pointer that names no disclosable claim).</param>
    public static bool TrySelect(SdJwtToken token, IEnumerable<string> disclose, [NotNullWhen(true)] out SdJwtToken? selected, [NotNullWhen(false)] out Problem? problem)
    {
        ArgumentNullException.ThrowIfNull(token);
        ArgumentNullException.ThrowIfNull(disclose);
        selected = null;
        if (!TryProcess(token, out var processed, out problem))
        {
            return false;
        }

        var requested = new List<string>();
        foreach (var pointer in disclose)
        {
            if (!JsonPointer.TryParse(pointer, out var tokens) || tokens.Count == 0)
            {
                problem = new Problem(SdJwtProblemCodes.Malformed, $"'{pointer}' is not a JSON Pointer to a claim.");
                return false;
            }

            var normalized = JsonPointer.Format(tokens);
            if (!JsonPointer.Exists(processed.Claims, tokens))
            {
                problem = new Problem(SdJwtProblemCodes.Malformed, $"'{pointer}' names no claim in this credential.");
                return false;
            }

            requested.Add(normalized);
        }

        var keep = token.Disclosures.Where((_, i) =>
        {
            var path = processed.Paths[i];
            return requested.Exists(r => JsonPointer.IsPrefixOf(path, r));
        });
        selected = token.With(keep, null);
        problem = null;
        return true;
    }

    /// <summary>
    /// Builds a presentation: the chosen disclosures and, when <paramref name="keyBinding"/> is given, a Key Binding JWT
    /// whose <c>sd_hash</c> covers exactly what is presented.
    /// </summary>
    /// <exception cref="ArgumentException">The token cannot be processed or a pointer names no claim.</exception>
    public static async Task<SdJwtToken> PresentAsync(SdJwtToken token, IEnumerable<string> disclose, KeyBindingRequest? keyBinding, CancellationToken cancellationToken = default)
    {
        if (!TrySelect(token, disclose, out var selected, out var problem))
        {
            throw new ArgumentException(problem.Message, nameof(disclose));
        }

        if (keyBinding is null)
        {
            return selected;
        }

        var kb = await CreateKeyBindingJwtAsync(selected, keyBinding, cancellationToken).ConfigureAwait(false);
        return selected.With(selected.Disclosures, kb);
    }

    /// <summary>Signs a Key Binding JWT for <paramref name="presented"/> (its disclosures as they will be sent).</summary>
    public static ValueTask<string> CreateKeyBindingJwtAsync(SdJwtToken presented, KeyBindingRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(presented);
        ArgumentNullException.ThrowIfNull(request);
        var algorithm = HashAlgorithmOf(presented) ?? SdHashAlgorithm.Sha256;
        var claims = new JsonObject
        {
            ["iat"] = request.IssuedAt.ToUnixTimeSeconds(),
            ["aud"] = request.Audience,
            ["nonce"] = request.Nonce,
            ["sd_hash"] = algorithm.Digest(presented.ToCompactWithoutKeyBinding()),
        };
        return Jws.SignCompactAsync(new JsonObject { ["typ"] = KeyBindingJwtType }, claims, request.HolderSigner, cancellationToken);
    }

    internal static bool TryReadPayload(string issuerSignedJwt, int maxDepth, [NotNullWhen(true)] out JsonObject? payload, [NotNullWhen(true)] out SdHashAlgorithm? algorithm, [NotNullWhen(false)] out Problem? problem)
    {
        payload = null;
        algorithm = null;
        var parts = issuerSignedJwt.Split('.');
        if (parts.Length != 3 || !StrictBase64Url.TryDecode(parts[1], out var bytes))
        {
            problem = new Problem(SdJwtProblemCodes.IssuerJwtInvalid, "The Issuer-signed JWT payload is not a JSON object.");
            return false;
        }

        return TryParsePayload(bytes, maxDepth, out payload, out algorithm, out problem);
    }

    internal static bool TryParsePayload(ReadOnlySpan<byte> json, int maxDepth, [NotNullWhen(true)] out JsonObject? payload, [NotNullWhen(true)] out SdHashAlgorithm? algorithm, [NotNullWhen(false)] out Problem? problem)
    {
        payload = null;
        algorithm = null;
        if (StrictJson.TryParseObject(json, maxDepth, out var obj) != StrictJsonStatus.Ok)
        {
            problem = new Problem(SdJwtProblemCodes.IssuerJwtInvalid, "The Issuer-signed JWT payload is not a JSON object.");
            return false;
        }

        var name = obj!["_sd_alg"] is JsonValue alg && alg.TryGetValue<string>(out var s) ? s : obj.ContainsKey("_sd_alg") ? string.Empty : "sha-256";
        if (!SdHashAlgorithm.TryFromName(name, out algorithm))
        {
            problem = new Problem(SdJwtProblemCodes.UnsupportedHashAlgorithm, $"_sd_alg '{name}' is not supported.");
            return false;
        }

        payload = obj;
        problem = null;
        return true;
    }

    private static SdHashAlgorithm? HashAlgorithmOf(SdJwtToken token) =>
        TryReadPayload(token.IssuerSignedJwt, StrictJson.DefaultMaxDepth, out _, out var algorithm, out _) ? algorithm : null;

    private static bool TryProcess(SdJwtToken token, [NotNullWhen(true)] out ProcessedPayload? processed, [NotNullWhen(false)] out Problem? problem)
    {
        processed = null;
        return TryReadPayload(token.IssuerSignedJwt, StrictJson.DefaultMaxDepth, out var payload, out var algorithm, out problem)
            && SdJwtProcessor.TryProcess(payload, token.Disclosures, algorithm, StrictJson.DefaultMaxDepth, out processed, out problem);
    }
}
