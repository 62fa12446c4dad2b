using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace KycQuickStart;

/// <summary>
/// A bank's service on Kestrel at 127.0.0.1 with port 0: the operating system assigns a free port while the socket binds,
/// and the server reports it through <see cref="IServerAddressesFeature"/>. A protocol service must know its own URL
/// (the issuer's <c>credential_issuer</c>, the verifier's <c>response_uri</c>) when its endpoints are mapped, before an
/// ASP.NET Core application would start its server; so Kestrel is started first, its bound address is read back, and
/// only then is the application configured for that address and attached to the running listener. The port is held from
/// the moment it is assigned: no other process can take it in between (as it could after "probe a free port, then bind").
/// </summary>
/// <remarks>Also compiled into tests/DidSdk.Testing (behind its <c>LoopbackWebHost</c>) and the benchmarks: one implementation.</remarks>
internal sealed class LoopbackHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly AttachableServer _server;

    private LoopbackHost(WebApplication app, AttachableServer server, Uri address)
    {
        _app = app;
        _server = server;
        Address = address;
    }

    /// <summary>The address Kestrel bound, as it reports it, e.g. <c>http://127.0.0.1:40123</c> (no trailing slash).</summary>
    public Uri Address { get; }

    /// <summary>The application's services.</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>
    /// Binds Kestrel to 127.0.0.1:0, reads the bound address back, then builds and starts the application:
    /// <paramref name="configure"/> registers its services for that address, <paramref name="map"/> maps its endpoints.
    /// </summary>
    public static async Task<LoopbackHost> StartAsync(Action<WebApplicationBuilder, string> configure, Action<WebApplication> map, CancellationToken cancellationToken)
    {
        var server = new AttachableServer();
        try
        {
            var address = await server.BindAsync(cancellationToken).ConfigureAwait(false);
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.Services.AddSingleton<IServer>(server); // the running listener instead of a second Kestrel
            configure(builder, address);
            var app = builder.Build();
            map(app);
            try
            {
                await app.StartAsync(cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                await app.DisposeAsync().ConfigureAwait(false);
                throw;
            }

            // What the application sees is what Kestrel bound.
            var reported = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
            return new LoopbackHost(app, server, new Uri(reported));
        }
        catch
        {
            server.Dispose();
            throw;
        }
    }

    /// <summary>Stops the application and closes the listener.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await _app.StopAsync().ConfigureAwait(false);
            await _app.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            _server.Dispose(); // registered as an instance: the container does not dispose it
        }
    }

    /// <summary>
    /// Kestrel started before the application exists; the application's host hands over its request pipeline when it
    /// starts "its" server. Until then (a few milliseconds, and only a stranger could have found the port) requests get 503.
    /// </summary>
    private sealed class AttachableServer : IServer, IHttpApplication<object>
    {
        private readonly KestrelServer _kestrel;
        private volatile Pipeline? _pipeline;

        public AttachableServer()
        {
            var options = new KestrelServerOptions { ApplicationServices = new ServiceCollection().BuildServiceProvider() };
            options.Listen(IPAddress.Loopback, 0);
            _kestrel = new KestrelServer(
                Options.Create(options),
                new SocketTransportFactory(Options.Create(new SocketTransportOptions()), NullLoggerFactory.Instance),
                NullLoggerFactory.Instance);
        }

        public IFeatureCollection Features => _kestrel.Features;

        public async Task<string> BindAsync(CancellationToken cancellationToken)
        {
            await _kestrel.StartAsync(this, cancellationToken).ConfigureAwait(false);
            return _kestrel.Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        }

        public Task StartAsync<TContext>(IHttpApplication<TContext> application, CancellationToken cancellationToken)
            where TContext : notnull
        {
            _pipeline = new Pipeline<TContext>(application);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => _kestrel.StopAsync(cancellationToken);

        public void Dispose() => _kestrel.Dispose();

        object IHttpApplication<object>.CreateContext(IFeatureCollection contextFeatures) =>
            _pipeline is { } pipeline ? pipeline.CreateContext(contextFeatures) : new NotAttached(contextFeatures);

        Task IHttpApplication<object>.ProcessRequestAsync(object context)
        {
            if (context is NotAttached waiting)
            {
                waiting.Features.Get<IHttpResponseFeature>()!.StatusCode = 503;
                return Task.CompletedTask;
            }

            return _pipeline!.ProcessRequestAsync(context);
        }

        void IHttpApplication<object>.DisposeContext(object context, Exception? exception)
        {
            if (context is not NotAttached)
            {
                _pipeline!.DisposeContext(context, exception);
            }
        }

        private sealed record NotAttached(IFeatureCollection Features);

        private abstract class Pipeline
        {
            public abstract object CreateContext(IFeatureCollection features);

            public abstract Task ProcessRequestAsync(object context);

            public abstract void DisposeContext(object context, Exception? exception);
        }

        private sealed class Pipeline<TContext>(IHttpApplication<TContext> application) : Pipeline
            where TContext : notnull
        {
            public override object CreateContext(IFeatureCollection features) => application.CreateContext(features);

            public override Task ProcessRequestAsync(object context) => application.ProcessRequestAsync((TContext)context);

            public override void DisposeContext(object context, Exception? exception) => application.DisposeContext((TContext)context, exception);
        }
    }
}
