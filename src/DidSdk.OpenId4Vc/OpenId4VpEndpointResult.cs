using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;

namespace DidSdk.OpenId4Vc;

/// <summary>The answer of a verifier endpoint, ready for any HTTP stack: a status code, a media type and a body.</summary>
public sealed class OpenId4VpEndpointResult
{
    private OpenId4VpEndpointResult(int statusCode, string contentType, string body, string? error)
    {
        StatusCode = statusCode;
        ContentType = contentType;
        Body = body;
        Error = error;
    }

    /// <summary>Whether the request succeeded.</summary>
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Succeeded => Error is null;

    /// <summary>The HTTP status code.</summary>
    public int StatusCode { get; }

    /// <summary>The media type of <see cref="Body"/>.</summary>
    public string ContentType { get; }

    /// <summary>The response body.</summary>
    public string Body { get; }

    /// <summary>The OAuth <c>error</c> code, or <see langword="null"/> on success.</summary>
    public string? Error { get; }

    internal static OpenId4VpEndpointResult Json(JsonObject body) => new(200, "application/json", body.ToJsonString(), null);

    internal static OpenId4VpEndpointResult Jwt(string jwt) => new(200, OpenId4VpAuthorizationRequest.RequestObjectMediaType, jwt, null);

    internal static OpenId4VpEndpointResult Fail(string error, string description, int statusCode = 400) =>
        new(statusCode, "application/json", new JsonObject { ["error"] = error, ["error_description"] = description }.ToJsonString(), error);
}
