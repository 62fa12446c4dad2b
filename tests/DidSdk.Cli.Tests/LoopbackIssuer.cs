using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using DidSdk.AspNetCore;
using DidSdk.Core.Jose;
using DidSdk.Core.Methods;
using DidSdk.Crypto;
using DidSdk.OpenId4Vc;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DidSdk.Cli.Tests;

/// <summary>
/// A bank's OID4VCI issuer as DidSdk.AspNetCore maps it: Kestrel on a loopback port (plain HTTP with the development
/// option), state in SQLite, an Ed25519 did:key issuer. <c>wallet receive</c> runs against it as a separate process.
/// </summary>
internal sealed class LoopbackIssuer : IAsyncDisposable
{
    public const string SdJwtConfigurationId = "KycSdJwt";
    public const string JwtVcConfigurationId = "KycJwtVc";
    public const string Vct = "https://kyc.consortium.example/credentials/kyc/v1";

    private readonly WebApplication _app;
    private readonly PrivateKey _issuerKey;
    private readonly PrivateKey? _foreignKey;

    private LoopbackIssuer(WebApplication app, PrivateKey issuerKey, PrivateKey? foreignKey, string did)
    {
        _app = app;
        _issuerKey = issuerKey;
        _foreignKey = foreignKey;
        Did = did;
    }

    /// <summary>The issuer's DID (the <c>iss</c> of what it issues).</summary>
    public string Did { get; }

    public OpenId4VciIssuer Issuer => _app.Services.GetRequiredService<OpenId4VciIssuer>();

    /// <summary>
    /// Starts the issuer. With <paramref name="signWithForeignKey"/> it signs with a key its DID does not authorize
    /// (while naming the DID's key in <c>kid</c>): what it issues must not verify.
    /// </summary>
    public static async Task<LoopbackIssuer> StartAsync(string directory, bool signWithForeignKey = false)
    {
        var issuerKey = PrivateKey.Generate(KeyType.Ed25519);
        var foreignKey = signWithForeignKey ? PrivateKey.Generate(KeyType.Ed25519) : null;
        var did = DidKey.Create(issuerKey.PublicKey);
        var signer = new KeySigner(foreignKey ?? issuerKey, DidKey.GetVerificationMethodId(issuerKey.PublicKey));
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        builder.Services.AddOpenId4VcSqliteStateStore(Path.Combine(directory, "issuer-state.db"));
        builder.Services.AddSingleton<ICredentialClaimsProvider, KycClaims>();
        builder.Services.AddKeyedSingleton<ISigner>(OpenId4VciServiceCollectionExtensions.IssuerSignerKey, signer);
        builder.Services.AddOpenId4VciIssuer(o =>
        {
            o.CredentialIssuer = $"http://127.0.0.1:{port}/oid4vci";
            o.IssuerDid = did;
            o.AllowLoopbackHttp = true;
            o.CredentialConfigurations =
            [
                new CredentialConfiguration { Id = SdJwtConfigurationId, Format = CredentialConfiguration.SdJwtVcFormat, Vct = Vct, DisclosableClaims = ["/given_name", "/family_name", "/age_over_18"] },
                new CredentialConfiguration { Id = JwtVcConfigurationId, Format = CredentialConfiguration.JwtVcJsonFormat, Types = ["VerifiableCredential", "KycCredential"] },
            ];
        });
        var app = builder.Build();
        app.MapOpenId4VciIssuer("/oid4vci");
        await app.StartAsync();
        return new LoopbackIssuer(app, issuerKey, foreignKey, did);
    }

    /// <summary>An offer for customer-42 (with a transaction code unless told otherwise).</summary>
    public Task<CredentialOfferResult> OfferAsync(string configurationId = SdJwtConfigurationId, bool txCode = true) =>
        Issuer.CreateOfferAsync(new CredentialOfferRequest { Subject = "customer-42", CredentialConfigurationIds = [configurationId], RequireTxCode = txCode });

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _issuerKey.Dispose();
        _foreignKey?.Dispose();
    }

    private sealed class KycClaims : ICredentialClaimsProvider
    {
        public Task<CredentialClaims?> GetClaimsAsync(CredentialClaimsRequest request, CancellationToken cancellationToken = default) =>
            Task.FromResult<CredentialClaims?>(new CredentialClaims(new JsonObject
            {
                ["given_name"] = "Ji-woo",
                ["family_name"] = "Kim",
                ["age_over_18"] = true,
                ["customer"] = request.Subject,
            }));
    }
}
