using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;

namespace DidSdk.OpenId4Vc;

/// <summary>
/// The answer of an issuer endpoint, ready for any HTTP stack: a status code and a JSON body — the success response, or
/// an error response with the spec's <c>error</c> code.
/// </summary>
public sealed class OpenId4VciEndpointResult
{
    private OpenId4VciEndpointResult(int statusCode, JsonObject body, string? error, string? wwwAuthenticate)
    {
        StatusCode = statusCode;
        Body = body;
        Error = error;
        WwwAuthenticate = wwwAuthenticate;
    }

    /// <summary>Whether the request succeeded.</summary>
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Succeeded => Error is null;

    /// <summary>The HTTP status code.</summary>
    public int StatusCode { get; }

    /// <summary>The JSON response body (empty, and not to be sent, when <see cref="StatusCode"/> is 204 or 303).</summary>
    public JsonObject Body { get; }

    /// <summary>The <c>error</c> code (<see cref="OpenId4VciErrorCodes"/>), or <see langword="null"/> on success.</summary>
    public string? Error { get; }

    /// <summary>
    /// Where the user agent is sent (HTTP 303 <c>Location</c>), for the authorization endpoint: the Wallet's redirect URI
    /// with <c>code</c> or <c>error</c> (then <see cref="Error"/> is set too), or the bank's login page.
    /// </summary>
    public Uri? Location { get; private init; }

    /// <summary>The <c>WWW-Authenticate</c> header value for a refused access token (RFC 6750 §3), if any.</summary>
    public string? WwwAuthenticate { get; }

    internal static OpenId4VciEndpointResult Ok(JsonObject body) => new(200, body, null, null);

    internal static OpenId4VciEndpointResult Accepted(JsonObject body) => new(202, body, null, null);

    internal static OpenId4VciEndpointResult Created(JsonObject body) => new(201, body, null, null);

    internal static OpenId4VciEndpointResult Redirect(Uri location, string? error = null) => new(303, [], error, null) { Location = location };

    internal static OpenId4VciEndpointResult NoContent() => new(204, [], null, null);

    internal static OpenId4VciEndpointResult Fail(string error, string description, int statusCode = 400) =>
        new(statusCode, new JsonObject { ["error"] = error, ["error_description"] = description }, error, null);

    internal static OpenId4VciEndpointResult InvalidToken(string description) =>
        new(401, new JsonObject { ["error"] = OpenId4VciErrorCodes.InvalidToken, ["error_description"] = description }, OpenId4VciErrorCodes.InvalidToken,
            $"Bearer error=\"{OpenId4VciErrorCodes.InvalidToken}\"");
}
