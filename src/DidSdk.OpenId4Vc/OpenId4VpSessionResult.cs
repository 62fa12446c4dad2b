using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;
using DidSdk.Core;

namespace DidSdk.OpenId4Vc;

/// <summary>The state of a verifier session as the front end polls it (<see cref="OpenId4VpVerifier.GetResultAsync"/>).</summary>
public sealed class OpenId4VpSessionResult
{
    /// <summary>Waiting for the wallet.</summary>
    public const string Pending = "pending";

    /// <summary>The wallet answered and every check passed.</summary>
    public const string Verified = "verified";

    /// <summary>The wallet answered and the response was refused (see <see cref="Problems"/>).</summary>
    public const string Rejected = "rejected";

    internal OpenId4VpSessionResult(string status, JsonObject? claims, IReadOnlyList<Problem> problems)
    {
        Status = status;
        Claims = claims;
        Problems = problems;
    }

    /// <summary><see cref="Pending"/>, <see cref="Verified"/> or <see cref="Rejected"/>.</summary>
    public string Status { get; }

    /// <summary>Whether the wallet's response was verified; then <see cref="Claims"/> is set.</summary>
    [MemberNotNullWhen(true, nameof(Claims))]
    public bool Succeeded => Status == Verified && Claims is not null;

    /// <summary>
    /// The verified claims by Credential Query id: an array with one entry per presentation,
    /// <c>{"format","issuer","claims"}</c>.
    /// </summary>
    public JsonObject? Claims { get; }

    /// <summary>Why the response was refused (stable codes, no personal data).</summary>
    public IReadOnlyList<Problem> Problems { get; }

    /// <summary>The result as the polling endpoint serves it: <c>{"status","verified","claims","problems"}</c>.</summary>
    public JsonObject ToJson() => new()
    {
        ["status"] = Status,
        ["verified"] = Succeeded,
        ["claims"] = Claims?.DeepClone(),
        ["problems"] = new JsonArray([.. Problems.Select(p => (JsonNode?)OpenId4VpVerifier.ProblemJson(p))]),
    };
}
