using System.Text;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using DidSdk.AspNetCore;
using DidSdk.Core.Jose;
using DidSdk.Core.Methods;
using DidSdk.Core.Resolution;
using DidSdk.Credentials;
using DidSdk.Crypto;
using DidSdk.OpenId4Vc;
using DidSdk.SdJwt;
using DidSdk.Wallet;
using KycQuickStart;
using Microsoft.Extensions.DependencyInjection;

namespace DidSdk.Benchmarks;

/// <summary>
/// Issue 18: OID4VP presentations verified per second through the response endpoint on loopback. The verifier is
/// DidSdk.AspNetCore's endpoints on Kestrel (127.0.0.1, port 0; sessions in SQLite; Request Objects signed with the
/// verifier's did:key; SD-JWT VCs checked against the issuer's did:key and a trusted-issuer list) asking with DCQL for
/// an Ed25519 KYC SD-JWT VC held by a wallet under an Ed25519 key.
/// <para>
/// <see cref="PresentationThroughResponseEndpoint"/> measures one <c>direct_post</c> to the response endpoint: the HTTP
/// request and response, the form parsing, the session lookup by <c>state</c>, the SD-JWT VC and Key Binding checks
/// (two Ed25519 verifies), the DCQL match, the replay record and the stored result. Every request has its own nonce and
/// is answered once, so the request and the presentation cannot be measured again: before each iteration the pool is
/// filled with <see cref="Invocations"/> of them, each made the way a real exchange makes it (the verifier creates the
/// request, the wallet fetches and authenticates its signed Request Object by <c>request_uri</c>, evaluates the query
/// and presents with key binding to that nonce), and every invocation posts one. <see cref="RequestToVerifiedResult"/>
/// measures the whole exchange instead, wallet work included. Baseline: <see cref="TwoEd25519Verifies"/>, the two
/// signature checks a presentation needs at the least, in the same run. Presentations per second = 1 / mean.
/// </para>
/// </summary>
[Config(typeof(Configuration))]
[MemoryDiagnoser]
public class OpenId4VpVerificationBenchmarks : IDisposable
{
    /// <summary>Invocations per iteration; also the size of the pool of prepared presentations.</summary>
    public const int Invocations = 512;

    private const string Vct = "https://kyc.consortium.example/credentials/kyc/v1";
    private static readonly byte[] Data = new byte[256];

    private readonly Queue<(string State, string Form)> _pool = new();
    private string _directory = "";
    private PrivateKey _issuerKey = null!;
    private PrivateKey _verifierKey = null!;
    private PrivateKey _rawKey = null!;
    private byte[] _rawSignature = null!;
    private LoopbackHost _host = null!;
    private OpenId4VpVerifier _verifier = null!;
    private Wallet.Wallet _wallet = null!;
    private HttpClient _http = null!;
    private OpenId4VpWalletClient _walletClient = null!;
    private Uri _responseUri = null!;

    /// <summary>The DCQL query: one KYC SD-JWT VC, three of its claims.</summary>
    public static JsonObject KycQuery() => new()
    {
        ["credentials"] = new JsonArray(new JsonObject
        {
            ["id"] = "kyc",
            ["format"] = OpenId4VpVerifier.SdJwtVcFormat,
            ["meta"] = new JsonObject { ["vct_values"] = new JsonArray(Vct) },
            ["claims"] = new JsonArray(
                new JsonObject { ["path"] = new JsonArray("given_name") },
                new JsonObject { ["path"] = new JsonArray("family_name") },
                new JsonObject { ["path"] = new JsonArray("kyc_level") }),
        }),
    };

