using KycQuickStart;
using Microsoft.AspNetCore.Builder;

namespace DidSdk.Testing;

/// <summary>
/// An ASP.NET Core application on Kestrel at 127.0.0.1 with port 0, for services that must know their own URL when
/// they are configured (an issuer's <c>credential_issuer</c>, a verifier's <c>response_uri</c>). Kestrel is started
/// first: the operating system assigns a free port while the socket binds, and the bound address is read back. Only
/// then is the application configured for that address and attached to the running listener. The port is held from the
/// moment it is assigned, so no other process can take it in between (as it could after "probe a free port, close it,
/// then bind it"). The host itself is the KYC quick start's <c>LoopbackHost</c> (samples/KycQuickStart), compiled in here.
/// </summary>
public sealed class LoopbackWebHost : IAsyncDisposable
{
    private readonly LoopbackHost _host;

    private LoopbackWebHost(LoopbackHost host, string baseUrl)
    {
        _host = host;
        BaseUrl = baseUrl;
    }

    /// <summary>The address Kestrel bound, e.g. <c>http://127.0.0.1:40123</c> (no trailing slash).</summary>
    public string BaseUrl { get; }

    /// <summary>The bound port.</summary>
    public int Port => new Uri(BaseUrl).Port;

    /// <summary>The application's services.</summary>
    public IServiceProvider Services => _host.Services;

    /// <summary>
    /// Binds Kestrel to 127.0.0.1:0, reads the bound address back, then builds and starts a slim application:
    /// <paramref name="configure"/> registers its services for that address (given as in <see cref="BaseUrl"/>),
    /// <paramref name="map"/> adds its middleware and endpoints. Logging is off.
    /// </summary>
    public static async Task<LoopbackWebHost> StartAsync(Action<WebApplicationBuilder, string> configure, Action<WebApplication, string> map, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(configure);
        ArgumentNullException.ThrowIfNull(map);
        var baseUrl = "";
        var host = await LoopbackHost.StartAsync(
            (builder, address) =>
            {
                baseUrl = address.TrimEnd('/');
                configure(builder, baseUrl);
            },
            app => map(app, baseUrl),
            cancellationToken).ConfigureAwait(false);
        return new LoopbackWebHost(host, baseUrl);
    }

    /// <summary>Stops the application and closes the listener.</summary>
    public ValueTask DisposeAsync() => _host.DisposeAsync();
}
