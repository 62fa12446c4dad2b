using System.Text.Json.Nodes;
using DidSdk.Core;
using DidSdk.OpenId4Vc;
using QRCoder;

namespace BankVerifier;

/// <summary>
/// The teller's page (<c>GET /teller</c>): one button starts a KYC check, the page shows the request as a QR code for the
/// customer's wallet, polls the session and shows the verified claims (<c>age_over_18</c>, <c>nationality</c>,
/// <c>kyc_level</c>) or the reasons for the rejection. Served, like its two endpoints, only on the back-office ports.
/// </summary>
internal static class TellerPage
{
    /// <summary>The KYC credential type of the consortium.</summary>
    public const string KycVct = "https://kyc.consortium.example/credentials/kyc/v1";

    /// <summary>The DCQL query id of the KYC credential in the teller's request.</summary>
    public const string QueryId = "kyc";

    /// <summary>The claims a teller needs, and the only ones the request asks for.</summary>
    public static readonly string[] Requested = ["age_over_18", "nationality", "kyc_level"];

    /// <summary>The teller's DCQL query: one KYC SD-JWT VC, three claims.</summary>
    public static JsonObject KycQuery() => new()
    {
        ["credentials"] = new JsonArray(new JsonObject
        {
            ["id"] = QueryId,
            ["format"] = OpenId4VpVerifier.SdJwtVcFormat,
            ["meta"] = new JsonObject { ["vct_values"] = new JsonArray(KycVct) },
            ["claims"] = new JsonArray([.. Requested.Select(c => (JsonNode?)new JsonObject { ["path"] = new JsonArray(c) })]),
        }),
    };

    public static void MapTellerPage(this WebApplication app, BankVerifierSettings settings)
    {
        bool BackOffice(HttpContext context) => settings.BackOfficePorts.Contains(context.Connection.LocalPort);

        app.MapGet("/teller", (HttpContext context) => BackOffice(context)
            ? Results.Content(Html, "text/html; charset=utf-8")
            : Results.NotFound());

        app.MapPost("/teller/requests", async (HttpContext context, OpenId4VpVerifier verifier) =>
        {
            if (!BackOffice(context))
            {
                return Results.NotFound();
            }

            var request = await verifier.CreateRequestAsync(KycQuery(), context.RequestAborted);
            var created = global::BankVerifier.BackOffice.Created(request);
            created["qr"] = QrDataUri(request.WalletUri);
            return Results.Json(created, statusCode: 201);
        });

        app.MapGet("/teller/requests/{id}", async (HttpContext context, string id, OpenId4VpVerifier verifier) =>
        {
            if (!BackOffice(context) || await verifier.GetResultAsync(id, context.RequestAborted) is not { } result)
            {
                return Results.NotFound();
            }

            // Only the claims the teller asked for are shown, whatever else the presentation carried.
            var presented = result.Claims?[QueryId]?.AsArray().FirstOrDefault() as JsonObject;
            var claims = presented?["claims"] as JsonObject;
            return Results.Json(new JsonObject
            {
                ["status"] = result.Status,
                ["verified"] = result.Succeeded,
                ["issuer"] = presented?["issuer"]?.DeepClone(),
                ["claims"] = claims is null ? null : new JsonObject(Requested.Where(claims.ContainsKey).Select(c => KeyValuePair.Create(c, claims[c]?.DeepClone()))),
                ["problems"] = new JsonArray([.. result.Problems.Select(p => (JsonNode?)Reason(p))]),
            });
        });
    }

    /// <summary>A problem for the teller: its code and message, and the chain of causes (the trust policy's reason, say) flattened.</summary>
    private static JsonObject Reason(Problem problem)
    {
        var causes = new JsonArray();
        for (var cause = problem.Cause; cause is not null && causes.Count < 8; cause = cause.Cause)
        {
            causes.Add(new JsonObject { ["code"] = cause.Code, ["message"] = cause.Message });
        }

        return new JsonObject { ["code"] = problem.Code, ["message"] = problem.Message, ["causes"] = causes };
    }

