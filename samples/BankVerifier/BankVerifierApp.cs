using DidSdk.AspNetCore;
using DidSdk.Core.Jose;
using DidSdk.Core.Methods;
using DidSdk.Core.Resolution;
using DidSdk.Credentials;
using DidSdk.SdJwt;
using DidSdk.SdJwt.TokenStatus;

namespace BankVerifier;

/// <summary>The service's parts, so that the program and the tests compose the same application.</summary>
internal static class BankVerifierApp
{
    /// <summary>
    /// The verifier: sessions in SQLite, SD-JWT VCs checked against the issuer's DID (did:key, did:jwk), the status list
    /// the credential names, and the bank's list of trusted issuers; requests signed with the bank's key.
    /// </summary>
    public static void AddBankVerifier(this WebApplicationBuilder builder, BankVerifierSettings settings)
    {
        builder.Services.AddSingleton(settings);
        builder.Services.AddOpenId4VcSqliteStateStore(settings.StorePath);
        builder.Services.AddHttpClient();
        builder.Services.AddSingleton(sp => new SdJwtVcVerifier(
            new SdJwtVerifierOptions(),
            new CachingDidResolver(new CompositeDidResolver(new DidKeyResolver(), new DidJwkResolver())),
            statusChecker: new TokenStatusChecker(new HttpStatusListFetcher(sp.GetRequiredService<IHttpClientFactory>().CreateClient("status"))),
            trustPolicy: new TrustedIssuersPolicy(settings.TrustedIssuers)));
        builder.Services.AddKeyedSingleton<ISigner>(OpenId4VpServiceCollectionExtensions.RequestSignerKey, settings.Signer);
        builder.Services.AddOpenId4VpVerifier(settings.Configure);
    }

    /// <summary>The protocol endpoints under <see cref="BankVerifierSettings.BasePath"/>, the back office and the teller page.</summary>
    public static void MapBankVerifier(this WebApplication app, BankVerifierSettings settings)
    {
        app.MapOpenId4VpVerifier(BankVerifierSettings.BasePath);
        app.MapBackOffice(settings);
        app.MapTellerPage(settings);
    }
}
