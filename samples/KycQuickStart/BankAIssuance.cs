using System.Text.Json.Nodes;
using DidSdk.AspNetCore;
using DidSdk.Core.Jose;
using DidSdk.Credentials;
using DidSdk.OpenId4Vc;
using DidSdk.SdJwt;
using Microsoft.Extensions.DependencyInjection;

namespace KycQuickStart;

/// <summary>
/// Bank A puts the KYC credential into the customer's wallet over OpenID for Verifiable Credential Issuance 1.0, on real
/// HTTP: its issuer service (DidSdk.AspNetCore on Kestrel, a loopback port, state in SQLite) makes an offer with a
/// pre-authorized code and a PIN; the wallet resolves the offer, redeems the code with the PIN, proves its key and checks
/// the credential against Bank A's DID on the chain before it keeps it.
/// </summary>
internal static class BankAIssuance
{
    private const string ConfigurationId = "KycCredential";

    /// <summary>The KYC claims Bank A checked at the counter.</summary>
    public static JsonObject KycClaims() => new()
    {
        ["given_name"] = "Ji-woo",
        ["family_name"] = "Kim",
        ["birthdate"] = "1990-04-12",
        ["nationality"] = "KR",
        ["kyc_level"] = "enhanced",
        ["age_over_18"] = true,
    };

    /// <summary>Runs the exchange and narrates it; returns the credential as the wallet stored it and its status index.</summary>
    public static async Task<(SdJwtToken Credential, long StatusIndex)> IssueToWalletAsync(
        ISigner bankASigner, string bankADid, Uri statusList, CustomerWallet wallet, CredentialVerifier walletVerifier, Narrator narrator, CancellationToken cancellationToken)
    {
        var directory = Directory.CreateTempSubdirectory("didsdk-kyc-bank-a-").FullName;
        try
        {
            await using var server = await StartAsync(bankASigner, bankADid, statusList, Path.Combine(directory, "issuer-state.db"), cancellationToken);
            var issuer = server.Services.GetRequiredService<OpenId4VciIssuer>();

            // The back office, after KYC at the counter: a QR code for the wallet, a PIN by SMS.
            var offer = await issuer.CreateOfferAsync(new CredentialOfferRequest { Subject = "customer-42", CredentialConfigurationIds = [ConfigurationId], TxCodeDescription = "The PIN sent by SMS" }, cancellationToken);
            using var http = new HttpClient();
            var client = new OpenId4VciWalletClient(http, new OpenId4VciWalletClientOptions { AllowLoopbackHttp = true });
            var (received, storedId, token) = await wallet.ReceiveAsync(client, offer.ReferenceUri, offer.TxCode, walletVerifier, cancellationToken);
            if (!received.Succeeded)
            {
                throw new InvalidOperationException("The wallet did not receive the credential: " + string.Join("; ", received.Problems.Select(p => p.Code)));
            }

            var status = SdJwtClaims(token)["status"]?["status_list"]?["idx"]?.GetValue<long>()
                ?? throw new InvalidOperationException("The credential carries no status list index.");
            narrator.Step("Bank A → customer's wallet", "issues the KYC credential over OpenID4VCI (real HTTP on loopback): offer by reference, pre-authorized code + PIN, key proof, credential checked against Bank A's DID before the wallet keeps it", new JsonObject
            {
                ["credentialIssuer"] = issuer.Options.CredentialIssuer,
                ["offer"] = offer.ReferenceUri,
                ["pin"] = $"{offer.TxCode!.Length} digits, sent by SMS (never in the QR code)",
                ["exchange"] = "metadata → token (pre-authorized_code, tx_code) → nonce → credential (jwt proof by the wallet key)",
                ["storedAs"] = storedId,
                ["boundTo"] = "the wallet's Ed25519 key (cnf.jwk)",
                ["statusIndex"] = status,
            });
            return (token, status);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    private static Task<LoopbackHost> StartAsync(ISigner signer, string did, Uri statusList, string storePath, CancellationToken cancellationToken) =>
        LoopbackHost.StartAsync(
            (builder, address) =>
            {
                builder.Services.AddOpenId4VcSqliteStateStore(storePath);
                builder.Services.AddSingleton<ICredentialClaimsProvider, CounterKyc>();
                builder.Services.AddKeyedSingleton(OpenId4VciServiceCollectionExtensions.IssuerSignerKey, signer);
                builder.Services.AddOpenId4VciIssuer(o =>
                {
                    o.CredentialIssuer = address + "/oid4vci";
                    o.IssuerDid = did;
                    o.AllowLoopbackHttp = true; // the demo's development option: plain HTTP, loopback only
                    o.StatusListUri = statusList.AbsoluteUri;
                    o.Display = [new DisplayProperties { Name = "Bank A", Locale = "en" }];
                    o.CredentialConfigurations =
                    [
                        new CredentialConfiguration
                        {
                            Id = ConfigurationId,
                            Format = CredentialConfiguration.SdJwtVcFormat,
                            Vct = KycDemo.CredentialType,
                            DisclosableClaims = [.. KycClaims().Select(c => "/" + c.Key)],
                        },
                    ];
                });
            },
            app => app.MapOpenId4VciIssuer("/oid4vci"),
            cancellationToken);

    private static JsonObject SdJwtClaims(SdJwtToken token) =>
        JsonNode.Parse(Jws.ReadCompact(token.IssuerSignedJwt).Token!.Payload.Span)!.AsObject();

    /// <summary>Bank A's customer records: the claims checked at the counter.</summary>
    private sealed class CounterKyc : ICredentialClaimsProvider
    {
        public Task<CredentialClaims?> GetClaimsAsync(CredentialClaimsRequest request, CancellationToken cancellationToken = default) =>
            Task.FromResult<CredentialClaims?>(request.Subject == "customer-42" ? new CredentialClaims(KycClaims()) : null);
    }
}
