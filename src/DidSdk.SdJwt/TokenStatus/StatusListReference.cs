using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Nodes;
using DidSdk.Core;

namespace DidSdk.SdJwt.TokenStatus;

/// <summary>
/// The <c>status_list</c> member of a Referenced Token's <c>status</c> claim (draft-ietf-oauth-status-list §6.1):
/// the index of the token in the list, and the URI of the Status List Token.
/// </summary>
/// <param name="Index">The <c>idx</c>: the token's position in the list.</param>
/// <param name="Uri">The <c>uri</c>: where the Status List Token is published (its <c>sub</c>).</param>
public sealed record StatusListReference(long Index, Uri Uri)
{
    /// <summary>The <c>status</c> claim value: <c>{"status_list": {"idx": …, "uri": …}}</c>.</summary>
    public JsonObject ToStatusClaim() => new()
    {
        ["status_list"] = new JsonObject { ["idx"] = Index, ["uri"] = Uri.OriginalString },
    };

    /// <summary>Reads a <c>status</c> claim value. Never throws for bad input.</summary>
    /// <param name="statusClaim">The value of the Referenced Token's <c>status</c> claim.</param>
    /// <param name="reference">The reference.</param>
    /// <param name="problem">A <see cref="TokenStatusProblemCodes.InvalidStatusClaim"/> problem.</param>
    public static bool TryParse(JsonNode? statusClaim, [NotNullWhen(true)] out StatusListReference? reference, [NotNullWhen(false)] out Problem? problem)
    {
        reference = null;
        if (statusClaim is not JsonObject status || status["status_list"] is not JsonObject list)
        {
            problem = new Problem(TokenStatusProblemCodes.InvalidStatusClaim, "The status claim has no status_list object.");
            return false;
        }

        if (list["idx"] is not JsonValue idx || idx.GetValueKind() != JsonValueKind.Number || !idx.TryGetValue<long>(out var index) || index < 0)
        {
            problem = new Problem(TokenStatusProblemCodes.InvalidStatusClaim, "status_list.idx must be a non-negative integer.");
            return false;
        }

        if (list["uri"] is not JsonValue uriValue || uriValue.GetValueKind() != JsonValueKind.String
            || !Uri.TryCreate(uriValue.GetValue<string>(), UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            // On Unix "/status/1" parses as an absolute file: URI; a Status List is only ever fetched over HTTP(S) (§8.1).
            problem = new Problem(TokenStatusProblemCodes.InvalidStatusClaim, "status_list.uri must be an absolute https URI.");
            return false;
        }

        reference = new StatusListReference(index, uri);
        problem = null;
        return true;
    }
}
