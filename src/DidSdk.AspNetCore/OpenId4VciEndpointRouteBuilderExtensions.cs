using System.Net;
using System.Text;
using DidSdk.OpenId4Vc;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace DidSdk.AspNetCore;

/// <summary>Maps the OpenID4VCI issuer endpoints.</summary>
public static class OpenId4VciEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps every endpoint of the <see cref="OpenId4VciIssuer"/> registered with
    /// <see cref="OpenId4VciServiceCollectionExtensions.AddOpenId4VciIssuer"/>: under <paramref name="basePath"/> the
    /// <c>credential-offer/{id}</c>, <c>token</c>, <c>nonce</c> and <c>credential</c> endpoints (and <c>notification</c> when the
    /// issuer has an <see cref="IOpenId4VciNotificationHandler"/>, <c>deferred_credential</c> when it has an
    /// <see cref="IOpenId4VciIssuanceDecider"/>, <c>authorize</c> (GET and form POST) and <c>par</c> when it has an
    /// <see cref="IOpenId4VciAuthorizationHandler"/>), and at the host's root
    /// <c>/.well-known/openid-credential-issuer{basePath}</c> and <c>/.well-known/oauth-authorization-server{basePath}</c>.
    /// Requests over plain HTTP are refused unless <see cref="OpenId4VciIssuerOptions.AllowLoopbackHttp"/> is on and the
    /// caller is on a loopback address.
    /// </summary>
    /// <param name="endpoints">The route builder.</param>
    /// <param name="basePath">The path of <see cref="OpenId4VciIssuerOptions.CredentialIssuer"/>, for example <c>/oid4vci</c>.</param>
    /// <returns>A builder for conventions on all the mapped endpoints (rate limiting, CORS, ...).</returns>
    /// <exception cref="ArgumentException"><paramref name="basePath"/> is not the path of the Credential Issuer Identifier.</exception>
    public static RouteGroupBuilder MapOpenId4VciIssuer(this IEndpointRouteBuilder endpoints, string basePath)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(basePath);
        var issuer = endpoints.ServiceProvider.GetRequiredService<OpenId4VciIssuer>();
        var path = basePath.TrimEnd('/');
        var expected = new Uri(issuer.Options.CredentialIssuer).AbsolutePath.TrimEnd('/');
        if (!string.Equals(path, expected, StringComparison.Ordinal) || (path.Length > 0 && path[0] != '/'))
        {
            throw new ArgumentException($"The base path must be the path of the Credential Issuer Identifier ('{expected}').", nameof(basePath));
        }

        var group = endpoints.MapGroup("");
        group.MapGet(CredentialIssuerMetadata.WellKnownSegment + path, context =>
            Guarded(context, issuer, OpenId4VciErrorCodes.InvalidRequest, issuer.GetCredentialIssuerMetadata, noStore: false));
        group.MapGet(AuthorizationServerMetadata.WellKnownSegment + path, context =>
            Guarded(context, issuer, OpenId4VciErrorCodes.InvalidRequest, issuer.GetAuthorizationServerMetadata, noStore: false));
        group.MapGet(path + "/credential-offer/{id}", async context =>
        {
            if (!TransportAllowed(context, issuer))
            {
                await WriteAsync(context, HttpsRequired(OpenId4VciErrorCodes.InvalidRequest), noStore: true).ConfigureAwait(false);
                return;
            }

            var id = context.Request.RouteValues["id"] as string ?? "";
            await WriteAsync(context, await issuer.GetOfferAsync(id, context.RequestAborted).ConfigureAwait(false), noStore: true).ConfigureAwait(false);
        });
        group.MapPost(path + "/token", async context =>
        {
            var form = await ReadFormAsync(context, issuer, "token").ConfigureAwait(false);
            if (form is null)
            {
                return;
            }

            await WriteAsync(context, await issuer.HandleTokenRequestAsync(form, context.RequestAborted).ConfigureAwait(false), noStore: true).ConfigureAwait(false);
        });
        group.MapPost(path + "/nonce", async context =>
        {
            if (!TransportAllowed(context, issuer))
            {
                await WriteAsync(context, HttpsRequired(OpenId4VciErrorCodes.InvalidRequest), noStore: true).ConfigureAwait(false);
                return;
            }

            await WriteAsync(context, await issuer.CreateNonceAsync(context.RequestAborted).ConfigureAwait(false), noStore: true).ConfigureAwait(false);
        });
        group.MapPost(path + "/credential", async context =>
        {
            if (!TransportAllowed(context, issuer))
            {
                await WriteAsync(context, HttpsRequired(OpenId4VciErrorCodes.InvalidCredentialRequest), noStore: true).ConfigureAwait(false);
                return;
            }

            if (!HasMediaType(context.Request, "application/json"))
            {
                await WriteAsync(context, Error(OpenId4VciErrorCodes.InvalidCredentialRequest, "The credential request must be application/json.", 400), noStore: true).ConfigureAwait(false);
                return;
            }

            var body = await ReadBodyAsync(context, issuer.Options.MaxRequestBytes).ConfigureAwait(false);
            if (body is null)
            {
                await WriteAsync(context, Error(OpenId4VciErrorCodes.InvalidCredentialRequest, "The request is too large.", 413), noStore: true).ConfigureAwait(false);
                return;
            }

            var result = await issuer.HandleCredentialRequestAsync(context.Request.Headers.Authorization.ToString() is { Length: > 0 } auth ? auth : null, body,
                context.RequestAborted).ConfigureAwait(false);
            await WriteAsync(context, result, noStore: true).ConfigureAwait(false);
        });
        if (issuer.Metadata.DeferredCredentialEndpoint is not null)
        {
            group.MapPost(path + "/deferred_credential", async context =>
            {
                if (!TransportAllowed(context, issuer))
                {
                    await WriteAsync(context, HttpsRequired(OpenId4VciErrorCodes.InvalidCredentialRequest), noStore: true).ConfigureAwait(false);
                    return;
                }

                if (!HasMediaType(context.Request, "application/json"))
                {
                    await WriteAsync(context, Error(OpenId4VciErrorCodes.InvalidCredentialRequest, "The deferred credential request must be application/json.", 400), noStore: true)
                        .ConfigureAwait(false);
                    return;
                }

                var body = await ReadBodyAsync(context, issuer.Options.MaxRequestBytes).ConfigureAwait(false);
                if (body is null)
                {
                    await WriteAsync(context, Error(OpenId4VciErrorCodes.InvalidCredentialRequest, "The request is too large.", 413), noStore: true).ConfigureAwait(false);
                    return;
                }

                var result = await issuer.HandleDeferredCredentialRequestAsync(context.Request.Headers.Authorization.ToString() is { Length: > 0 } auth ? auth : null, body,
                    context.RequestAborted).ConfigureAwait(false);
                await WriteAsync(context, result, noStore: true).ConfigureAwait(false);
            });
        }

        if (issuer.SupportsAuthorizationCodeFlow)
        {
            MapAuthorizationEndpoints(group, issuer, path);
        }

        if (issuer.Metadata.NotificationEndpoint is not null)
        {
            group.MapPost(path + "/notification", async context =>
            {
                if (!TransportAllowed(context, issuer))
                {
                    await WriteAsync(context, HttpsRequired(OpenId4VciErrorCodes.InvalidNotificationRequest), noStore: true).ConfigureAwait(false);
                    return;
                }

                if (!HasMediaType(context.Request, "application/json"))
                {
                    await WriteAsync(context, Error(OpenId4VciErrorCodes.InvalidNotificationRequest, "The notification request must be application/json.", 400), noStore: true)
                        .ConfigureAwait(false);
                    return;
                }

                var body = await ReadBodyAsync(context, issuer.Options.MaxRequestBytes).ConfigureAwait(false);
                if (body is null)
                {
                    await WriteAsync(context, Error(OpenId4VciErrorCodes.InvalidNotificationRequest, "The request is too large.", 413), noStore: true).ConfigureAwait(false);
                    return;
                }

                var result = await issuer.HandleNotificationRequestAsync(context.Request.Headers.Authorization.ToString() is { Length: > 0 } auth ? auth : null, body,
                    context.RequestAborted).ConfigureAwait(false);
                await WriteAsync(context, result, noStore: true).ConfigureAwait(false);
            });
        }

        return group;
    }

    // RFC 6749 §3.1 (GET required, POST allowed) and RFC 9126 §2. The authorization endpoint answers with a redirect;
    // HttpContext.User (whatever authentication the bank set up) is handed to the IOpenId4VciAuthorizationHandler.
    private static void MapAuthorizationEndpoints(RouteGroupBuilder group, OpenId4VciIssuer issuer, string path)
    {
        async Task Authorize(HttpContext context, string? text)
        {
            if (!TransportAllowed(context, issuer))
            {
                await WriteAsync(context, HttpsRequired(OpenId4VciErrorCodes.InvalidRequest), noStore: true).ConfigureAwait(false);
                return;
            }

            if (text is null)
            {
                await WriteAsync(context, Error(OpenId4VciErrorCodes.InvalidRequest, "The request is too large.", 413), noStore: true).ConfigureAwait(false);
                return;
            }

            if (!FormUrlEncoded.TryParse(text, out var parameters))
            {
                await WriteAsync(context, Error(OpenId4VciErrorCodes.InvalidRequest, "The request is malformed or repeats a parameter.", 400), noStore: true).ConfigureAwait(false);
                return;
            }

            var result = await issuer.HandleAuthorizationRequestAsync(parameters, context.User, context.RequestAborted).ConfigureAwait(false);
            if (result.Location is { } location)
            {
                context.Response.StatusCode = StatusCodes.Status303SeeOther;
                context.Response.Headers.Location = location.AbsoluteUri;
                context.Response.Headers.CacheControl = "no-store";
                return;
            }

            await WriteAsync(context, result, noStore: true).ConfigureAwait(false);
        }

        group.MapGet(path + "/authorize", context =>
        {
            var query = context.Request.QueryString.HasValue ? context.Request.QueryString.Value![1..] : "";
            return Authorize(context, query.Length > issuer.Options.MaxRequestBytes ? null : query);
        });
        group.MapPost(path + "/authorize", async context =>
        {
            if (!TransportAllowed(context, issuer))
            {
                await WriteAsync(context, HttpsRequired(OpenId4VciErrorCodes.InvalidRequest), noStore: true).ConfigureAwait(false);
                return;
            }

            if (!HasMediaType(context.Request, "application/x-www-form-urlencoded"))
            {
                await WriteAsync(context, Error(OpenId4VciErrorCodes.InvalidRequest, "The authorization request must be application/x-www-form-urlencoded.", 400), noStore: true)
                    .ConfigureAwait(false);
                return;
            }

            var body = await ReadBodyAsync(context, issuer.Options.MaxRequestBytes).ConfigureAwait(false);
            string? text = null;
            if (body is not null)
            {
                try
                {
                    text = new UTF8Encoding(false, true).GetString(body);
                }
                catch (DecoderFallbackException)
                {
                    await WriteAsync(context, Error(OpenId4VciErrorCodes.InvalidRequest, "The form is not UTF-8.", 400), noStore: true).ConfigureAwait(false);
                    return;
                }
            }

            await Authorize(context, text).ConfigureAwait(false);
        });
        group.MapPost(path + "/par", async context =>
        {
            var form = await ReadFormAsync(context, issuer, "pushed authorization").ConfigureAwait(false);
            if (form is null)
            {
                return;
            }

            await WriteAsync(context, await issuer.HandlePushedAuthorizationRequestAsync(form, context.RequestAborted).ConfigureAwait(false), noStore: true).ConfigureAwait(false);
        });
    }

    private static async Task Guarded(HttpContext context, OpenId4VciIssuer issuer, string error, Func<System.Text.Json.Nodes.JsonObject> body, bool noStore)
    {
        if (!TransportAllowed(context, issuer))
        {
            await WriteAsync(context, HttpsRequired(error), noStore: true).ConfigureAwait(false);
            return;
        }

        await WriteJsonAsync(context, 200, body().ToJsonString(), null, noStore).ConfigureAwait(false);
    }

    /// <summary>
    /// Reads a form-encoded POST body (RFC 6749 §3.2, RFC 9126 §2.1) within the issuer's size limit, or writes the
    /// error response (HTTPS required, wrong media type, too large, malformed or repeated parameters) and returns
    /// <see langword="null"/>.
    /// </summary>
    private static async Task<Dictionary<string, string>?> ReadFormAsync(HttpContext context, OpenId4VciIssuer issuer, string what)
    {
        if (!TransportAllowed(context, issuer))
        {
            await WriteAsync(context, HttpsRequired(OpenId4VciErrorCodes.InvalidRequest), noStore: true).ConfigureAwait(false);
            return null;
        }

        if (!HasMediaType(context.Request, "application/x-www-form-urlencoded"))
        {
            await WriteAsync(context, Error(OpenId4VciErrorCodes.InvalidRequest, $"The {what} request must be application/x-www-form-urlencoded.", 400), noStore: true).ConfigureAwait(false);
            return null;
        }

        var body = await ReadBodyAsync(context, issuer.Options.MaxRequestBytes).ConfigureAwait(false);
        if (body is null)
        {
            await WriteAsync(context, Error(OpenId4VciErrorCodes.InvalidRequest, "The request is too large.", 413), noStore: true).ConfigureAwait(false);
            return null;
        }

        if (!FormUrlEncoded.TryParse(body, out var form))
        {
            await WriteAsync(context, Error(OpenId4VciErrorCodes.InvalidRequest, "The form is malformed or repeats a parameter.", 400), noStore: true).ConfigureAwait(false);
            return null;
        }

        return form;
    }

    private static bool TransportAllowed(HttpContext context, OpenId4VciIssuer issuer) =>
        context.Request.IsHttps
        || (issuer.Options.AllowLoopbackHttp && context.Connection.RemoteIpAddress is { } remote && IPAddress.IsLoopback(remote));

    private static bool HasMediaType(HttpRequest request, string mediaType) =>
        request.ContentType is { } contentType
        && contentType.Split(';')[0].Trim().Equals(mediaType, StringComparison.OrdinalIgnoreCase);

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

    private static OpenId4VciHttpError HttpsRequired(string error) => Error(error, "HTTPS is required.", 400);

    private static OpenId4VciHttpError Error(string error, string description, int status) =>
        new(status, new System.Text.Json.Nodes.JsonObject { ["error"] = error, ["error_description"] = description }.ToJsonString());

    private static Task WriteAsync(HttpContext context, OpenId4VciHttpError error, bool noStore) =>
        WriteJsonAsync(context, error.Status, error.Json, null, noStore);

    private static Task WriteAsync(HttpContext context, OpenId4VciEndpointResult result, bool noStore)
    {
        if (result.StatusCode == StatusCodes.Status204NoContent)
        {
            context.Response.StatusCode = StatusCodes.Status204NoContent;
            context.Response.Headers.CacheControl = "no-store";
            return Task.CompletedTask;
        }

        return WriteJsonAsync(context, result.StatusCode, result.Body.ToJsonString(), result.WwwAuthenticate, noStore);
    }

    private static async Task WriteJsonAsync(HttpContext context, int status, string json, string? wwwAuthenticate, bool noStore)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        if (noStore)
        {
            context.Response.Headers.CacheControl = "no-store";
        }

        if (wwwAuthenticate is not null)
        {
            context.Response.Headers.WWWAuthenticate = wwwAuthenticate;
        }

        await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(json), context.RequestAborted).ConfigureAwait(false);
    }

    private readonly record struct OpenId4VciHttpError(int Status, string Json);
}
