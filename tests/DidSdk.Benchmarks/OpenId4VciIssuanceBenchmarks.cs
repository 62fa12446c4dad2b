using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using DidSdk.AspNetCore;
using DidSdk.Core.Jose;
using DidSdk.Core.Methods;
using DidSdk.Crypto;
using DidSdk.OpenId4Vc;
using DidSdk.OpenId4Vc.PostgreSql;
using DidSdk.Testing;
using KycQuickStart;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace DidSdk.Benchmarks;

/// <summary>
/// Issue 17: one OID4VCI issuance through the HTTP endpoints on loopback (Kestrel on 127.0.0.1, port 0), with the state
/// store in SQLite or in PostgreSQL (a real server this benchmark starts and stops): the back office makes an offer, the
/// wallet fetches it by reference, redeems the pre-authorized code with the tx_code, gets a c_nonce, signs its key proof
/// and receives an SD-JWT VC. Baseline: one Ed25519 signature in the same run, so the ratio says how many signatures
/// one issuance costs (issuances per second = 1 / mean).
/// </summary>
[Config(typeof(OpenId4VciIssuanceBenchmarks.Configuration))]
[MemoryDiagnoser]
public class OpenId4VciIssuanceBenchmarks : IDisposable
{
    private static readonly byte[] Data = new byte[256];
    private string _directory = "";
    private LoopbackHost _host = null!;
    private PostgreSqlServer? _postgres;
    private NpgsqlDataSource? _dataSource;
    private OpenId4VciIssuer _issuer = null!;
    private HttpClient _http = null!;
    private PrivateKey _issuerKey = null!;
    private PrivateKey _holderKey = null!;
    private OpenId4VciWalletClient _walletClient = null!;
    private HolderBindingKey _holder = null!;
    private string _issuerUrl = "";

    /// <summary>The protocol state store: <c>sqlite</c> (a file) or <c>postgresql</c> (a real server started for the run).</summary>
    [Params("sqlite", "postgresql")]
    public string Store { get; set; } = "sqlite";

