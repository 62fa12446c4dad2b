using DidSdk.AspNetCore;
using DidSdk.Core.Jose;
using DidSdk.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace DidSdk.OpenId4Vc.Tests;

/// <summary>The issuer service as a bank embeds it: Kestrel on a loopback port the system assigned, the endpoints mapped by DidSdk.AspNetCore.</summary>
internal sealed class LoopbackIssuerServer : IAsyncDisposable
{
    private readonly LoopbackWebHost _host;

    private LoopbackIssuerServer(LoopbackWebHost host, string issuerUrl)
    {
        _host = host;
        IssuerUrl = issuerUrl;
        ListenUri = new Uri(host.BaseUrl);
    }

    public string IssuerUrl { get; }

    public Uri ListenUri { get; }

    public OpenId4VciIssuer Issuer => _host.Services.GetRequiredService<OpenId4VciIssuer>();

    public HttpClient Http { get; } = new();

    public static async Task<LoopbackIssuerServer> StartAsync(TestIssuerSetup setup, bool allowLoopbackHttp = true, Action<OpenId4VciIssuerOptions>? configure = null)
    {
        string? issuerUrl = null;
        var host = await LoopbackWebHost.StartAsync(
            (builder, baseUrl) =>
            {
                // Without the development option the issuer must be an https URL; the server still listens on plain HTTP, so every
                // request arrives insecure and must be refused.
                issuerUrl = allowLoopbackHttp ? $"{baseUrl}/oid4vci" : $"https{baseUrl["http".Length..]}/oid4vci";
                var template = setup.Options(issuerUrl, allowLoopbackHttp);
                configure?.Invoke(template);
                builder.Services.AddSingleton<IOpenId4VcStateStore>(setup.Store);
                builder.Services.AddSingleton<ICredentialClaimsProvider>(setup.Claims);
                builder.Services.AddSingleton<IOpenId4VciNotificationHandler>(setup.Notifications);
                builder.Services.AddSingleton<IOpenId4VciIssuanceDecider>(setup.Decider);
                builder.Services.AddKeyedSingleton<ISigner>(OpenId4VciServiceCollectionExtensions.IssuerSignerKey, setup.Signer);
                builder.Services.AddOpenId4VciIssuer(o =>
                {
                    o.CredentialIssuer = template.CredentialIssuer;
                    o.IssuerDid = template.IssuerDid;
                    o.AllowLoopbackHttp = template.AllowLoopbackHttp;
                    o.BatchSize = template.BatchSize;
                    o.MaxTxCodeAttempts = template.MaxTxCodeAttempts;
                    o.StatusListUri = template.StatusListUri;
                    o.Display = template.Display;
                    o.CredentialConfigurations = template.CredentialConfigurations;
                    o.MaxRequestBytes = template.MaxRequestBytes;
                });
            },
            (app, _) => app.MapOpenId4VciIssuer("/oid4vci"));
        return new LoopbackIssuerServer(host, issuerUrl!);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _host.DisposeAsync();
    }
}