    [GlobalSetup]
    public async Task Setup()
    {
        _directory = Directory.CreateTempSubdirectory("didsdk-bench-oid4vp-").FullName;
        _issuerKey = PrivateKey.Generate(KeyType.Ed25519);
        _verifierKey = PrivateKey.Generate(KeyType.Ed25519);
        _rawKey = PrivateKey.Generate(KeyType.Ed25519);
        _rawSignature = SigningAlgorithm.Ed25519.Sign(_rawKey, Data);
        var issuerDid = DidKey.Create(_issuerKey.PublicKey);
        var verifierDid = DidKey.Create(_verifierKey.PublicKey);
        var resolver = new CachingDidResolver(new CompositeDidResolver(new DidKeyResolver(), new DidJwkResolver()));
        var sdJwtVerifier = new SdJwtVcVerifier(new SdJwtVerifierOptions { AllowUncheckedStatus = true }, resolver, trustPolicy: new TrustedIssuersPolicy([issuerDid]));
        var storePath = Path.Combine(_directory, "verifier-state.db");
        _host = await LoopbackHost.StartAsync(
            (builder, address) =>
            {
                builder.Services.AddOpenId4VcSqliteStateStore(storePath);
                builder.Services.AddSingleton(sdJwtVerifier);
                builder.Services.AddKeyedSingleton<ISigner>(OpenId4VpServiceCollectionExtensions.RequestSignerKey, new KeySigner(_verifierKey, DidKey.GetVerificationMethodId(_verifierKey.PublicKey)));
                builder.Services.AddOpenId4VpVerifier(o =>
                {
                    o.VerifierDid = verifierDid;
                    o.ResponseUri = address + "/oid4vp/response";
                    o.RequestUriBase = address + "/oid4vp/request";
                    o.AllowLoopbackHttp = true;
                });
            },
            app => app.MapOpenId4VpVerifier("/oid4vp"),
            CancellationToken.None);
        _verifier = _host.Services.GetRequiredService<OpenId4VpVerifier>();
        _responseUri = new Uri(_verifier.Options.ResponseUri);

        // The customer's wallet with one KYC credential from the issuer, bound to a wallet key.
        _wallet = await Wallet.Wallet.CreateAsync(Path.Combine(_directory, "wallet.db"), "correct horse battery staple".AsMemory(),
            new WalletOptions { Argon2MemoryKiB = WalletOptions.MinimumArgon2MemoryKiB, Argon2Iterations = WalletOptions.MinimumArgon2Iterations });
        var holder = await _wallet.GenerateKeyAsync(KeyType.Ed25519);
        var credential = await new SdJwtVcIssuer(new KeySigner(_issuerKey, DidKey.GetVerificationMethodId(_issuerKey.PublicKey))).IssueAsync(new SdJwtVcIssuanceRequest
        {
            Issuer = issuerDid,
            Vct = Vct,
            Claims = new JsonObject
            {
                ["given_name"] = "Ji-woo",
                ["family_name"] = "Kim",
                ["birthdate"] = "1990-04-12",
                ["nationality"] = "KR",
                ["kyc_level"] = "enhanced",
                ["age_over_18"] = true,
            },
            Disclosable = ["/given_name", "/family_name", "/birthdate", "/nationality", "/kyc_level", "/age_over_18"],
            HolderPublicKey = holder.PublicKey,
            ExpiresAt = DateTimeOffset.UnixEpoch.AddYears(100),
        });
        var imported = await _wallet.ImportCredentialAsync(credential.ToCompact(), new CredentialVerifier(resolver, new CredentialVerifierOptions { AllowUncheckedStatus = true },
            formatHandlers: [new SdJwtVcFormatHandler(null, null, new SdJwtVerifierOptions { RequireKeyBinding = false, AllowUncheckedStatus = true })]));
        if (!imported.Succeeded)
        {
            throw new InvalidOperationException("The wallet refused the credential: " + string.Join("; ", imported.Problems.Select(p => p.Code)));
        }

        _http = new HttpClient();
        _walletClient = new OpenId4VpWalletClient(_http, resolver, new OpenId4VpWalletClientOptions { AllowLoopbackHttp = true });

        // One exchange checked end to end before anything is measured: the verifier reports the claims asked for.
        var (id, _, form) = await PrepareAsync();
        await PostAsync(form);
        var result = await _verifier.GetResultAsync(id);
        if (result is not { Succeeded: true } || result.Claims!["kyc"]![0]!["claims"]!["kyc_level"]!.GetValue<string>() != "enhanced")
        {
            throw new InvalidOperationException("The verifier did not verify the presentation: " + string.Join("; ", result?.Problems.Select(p => p.Code) ?? []));
        }
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        _http.Dispose();
        await _host.DisposeAsync();
        await _wallet.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
        Dispose();
    }

