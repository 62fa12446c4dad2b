using DidSdk.Core.Jose;
using DidSdk.Credentials;
using DidSdk.OpenId4Vc;
using DidSdk.SdJwt;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DidSdk.AspNetCore;

/// <summary>Registers the OpenID4VP verifier service.</summary>
public static class OpenId4VpServiceCollectionExtensions
{
    /// <summary>The service key under which the verifier's Request Object <see cref="ISigner"/> is registered (a keyed service).</summary>
    public const string RequestSignerKey = "DidSdk.OpenId4Vp.RequestSigner";

    /// <summary>
    /// Adds <see cref="OpenId4VpVerifier"/> configured through <see cref="OpenId4VpVerifierOptions"/> (validated at start).
    /// The application also registers an <see cref="IOpenId4VcStateStore"/>, an <see cref="SdJwtVcVerifier"/> (built with
    /// its resolver, status checker and trust policy), optionally a <see cref="PresentationVerifier"/> for
    /// <c>jwt_vc_json</c>, and for the <c>decentralized_identifier</c> prefix its Request Object signer as a keyed
    /// <see cref="ISigner"/> under <see cref="RequestSignerKey"/>; a <see cref="TimeProvider"/> is used when registered.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the options (bind them from configuration here if wanted).</param>
    public static IServiceCollection AddOpenId4VpVerifier(this IServiceCollection services, Action<OpenId4VpVerifierOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<OpenId4VpVerifierOptions>()
            .Configure(configure)
            .Validate(static options =>
            {
                options.Validate();
                return true;
            })
            .ValidateOnStart();
        services.AddSingleton(static sp => new OpenId4VpVerifier(
            sp.GetRequiredService<IOptions<OpenId4VpVerifierOptions>>().Value,
            sp.GetRequiredService<IOpenId4VcStateStore>(),
            sp.GetRequiredService<SdJwtVcVerifier>(),
            sp.GetService<PresentationVerifier>(),
            sp.GetKeyedService<ISigner>(RequestSignerKey),
            sp.GetService<TimeProvider>()));
        return services;
    }
}
