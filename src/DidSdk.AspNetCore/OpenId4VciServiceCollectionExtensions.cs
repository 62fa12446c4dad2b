using DidSdk.Core.Jose;
using DidSdk.OpenId4Vc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DidSdk.AspNetCore;

/// <summary>Registers the OpenID4VCI issuer service.</summary>
public static class OpenId4VciServiceCollectionExtensions
{
    /// <summary>The service key under which the issuer's credential <see cref="ISigner"/> is registered (a keyed service).</summary>
    public const string IssuerSignerKey = "DidSdk.OpenId4Vci.IssuerSigner";

    /// <summary>
    /// Adds <see cref="OpenId4VciIssuer"/> configured through <see cref="OpenId4VciIssuerOptions"/> (validated at start).
    /// The application also registers an <see cref="IOpenId4VcStateStore"/> (for example with
    /// <see cref="AddOpenId4VcSqliteStateStore"/>), an <see cref="ICredentialClaimsProvider"/>, and its credential signer as
    /// a keyed <see cref="ISigner"/> under <see cref="IssuerSignerKey"/>; a <see cref="TimeProvider"/> and an
    /// <see cref="IOpenId4VciNotificationHandler"/> (which turns on the notification endpoint) and an
    /// <see cref="IOpenId4VciIssuanceDecider"/> (which turns on deferred issuance) and an
    /// <see cref="IOpenId4VciAuthorizationHandler"/> (which turns on the Authorization Code Flow for the
    /// <see cref="OpenId4VciIssuerOptions.AuthorizationClients"/>) are used when registered.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the options (bind them from configuration here if wanted).</param>
    public static IServiceCollection AddOpenId4VciIssuer(this IServiceCollection services, Action<OpenId4VciIssuerOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<OpenId4VciIssuerOptions>()
            .Configure(configure)
            .Validate(static options =>
            {
                options.Validate();
                return true;
            })
            .ValidateOnStart();
        services.AddSingleton(static sp => new OpenId4VciIssuer(
            sp.GetRequiredService<IOptions<OpenId4VciIssuerOptions>>().Value,
            sp.GetRequiredService<IOpenId4VcStateStore>(),
            sp.GetRequiredService<ICredentialClaimsProvider>(),
            sp.GetRequiredKeyedService<ISigner>(IssuerSignerKey),
            sp.GetService<TimeProvider>(),
            sp.GetService<IOpenId4VciNotificationHandler>(),
            sp.GetService<IOpenId4VciIssuanceDecider>(),
            sp.GetService<IOpenId4VciAuthorizationHandler>()));
        return services;
    }

    /// <summary>Registers a <see cref="SqliteOpenId4VcStateStore"/> on the database file at <paramref name="path"/>.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="path">The SQLite file.</param>
    public static IServiceCollection AddOpenId4VcSqliteStateStore(this IServiceCollection services, string path)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrEmpty(path);
        services.AddSingleton<IOpenId4VcStateStore>(new SqliteOpenId4VcStateStore(path));
        return services;
    }
}
