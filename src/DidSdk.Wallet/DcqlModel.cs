using System.Text.Json.Nodes;

namespace DidSdk.Wallet;

/// <summary>One component of a claims path pointer (OpenID4VP 1.0 §7): a key, <c>null</c> (all array elements) or an index.</summary>
internal readonly record struct DcqlPathComponent(string? Name, int? Index)
{
    public bool IsWildcard => Name is null && Index is null;
}

/// <summary>A Claims Query (OpenID4VP 1.0 §6.3).</summary>
internal sealed record DcqlClaimQuery(string? Id, IReadOnlyList<DcqlPathComponent> Path, IReadOnlyList<JsonValue>? Values);

/// <summary>A Credential Query (OpenID4VP 1.0 §6.1).</summary>
internal sealed record DcqlCredentialQuery(
    string Id,
    string Format,
    bool Multiple,
    IReadOnlyList<string>? VctValues,
    IReadOnlyList<IReadOnlyList<string>>? TypeValues,
    bool RequireCryptographicHolderBinding,
    IReadOnlyList<DcqlClaimQuery>? Claims,
    IReadOnlyList<IReadOnlyList<string>>? ClaimSets,
    IReadOnlyList<DcqlTrustedAuthority>? TrustedAuthorities);

/// <summary>A Trusted Authorities Query (OpenID4VP 1.0 §6.1.1): a type (<c>aki</c>, <c>etsi_tl</c>, <c>openid_federation</c>, ...) and its values.</summary>
internal sealed record DcqlTrustedAuthority(string Type, IReadOnlyList<string> Values);

/// <summary>A Credential Set Query (OpenID4VP 1.0 §6.2).</summary>
internal sealed record DcqlCredentialSetQuery(IReadOnlyList<IReadOnlyList<string>> Options, bool Required);
