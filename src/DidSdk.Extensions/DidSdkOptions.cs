namespace DidSdk.Extensions;

/// <summary>
/// The settings <see cref="DidSdkServiceCollectionExtensions.AddDidSdk(Microsoft.Extensions.DependencyInjection.IServiceCollection, Microsoft.Extensions.Configuration.IConfiguration)"/>
/// binds, typically from the <c>DidSdk</c> section of <c>appsettings.json</c>.
/// </summary>
public sealed class DidSdkOptions
{
    /// <summary>The DID methods the composite resolver uses, by name.</summary>
    public static IReadOnlyList<string> DefaultMethods { get; } = ["key", "jwk", "web"];

    /// <summary>
    /// The DID methods to resolve: any of <c>key</c>, <c>jwk</c>, <c>web</c>, <c>ethr</c>. <see langword="null"/>
    /// (not configured) means <see cref="DefaultMethods"/>; <c>ethr</c> needs <see cref="EthrNetworks"/>.
    /// </summary>
#pragma warning disable CA1819 // A bindable settings array: configuration binding replaces it as a whole.
    public string[]? Methods { get; set; }

    /// <summary>Issuer DIDs the credential verifiers trust; empty or <see langword="null"/> accepts any issuer whose signature verifies.</summary>
    public string[]? TrustedIssuers { get; set; }
#pragma warning restore CA1819

    /// <summary>did:ethr networks by the name DIDs use for them (<c>mainnet</c>, <c>sepolia</c>, <c>consortium</c>, ...).</summary>
#pragma warning disable CA2227 // A bindable settings dictionary.
    public Dictionary<string, EthrNetworkSettings> EthrNetworks { get; set; } = new(StringComparer.Ordinal);
#pragma warning restore CA2227

    /// <summary>How long a resolved DID document is cached (default 5 minutes; zero turns caching off).</summary>
    public TimeSpan CacheTimeToLive { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The most DID documents cached (default 10,000).</summary>
    public int CacheMaxEntries { get; set; } = 10_000;

    /// <summary>The timeout of one did:web or status list fetch (default 10 seconds).</summary>
    public TimeSpan HttpTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Fetch did:web documents and status lists over plain HTTP from loopback addresses (development and tests only).
    /// Off by default: HTTPS only.
    /// </summary>
    public bool AllowHttpForLoopback { get; set; }

    /// <summary>
    /// Add the standard resilience pipeline (retries with backoff, circuit breaker, timeouts) to the did:web and status
    /// list clients (GET only). The Ethereum JSON-RPC client retries by itself and gets none. Default on.
    /// </summary>
    public bool UseStandardResilience { get; set; } = true;

    internal IReadOnlyList<string> EffectiveMethods => Methods is { Length: > 0 } methods ? methods : DefaultMethods;

    /// <summary>Checks the settings; returns the problems found (empty when valid).</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        foreach (var method in EffectiveMethods)
        {
            if (method is not ("key" or "jwk" or "web" or "ethr"))
            {
                problems.Add($"DidSdk:Methods: '{method}' is not a DID method this package resolves (key, jwk, web, ethr).");
            }
        }

        if (EffectiveMethods.Contains("ethr") && EthrNetworks.Count == 0)
        {
            problems.Add("DidSdk:Methods includes 'ethr' but DidSdk:EthrNetworks is empty.");
        }

        foreach (var (name, network) in EthrNetworks)
        {
            problems.AddRange(network.Validate(name));
        }

        if (CacheTimeToLive < TimeSpan.Zero)
        {
            problems.Add("DidSdk:CacheTimeToLive must not be negative.");
        }

        if (CacheMaxEntries < 1)
        {
            problems.Add("DidSdk:CacheMaxEntries must be at least 1.");
        }

        if (HttpTimeout <= TimeSpan.Zero)
        {
            problems.Add("DidSdk:HttpTimeout must be positive.");
        }

        return problems;
    }
}
