using DidSdk.AspNetCore;
using DidSdk.Core.Jose;
using DidSdk.Core.Methods;
using DidSdk.Core.Resolution;
using DidSdk.Consortium;
using DidSdk.Credentials;
using DidSdk.Ethereum.Ethr;
using DidSdk.SdJwt;
using DidSdk.SdJwt.TokenStatus;

namespace BankVerifier;

/// <summary>The service's parts, so that the program and the tests compose the same application.</summary>
internal static class BankVerifierApp
{
    /// <summary>
    /// The verifier: sessions in SQLite or PostgreSQL, SD-JWT VCs checked against the issuer's DID (did:key, did:jwk, and
    /// did:ethr with <c>--registry</c>), the status list the credential names, and the bank's list of trusted issuers
    /// and/or the consortium's registry; requests signed with the bank's key.
    /// </summary>
    public static void AddBankVerifier(this WebApplicationBuilder builder, BankVerifierSettings settings)
    {
        builder.Services.AddSingleton(settings);
        settings.Store.AddTo(builder.Services);
        builder.Services.AddHttpClient();
        builder.Services.AddSingleton(sp =>
        {
            var http = sp.GetRequiredService<IHttpClientFactory>();
            var resolver = new CachingDidResolver(new CompositeDidResolver(Methods(settings.Consortium, http)));
            return new SdJwtVcVerifier(
                new SdJwtVerifierOptions(),
                resolver,
                statusChecker: new TokenStatusChecker(new HttpStatusListFetcher(http.CreateClient("status"))),
                trustPolicy: TrustPolicy(settings, http, resolver));
        });
        builder.Services.AddKeyedSingleton<ISigner>(OpenId4VpServiceCollectionExtensions.RequestSignerKey, settings.Signer);
        builder.Services.AddOpenId4VpVerifier(settings.Configure);
    }

    private static List<IDidMethodResolver> Methods(ConsortiumSetting? consortium, IHttpClientFactory http)
    {
        List<IDidMethodResolver> methods = [new DidKeyResolver(), new DidJwkResolver()];
        if (consortium is { DidRegistry: { } registry, ChainId: { } chainId })
        {
            methods.Add(new EthrDidResolver(new EthrDidResolverOptions
            {
                Networks = [new EthrNetwork { ChainId = chainId, Rpc = consortium.Client(http.CreateClient("chain")), Registry = registry }],
            }));
        }

        return methods;
    }

    /// <summary>The list, the registry, or either: an issuer on the list is trusted; any other the registry decides on.</summary>
    private static ITrustPolicy TrustPolicy(BankVerifierSettings settings, IHttpClientFactory http, IDidResolver resolver)
    {
        var list = new TrustedIssuersPolicy(settings.TrustedIssuers);
        if (settings.Consortium is not { } consortium)
        {
            return list;
        }

        var registry = new ConsortiumTrustPolicy(consortium.Client(http.CreateClient("chain")), consortium.Contract, resolver: resolver);
        return settings.TrustedIssuers.Count == 0 ? registry : new ListOrRegistryPolicy(settings.TrustedIssuers, registry);
    }

    private sealed class ListOrRegistryPolicy(IReadOnlyList<string> trusted, ITrustPolicy registry) : ITrustPolicy
    {
        public ValueTask<TrustPolicyResult> EvaluateAsync(TrustPolicyContext context, CancellationToken cancellationToken = default) =>
            trusted.Contains(context.Issuer, StringComparer.Ordinal)
                ? ValueTask.FromResult(TrustPolicyResult.Trusted("trusted-issuer"))
                : registry.EvaluateAsync(context, cancellationToken);
    }

    /// <summary>The protocol endpoints under <see cref="BankVerifierSettings.BasePath"/>, the back office and the teller page.</summary>
    public static void MapBankVerifier(this WebApplication app, BankVerifierSettings settings)
    {
        app.MapOpenId4VpVerifier(BankVerifierSettings.BasePath);
        app.MapBackOffice(settings);
        app.MapTellerPage(settings);
    }
}
