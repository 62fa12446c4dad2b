using System.Text.Json.Nodes;

namespace DidSdk.OpenId4Vc;

/// <summary>
/// OAuth 2.0 Authorization Server Metadata (RFC 8414) of the issuer's own token endpoint for the Pre-Authorized Code
/// grant, with the OpenID4VCI 1.0 §12.3 parameter <c>pre-authorized_grant_anonymous_access_supported</c>, and, when the
/// issuer runs the Authorization Code Flow, its authorization and pushed authorization request (RFC 9126) endpoints.
/// </summary>
public static class AuthorizationServerMetadata
{
    /// <summary>The well-known path segment of RFC 8414 §3.1, inserted between the host and the issuer's path.</summary>
    public const string WellKnownSegment = "/.well-known/oauth-authorization-server";

    /// <summary>The grant type of the Pre-Authorized Code Flow (OpenID4VCI 1.0 §4.1.1).</summary>
    public const string PreAuthorizedCodeGrantType = "urn:ietf:params:oauth:grant-type:pre-authorized_code";

    /// <summary>The grant type of the Authorization Code Flow (RFC 6749 §4.1.3).</summary>
    public const string AuthorizationCodeGrantType = "authorization_code";

    /// <summary>The <c>authorization_details</c> type of OpenID4VCI 1.0 §5.1.1.</summary>
    public const string OpenIdCredentialType = "openid_credential";

    /// <summary>The metadata URL of an authorization server identifier (RFC 8414 §3.1).</summary>
    /// <param name="issuer">The authorization server's issuer identifier.</param>
    public static Uri GetMetadataUri(Uri issuer) => CredentialIssuerMetadata.WellKnown(issuer, WellKnownSegment);

    /// <summary>The metadata document of the issuer configured by <paramref name="options"/> (Pre-Authorized Code Flow only).</summary>
    /// <param name="options">The issuer's settings.</param>
    public static JsonObject Create(OpenId4VciIssuerOptions options) => Create(options, authorizationCodeFlow: false);

    /// <summary>The metadata document of the issuer configured by <paramref name="options"/>.</summary>
    /// <param name="options">The issuer's settings.</param>
    /// <param name="authorizationCodeFlow">Whether the issuer runs the Authorization Code Flow as well.</param>
    public static JsonObject Create(OpenId4VciIssuerOptions options, bool authorizationCodeFlow)
    {
        ArgumentNullException.ThrowIfNull(options);
        var metadata = new JsonObject
        {
            ["issuer"] = options.CredentialIssuer,
            ["token_endpoint"] = options.CredentialIssuer + "/token",
            ["grant_types_supported"] = JsonRead.ToArray(authorizationCodeFlow ? [PreAuthorizedCodeGrantType, AuthorizationCodeGrantType] : [PreAuthorizedCodeGrantType]),
            ["token_endpoint_auth_methods_supported"] = JsonRead.ToArray(["none"]),
            ["pre-authorized_grant_anonymous_access_supported"] = true,
        };
        if (authorizationCodeFlow)
        {
            metadata["authorization_endpoint"] = options.CredentialIssuer + "/authorize";
            metadata["pushed_authorization_request_endpoint"] = options.CredentialIssuer + "/par";
            metadata["require_pushed_authorization_requests"] = options.RequirePushedAuthorizationRequests;
            metadata["response_types_supported"] = JsonRead.ToArray(["code"]);
            metadata["response_modes_supported"] = JsonRead.ToArray(["query"]);
            metadata["code_challenge_methods_supported"] = JsonRead.ToArray(["S256"]);
            metadata["authorization_details_types_supported"] = JsonRead.ToArray([OpenIdCredentialType]);
            metadata["authorization_response_iss_parameter_supported"] = true;
            var scopes = options.CredentialConfigurations.Select(c => c.Scope).OfType<string>().ToArray();
            if (scopes.Length > 0)
            {
                metadata["scopes_supported"] = JsonRead.ToArray(scopes);
            }
        }

        return metadata;
    }
}
