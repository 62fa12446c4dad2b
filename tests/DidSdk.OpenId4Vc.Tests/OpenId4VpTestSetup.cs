using System.Text.Json.Nodes;
using DidSdk.Core.Jose;
using DidSdk.Core.Methods;
using DidSdk.Core.Resolution;
using DidSdk.Credentials;
using DidSdk.Crypto;
using DidSdk.SdJwt;
using DidSdk.Wallet;
using Microsoft.Extensions.Time.Testing;

namespace DidSdk.OpenId4Vc.Tests;

/// <summary>
/// The parties of a presentation: an issuer (did:key) of SD-JWT VCs, the customer's wallet holding one bound to a wallet
/// key, and the bank's verifier (did:key, SQLite sessions), all on one fake clock.
/// </summary>
internal sealed class OpenId4VpTestSetup : IAsyncDisposable
{
    public const string KycVct = "https://kyc.consortium.example/credentials/kyc/v1";
    public const string ResponseUri = "https://verifier.example/oid4vp/response";
    public const string RequestUriBase = "https://verifier.example/oid4vp/request";

    private readonly PrivateKey _issuerKey = PrivateKey.Generate(KeyType.Ed25519);
    private readonly PrivateKey _verifierKey = PrivateKey.Generate(KeyType.Ed25519);

    private OpenId4VpTestSetup(string directory, FakeTimeProvider clock, Wallet.Wallet wallet)
    {
        Directory = directory;
        Clock = clock;
        Wallet = wallet;
        Store = new SqliteOpenId4VcStateStore(Path.Combine(directory, "verifier-state.db"));
    }

    public string Directory { get; }

    public FakeTimeProvider Clock { get; }

    public Wallet.Wallet Wallet { get; }

    public SqliteOpenId4VcStateStore Store { get; }

    public string IssuerDid => DidKey.Create(_issuerKey.PublicKey);

    public string VerifierDid => DidKey.Create(_verifierKey.PublicKey);

    public KeySigner VerifierSigner => new(_verifierKey, DidKey.GetVerificationMethodId(_verifierKey.PublicKey));

    public static IDidResolver Resolver { get; } = new CompositeDidResolver(new DidKeyResolver(), new DidJwkResolver());

    public static JsonObject KycQuery(params string[] claims) => new()
    {
        ["credentials"] = new JsonArray(new JsonObject
        {
            ["id"] = "kyc",
            ["format"] = "dc+sd-jwt",
            ["meta"] = new JsonObject { ["vct_values"] = new JsonArray(KycVct) },
            ["claims"] = new JsonArray([.. (claims.Length > 0 ? claims : ["given_name", "kyc_level"]).Select(c => (JsonNode?)new JsonObject { ["path"] = new JsonArray(c) })]),
        }),
    };

    public static async Task<OpenId4VpTestSetup> CreateAsync(string prefix = "didsdk-oid4vp-")
    {
        var directory = System.IO.Directory.CreateTempSubdirectory(prefix).FullName;
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 5, 9, 0, 0, TimeSpan.Zero));
        var wallet = await global::DidSdk.Wallet.Wallet.CreateAsync(Path.Combine(directory, "wallet.db"), "correct horse battery staple".AsMemory(),
            new WalletOptions { Argon2MemoryKiB = WalletOptions.MinimumArgon2MemoryKiB, Argon2Iterations = WalletOptions.MinimumArgon2Iterations }, clock);
        return new OpenId4VpTestSetup(directory, clock, wallet);
    }

    /// <summary>Issues a KYC SD-JWT VC to a new wallet key and stores it in the wallet.</summary>
    public async Task<string> IssueToWalletAsync(PrivateKey? issuerKey = null)
    {
        var holder = await Wallet.GenerateKeyAsync(KeyType.Ed25519);
        var key = issuerKey ?? _issuerKey;
        var token = await new SdJwtVcIssuer(new KeySigner(key, DidKey.GetVerificationMethodId(key.PublicKey)), timeProvider: Clock).IssueAsync(new SdJwtVcIssuanceRequest
        {
            Issuer = DidKey.Create(key.PublicKey),
            Vct = KycVct,
            Claims = new JsonObject
            {
                ["given_name"] = "Ji-woo",
                ["family_name"] = "Kim",
                ["birthdate"] = "1990-04-12",
                ["nationality"] = "KR",
                ["address"] = new JsonObject { ["locality"] = "Seoul", ["country"] = "KR" },
                ["kyc_level"] = "enhanced",
                ["age_over_18"] = true,
            },
            Disclosable = ["/given_name", "/family_name", "/birthdate", "/nationality", "/address", "/address/locality", "/kyc_level", "/age_over_18"],
            HolderPublicKey = holder.PublicKey,
            ExpiresAt = Clock.GetUtcNow().AddYears(1),
        });
        var imported = await Wallet.ImportCredentialAsync(token.ToCompact(), new CredentialVerifier(Resolver, new CredentialVerifierOptions { AllowUncheckedStatus = true }, Clock,
            formatHandlers: [new SdJwtVcFormatHandler(null, null, new SdJwtVerifierOptions { RequireKeyBinding = false, AllowUncheckedStatus = true })]));
        Assert.That(imported.Succeeded, Is.True, string.Join("; ", imported.Problems));
        return imported.Credential!.Id;
    }

    public OpenId4VpVerifierOptions Options(string prefix = OpenId4VpClientIdPrefix.DecentralizedIdentifier, string responseUri = ResponseUri, string requestUriBase = RequestUriBase, bool allowLoopbackHttp = false) => new()
    {
        ClientIdPrefix = prefix,
        VerifierDid = VerifierDid,
        ResponseUri = responseUri,
        RequestUriBase = requestUriBase,
        AllowLoopbackHttp = allowLoopbackHttp,
    };

    public static SdJwtVcVerifier SdJwtVerifier(TimeProvider clock, ITrustPolicy? trustPolicy = null) =>
        new(new SdJwtVerifierOptions { AllowUncheckedStatus = true }, Resolver, trustPolicy: trustPolicy, timeProvider: clock);

    public OpenId4VpVerifier CreateVerifier(OpenId4VpVerifierOptions? options = null, ITrustPolicy? trustPolicy = null) =>
        new(options ?? Options(), Store, SdJwtVerifier(Clock, trustPolicy), new PresentationVerifier(new CredentialVerifier(Resolver, new CredentialVerifierOptions { AllowUncheckedStatus = true }, Clock, trustPolicy)),
            VerifierSigner, Clock);

    /// <summary>The wallet answers <paramref name="query"/> for the given audience and nonce: the vp_token JSON text.</summary>
    public async Task<string> PresentAsync(JsonObject query, string audience, string nonce)
    {
        var result = await Wallet.QueryAsync(query.ToJsonString());
        Assert.That(result.Succeeded, Is.True);
        return (await Wallet.PresentAsync(result, audience, nonce)).ToJsonString();
    }

    public async ValueTask DisposeAsync()
    {
        await Wallet.DisposeAsync();
        _issuerKey.Dispose();
        _verifierKey.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}
