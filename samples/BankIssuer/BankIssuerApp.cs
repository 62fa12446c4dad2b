using DidSdk.AspNetCore;
using DidSdk.Core.Jose;
using DidSdk.OpenId4Vc;

namespace BankIssuer;

/// <summary>The service's parts, so that the program and the tests compose the same application.</summary>
internal static class BankIssuerApp
{
    /// <summary>The issuer: state in SQLite or PostgreSQL, the back office's claims, credentials signed with the bank's key.</summary>
    public static void AddBankIssuer(this WebApplicationBuilder builder, BankIssuerSettings settings)
    {
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton<OfferedClaims>();
        builder.Services.AddSingleton<ICredentialClaimsProvider>(sp => sp.GetRequiredService<OfferedClaims>());
        settings.Store.AddTo(builder.Services);
        builder.Services.AddKeyedSingleton<ISigner>(OpenId4VciServiceCollectionExtensions.IssuerSignerKey, settings.Signer);
        builder.Services.AddOpenId4VciIssuer(settings.Configure);
    }

    /// <summary>The protocol endpoints under <see cref="BankIssuerSettings.BasePath"/> and the back office.</summary>
    public static void MapBankIssuer(this WebApplication app, BankIssuerSettings settings)
    {
        app.MapOpenId4VciIssuer(BankIssuerSettings.BasePath);
        app.MapBackOffice(settings);
    }
}
