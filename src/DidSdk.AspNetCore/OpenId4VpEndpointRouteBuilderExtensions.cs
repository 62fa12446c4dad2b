using System.Net;
using System.Text;
using DidSdk.OpenId4Vc;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace DidSdk.AspNetCore;

/// <summary>Maps the OpenID4VP verifier endpoints.</summary>
public static class OpenId4VpEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps the endpoints of the <see cref="OpenId4VpVerifier"/> registered with
    /// <see cref="OpenId4VpServiceCollectionExtensions.AddOpenId4VpVerifier"/> under <paramref name="basePath"/>:
    /// <c>GET request/{id}</c> (the Request Object; <see cref="OpenId4VpVerifierOptions.RequestUriBase"/> should be
    /// <c>{origin}{basePath}/request</c>), <c>POST response</c> (the Response Endpoint; <see cref="OpenId4VpVerifierOptions.ResponseUri"/>
    /// should be <c>{origin}{basePath}/response</c>) and <c>GET result/{id}</c> (result polling for the front end). Requests
    /// over plain HTTP are refused unless <see cref="OpenId4VpVerifierOptions.AllowLoopbackHttp"/> is on and the caller is
    /// on a loopback address.
    /// </summary>
    /// <param name="endpoints">The route builder.</param>
    /// <param name="basePath">The path the endpoints live under, for example <c>/oid4vp</c>.</param>
    /// <returns>A builder for conventions on all the mapped endpoints (authorization of the polling endpoint, rate limiting, ...).</returns>
    public static RouteGroupBuilder MapOpenId4VpVerifier(this IEndpointRouteBuilder endpoints, string basePath)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(basePath);
        var verifier = endpoints.ServiceProvider.GetRequiredService<OpenId4VpVerifier>();
        var path = basePath.TrimEnd('/');
        var group = endpoints.MapGroup(path);
        group.MapGet("/request/{id}", async context =>
        {
            if (!TransportAllowed(context, verifier))
            {
                await WriteAsync(context, 400, "application/json", HttpsRequired).ConfigureAwait(false);
                return;
            }

            var result = await verifier.GetRequestObjectAsync(context.Request.RouteValues["id"] as string ?? "", context.RequestAborted).ConfigureAwait(false);
            await WriteAsync(context, result.StatusCode, result.ContentType, result.Body).ConfigureAwait(false);
        });
        group.MapPost("/response", async context =>
        {
            if (!TransportAllowed(context, verifier))
            {
                await WriteAsync(context, 400, "application/json", HttpsRequired).ConfigureAwait(false);
                return;
            }

            if (context.Request.ContentType is not { } contentType
                || !contentType.Split(';')[0].Trim().Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
            {
                await WriteAsync(context, 400, "application/json", Error("invalid_request", "The response must be application/x-www-form-urlencoded.")).ConfigureAwait(false);
                return;
            }

            // The form carries the vp_token plus a few short parameters: room for the largest accepted vp_token, percent-encoded.
            var body = await ReadBodyAsync(context, (verifier.Options.MaxVpTokenLength * 3) + 16 * 1024).ConfigureAwait(false);
            if (body is null)
            {
                await WriteAsync(context, 413, "application/json", Error("invalid_request", OpenId4VpProblemCodes.VpTokenTooLarge + ": the response is too large.")).ConfigureAwait(false);
                return;
            }

            if (!FormUrlEncoded.TryParse(body, out var form))
            {
                await WriteAsync(context, 400, "application/json", Error("invalid_request", OpenId4VpProblemCodes.InvalidResponse + ": the form is malformed or repeats a parameter.")).ConfigureAwait(false);
                return;
            }

            var result = await verifier.HandleResponseAsync(form, context.RequestAborted).ConfigureAwait(false);
            await WriteAsync(context, result.StatusCode, result.ContentType, result.Body).ConfigureAwait(false);
        });
        group.MapGet("/result/{id}", async context =>
        {
            if (!TransportAllowed(context, verifier))
            {
                await WriteAsync(context, 400, "application/json", HttpsRequired).ConfigureAwait(false);
                return;
            }

            var result = await verifier.GetResultAsync(context.Request.RouteValues["id"] as string ?? "", context.RequestAborted).ConfigureAwait(false);
            await (result is null
                ? WriteAsync(context, 404, "application/json", Error("not_found", "No such session."))
                : WriteAsync(context, 200, "application/json", result.ToJson().ToJsonString())).ConfigureAwait(false);
        });
        return group;
    }

    private static string HttpsRequired => Error("invalid_request", "HTTPS is required.");

    private static string Error(string error, string description) =>
        new System.Text.Json.Nodes.JsonObject { ["error"] = error, ["error_description"] = description }.ToJsonString();

    private static bool TransportAllowed(HttpContext context, OpenId4VpVerifier verifier) =>
        context.Request.IsHttps
        || (verifier.Options.AllowLoopbackHttp && context.Connection.RemoteIpAddress is { } remote && IPAddress.IsLoopback(remote));

    // Reads at most maxBytes; null when the body is larger (the rest is not read).
    private static async Task<byte[]?> ReadBodyAsync(HttpContext context, int maxBytes)
    {
        if (context.Request.ContentLength > maxBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static async Task WriteAsync(HttpContext context, int status, string contentType, string body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        context.Response.Headers.CacheControl = "no-store";
        await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(body), context.RequestAborted).ConfigureAwait(false);
    }
}