    /// <summary>The QR code of the wallet URI as a PNG data URI.</summary>
    public static string QrDataUri(string walletUri)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(walletUri, QRCodeGenerator.ECCLevel.M);
        return "data:image/png;base64," + Convert.ToBase64String(new PngByteQRCode(data).GetGraphic(6));
    }

    // The page builds every element from text (textContent), never from markup: the claims come from the customer's wallet.
    private const string Html = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <title>KYC check — teller</title>
        <style>
          body { font-family: system-ui, sans-serif; margin: 2rem; max-width: 40rem; }
          #qr { width: 18rem; height: 18rem; image-rendering: pixelated; }
          .verified { color: #0a6b2d; } .rejected { color: #a11; }
          table { border-collapse: collapse; } td, th { border: 1px solid #ccc; padding: .3rem .6rem; text-align: left; }
        </style>
        </head>
        <body>
        <h1>KYC check</h1>
        <p>Ask the customer to scan the code with their wallet. The bank asks only for: over 18, nationality, KYC level.</p>
        <button id="start" type="button">Start a KYC check</button>
        <section id="request" hidden>
          <img id="qr" alt="QR code of the presentation request">
          <p><a id="wallet-link">Open in a wallet on this device</a></p>
          <p id="status" data-status="pending">Waiting for the customer's wallet…</p>
        </section>
        <section id="result" hidden>
          <h2 id="verdict"></h2>
          <p id="issuer"></p>
          <table id="claims"><thead><tr><th>claim</th><th>value</th></tr></thead><tbody></tbody></table>
          <ul id="problems"></ul>
        </section>
        <script>
        "use strict";
        const $ = id => document.getElementById(id);
        const labels = { age_over_18: "Over 18", nationality: "Nationality", kyc_level: "KYC level" };
        $("start").addEventListener("click", async () => {
          $("start").disabled = true;
          $("result").hidden = true;
          const response = await fetch("teller/requests", { method: "POST" });
          if (!response.ok) { show({ status: "error", verified: false, problems: [{ code: String(response.status), message: "The request could not be created." }] }); return; }
          const request = await response.json();
          $("qr").src = request.qr;
          $("wallet-link").href = request.wallet_uri;
          $("wallet-link").dataset.walletUri = request.wallet_uri;
          $("status").dataset.status = "pending";
          $("status").textContent = "Waiting for the customer's wallet…";
          $("request").hidden = false;
          poll(request.id);
        });
        async function poll(id) {
          for (;;) {
            const response = await fetch("teller/requests/" + encodeURIComponent(id));
            if (response.status === 404) { show({ status: "expired", verified: false, problems: [{ code: "expired", message: "The request expired; start a new check." }] }); return; }
            const result = await response.json();
            if (result.status !== "pending") { show(result); return; }
            await new Promise(resolve => setTimeout(resolve, 1000));
          }
        }
        function show(result) {
          $("request").hidden = true;
          $("start").disabled = false;
          $("status").dataset.status = result.status;
          const verdict = $("verdict");
          verdict.textContent = result.verified ? "Verified" : "Rejected";
          verdict.className = result.verified ? "verified" : "rejected";
          verdict.dataset.verified = String(result.verified);
          $("issuer").textContent = result.issuer ? "Issued by " + result.issuer : "";
          const body = $("claims").tBodies[0];
          body.replaceChildren();
          for (const [name, value] of Object.entries(result.claims || {})) {
            const row = body.insertRow();
            row.dataset.claim = name;
            row.insertCell().textContent = labels[name] || name;
            row.insertCell().textContent = typeof value === "string" ? value : JSON.stringify(value);
          }
          const problems = $("problems");
          problems.replaceChildren();
          for (const problem of result.problems || []) {
            const item = document.createElement("li");
            item.dataset.code = problem.code;
            item.textContent = [problem, ...(problem.causes || [])].map(p => p.code + ": " + p.message).join(" ← ");
            problems.append(item);
          }
          $("result").hidden = false;
        }
        </script>
        </body>
        </html>
        """;
}
