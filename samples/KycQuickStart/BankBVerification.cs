using System.Text.Json.Nodes;
using DidSdk.AspNetCore;
using DidSdk.Core.Jose;
using DidSdk.Core.Resolution;
using DidSdk.Credentials;
using DidSdk.OpenId4Vc;
using DidSdk.SdJwt;
using DidSdk.SdJwt.TokenStatus;
using Microsoft.Extensions.DependencyInjection;

namespace KycQuickStart;

/// <summary>
/// Bank B asks the customer's wallet for the KYC claims it needs over OpenID for Verifiable Presentations 1.0, on real
/// HTTP: its verifier service (DidSdk.AspNetCore on Kestrel, a loopback port, sessions in SQLite) creates a request with
/// a DCQL query for <c>age_over_18</c>, <c>nationality</c> and <c>kyc_level</c> only, signed by a key of Bank B's DID
/// (<c>decentralized_identifier:</c> client id) and served by reference. The wallet checks that signature against Bank B's
/// DID on the chain, shows the customer exactly what would be disclosed, and posts the presentation (key binding to the
/// request's nonce and Bank B's client id) to the response endpoint, where Bank B verifies Bank A's key from the chain,
/// the status list and — as the verifier's trust policy — Bank A's accreditation in the consortium registry.
/// </summary>
internal static class BankBVerification
{
    private const string QueryId = "kyc";
    private static readonly string[] Requested = ["age_over_18", "nationality", "kyc_level"];

    /// <summary>The DCQL query Bank B sends: one KYC SD-JWT VC, three claims.</summary>
    public static JsonObject KycQuery() => new()
    {
        ["credentials"] = new JsonArray(new JsonObject
        {
            ["id"] = QueryId,
            ["format"] = OpenId4VpVerifier.SdJwtVcFormat,
            ["meta"] = new JsonObject { ["vct_values"] = new JsonArray(KycDemo.CredentialType) },
            ["claims"] = new JsonArray([.. Requested.Select(c => (JsonNode?)new JsonObject { ["path"] = new JsonArray(c) })]),
        }),
    };

    /// <summary>
    /// Runs the exchange and narrates the wallet's consent screen and Bank B's verdict. Returns the verdict in the shape
    /// of the demo's other checks: <c>verified</c>, <c>trustAt</c>, <c>rule</c>, <c>claims</c>, <c>problems</c>, plus the transport details.
    /// </summary>
    public static async Task<JsonObject> RequestPresentationAsync(
        ISigner bankBSigner, string bankBDid, IDidResolver resolver, TokenStatusChecker statusChecker, ITrustPolicy trustPolicy,
        CustomerWallet wallet, IDidResolver walletResolver, Narrator narrator, CancellationToken cancellationToken)
    {
        var directory = Directory.CreateTempSubdirectory("didsdk-kyc-bank-b-").FullName;
        try
        {
            var sdJwtVerifier = new SdJwtVcVerifier(new SdJwtVerifierOptions(), resolver, statusChecker: statusChecker, trustPolicy: trustPolicy);
            await using var server = await StartAsync(bankBSigner, bankBDid, sdJwtVerifier, Path.Combine(directory, "verifier-state.db"), cancellationToken);
            var verifier = server.Services.GetRequiredService<OpenId4VpVerifier>();

            // The teller's screen: a QR code with the request by reference.
            var request = await verifier.CreateRequestAsync(KycQuery(), cancellationToken);
            using var http = new HttpClient();
            var client = new OpenId4VpWalletClient(http, walletResolver, new OpenId4VpWalletClientOptions { AllowLoopbackHttp = true });
            var (resolved, problem) = await client.ResolveRequestAsync(request.WalletUri, cancellationToken);
            if (resolved is null)
            {
                throw new InvalidOperationException("The wallet refused Bank B's request: " + problem?.Code);
            }

            var response = await wallet.RespondAsync(client, resolved, (consent, _) =>
            {
                var shown = consent.Disclosures[QueryId].Claims;
                var disclosed = new JsonObject(Requested.Where(shown.ContainsKey).Select(c => KeyValuePair.Create(c, shown[c]?.DeepClone())));
                narrator.Step("Customer's wallet", "Bank B asks over OpenID4VP; the wallet checks the request's signature against Bank B's DID and shows the customer exactly what would be disclosed; the customer agrees", new JsonObject
                {
                    ["verifier"] = consent.ClientId,
                    ["requestUri"] = resolved.SignatureVerified ? request.RequestUri!.AbsoluteUri : null,
                    ["signedBy"] = resolved.SignatureVerified ? "a key of Bank B's DID (verified on the chain)" : "unsigned (unexpected)",
                    ["asks"] = "one " + KycDemo.CredentialType + " credential: " + string.Join(", ", Requested),
                    ["disclosed"] = disclosed,
                    ["alsoVisible"] = string.Join(", ", shown.Select(c => c.Key).Where(k => !disclosed.ContainsKey(k)).Order(StringComparer.Ordinal)) + " (issuer-signed, not selectively disclosable)",
                    ["withheld"] = string.Join(", ", BankAIssuance.KycClaims().Select(c => c.Key).Where(k => !shown.ContainsKey(k))),
                    ["answerTo"] = consent.ResponseUri,
                });
                return ValueTask.FromResult(true);
            }, cancellationToken);

            // Bank B's front end polls its own result endpoint, as the teller's page does.
            var poll = JsonNode.Parse(await http.GetStringAsync(new Uri(new Uri(verifier.Options.ResponseUri), "result/" + request.Id), cancellationToken))!.AsObject();
            var presented = poll["claims"]?[QueryId]?[0];
            return new JsonObject
            {
                ["verified"] = response.Succeeded && poll["verified"]!.GetValue<bool>(),
                ["status"] = poll["status"]!.DeepClone(),
                ["clientId"] = verifier.ClientId,
                ["issuer"] = presented?["issuer"]?.DeepClone(),
                ["claims"] = presented?["claims"]?.DeepClone(),
                ["problems"] = new JsonArray([.. poll["problems"]!.AsArray().Select(p => (JsonNode?)(p!["code"]?.GetValue<string>() ?? p.ToJsonString()))]),
                ["walletProblems"] = new JsonArray([.. response.Problems.Select(p => (JsonNode?)p.Code)]),
            };
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    private static Task<LoopbackHost> StartAsync(ISigner signer, string did, SdJwtVcVerifier sdJwtVerifier, string storePath, CancellationToken cancellationToken) =>
        LoopbackHost.StartAsync(
            (builder, address) =>
            {
                builder.Services.AddOpenId4VcSqliteStateStore(storePath);
                builder.Services.AddSingleton(sdJwtVerifier);
                builder.Services.AddKeyedSingleton(OpenId4VpServiceCollectionExtensions.RequestSignerKey, signer);
                builder.Services.AddOpenId4VpVerifier(o =>
                {
                    o.VerifierDid = did; // decentralized_identifier:<Bank B's DID>, the default prefix
                    o.ResponseUri = address + "/oid4vp/response";
                    o.RequestUriBase = address + "/oid4vp/request";
                    o.AllowLoopbackHttp = true; // the demo's development option: plain HTTP, loopback only
                });
            },
            app => app.MapOpenId4VpVerifier("/oid4vp"),
            cancellationToken);
}
