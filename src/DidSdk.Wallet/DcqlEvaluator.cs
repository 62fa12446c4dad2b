using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DidSdk.SdJwt;

namespace DidSdk.Wallet;

/// <summary>DCQL evaluation (OpenID4VP 1.0 §6.4 and the claims path pointer processing of §7.2).</summary>
internal static class DcqlEvaluator
{
    public static bool MetaMatches(DcqlCredentialQuery query, IReadOnlyList<string> types)
    {
        if (query.VctValues is { } vcts)
        {
            return types.Count == 1 && vcts.Contains(types[0], StringComparer.Ordinal);
        }

        if (query.TypeValues is { } typeValues)
        {
            foreach (var required in typeValues)
            {
                if (required.All(t => types.Contains(t, StringComparer.Ordinal)))
                {
                    return true;
                }
            }

            return false;
        }

        return true;
    }

    /// <summary>Evaluates one Credential Query against one credential; <see langword="null"/> when it does not match.</summary>
    public static DcqlCandidate? Match(DcqlCredentialQuery query, StoredCredential credential)
    {
        if (credential.Format != query.Format || !MetaMatches(query, credential.Types))
        {
            return null;
        }

        if (query.RequireCryptographicHolderBinding && credential.Format == CredentialParser.SdJwtFormat && credential.Claims["cnf"] is not JsonObject)
        {
            return null;
        }

        List<string> paths = [];
        int? claimSetIndex = null;
        if (query.Claims is { } claims)
        {
            if (query.ClaimSets is { } claimSets)
            {
                for (var i = 0; i < claimSets.Count && claimSetIndex is null; i++)
                {
                    var selected = TryMatchAll(claims.Where(c => claimSets[i].Contains(c.Id!, StringComparer.Ordinal)), credential.Claims);
                    if (selected is not null)
                    {
                        paths = selected;
                        claimSetIndex = i;
                    }
                }

                if (claimSetIndex is null)
                {
                    return null;
                }
            }
            else
            {
                var selected = TryMatchAll(claims, credential.Claims);
                if (selected is null)
                {
                    return null;
                }

                paths = selected;
            }
        }

        if (credential.Format != CredentialParser.SdJwtFormat)
        {
            return new DcqlCandidate(query.Id, credential, paths, (JsonObject)credential.Claims.DeepClone(), false, claimSetIndex);
        }

        var disclose = DisclosuresFor(paths, credential.DisclosablePaths);
        if (!SdJwtToken.TryParseCompact(credential.Credential, null, out var token, out _)
            || !SdJwtHolder.TrySelect(token, disclose, out var selectedToken, out _)
            || !SdJwtHolder.TryGetDisclosableClaims(selectedToken, out var visible, out _, out _))
        {
            return null;
        }

        return new DcqlCandidate(query.Id, credential, paths, visible, true, claimSetIndex);
    }

    /// <summary>The requested pointers plus every disclosable claim nested beneath them (a requested object comes whole).</summary>
    public static List<string> DisclosuresFor(IReadOnlyList<string> paths, IReadOnlyList<string> disclosable)
    {
        var result = new List<string>(paths);
        foreach (var candidate in disclosable)
        {
            foreach (var path in paths)
            {
                if (candidate.Length > path.Length && candidate.StartsWith(path, StringComparison.Ordinal) && candidate[path.Length] == '/'
                    && !result.Contains(candidate, StringComparer.Ordinal))
                {
                    result.Add(candidate);
                }
            }
        }

        return result;
    }

    private static List<string>? TryMatchAll(IEnumerable<DcqlClaimQuery> claims, JsonObject root)
    {
        var result = new List<string>();
        foreach (var claim in claims)
        {
            var selected = Select(claim, root);
            if (selected is null)
            {
                return null;
            }

            foreach (var pointer in selected)
            {
                if (!result.Contains(pointer, StringComparer.Ordinal))
                {
                    result.Add(pointer);
                }
            }
        }

        return result;
    }

    /// <summary>
    /// §7.2: start at the root; a key selects that member of each selected object, <c>null</c> every element of each
    /// selected array, an index that element. Selecting into a value of the wrong type is an error (no match); an
    /// empty selection means the claim is absent. <c>values</c> keeps the elements equal in type and value to one.
    /// </summary>
    public static List<string>? Select(DcqlClaimQuery claim, JsonObject root)
    {
        var selection = new List<(JsonNode? Node, string Pointer)> { (root, string.Empty) };
        foreach (var component in claim.Path)
        {
            var next = new List<(JsonNode?, string)>();
            foreach (var (node, pointer) in selection)
            {
                if (component.Name is { } name)
                {
                    if (node is not JsonObject obj)
                    {
                        return null;
                    }

                    if (obj.TryGetPropertyValue(name, out var child))
                    {
                        next.Add((child, pointer + "/" + Escape(name)));
                    }
                }
                else if (node is not JsonArray array)
                {
                    return null;
                }
                else if (component.Index is { } index)
                {
                    if (index < array.Count)
                    {
                        next.Add((array[index], pointer + "/" + index.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                    }
                }
                else
                {
                    for (var i = 0; i < array.Count; i++)
                    {
                        next.Add((array[i], pointer + "/" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                    }
                }
            }

            if (next.Count == 0)
            {
                return null;
            }

            selection = next;
        }

        if (claim.Values is { } values)
        {
            selection = selection.Where(s => values.Any(v => ValueEquals(s.Node, v))).ToList();
            if (selection.Count == 0)
            {
                return null;
            }
        }

        return selection.Select(s => s.Pointer).ToList();
    }

    private static bool ValueEquals(JsonNode? node, JsonValue expected)
    {
        if (node is not JsonValue actual)
        {
            return false;
        }

        var kind = actual.GetValueKind();
        var expectedKind = expected.GetValueKind();
        return kind switch
        {
            JsonValueKind.String => expectedKind == JsonValueKind.String && actual.GetValue<string>() == expected.GetValue<string>(),
            JsonValueKind.True or JsonValueKind.False => kind == expectedKind,
            JsonValueKind.Number => expectedKind == JsonValueKind.Number
                && decimal.TryParse(actual.ToJsonString(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var a)
                && decimal.TryParse(expected.ToJsonString(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var b)
                && a == b,
            _ => false,
        };
    }

    private static string Escape(string name) =>
        name.Contains('~', StringComparison.Ordinal) || name.Contains('/', StringComparison.Ordinal)
            ? new StringBuilder(name).Replace("~", "~0").Replace("/", "~1").ToString()
            : name;
}
