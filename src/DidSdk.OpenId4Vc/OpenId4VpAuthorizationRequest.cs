using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;
using DidSdk.Core;

namespace DidSdk.OpenId4Vc;

/// <summary>
/// The parameters of an OpenID4VP 1.0 Authorization Request (§5) as this SDK sends and accepts them: response type
/// <c>vp_token</c>, a DCQL query, and a Response Endpoint (<c>direct_post</c>).
/// </summary>
public sealed class OpenId4VpAuthorizationRequest
{
    /// <summary>The only response type: <c>vp_token</c>.</summary>
    public const string VpTokenResponseType = "vp_token";

    /// <summary>Response mode <c>direct_post</c> (§8.2): the wallet posts the response form to <c>response_uri</c>.</summary>
    public const string DirectPost = "direct_post";

    /// <summary>
    /// Response mode <c>direct_post.jwt</c> (§8.3.1): as <c>direct_post</c>, but the response parameters are encrypted (JWE)
    /// to a key in <c>client_metadata.jwks</c> and posted as <c>response</c>.
    /// </summary>
    public const string DirectPostJwt = "direct_post.jwt";

    /// <summary>The <c>typ</c> of a Request Object (RFC 9101 §10.8).</summary>
    public const string RequestObjectType = "oauth-authz-req+jwt";

    /// <summary>The media type a <c>request_uri</c> serves.</summary>
    public const string RequestObjectMediaType = "application/oauth-authz-req+jwt";

    /// <summary>The <c>aud</c> of a Request Object for wallets without metadata (§5.8, static discovery).</summary>
    public const string SelfIssuedAudience = "https://self-issued.me/v2";

    /// <summary>The <c>client_id</c>, with its Client Identifier Prefix.</summary>
    public required string ClientId { get; init; }

    /// <summary>The <c>response_mode</c>.</summary>
    public string ResponseMode { get; init; } = DirectPost;

    /// <summary>The <c>response_uri</c>.</summary>
    public required string ResponseUri { get; init; }

    /// <summary>The <c>nonce</c> the presentations must be bound to.</summary>
    public required string Nonce { get; init; }

    /// <summary>The <c>state</c> the wallet returns with the response.</summary>
    public string? State { get; init; }

    /// <summary>The <c>dcql_query</c> (§6).</summary>
    public required JsonObject DcqlQuery { get; init; }

    /// <summary>The <c>client_metadata</c> (§5.1), if any.</summary>
    public JsonObject? ClientMetadata { get; init; }

    /// <summary>The parameters as a JSON object (the Request Object's claims without <c>iss</c>, <c>aud</c>, <c>iat</c>, <c>exp</c>).</summary>
    public JsonObject ToJson()
    {
        var json = new JsonObject
        {
            ["response_type"] = VpTokenResponseType,
            ["client_id"] = ClientId,
            ["response_mode"] = ResponseMode,
            ["response_uri"] = ResponseUri,
            ["nonce"] = Nonce,
            ["dcql_query"] = DcqlQuery.DeepClone(),
        };
        if (State is not null)
        {
            json["state"] = State;
        }

        if (ClientMetadata is not null)
        {
            json["client_metadata"] = ClientMetadata.DeepClone();
        }

        return json;
    }

    /// <summary>The parameters as URI query parameters (a request passed by value, unsigned).</summary>
    public IEnumerable<KeyValuePair<string, string>> ToParameters()
    {
        foreach (var (name, value) in ToJson())
        {
            yield return new(name, value is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.String ? v.GetValue<string>() : value!.ToJsonString());
        }
    }

    /// <summary>Reads the parameters from a Request Object's claims or a by-value request. Never throws for bad input.</summary>
    /// <param name="json">The claims.</param>
    /// <param name="request">The request.</param>
    /// <param name="problem"><see cref="OpenId4VpProblemCodes.InvalidRequest"/>.</param>
    public static bool TryParse(JsonObject json, [NotNullWhen(true)] out OpenId4VpAuthorizationRequest? request, [NotNullWhen(false)] out Problem? problem)
    {
        ArgumentNullException.ThrowIfNull(json);
        request = null;
        if (JsonRead.String(json, "response_type") != VpTokenResponseType)
        {
            problem = Invalid("response_type must be vp_token.");
            return false;
        }

        var clientId = JsonRead.String(json, "client_id");
        var responseMode = JsonRead.String(json, "response_mode");
        var responseUri = JsonRead.String(json, "response_uri");
        var nonce = JsonRead.String(json, "nonce");
        if (string.IsNullOrEmpty(clientId) || string.IsNullOrEmpty(nonce) || nonce.Length > 512)
        {
            problem = Invalid("client_id and nonce are required.");
            return false;
        }

        if (responseMode is not (DirectPost or DirectPostJwt) || string.IsNullOrEmpty(responseUri) || json.ContainsKey("redirect_uri"))
        {
            problem = Invalid("Only response_mode direct_post or direct_post.jwt with a response_uri (and no redirect_uri) is supported.");
            return false;
        }

        if (json.TryGetPropertyValue("state", out var stateNode) && (JsonRead.String(json, "state") is not { Length: > 0 and <= 512 } || stateNode is null))
        {
            problem = Invalid("state must be a non-empty string.");
            return false;
        }

        if (JsonRead.Object(json, "dcql_query") is not { } dcql)
        {
            problem = Invalid("dcql_query must be a JSON object (presentation_definition and scope are not supported).");
            return false;
        }

        var metadata = JsonRead.Object(json, "client_metadata");
        if (json.ContainsKey("client_metadata") && metadata is null)
        {
            problem = Invalid("client_metadata must be a JSON object.");
            return false;
        }

        if (responseMode == DirectPostJwt && !OpenId4VpResponseEncryption.TrySelectKey(metadata, out _, out _, out _))
        {
            problem = Invalid("direct_post.jwt needs a P-256 ECDH-ES key with a kid in client_metadata.jwks and an A128GCM or A256GCM enc value.");
            return false;
        }

        request = new OpenId4VpAuthorizationRequest
        {
            ClientId = clientId,
            ResponseMode = responseMode,
            ResponseUri = responseUri,
            Nonce = nonce,
            State = JsonRead.String(json, "state"),
            DcqlQuery = (JsonObject)dcql.DeepClone(),
            ClientMetadata = (JsonObject?)metadata?.DeepClone(),
        };
        problem = null;
        return true;
    }

    private static Problem Invalid(string message) => new(OpenId4VpProblemCodes.InvalidRequest, message);
}