    /// <summary>Releases the client and keys if the cleanup did not run.</summary>
    public void Dispose()
    {
        _http?.Dispose();
        _issuerKey?.Dispose();
        _verifierKey?.Dispose();
        _rawKey?.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Tops the pool up to one prepared presentation per invocation of the coming iteration.</summary>
    [IterationSetup(Target = nameof(PresentationThroughResponseEndpoint))]
    public void FillPool()
    {
        while (_pool.Count < Invocations)
        {
            var (_, state, form) = PrepareAsync().GetAwaiter().GetResult();
            _pool.Enqueue((state, form));
        }
    }

    /// <summary>The issuer's and the holder's signature checks, raw: the floor under one SD-JWT VC presentation.</summary>
    [Benchmark(Baseline = true)]
    public bool TwoEd25519Verifies() =>
        SigningAlgorithm.Ed25519.Verify(_rawKey.PublicKey, Data, _rawSignature) & SigningAlgorithm.Ed25519.Verify(_rawKey.PublicKey, Data, _rawSignature);

    /// <summary>One prepared presentation posted to the response endpoint and verified there (HTTP 200 = verified).</summary>
    [Benchmark]
    public Task<string> PresentationThroughResponseEndpoint() =>
        PostAsync(_pool.TryDequeue(out var prepared) ? prepared.Form : throw new InvalidOperationException("The pool of prepared presentations is empty."));

    /// <summary>
    /// The whole exchange: the verifier creates the request, the wallet fetches it by reference and checks its signature,
    /// answers the query with key binding and posts it; the response endpoint verifies it.
    /// </summary>
    [Benchmark]
    public async Task<string> RequestToVerifiedResult()
    {
        var (_, _, form) = await PrepareAsync();
        return await PostAsync(form);
    }

    private async Task<(string Id, string State, string Form)> PrepareAsync()
    {
        var request = await _verifier.CreateRequestAsync(KycQuery());
        var (resolved, problem) = await _walletClient.ResolveRequestAsync(request.WalletUri);
        if (resolved is not { SignatureVerified: true })
        {
            throw new InvalidOperationException("The wallet refused the request: " + problem?.Code);
        }

        var parameters = resolved.Request;
        var query = await _wallet.QueryAsync(parameters.DcqlQuery.ToJsonString());
        var vpToken = await _wallet.PresentAsync(query, parameters.ClientId, parameters.Nonce);
        using var form = new FormUrlEncodedContent([new("vp_token", vpToken.ToJsonString()), new("state", parameters.State!)]);
        return (request.Id, parameters.State!, await form.ReadAsStringAsync());
    }

    private async Task<string> PostAsync(string form)
    {
        using var content = new StringContent(form, Encoding.UTF8, "application/x-www-form-urlencoded");
        using var response = await _http.PostAsync(_responseUri, content);
        var body = await response.Content.ReadAsStringAsync();
        return response.IsSuccessStatusCode ? body : throw new InvalidOperationException($"The response endpoint refused the presentation: HTTP {(int)response.StatusCode} {body}");
    }

    /// <summary>
    /// In process (Kestrel lives in the benchmark process); a fixed number of invocations per iteration so that the pool
    /// holds exactly what an iteration posts; 3 warm-up and 10 measured iterations.
    /// </summary>
    public sealed class Configuration : ManualConfig
    {
        /// <summary>Creates the configuration.</summary>
        public Configuration() => AddJob(Job.Default
            .WithLaunchCount(1)
            .WithWarmupCount(3)
            .WithIterationCount(10)
            .WithInvocationCount(Invocations)
            .WithUnrollFactor(1)
            .WithToolchain(new InProcessEmitToolchain(TimeSpan.FromMinutes(20), logOutput: true)));
    }
}
