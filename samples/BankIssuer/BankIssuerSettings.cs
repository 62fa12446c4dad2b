using DidSdk.Core.Jose;
using DidSdk.Core.Methods;
using DidSdk.Crypto;
using DidSdk.OpenId4Vc;
using BankSamples;

namespace BankIssuer;

/// <summary>
/// The sample's settings from the command line: <c>--urls</c> (the first is the Credential Issuer's origin),
/// <c>--store sqlite:FILE|postgres:CONNSTRING</c> (default a SQLite file in the temporary directory), <c>--key FILE</c> (the bank's private
/// Ed25519 JWK; default a key made at start) and <c>--admin-urls</c> (where the back office listens; default the
/// protocol URLs).
/// </summary>
internal sealed class BankIssuerSettings : IDisposable
{
    public const string BasePath = "/oid4vci";
    public const string KycVct = "https://kyc.consortium.example/credentials/kyc/v1";
    public const string KycConfigurationId = "KycCredential";

    private readonly PrivateKey _key;

    private BankIssuerSettings(IReadOnlyList<Uri> urls, IReadOnlyList<Uri> adminUrls, StateStoreSetting store, PrivateKey key)
    {
        Urls = urls;
        AdminUrls = adminUrls;
        Store = store;
        _key = key;
        IssuerDid = DidKey.Create(key.PublicKey);
        Signer = new KeySigner(key, DidKey.GetVerificationMethodId(key.PublicKey));
        CredentialIssuer = urls[0].GetLeftPart(UriPartial.Authority) + BasePath;
        AllowLoopbackHttp = urls.Any(u => u.Scheme == Uri.UriSchemeHttp);
        BackOfficePorts = [.. (adminUrls.Count > 0 ? adminUrls : urls).Select(u => u.Port)];
    }

    public IReadOnlyList<Uri> Urls { get; }

    public IReadOnlyList<Uri> AdminUrls { get; }

    /// <summary>The local ports on which the back-office endpoints answer; every other port gets 404 for them.</summary>
    public IReadOnlyList<int> BackOfficePorts { get; }

    /// <summary>Where the protocol state (offers, codes, tokens, nonces) is kept.</summary>
    public StateStoreSetting Store { get; }

    public string IssuerDid { get; }

    public ISigner Signer { get; }

    public string CredentialIssuer { get; }

    /// <summary>Plain HTTP is the development case: accepted only on loopback addresses (checked below and by the issuer).</summary>
    public bool AllowLoopbackHttp { get; }

    public static BankIssuerSettings From(IConfiguration configuration)
    {
        var urls = ServiceSettings.ParseUrls(configuration["urls"], "--urls") is { Count: > 0 } u ? u : throw new ArgumentException("--urls is required, e.g. --urls http://127.0.0.1:5080");
        var adminUrls = ServiceSettings.ParseUrls(configuration["admin-urls"], "--admin-urls");
        var store = StateStoreSetting.Parse(configuration["store"], Path.Combine(Path.GetTempPath(), $"bank-issuer-{Environment.ProcessId}.db"));
        var key = configuration["key"] is { } keyFile ? ServiceSettings.ReadKey(keyFile) : PrivateKey.Generate(KeyType.Ed25519);
        return new BankIssuerSettings(urls, adminUrls, store, key);
    }

    /// <summary>The issuer's options: one SD-JWT VC configuration for the consortium's KYC credential.</summary>
    public void Configure(OpenId4VciIssuerOptions options)
    {
        options.CredentialIssuer = CredentialIssuer;
        options.IssuerDid = IssuerDid;
        options.AllowLoopbackHttp = AllowLoopbackHttp;
        options.Display = [new DisplayProperties { Name = "Bank A", Locale = "en" }];
        options.CredentialConfigurations =
        [
            new CredentialConfiguration
            {
                Id = KycConfigurationId,
                Format = CredentialConfiguration.SdJwtVcFormat,
                Vct = KycVct,
                DisclosableClaims = ["/given_name", "/family_name", "/birthdate", "/nationality", "/address", "/kyc_level", "/age_over_18"],
                Display = [new DisplayProperties { Name = "KYC credential", Locale = "en" }],
            },
        ];
    }

    public void Dispose() => _key.Dispose();
}
