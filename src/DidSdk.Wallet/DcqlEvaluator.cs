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
        // A vc+cose record has no DCQL format identifier: a query naming "vc+cose" does not select it either.
        if (credential.Format != query.Format || credential.Format == CredentialParser.CoseFormat || !MetaMatches(query, credential.Types))
        {
            return null;
        }

        if (query.RequireCryptographicHolderBinding && credential.Format == CredentialParser.SdJwtFormat && credential.Claims["cnf"] is not JsonObject)
        {
            return null;
        }

        if (query.TrustedAuthorities is { } authorities && !AuthorityMatches(authorities, credential))
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

        // A claim whose value is null is not there (OpenID4VP 1.0 §6.4.1 matches claims that exist; the reference
        // implementation treats null as absent, and SD-JWT VC never discloses a null claim on its own).
        selection.RemoveAll(s => s.Node is null);
        if (selection.Count == 0)
        {
            return null;
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

    /// <summary>
    /// §6.1.1: a credential matches a Trusted Authorities Query when one of its authorities is among the values. The
    /// wallet knows one kind of authority: <c>aki</c>, the Authority Key Identifiers (RFC 5280 §4.2.1.1, base64url) of
    /// the X.509 chain in the issuer-signed JWT's <c>x5c</c> header. Trust lists (<c>etsi_tl</c>) and federations
    /// (<c>openid_federation</c>) need a trust framework the wallet does not hold, so such queries match nothing: the
    /// Wallet must not offer a credential it cannot show to come from a requested authority.
    /// </summary>
    public static bool AuthorityMatches(IReadOnlyList<DcqlTrustedAuthority> authorities, StoredCredential credential)
    {
        List<string>? akis = null;
        foreach (var authority in authorities)
        {
            if (authority.Type != "aki")
            {
                continue;
            }

            akis ??= AuthorityKeyIdentifiers(credential);
            if (authority.Values.Any(v => akis.Contains(v, StringComparer.Ordinal)))
            {
                return true;
            }
        }

        return false;
    }

    private static List<string> AuthorityKeyIdentifiers(StoredCredential credential)
    {
        var result = new List<string>();
        var token = credential.Credential;
        var dot = token.IndexOf('.', StringComparison.Ordinal);
        if (credential.Format == CredentialParser.LdpVcFormat || dot <= 0)
        {
            return result;
        }

        try
        {
            var header = JsonNode.Parse(Base64UrlDecode(token[..dot]));
            if (header?["x5c"] is not JsonArray chain)
            {
                return result;
            }

            foreach (var entry in chain.Take(8))
            {
                if (entry is JsonValue value && value.GetValueKind() == JsonValueKind.String)
                {
                    using var certificate = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificate(Convert.FromBase64String(value.GetValue<string>()));
                    var aki = certificate.Extensions.OfType<System.Security.Cryptography.X509Certificates.X509AuthorityKeyIdentifierExtension>().FirstOrDefault()?.KeyIdentifier;
                    if (aki is { } keyIdentifier)
                    {
                        result.Add(Convert.ToBase64String(keyIdentifier.Span).TrimEnd('=').Replace('+', '-').Replace('/', '_'));
                    }
                }
            }
        }
        catch (Exception e) when (e is JsonException or FormatException or System.Security.Cryptography.CryptographicException)
        {
            // A header the wallet cannot read names no authority.
        }

        return result;
    }

    private static byte[] Base64UrlDecode(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(padded.PadRight(padded.Length + ((4 - (padded.Length % 4)) % 4), '='));
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
