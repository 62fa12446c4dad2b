using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using DidSdk.OpenId4Vc;

namespace BankIssuer;

/// <summary>
/// <c>POST /admin/offers {"vct","claims"}</c> → <c>{"credential_offer_uri","offer","tx_code","expires_at"}</c>: the
/// back office, after KYC at the counter, makes the offer the customer scans and the PIN sent to their phone. It
/// answers only on the configured back-office ports.
/// </summary>
internal static class BackOffice
{
    private const int MaxBodyBytes = 16 * 1024;

    public static void MapBackOffice(this WebApplication app, BankIssuerSettings settings)
    {
        app.MapPost("/admin/offers", async (HttpContext context, OpenId4VciIssuer issuer, OfferedClaims offered) =>
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

                body = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted) as JsonObject;
            }
            catch (JsonException)
            {
                body = null;
            }

            if (body?["claims"] is not JsonObject claims || body["vct"] is not JsonValue vctValue || !vctValue.TryGetValue<string>(out var vct))
            {
                return Error(400, "The body is {\"vct\":string,\"claims\":object}.");
            }

            var configuration = issuer.Options.CredentialConfigurations.FirstOrDefault(c => c.Vct == vct);
            if (configuration is null)
            {
                return Error(400, "This issuer has no credential configuration for that vct.");
            }

            // The subject is an opaque handle for this offer; the customer's identity stays in the bank's records.
            var subject = "offer-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
            offered.Add(subject, claims.DeepClone().AsObject());
            var offer = await issuer.CreateOfferAsync(new CredentialOfferRequest
            {
                Subject = subject,
                CredentialConfigurationIds = [configuration.Id],
                TxCodeDescription = "The PIN we sent to your phone",
            }, context.RequestAborted);
            return Results.Json(new JsonObject
            {
                ["credential_offer_uri"] = offer.CredentialOfferUri.AbsoluteUri,
                ["offer"] = offer.ReferenceUri,
                ["tx_code"] = offer.TxCode,
                ["expires_at"] = offer.ExpiresAt.ToUnixTimeSeconds(),
            }, statusCode: 201);
        });
    }

    private static IResult Error(int status, string message) =>
        Results.Json(new JsonObject { ["error"] = "invalid_request", ["error_description"] = message }, statusCode: status);
}
