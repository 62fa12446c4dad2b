using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using DidSdk.Core;
using DidSdk.Core.Json;

namespace DidSdk.Wallet;

/// <summary>
/// A Digital Credentials Query Language query (OpenID for Verifiable Presentations 1.0 §6), validated strictly:
/// every member the specification defines is type-checked, ids are unique and well-formed, every id a
/// <c>claim_sets</c> or <c>credential_sets</c> option names exists, and sizes are bounded. Members it does not define
/// are ignored, as the specification requires.
/// </summary>
public sealed partial class DcqlQuery
{
    /// <summary>Most Credential Queries in one query.</summary>
    public const int MaxCredentialQueries = 64;

    /// <summary>Most Claims Queries in one Credential Query.</summary>
    public const int MaxClaimQueries = 128;

    /// <summary>Most components in a claims path, values in a <c>values</c> list, or options in a set.</summary>
    public const int MaxListLength = 64;

    private const int MaxDepth = 16;

    private DcqlQuery(IReadOnlyList<DcqlCredentialQuery> credentials, IReadOnlyList<DcqlCredentialSetQuery>? credentialSets)
    {
        Credentials = credentials;
        CredentialSets = credentialSets;
    }

    /// <summary>The ids of the Credential Queries, in order.</summary>
    public IReadOnlyList<string> CredentialQueryIds => [.. Credentials.Select(c => c.Id)];

    internal IReadOnlyList<DcqlCredentialQuery> Credentials { get; }

    internal IReadOnlyList<DcqlCredentialSetQuery>? CredentialSets { get; }

    /// <summary>Parses and validates a DCQL query. Never throws for bad input.</summary>
    /// <param name="json">The query JSON (the <c>dcql_query</c> request parameter).</param>
    /// <param name="query">The query.</param>
    /// <param name="problem"><see cref="WalletProblemCodes.QueryInvalid"/> or <see cref="WalletProblemCodes.QueryTooLarge"/>.</param>
    /// <param name="maxLength">Largest accepted query in UTF-8 bytes.</param>
    public static bool TryParse(string? json, [NotNullWhen(true)] out DcqlQuery? query, [NotNullWhen(false)] out Problem? problem, int maxLength = 64 * 1024)
    {
        query = null;
        if (json is null)
        {
            problem = Invalid("The query is missing.");
            return false;
        }

        var bytes = Encoding.UTF8.GetBytes(json);
        if (bytes.Length > maxLength)
        {
            problem = new Problem(WalletProblemCodes.QueryTooLarge, "The query is larger than allowed.");
            return false;
        }

        var status = StrictJson.TryParseObject(bytes, MaxDepth, out var root);
        if (status != StrictJsonStatus.Ok || root is null)
        {
            problem = status == StrictJsonStatus.TooDeep
                ? new Problem(WalletProblemCodes.QueryTooLarge, "The query is nested too deeply.")
                : Invalid("The query is not a JSON object (or has duplicate members).");
            return false;
        }

        return TryParse(root, out query, out problem);
    }

    /// <summary>Validates a DCQL query given as JSON.</summary>
    public static bool TryParse(JsonObject root, [NotNullWhen(true)] out DcqlQuery? query, [NotNullWhen(false)] out Problem? problem)
    {
        ArgumentNullException.ThrowIfNull(root);
        query = null;
        if (root["credentials"] is not JsonArray { Count: > 0 } credentialsJson)
        {
            problem = Invalid("credentials must be a non-empty array.");
            return false;
        }

        if (credentialsJson.Count > MaxCredentialQueries)
        {
            problem = new Problem(WalletProblemCodes.QueryTooLarge, "Too many Credential Queries.");
            return false;
        }

        var credentials = new List<DcqlCredentialQuery>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in credentialsJson)
        {
            if (!TryParseCredentialQuery(node, out var credential, out problem))
            {
                return false;
            }

            if (!ids.Add(credential.Id))
            {
                problem = Invalid($"Credential Query id '{credential.Id}' is used twice.");
                return false;
            }

            credentials.Add(credential);
        }

        List<DcqlCredentialSetQuery>? sets = null;
        if (root.TryGetPropertyValue("credential_sets", out var setsNode))
        {
            if (setsNode is not JsonArray { Count: > 0 } setsJson || setsJson.Count > MaxListLength)
            {
                problem = Invalid("credential_sets must be a non-empty array (of at most 64 entries).");
                return false;
            }

            sets = [];
            foreach (var setNode in setsJson)
            {
                if (setNode is not JsonObject set)
                {
                    problem = Invalid("A Credential Set Query must be an object.");
                    return false;
                }

                if (!TryParseIdLists(set["options"], ids, "options", out var options, out problem))
                {
                    return false;
                }

                var required = true;
                if (set.TryGetPropertyValue("required", out var requiredNode) && !TryBoolean(requiredNode, out required))
                {
                    problem = Invalid("required must be a boolean.");
                    return false;
                }

                sets.Add(new DcqlCredentialSetQuery(options, required));
            }
        }

