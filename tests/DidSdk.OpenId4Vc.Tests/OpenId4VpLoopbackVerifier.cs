using DidSdk.AspNetCore;
using DidSdk.Core.Jose;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DidSdk.OpenId4Vc.Tests;

/// <summary>The verifier service as a bank embeds it: Kestrel on a loopback port, the endpoints mapped by DidSdk.AspNetCore.</summary>
internal sealed class OpenId4VpLoopbackVerifier : IAsyncDisposable
{
    private readonly WebApplication _app;

    private OpenId4VpLoopbackVerifier(WebApplication app, Uri baseUri)
    {
        _app = app;
        BaseUri = baseUri;
    }

    public Uri BaseUri { get; }

    public OpenId4VpVerifier Verifier => _app.Services.GetRequiredService<OpenId4VpVerifier>();

    public HttpClient Http { get; } = new();

    /// <param name="setup">The parties.</param>
    /// <param name="responseHost">The host named in response_uri (default the listening address).</param>
    /// <param name="configure">Further settings (for example the response mode).</param>
    public static async Task<OpenId4VpLoopbackVerifier> StartAsync(OpenId4VpTestSetup setup, string? responseHost = null, Action<OpenId4VpVerifierOptions>? configure = null)
    {
        var port = TestIssuerSetup.FreeLoopbackPort();
        var listen = new Uri($"http://127.0.0.1:{port}");
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(listen.AbsoluteUri);
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<IOpenId4VcStateStore>(setup.Store);
        builder.Services.AddSingleton<TimeProvider>(setup.Clock);
        builder.Services.AddSingleton(OpenId4VpTestSetup.SdJwtVerifier(setup.Clock));
        builder.Services.AddKeyedSingleton<ISigner>(OpenId4VpServiceCollectionExtensions.RequestSignerKey, setup.VerifierSigner);
        builder.Services.AddOpenId4VpVerifier(o =>
        {
            o.VerifierDid = setup.VerifierDid;
            o.ResponseUri = $"http://{responseHost ?? "127.0.0.1"}:{port}/oid4vp/response";
            o.RequestUriBase = $"http://127.0.0.1:{port}/oid4vp/request";
            o.AllowLoopbackHttp = true;
            configure?.Invoke(o);
        });
        var app = builder.Build();
        app.MapOpenId4VpVerifier("/oid4vp");
        await app.StartAsync();
        return new OpenId4VpLoopbackVerifier(app, listen);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
