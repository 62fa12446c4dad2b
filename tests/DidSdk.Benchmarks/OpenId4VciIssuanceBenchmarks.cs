using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
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
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DidSdk.Benchmarks;

/// <summary>
/// One OID4VCI issuance through the HTTP endpoints on loopback (Kestrel, SQLite state store): the back office makes an
/// offer, the wallet fetches it by reference, redeems the pre-authorized code with the tx_code, gets a c_nonce, signs
/// its key proof and receives an SD-JWT VC. Baseline: one Ed25519 signature in the same run, so the ratio says how many
/// signatures one issuance costs (issuances per second = 1 / mean).
/// </summary>
[Config(typeof(OpenId4VciIssuanceBenchmarks.ShortInProcess))]
[MemoryDiagnoser]
public class OpenId4VciIssuanceBenchmarks : IDisposable
{
    private static readonly byte[] Data = new byte[256];
    private string _directory = "";
    private WebApplication _app = null!;
    private OpenId4VciIssuer _issuer = null!;
    private HttpClient _http = null!;
    private PrivateKey _issuerKey = null!;
    private PrivateKey _holderKey = null!;
    private OpenId4VciWalletClient _walletClient = null!;
    private HolderBindingKey _holder = null!;
    private string _issuerUrl = "";

    [GlobalSetup]
    public void Setup()
    {
        _directory = Directory.CreateTempSubdirectory("didsdk-bench-oid4vci-").FullName;
        _issuerKey = PrivateKey.Generate(KeyType.Ed25519);
        _holderKey = PrivateKey.Generate(KeyType.Ed25519);
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        _issuerUrl = $"http://127.0.0.1:{port}/oid4vci";
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        builder.Services.AddOpenId4VcSqliteStateStore(Path.Combine(_directory, "issuer-state.db"));
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
        _app = builder.Build();
        _app.MapOpenId4VciIssuer("/oid4vci");
        _app.StartAsync().GetAwaiter().GetResult();
        _issuer = _app.Services.GetRequiredService<OpenId4VciIssuer>();
        _http = new HttpClient();
        _walletClient = new OpenId4VciWalletClient(_http, new OpenId4VciWalletClientOptions { AllowLoopbackHttp = true });
        _holder = new HolderBindingKey(new KeySigner(_holderKey), _holderKey.PublicKey);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _http.Dispose();
        _app.StopAsync().GetAwaiter().GetResult();
        _app.DisposeAsync().AsTask().GetAwaiter().GetResult();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
        _issuerKey.Dispose();
        _holderKey.Dispose();
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

    /// <summary>A short in-process job (the Kestrel server lives in the benchmark process).</summary>
    public sealed class ShortInProcess : ManualConfig
    {
        /// <summary>Creates the configuration.</summary>
        public ShortInProcess() => AddJob(Job.ShortRun.WithToolchain(new InProcessEmitToolchain(TimeSpan.FromMinutes(20), logOutput: true)));
    }

    private sealed class KycClaims : ICredentialClaimsProvider
    {
        public Task<CredentialClaims?> GetClaimsAsync(CredentialClaimsRequest request, CancellationToken cancellationToken = default) =>
            Task.FromResult<CredentialClaims?>(new CredentialClaims(new JsonObject { ["given_name"] = "Ji-woo", ["family_name"] = "Kim", ["birthdate"] = "1990-04-12", ["kyc_level"] = "enhanced" }));
    }
}