        query = new DcqlQuery(credentials, sets);
        problem = null;
        return true;
    }

    private static bool TryParseCredentialQuery(JsonNode? node, [NotNullWhen(true)] out DcqlCredentialQuery? query, [NotNullWhen(false)] out Problem? problem)
    {
        query = null;
        if (node is not JsonObject json)
        {
            problem = Invalid("A Credential Query must be an object.");
            return false;
        }

        if (!TryId(json["id"], out var id))
        {
            problem = Invalid("A Credential Query id must be a non-empty string of letters, digits, '_' and '-'.");
            return false;
        }

        if (!TryString(json["format"], out var format))
        {
            problem = Invalid($"Credential Query '{id}' needs a format string.");
            return false;
        }

        var multiple = false;
        if (json.TryGetPropertyValue("multiple", out var multipleNode) && !TryBoolean(multipleNode, out multiple))
        {
            problem = Invalid($"multiple of '{id}' must be a boolean.");
            return false;
        }

        var holderBinding = true;
        if (json.TryGetPropertyValue("require_cryptographic_holder_binding", out var bindingNode) && !TryBoolean(bindingNode, out holderBinding))
        {
            problem = Invalid($"require_cryptographic_holder_binding of '{id}' must be a boolean.");
            return false;
        }

        if (json["meta"] is not JsonObject meta)
        {
            problem = Invalid($"Credential Query '{id}' needs a meta object.");
            return false;
        }

        List<string>? vctValues = null;
        List<IReadOnlyList<string>>? typeValues = null;
        if (format == CredentialParser.SdJwtFormat)
        {
            if (!TryStringList(meta["vct_values"], out vctValues))
            {
                problem = Invalid($"meta.vct_values of '{id}' must be a non-empty array of strings.");
                return false;
            }
        }
        else if (format is CredentialParser.JwtVcFormat or CredentialParser.LdpVcFormat)
        {
            if (meta["type_values"] is not JsonArray { Count: > 0 } typeArray || typeArray.Count > MaxListLength)
            {
                problem = Invalid($"meta.type_values of '{id}' must be a non-empty array of string arrays.");
                return false;
            }

            typeValues = [];
            foreach (var inner in typeArray)
            {
                if (!TryStringList(inner, out var types))
                {
                    problem = Invalid($"meta.type_values of '{id}' must be a non-empty array of non-empty string arrays.");
                    return false;
                }

                typeValues.Add(types);
            }
        }

        List<DcqlTrustedAuthority>? trustedAuthorities = null;
        if (json.TryGetPropertyValue("trusted_authorities", out var authorities) && !TryParseTrustedAuthorities(authorities, out trustedAuthorities))
        {
            problem = Invalid($"trusted_authorities of '{id}' must be a non-empty array of objects with a type and non-empty values.");
            return false;
        }

        List<DcqlClaimQuery>? claims = null;
        var claimIds = new HashSet<string>(StringComparer.Ordinal);
        if (json.TryGetPropertyValue("claims", out var claimsNode))
        {
            if (claimsNode is not JsonArray { Count: > 0 } claimsJson)
            {
                problem = Invalid($"claims of '{id}' must be a non-empty array.");
                return false;
            }

            if (claimsJson.Count > MaxClaimQueries)
            {
                problem = new Problem(WalletProblemCodes.QueryTooLarge, $"Too many Claims Queries in '{id}'.");
                return false;
            }

            claims = [];
            foreach (var claimNode in claimsJson)
            {
                if (!TryParseClaimQuery(claimNode, out var claim, out problem))
                {
                    return false;
                }

                if (claim.Id is not null && !claimIds.Add(claim.Id))
                {
                    problem = Invalid($"Claims Query id '{claim.Id}' is used twice in '{id}'.");
                    return false;
                }

                claims.Add(claim);
            }
        }

        List<IReadOnlyList<string>>? claimSets = null;
        if (json.TryGetPropertyValue("claim_sets", out var claimSetsNode))
        {
            if (claims is null)
            {
                problem = Invalid($"claim_sets of '{id}' needs claims.");
                return false;
            }

            if (claims.Exists(c => c.Id is null))
            {
                problem = Invalid($"With claim_sets, every Claims Query of '{id}' needs an id.");
                return false;
            }

            if (!TryParseIdLists(claimSetsNode, claimIds, "claim_sets", out claimSets, out problem))
            {
                return false;
            }
        }

        query = new DcqlCredentialQuery(id, format, multiple, vctValues, typeValues, holderBinding, claims, claimSets, trustedAuthorities);
        problem = null;
        return true;
    }

    private static bool TryParseClaimQuery(JsonNode? node, [NotNullWhen(true)] out DcqlClaimQuery? claim, [NotNullWhen(false)] out Problem? problem)
    {
        claim = null;
        if (node is not JsonObject json)
        {
            problem = Invalid("A Claims Query must be an object.");
            return false;
        }

        string? id = null;
        if (json.TryGetPropertyValue("id", out var idNode) && !TryId(idNode, out id))
        {
            problem = Invalid("A Claims Query id must be a non-empty string of letters, digits, '_' and '-'.");
            return false;
        }

        if (json["path"] is not JsonArray { Count: > 0 } pathJson || pathJson.Count > MaxListLength)
        {
            problem = Invalid("A Claims Query needs a non-empty path (of at most 64 components).");
            return false;
        }

        var path = new List<DcqlPathComponent>(pathJson.Count);
        foreach (var component in pathJson)
        {
            if (component is null)
            {
                path.Add(new DcqlPathComponent(null, null));
            }
            else if (component is JsonValue v && v.GetValueKind() == JsonValueKind.String)
            {
                path.Add(new DcqlPathComponent(v.GetValue<string>(), null));
            }
            else if (component is JsonValue n && n.GetValueKind() == JsonValueKind.Number && n.TryGetValue<int>(out var index) && index >= 0
                && !n.ToJsonString().Contains('.', StringComparison.Ordinal) && !n.ToJsonString().Contains('e', StringComparison.OrdinalIgnoreCase))
            {
                path.Add(new DcqlPathComponent(null, index));
            }
            else
            {
                problem = Invalid("A path component must be a string, null or a non-negative integer.");
                return false;
            }
        }

        List<JsonValue>? values = null;
        if (json.TryGetPropertyValue("values", out var valuesNode))
        {
            if (valuesNode is not JsonArray { Count: > 0 } valuesJson || valuesJson.Count > MaxListLength)
            {
                problem = Invalid("values must be a non-empty array (of at most 64 entries).");
                return false;
            }

            values = [];
            foreach (var value in valuesJson)
            {
                if (value is not JsonValue v || !(v.GetValueKind() is JsonValueKind.String or JsonValueKind.True or JsonValueKind.False
                    || (v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<long>(out _) && !v.ToJsonString().Contains('.', StringComparison.Ordinal))))
                {
                    problem = Invalid("values may hold only strings, integers and booleans.");
                    return false;
                }

                values.Add(v);
            }
        }

        claim = new DcqlClaimQuery(id, path, values);
        problem = null;
        return true;
    }

    private static bool TryParseIdLists(JsonNode? node, HashSet<string> known, string name, [NotNullWhen(true)] out List<IReadOnlyList<string>>? lists, [NotNullWhen(false)] out Problem? problem)
    {
        lists = null;
        if (node is not JsonArray { Count: > 0 } outer || outer.Count > MaxListLength)
        {
            problem = Invalid($"{name} must be a non-empty array of non-empty arrays of ids.");
            return false;
        }

        lists = [];
        foreach (var inner in outer)
        {
            if (!TryStringList(inner, out var ids))
            {
                problem = Invalid($"{name} must be a non-empty array of non-empty arrays of ids.");
                return false;
            }

            foreach (var id in ids)
            {
                if (!known.Contains(id))
                {
                    problem = Invalid($"{name} names '{id}', which is not defined.");
                    return false;
                }
            }

            lists.Add(ids);
        }

        problem = null;
        return true;
    }

    private static bool TryParseTrustedAuthorities(JsonNode? node, [NotNullWhen(true)] out List<DcqlTrustedAuthority>? authorities)
    {
        authorities = null;
        if (node is not JsonArray { Count: > 0 } array || array.Count > MaxListLength)
        {
            return false;
        }

        var parsed = new List<DcqlTrustedAuthority>(array.Count);
        foreach (var entry in array)
        {
            if (entry is not JsonObject authority || !TryString(authority["type"], out var type) || !TryStringList(authority["values"], out var values))
            {
                return false;
            }

            parsed.Add(new DcqlTrustedAuthority(type, values));
        }

        authorities = parsed;
        return true;
    }

    private static bool TryId(JsonNode? node, [NotNullWhen(true)] out string? id) =>
        TryString(node, out id) && IdPattern().IsMatch(id);

    private static bool TryString(JsonNode? node, [NotNullWhen(true)] out string? value)
    {
        value = node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
        return !string.IsNullOrEmpty(value);
    }

    private static bool TryBoolean(JsonNode? node, out bool value)
    {
        value = false;
        if (node is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False)
        {
            value = v.GetValueKind() == JsonValueKind.True;
            return true;
        }

        return false;
    }

    private static bool TryStringList(JsonNode? node, [NotNullWhen(true)] out List<string>? values)
    {
        values = null;
        if (node is not JsonArray { Count: > 0 } array || array.Count > MaxListLength)
        {
            return false;
        }

        values = new List<string>(array.Count);
        foreach (var item in array)
        {
            if (item is not JsonValue v || v.GetValueKind() != JsonValueKind.String)
            {
                values = null;
                return false;
            }

            values.Add(v.GetValue<string>());
        }

        return true;
    }

    private static Problem Invalid(string message) => new(WalletProblemCodes.QueryInvalid, message);

    [GeneratedRegex("^[A-Za-z0-9_-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();
}
