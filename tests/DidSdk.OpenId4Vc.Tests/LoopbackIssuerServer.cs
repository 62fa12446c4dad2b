using DidSdk.AspNetCore;
using DidSdk.Core.Jose;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DidSdk.OpenId4Vc.Tests;

/// <summary>The issuer service as a bank embeds it: Kestrel on a loopback port, the endpoints mapped by DidSdk.AspNetCore.</summary>
internal sealed class LoopbackIssuerServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LoopbackIssuerServer(WebApplication app, string issuerUrl, Uri listenUri)
    {
        _app = app;
        IssuerUrl = issuerUrl;
        ListenUri = listenUri;
    }

    public string IssuerUrl { get; }

    public Uri ListenUri { get; }

    public OpenId4VciIssuer Issuer => _app.Services.GetRequiredService<OpenId4VciIssuer>();

    public HttpClient Http { get; } = new();

    public static async Task<LoopbackIssuerServer> StartAsync(TestIssuerSetup setup, bool allowLoopbackHttp = true, Action<OpenId4VciIssuerOptions>? configure = null)
    {
        var port = TestIssuerSetup.FreeLoopbackPort();
        var listen = new Uri($"http://127.0.0.1:{port}");

        // Without the development option the issuer must be an https URL; the server still listens on plain HTTP, so every
        // request arrives insecure and must be refused.
        var issuerUrl = $"{(allowLoopbackHttp ? "http" : "https")}://127.0.0.1:{port}/oid4vci";
        var template = setup.Options(issuerUrl, allowLoopbackHttp);
        configure?.Invoke(template);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(listen.AbsoluteUri);
        builder.Logging.ClearProviders();
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
        var app = builder.Build();
        app.MapOpenId4VciIssuer("/oid4vci");
        await app.StartAsync();
        return new LoopbackIssuerServer(app, issuerUrl, listen);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
