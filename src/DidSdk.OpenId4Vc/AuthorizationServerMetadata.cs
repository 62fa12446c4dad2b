using System.Text.Json.Nodes;

namespace DidSdk.OpenId4Vc;

/// <summary>
/// OAuth 2.0 Authorization Server Metadata (RFC 8414) of the issuer's own token endpoint for the Pre-Authorized Code
/// grant, with the OpenID4VCI 1.0 §12.3 parameter <c>pre-authorized_grant_anonymous_access_supported</c>.
/// </summary>
public static class AuthorizationServerMetadata
{
    /// <summary>The well-known path segment of RFC 8414 §3.1, inserted between the host and the issuer's path.</summary>
    public const string WellKnownSegment = "/.well-known/oauth-authorization-server";

    /// <summary>The grant type of the Pre-Authorized Code Flow (OpenID4VCI 1.0 §4.1.1).</summary>
    public const string PreAuthorizedCodeGrantType = "urn:ietf:params:oauth:grant-type:pre-authorized_code";

    /// <summary>The metadata URL of an authorization server identifier (RFC 8414 §3.1).</summary>
    /// <param name="issuer">The authorization server's issuer identifier.</param>
    public static Uri GetMetadataUri(Uri issuer) => CredentialIssuerMetadata.WellKnown(issuer, WellKnownSegment);

    /// <summary>The metadata document of the issuer configured by <paramref name="options"/>.</summary>
    /// <param name="options">The issuer's settings.</param>
    public static JsonObject Create(OpenId4VciIssuerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new JsonObject
        {
            ["issuer"] = options.CredentialIssuer,
            ["token_endpoint"] = options.CredentialIssuer + "/token",
            ["grant_types_supported"] = JsonRead.ToArray([PreAuthorizedCodeGrantType]),
            ["token_endpoint_auth_methods_supported"] = JsonRead.ToArray(["none"]),
            ["pre-authorized_grant_anonymous_access_supported"] = true,
        };
    }
}
