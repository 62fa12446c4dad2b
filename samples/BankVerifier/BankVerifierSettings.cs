using DidSdk.Core.Jose;
using DidSdk.Core.Methods;
using DidSdk.Crypto;
using DidSdk.OpenId4Vc;
using BankSamples;

namespace BankVerifier;

/// <summary>
/// The sample's settings from the command line: <c>--urls</c> (the first is the verifier's origin), <c>--store
/// sqlite:FILE|postgres:CONNSTRING</c> (default a SQLite file in the temporary directory), <c>--key FILE</c> (the bank's
/// private Ed25519 JWK; its did:key signs the requests; default a key made at start), whom it trusts —
/// <c>--trusted-issuer DID</c> (repeatable) and/or <c>--consortium ADDRESS --rpc URL [--registry ADDRESS]</c> (the
/// consortium's trust registry on that chain; <c>--registry</c> is the ERC-1056 registry for did:ethr issuers) — and
/// <c>--admin-urls</c> (where the back office and the teller page listen; default the protocol URLs).
/// </summary>
internal sealed class BankVerifierSettings : IDisposable
{
    public const string BasePath = "/oid4vp";

    private readonly PrivateKey _key;

    private BankVerifierSettings(IReadOnlyList<Uri> urls, IReadOnlyList<Uri> adminUrls, StateStoreSetting store, PrivateKey key, IReadOnlyList<string> trustedIssuers, ConsortiumSetting? consortium)
    {
        Urls = urls;
        AdminUrls = adminUrls;
        Store = store;
        Consortium = consortium;
        TrustedIssuers = trustedIssuers;
        _key = key;
        VerifierDid = DidKey.Create(key.PublicKey);
        Signer = new KeySigner(key, DidKey.GetVerificationMethodId(key.PublicKey));
        Origin = urls[0].GetLeftPart(UriPartial.Authority);
        AllowLoopbackHttp = urls.Any(u => u.Scheme == Uri.UriSchemeHttp);
        BackOfficePorts = [.. (adminUrls.Count > 0 ? adminUrls : urls).Select(u => u.Port)];
    }

    public IReadOnlyList<Uri> Urls { get; }

    public IReadOnlyList<Uri> AdminUrls { get; }

    /// <summary>The local ports on which the back office and the teller page answer; every other port gets 404 for them.</summary>
    public IReadOnlyList<int> BackOfficePorts { get; }

    /// <summary>Where the sessions are kept.</summary>
    public StateStoreSetting Store { get; }

    /// <summary>The issuers whose credentials the bank accepts (DIDs, compared exactly).</summary>
    public IReadOnlyList<string> TrustedIssuers { get; }

    /// <summary>The consortium registry that accredits issuers, or <see langword="null"/> when only the list counts.</summary>
    public ConsortiumSetting? Consortium { get; }

    /// <summary>The bank's DID; the verifier's client id is <c>decentralized_identifier:</c> and this DID.</summary>
    public string VerifierDid { get; }

    public ISigner Signer { get; }

    /// <summary>The verifier's origin, e.g. <c>https://verifier.bank-b.example</c>.</summary>
    public string Origin { get; }

    /// <summary>Plain HTTP is the development case: accepted only on loopback addresses (checked below and by the verifier).</summary>
    public bool AllowLoopbackHttp { get; }

    /// <summary>The values of every <c>--trusted-issuer</c> in <paramref name="args"/> (configuration keeps only the last).</summary>
    public static IReadOnlyList<string> TrustedIssuersFrom(string[] args) =>
        [.. args.Zip(args.Skip(1)).Where(p => p.First == "--trusted-issuer").Select(p => p.Second)];

    /// <summary>Reads the settings; <paramref name="trustedIssuers"/> are the <c>--trusted-issuer</c> values (the option repeats).</summary>
    public static BankVerifierSettings From(IConfiguration configuration, IReadOnlyList<string> trustedIssuers)
    {
        var urls = ServiceSettings.ParseUrls(configuration["urls"], "--urls") is { Count: > 0 } u ? u : throw new ArgumentException("--urls is required, e.g. --urls http://127.0.0.1:5090");
        var adminUrls = ServiceSettings.ParseUrls(configuration["admin-urls"], "--admin-urls");
        if (adminUrls.Any(a => a.Port == 0))
        {
            // The back office is told apart from the protocol endpoints by the port a request arrived on.
            throw new ArgumentException("--admin-urls: give the back office a fixed port (port 0 only for --urls).");
        }

        if (trustedIssuers.Any(t => !t.StartsWith("did:", StringComparison.Ordinal)))
        {
            throw new ArgumentException("--trusted-issuer needs a DID.");
        }

        var consortium = ConsortiumSetting.From(configuration);
        if (trustedIssuers.Count == 0 && consortium is null)
        {
            throw new ArgumentException("--trusted-issuer DID (repeatable) and/or --consortium ADDRESS --rpc URL: say whom the bank trusts.");
        }

        var store = StateStoreSetting.Parse(configuration["store"], Path.Combine(Path.GetTempPath(), $"bank-verifier-{Environment.ProcessId}.db"));
        var key = configuration["key"] is { } keyFile ? ServiceSettings.ReadKey(keyFile) : PrivateKey.Generate(KeyType.Ed25519);
        return new BankVerifierSettings(urls, adminUrls, store, key, [.. trustedIssuers], consortium);
    }

    /// <summary>The verifier's options: requests signed by the bank's DID and served by reference; answers by direct_post.</summary>
    public void Configure(OpenId4VpVerifierOptions options)
    {
        options.VerifierDid = VerifierDid;
        options.RequestUriBase = Origin + BasePath + "/request";
        options.ResponseUri = Origin + BasePath + "/response";
        options.AllowLoopbackHttp = AllowLoopbackHttp;
    }

    public void Dispose() => _key.Dispose();
}
