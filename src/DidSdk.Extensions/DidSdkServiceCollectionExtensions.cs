using DidSdk.Core.Methods;
using DidSdk.Core.Resolution;
using DidSdk.Credentials;
using DidSdk.Crypto;
using DidSdk.Ethereum.Ethr;
using DidSdk.Ethereum.Rpc;
using DidSdk.SdJwt;
using DidSdk.SdJwt.TokenStatus;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DidSdk.Extensions;

/// <summary>Registers DidSdk in a <see cref="IServiceCollection"/>.</summary>
public static class DidSdkServiceCollectionExtensions
{
    // Long-lived clients (the resolvers are singletons) recycle connections so DNS changes are seen.
    private static readonly TimeSpan PooledConnectionLifetime = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Registers DidSdk with settings bound from <paramref name="configuration"/> (e.g. <c>Configuration.GetSection("DidSdk")</c>;
    /// see <see cref="DidSdkOptions"/>).
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The configuration section holding <see cref="DidSdkOptions"/>.</param>
    /// <returns><paramref name="services"/>.</returns>
    public static IServiceCollection AddDidSdk(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return services.AddDidSdk(options => configuration.Bind(options));
    }

    /// <summary>
    /// Registers DidSdk: <see cref="IDidResolver"/> (a <see cref="CachingDidResolver"/> over a
    /// <see cref="CompositeDidResolver"/> of the configured methods), <see cref="CredentialVerifier"/> (with SD-JWT VC
    /// support), <see cref="SdJwtVcVerifier"/>, <see cref="IStatusListCredentialFetcher"/>, <see cref="IStatusListFetcher"/>,
    /// and the named clients of <see cref="DidSdkHttpClientNames"/>. Registrations already present (a
    /// <see cref="TimeProvider"/>, an <see cref="ITrustPolicy"/>, ...) are kept; extra <see cref="IDidMethodResolver"/>
    /// registrations join the composite resolver and replace a built-in one for the same method.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Adjusts the settings; <see langword="null"/> for the defaults.</param>
    /// <returns><paramref name="services"/>.</returns>
    public static IServiceCollection AddDidSdk(this IServiceCollection services, Action<DidSdkOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var optionsBuilder = services.AddOptions<DidSdkOptions>();
        if (configure is not null)
        {
            optionsBuilder.Configure(configure);
        }

        optionsBuilder.Validate(o => o.Validate().Count == 0, "DidSdk settings are not valid; see DidSdkOptions.Validate().");
        services.TryAddSingleton(TimeProvider.System);
        services.AddLogging();
        // Which handlers a named client gets is fixed at registration, so the switch is read now.
        var atRegistration = new DidSdkOptions();
        configure?.Invoke(atRegistration);
        AddHttpClients(services, atRegistration.UseStandardResilience);

        services.TryAddSingleton(sp => new CompositeDidResolver(CreateMethodResolvers(sp)));
        services.TryAddSingleton(sp =>
        {
            var options = Options(sp);
            return new CachingDidResolver(
                sp.GetRequiredService<CompositeDidResolver>(),
                new CachingDidResolverOptions { TimeToLive = options.CacheTimeToLive, MaxEntries = options.CacheMaxEntries },
                sp.GetRequiredService<TimeProvider>());
        });
        services.TryAddSingleton<IDidResolver>(sp => new LoggingDidResolver(
            sp.GetRequiredService<CachingDidResolver>(),
            sp.GetRequiredService<ILogger<LoggingDidResolver>>()));

        services.TryAddSingleton<IStatusListCredentialFetcher>(sp => new HttpStatusListCredentialFetcher(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(DidSdkHttpClientNames.StatusList),
            sp.GetRequiredService<TimeProvider>())
        {
            AllowHttpForLoopback = Options(sp).AllowHttpForLoopback,
        });
        services.TryAddSingleton<IStatusListFetcher>(sp => new HttpStatusListFetcher(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(DidSdkHttpClientNames.StatusList),
            new HttpStatusListFetcherOptions { AllowHttpForLoopback = Options(sp).AllowHttpForLoopback, Timeout = Options(sp).HttpTimeout },
            sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => new TokenStatusChecker(sp.GetRequiredService<IStatusListFetcher>(), null, sp.GetRequiredService<TimeProvider>()));

        services.TryAddSingleton(sp => new CredentialVerifier(
            sp.GetRequiredService<IDidResolver>(),
            new CredentialVerifierOptions(),
            sp.GetRequiredService<TimeProvider>(),
            TrustPolicy(sp),
            sp.GetRequiredService<IStatusListCredentialFetcher>(),
            [new SdJwtVcFormatHandler(null, null, null, sp.GetRequiredService<TokenStatusChecker>())]));
        services.TryAddSingleton(sp => new SdJwtVcVerifier(
            null,
            sp.GetRequiredService<IDidResolver>(),
            null,
            sp.GetRequiredService<TokenStatusChecker>(),
            TrustPolicy(sp),
            sp.GetRequiredService<TimeProvider>()));
        return services;
    }

    private static DidSdkOptions Options(IServiceProvider services) => services.GetRequiredService<IOptions<DidSdkOptions>>().Value;

    private static ITrustPolicy? TrustPolicy(IServiceProvider services)
    {
        if (services.GetService<ITrustPolicy>() is { } registered)
        {
            return registered;
        }

        return Options(services).TrustedIssuers is { Length: > 0 } issuers ? new TrustedIssuersPolicy(issuers) : null;
    }

    private static void AddHttpClients(IServiceCollection services, bool useStandardResilience)
    {
        // Redirects are followed by DidSdk itself (same origin only, counted), never by the handler.
        static HttpMessageHandler Primary() => new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = PooledConnectionLifetime };

        foreach (var name in (string[])[DidSdkHttpClientNames.DidWeb, DidSdkHttpClientNames.StatusList])
        {
            var client = services.AddHttpClient(name).ConfigurePrimaryHttpMessageHandler(Primary);
            if (useStandardResilience)
            {
                // Only idempotent requests (GET) are retried.
                client.AddStandardResilienceHandler(resilience => resilience.Retry.DisableForUnsafeHttpMethods());
            }
        }

        services.AddHttpClient(DidSdkHttpClientNames.EthereumRpc).ConfigurePrimaryHttpMessageHandler(Primary);
    }

    private static List<IDidMethodResolver> CreateMethodResolvers(IServiceProvider services)
    {
        var options = Options(services);
        var time = services.GetRequiredService<TimeProvider>();
        var byMethod = new Dictionary<string, IDidMethodResolver>(StringComparer.Ordinal);
        foreach (var method in options.EffectiveMethods)
        {
            byMethod[method] = method switch
            {
                "key" => new DidKeyResolver(),
                "jwk" => new DidJwkResolver(),
                "web" => new DidWebResolver(
                    services.GetRequiredService<IHttpClientFactory>().CreateClient(DidSdkHttpClientNames.DidWeb),
                    new DidWebOptions { AllowHttpForLoopback = options.AllowHttpForLoopback, Timeout = options.HttpTimeout },
                    time),
                "ethr" => CreateEthrResolver(services, options, time),
                _ => throw new OptionsValidationException(nameof(DidSdkOptions), typeof(DidSdkOptions), [$"Unknown DID method '{method}'."]),
            };
        }

        // The application's own method resolvers (e.g. did:ethr over Nethereum) win over the built-in ones.
        foreach (var resolver in services.GetServices<IDidMethodResolver>())
        {
            byMethod[resolver.Method] = resolver;
        }

        return [.. byMethod.Values];
    }

    private static EthrDidResolver CreateEthrResolver(IServiceProvider services, DidSdkOptions options, TimeProvider time)
    {
        var factory = services.GetRequiredService<IHttpClientFactory>();
        var networks = options.EthrNetworks.Select(pair => new EthrNetwork
        {
            Name = pair.Key,
            ChainId = pair.Value.ChainId,
            Registry = EthereumAddress.Parse(pair.Value.Registry!),
            Rpc = new EthereumRpcClient(
                factory.CreateClient(DidSdkHttpClientNames.EthereumRpc),
                new EthereumRpcOptions { Endpoint = pair.Value.RpcUrl!, Timeout = pair.Value.RpcTimeout },
                time),
        }).ToList();
        return new EthrDidResolver(new EthrDidResolverOptions { Networks = networks }, time);
    }
}
