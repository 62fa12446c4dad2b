using System.Net;
using System.Net.Sockets;
using System.Security.Claims;
using DidSdk.AspNetCore;
using DidSdk.Core.Jose;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DidSdk.OpenId4Vc.Tests;

/// <summary>
/// The issuer with the Authorization Code Flow as a bank embeds it: Kestrel bound to loopback port 0, the endpoints mapped
/// by DidSdk.AspNetCore, and a stand-in for the bank's login (a form that sets a session cookie, which a middleware turns
/// into <c>HttpContext.User</c>). The Credential Issuer Identifier names a nominal port; every client of the tests routes
/// its connections to the port Kestrel actually bound, so no port is probed before it is bound.
/// </summary>
internal sealed class LoopbackAuthorizationServer : IAsyncDisposable
{
    public const string IssuerOrigin = "http://127.0.0.1:9";
    public const string IssuerUrl = IssuerOrigin + "/oid4vci";
    private const string SessionCookie = "bank_session";

    private readonly WebApplication _app;
    private readonly int _port;

    private LoopbackAuthorizationServer(WebApplication app, int port, TestAuthorizationHandler handler)
    {
        _app = app;
        _port = port;
        Handler = handler;
        Http = new HttpClient(CreateWalletHandler());
    }

    public OpenId4VciIssuer Issuer => _app.Services.GetRequiredService<OpenId4VciIssuer>();

    public TestAuthorizationHandler Handler { get; }

    /// <summary>The Wallet's HTTP client: no cookies, no automatic redirects.</summary>
    public HttpClient Http { get; }

    public static async Task<LoopbackAuthorizationServer> StartAsync(TestIssuerSetup setup, Action<OpenId4VciIssuerOptions>? configure = null)
    {
        var template = setup.Options(IssuerUrl);
        template.MaxRequestBytes = 8 * 1024;
        configure?.Invoke(template);
        var handler = new TestAuthorizationHandler(new Uri(IssuerOrigin + "/bank/login"));
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<IOpenId4VcStateStore>(setup.Store);
        builder.Services.AddSingleton<ICredentialClaimsProvider>(setup.Claims);
        builder.Services.AddSingleton<IOpenId4VciAuthorizationHandler>(handler);
        builder.Services.AddKeyedSingleton<ISigner>(OpenId4VciServiceCollectionExtensions.IssuerSignerKey, setup.Signer);
        builder.Services.AddOpenId4VciIssuer(o =>
        {
            o.CredentialIssuer = template.CredentialIssuer;
            o.IssuerDid = template.IssuerDid;
            o.AllowLoopbackHttp = true;
            o.CredentialConfigurations = template.CredentialConfigurations;
            o.StatusListUri = template.StatusListUri;
            o.MaxRequestBytes = template.MaxRequestBytes;
            o.AuthorizationClients = template.AuthorizationClients;
            o.RequirePushedAuthorizationRequests = template.RequirePushedAuthorizationRequests;
        });
        var app = builder.Build();

        // The bank's session: whatever authentication it runs sets HttpContext.User; here a cookie names the customer.
        app.Use((context, next) =>
        {
            if (context.Request.Cookies.TryGetValue(SessionCookie, out var subject) && subject.Length > 0)
            {
                context.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim("sub", subject)], "bank-session"));
            }

            return next(context);
        });
        app.MapPost("/bank/login", async context =>
        {
            var form = await context.Request.ReadFormAsync(context.RequestAborted);
            var back = form["return"].ToString();
            if (!back.StartsWith(IssuerUrl + "/authorize?", StringComparison.Ordinal))
            {
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                return;
            }

            context.Response.Cookies.Append(SessionCookie, form["user"].ToString(), new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Lax });
            context.Response.StatusCode = StatusCodes.Status303SeeOther;
            context.Response.Headers.Location = back;
        });
        app.MapOpenId4VciIssuer("/oid4vci");
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new LoopbackAuthorizationServer(app, new Uri(address).Port, handler);
    }

    /// <summary>
    /// The user's browser: opens <paramref name="start"/>, follows redirects, logs in as <paramref name="user"/> when the
    /// bank's login page comes up, and returns the URI it is finally sent to on the Wallet's redirect URI (or
    /// <see langword="null"/> when a page other than a redirect is shown).
    /// </summary>
    public async Task<Uri?> BrowseAsync(Uri start, string user, CancellationToken cancellationToken = default)
    {
        using var browser = new HttpClient(Route(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() }));
        var next = start;
        HttpContent? form = null;
        for (var hop = 0; hop < 10; hop++)
        {
            using var response = form is null ? await browser.GetAsync(next, cancellationToken) : await browser.PostAsync(next, form, cancellationToken);
            form = null;
            if (response.StatusCode is not (HttpStatusCode.Found or HttpStatusCode.SeeOther) || response.Headers.Location is not { } location)
            {
                return null;
            }

            if (location.OriginalString.StartsWith(TestIssuerSetup.WalletRedirectUri, StringComparison.Ordinal)
                || location.OriginalString.StartsWith(TestIssuerSetup.OtherRedirectUri, StringComparison.Ordinal))
            {
                return location;
            }

            if (location.AbsolutePath == "/bank/login")
            {
                Assert.That(FormUrlEncoded.TryParse(location.Query.TrimStart('?'), out var query), Is.True);
                form = new FormUrlEncodedContent([new("user", user), new("return", query!["return"])]);
                next = new Uri(location.GetLeftPart(UriPartial.Path));
                continue;
            }

            next = location;
        }

        return null;
    }

    /// <summary>A handler for a Wallet's HTTP client (no cookies, no automatic redirects) routed to the server.</summary>
    public SocketsHttpHandler CreateWalletHandler() => Route(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false });

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    // Every connection goes to the bound loopback port, whatever port the URL names.
    private SocketsHttpHandler Route(SocketsHttpHandler handler)
    {
        handler.ConnectCallback = async (_, cancellationToken) =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, _port), cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        };
        return handler;
    }
}
