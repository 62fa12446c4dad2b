using System.Text.Json.Nodes;
using DidSdk.Core.Jose;
using DidSdk.Core.Methods;
using DidSdk.Core.Resolution;
using DidSdk.Credentials;
using DidSdk.Crypto;
using DidSdk.SdJwt;

namespace DidSdk.OpenId4Vc.Tests;

/// <summary>The bank side of the tests: an issuer key with a did:key, the configurations and a claims provider.</summary>
internal sealed class TestIssuerSetup : IDisposable
{
    public const string KycVct = "https://kyc.consortium.example/credentials/kyc/v1";
    public const string StatusListUri = "https://bank.example/status/1";
    public const string BitstringStatusListCredential = "https://bank.example/status/vc/1";
    public const string SdJwtConfigurationId = "KycSdJwt";
    public const string JwtVcConfigurationId = "KycJwtVc";
    public const string WalletClientId = "bank-wallet";
    public const string WalletRedirectUri = "https://wallet.example/oid4vci/cb";
    public const string OtherClientId = "other-wallet";
    public const string OtherRedirectUri = "https://other-wallet.example/cb";

    private readonly PrivateKey _key = PrivateKey.Generate(KeyType.Ed25519);

    public TestIssuerSetup(string directory)
    {
        Directory = directory;
        StorePath = Path.Combine(directory, "issuer-state.db");
        Store = new SqliteOpenId4VcStateStore(StorePath);
    }

    public string Directory { get; }

    public string StorePath { get; }

    public SqliteOpenId4VcStateStore Store { get; }

    public CountingClaimsProvider Claims { get; } = new();

    public RecordingNotificationHandler Notifications { get; } = new();

    public SwitchableIssuanceDecider Decider { get; } = new();

    public string Did => DidKey.Create(_key.PublicKey);

    public KeySigner Signer => new(_key, DidKey.GetVerificationMethodId(_key.PublicKey));

    public OpenId4VciIssuerOptions Options(string credentialIssuer, bool allowLoopbackHttp = true) => new()
    {
        CredentialIssuer = credentialIssuer,
        IssuerDid = Did,
        AllowLoopbackHttp = allowLoopbackHttp,
        BatchSize = 3,
        MaxTxCodeAttempts = 3,
        StatusListUri = StatusListUri,
        BitstringStatusListCredential = BitstringStatusListCredential,
        AuthorizationClients =
        [
            new OpenId4VciClientRegistration { ClientId = WalletClientId, RedirectUris = [WalletRedirectUri] },
            new OpenId4VciClientRegistration { ClientId = OtherClientId, RedirectUris = [OtherRedirectUri] },
        ],
        Display = [new DisplayProperties { Name = "Example Bank", Locale = "en", LogoUri = "https://bank.example/logo.png", LogoAltText = "Example Bank logo" }],
        CredentialConfigurations =
        [
            new CredentialConfiguration
            {
                Id = SdJwtConfigurationId,
                Format = CredentialConfiguration.SdJwtVcFormat,
                Vct = KycVct,
                Scope = "kyc_sd_jwt",
                DisclosableClaims = ["/given_name", "/family_name", "/birthdate", "/address", "/address/locality", "/kyc_level"],
                Display = [new DisplayProperties { Name = "KYC credential", Locale = "en", BackgroundColor = "#12107c", TextColor = "#ffffff" }],
            },
            new CredentialConfiguration
            {
                Id = JwtVcConfigurationId,
                Format = CredentialConfiguration.JwtVcJsonFormat,
                Types = ["VerifiableCredential", "KycCredential"],
                Display = [new DisplayProperties { Name = "KYC credential (VC-JWT)", Locale = "en" }],
            },
        ],
    };

    public OpenId4VciIssuer CreateIssuer(string credentialIssuer, TimeProvider? clock = null, Action<OpenId4VciIssuerOptions>? configure = null,
        bool withNotifications = false, bool withDeferred = false, IOpenId4VciAuthorizationHandler? authorizationHandler = null)
    {
        var options = Options(credentialIssuer);
        configure?.Invoke(options);
        return new OpenId4VciIssuer(options, Store, Claims, Signer, clock, withNotifications ? Notifications : null, withDeferred ? Decider : null, authorizationHandler);
    }

    public static CredentialVerifier Verifier(TimeProvider? clock = null) => new(
        new CompositeDidResolver(new DidKeyResolver(), new DidJwkResolver()),
        new CredentialVerifierOptions { AllowUncheckedStatus = true },
        clock,
        formatHandlers: [new SdJwtVcFormatHandler(null, null, new SdJwtVerifierOptions { RequireKeyBinding = false, AllowUncheckedStatus = true })]);

    public void Dispose() => _key.Dispose();
}

/// <summary>The bank's claims: KYC claims for known customers, a refusal for <c>denied</c>; counts the calls.</summary>
internal sealed class CountingClaimsProvider : ICredentialClaimsProvider
{
    private int _calls;

    public int Calls => Volatile.Read(ref _calls);

    public Task<CredentialClaims?> GetClaimsAsync(CredentialClaimsRequest request, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _calls);
        if (request.Subject == "denied")
        {
            return Task.FromResult<CredentialClaims?>(null);
        }

        return Task.FromResult<CredentialClaims?>(new CredentialClaims(new JsonObject
        {
            ["given_name"] = "Ji-woo",
            ["family_name"] = "Kim",
            ["birthdate"] = "1990-04-12",
            ["address"] = new JsonObject { ["locality"] = "Seoul", ["country"] = "KR" },
            ["kyc_level"] = "enhanced",
            ["customer"] = request.Subject,
        }));
    }
}
