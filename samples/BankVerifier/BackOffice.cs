using System.Text.Json;
using System.Text.Json.Nodes;
using DidSdk.OpenId4Vc;

namespace BankVerifier;

/// <summary>
/// <c>POST /admin/requests {"dcql_query"}</c> → <c>{"request_uri","wallet_uri","id","expires_at"}</c> and
/// <c>GET /admin/requests/{id}</c> → <c>{"status","verified","claims","problems"}</c>: the bank's systems ask a wallet for
/// any DCQL query and read the verified result. They answer only on the configured back-office ports.
/// </summary>
internal static class BackOffice
{
    private const int MaxBodyBytes = 16 * 1024;

    public static void MapBackOffice(this WebApplication app, BankVerifierSettings settings)
    {
        app.MapPost("/admin/requests", async (HttpContext context, OpenId4VpVerifier verifier) =>
        {
            if (!settings.BackOfficePorts.Contains(context.Connection.LocalPort))
            {
                return Results.NotFound();
            }

            JsonObject? body;
            try
            {
                if (context.Request.ContentLength is > MaxBodyBytes)
                {
                    return Error(413, "The request is too large.");
                }

                body = await JsonNode.ParseAsync(context.Request.Body, documentOptions: new JsonDocumentOptions { MaxDepth = 16 }, cancellationToken: context.RequestAborted) as JsonObject;
            }
            catch (JsonException)
            {
                body = null;
            }

            if (body?["dcql_query"] is not JsonObject query)
            {
                return Error(400, "The body is {\"dcql_query\":object}.");
            }

            OpenId4VpRequestResult request;
            try
            {
                request = await verifier.CreateRequestAsync(query, context.RequestAborted);
            }
            catch (ArgumentException e)
            {
                return Error(400, e.Message);
            }

            return Results.Json(Created(request), statusCode: 201);
        });

        app.MapGet("/admin/requests/{id}", async (HttpContext context, string id, OpenId4VpVerifier verifier) =>
            !settings.BackOfficePorts.Contains(context.Connection.LocalPort) || await verifier.GetResultAsync(id, context.RequestAborted) is not { } result
                ? Results.NotFound()
                : Results.Json(result.ToJson()));
    }

    /// <summary>What the back office gets for a new request: the wallet's URI (the QR code's content) and the session id to poll.</summary>
    public static JsonObject Created(OpenId4VpRequestResult request) => new()
    {
        ["id"] = request.Id,
        ["request_uri"] = request.RequestUri?.AbsoluteUri,
        ["wallet_uri"] = request.WalletUri,
        ["expires_at"] = request.ExpiresAt.ToUnixTimeSeconds(),
    };

    public static IResult Error(int status, string message) =>
        Results.Json(new JsonObject { ["error"] = "invalid_request", ["error_description"] = message }, statusCode: status);
}