    [GlobalSetup]
    public async Task Setup()
    {
        _directory = Directory.CreateTempSubdirectory("didsdk-bench-oid4vci-").FullName;
        _issuerKey = PrivateKey.Generate(KeyType.Ed25519);
        _holderKey = PrivateKey.Generate(KeyType.Ed25519);
        IOpenId4VcStateStore store;
        if (Store == "postgresql")
        {
            _postgres = await PostgreSqlServer.StartAsync();
            await _postgres.CreateDatabaseAsync("didsdk_bench");
            _dataSource = NpgsqlDataSource.Create(_postgres.ConnectionString("didsdk_bench"));
            var postgresStore = new PostgreSqlOpenId4VcStateStore(_dataSource);
            await postgresStore.EnsureCreatedAsync();
            store = postgresStore;
        }
        else
        {
            store = new SqliteOpenId4VcStateStore(Path.Combine(_directory, "issuer-state.db"));
        }

        _host = await LoopbackHost.StartAsync(
            (builder, address) =>
            {
                _issuerUrl = address + "/oid4vci";
                builder.Services.AddSingleton(store);
                builder.Services.AddSingleton<ICredentialClaimsProvider, KycClaims>();
                builder.Services.AddKeyedSingleton<ISigner>(OpenId4VciServiceCollectionExtensions.IssuerSignerKey, new KeySigner(_issuerKey, DidKey.GetVerificationMethodId(_issuerKey.PublicKey)));
                builder.Services.AddOpenId4VciIssuer(o =>
                {
                    o.CredentialIssuer = _issuerUrl;
                    o.IssuerDid = DidKey.Create(_issuerKey.PublicKey);
                    o.AllowLoopbackHttp = true;
                    o.StatusListUri = "https://bank.example/status/1";
                    o.CredentialConfigurations =
                    [
                        new CredentialConfiguration { Id = "Kyc", Format = CredentialConfiguration.SdJwtVcFormat, Vct = "https://kyc.consortium.example/credentials/kyc/v1", DisclosableClaims = ["/given_name", "/family_name", "/birthdate", "/kyc_level"] },
                    ];
                });
            },
            app => app.MapOpenId4VciIssuer("/oid4vci"),
            CancellationToken.None);
        _issuer = _host.Services.GetRequiredService<OpenId4VciIssuer>();
        _http = new HttpClient();
        _walletClient = new OpenId4VciWalletClient(_http, new OpenId4VciWalletClientOptions { AllowLoopbackHttp = true });
        _holder = new HolderBindingKey(new KeySigner(_holderKey), _holderKey.PublicKey);

        // One issuance checked before anything is measured.
        if (!(await IssuanceOverHttp()).Contains("\"credentials\"", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("The issuer answered without credentials.");
        }
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        _http.Dispose();
        await _host.DisposeAsync();
        if (_dataSource is not null)
        {
            await _dataSource.DisposeAsync();
        }

        if (_postgres is not null)
        {
            await _postgres.DisposeAsync(); // SIGINT to the postmaster's process id, then the directory is deleted
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
        Dispose();
    }

    /// <summary>Releases the client and keys if the cleanup did not run.</summary>
    public void Dispose()
    {
        _http?.Dispose();
        _issuerKey?.Dispose();
        _holderKey?.Dispose();
        GC.SuppressFinalize(this);
    }

    [Benchmark(Baseline = true)]
    public byte[] Ed25519Sign() => SigningAlgorithm.Ed25519.Sign(_issuerKey, Data);

    /// <summary>offer → GET offer → token → nonce → credential, every protocol step over HTTP.</summary>
    [Benchmark]
    public async Task<string> IssuanceOverHttp()
    {
        var offer = await _issuer.CreateOfferAsync(new CredentialOfferRequest { Subject = "customer-42", CredentialConfigurationIds = ["Kyc"] });
        var offerJson = JsonNode.Parse(await _http.GetStringAsync(offer.CredentialOfferUri))!;
        var code = offerJson["grants"]![AuthorizationServerMetadata.PreAuthorizedCodeGrantType]!["pre-authorized_code"]!.GetValue<string>();
        using var tokenResponse = await _http.PostAsync(new Uri(_issuerUrl + "/token"), new FormUrlEncodedContent(
        [
            new("grant_type", AuthorizationServerMetadata.PreAuthorizedCodeGrantType),
            new("pre-authorized_code", code),
            new("tx_code", offer.TxCode!),
        ]));
        var token = JsonNode.Parse(await tokenResponse.Content.ReadAsStringAsync())!["access_token"]!.GetValue<string>();
        using var nonceResponse = await _http.PostAsync(new Uri(_issuerUrl + "/nonce"), null);
        var nonce = JsonNode.Parse(await nonceResponse.Content.ReadAsStringAsync())!["c_nonce"]!.GetValue<string>();
        var proof = await _walletClient.CreateProofAsync(_holder, _issuerUrl, nonce);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_issuerUrl + "/credential"))
        {
            Content = new StringContent(new JsonObject { ["credential_configuration_id"] = "Kyc", ["proofs"] = new JsonObject { ["jwt"] = new JsonArray(proof) } }.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await _http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        return response.IsSuccessStatusCode ? body : throw new InvalidOperationException($"Issuance failed: HTTP {(int)response.StatusCode}.");
    }

    /// <summary>In process (Kestrel and the wallet live in the benchmark process); 3 warm-up and 10 measured iterations.</summary>
    public sealed class Configuration : ManualConfig
    {
        /// <summary>Creates the configuration.</summary>
        public Configuration() => AddJob(Job.Default
            .WithLaunchCount(1)
            .WithWarmupCount(3)
            .WithIterationCount(10)
            .WithToolchain(new InProcessEmitToolchain(TimeSpan.FromMinutes(20), logOutput: true)));
    }

    private sealed class KycClaims : ICredentialClaimsProvider
    {
        public Task<CredentialClaims?> GetClaimsAsync(CredentialClaimsRequest request, CancellationToken cancellationToken = default) =>
            Task.FromResult<CredentialClaims?>(new CredentialClaims(new JsonObject { ["given_name"] = "Ji-woo", ["family_name"] = "Kim", ["birthdate"] = "1990-04-12", ["kyc_level"] = "enhanced" }));
    }
}
