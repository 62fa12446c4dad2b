using DidSdk.AspNetCore;
using DidSdk.Core.Jose;
using DidSdk.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace DidSdk.OpenId4Vc.Tests;

/// <summary>The verifier service as a bank embeds it: Kestrel on a loopback port the system assigned, the endpoints mapped by DidSdk.AspNetCore.</summary>
internal sealed class OpenId4VpLoopbackVerifier : IAsyncDisposable
{
    private readonly LoopbackWebHost _host;

    private OpenId4VpLoopbackVerifier(LoopbackWebHost host)
    {
        _host = host;
        BaseUri = new Uri(host.BaseUrl);
    }

    public Uri BaseUri { get; }

    public OpenId4VpVerifier Verifier => _host.Services.GetRequiredService<OpenId4VpVerifier>();

    public HttpClient Http { get; } = new();

    /// <param name="setup">The parties.</param>
    /// <param name="responseHost">The host named in response_uri (default the listening address).</param>
    /// <param name="configure">Further settings (for example the response mode).</param>
    public static async Task<OpenId4VpLoopbackVerifier> StartAsync(OpenId4VpTestSetup setup, string? responseHost = null, Action<OpenId4VpVerifierOptions>? configure = null)
    {
        var host = await LoopbackWebHost.StartAsync(
            (builder, baseUrl) =>
            {
                var port = new Uri(baseUrl).Port;
                builder.Services.AddSingleton<IOpenId4VcStateStore>(setup.Store);
                builder.Services.AddSingleton<TimeProvider>(setup.Clock);
                builder.Services.AddSingleton(OpenId4VpTestSetup.SdJwtVerifier(setup.Clock));
                builder.Services.AddKeyedSingleton<ISigner>(OpenId4VpServiceCollectionExtensions.RequestSignerKey, setup.VerifierSigner);
                builder.Services.AddOpenId4VpVerifier(o =>
                {
                    o.VerifierDid = setup.VerifierDid;
                    o.ResponseUri = $"http://{responseHost ?? "127.0.0.1"}:{port}/oid4vp/response";
                    o.RequestUriBase = $"{baseUrl}/oid4vp/request";
                    o.AllowLoopbackHttp = true;
                    configure?.Invoke(o);
                });
            },
            (app, _) => app.MapOpenId4VpVerifier("/oid4vp"));
        return new OpenId4VpLoopbackVerifier(host);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _host.DisposeAsync();
    }
}
