using System.Net;
using System.Net.Sockets;

namespace BankVerifier;

/// <summary>
/// <c>--urls http://127.0.0.1:0</c>: the service must know its own origin (the request's <c>response_uri</c>, the
/// <c>request_uri</c>) before the application is built, so the socket is bound here, its port read back and written into
/// <c>urls</c>, and Kestrel is given that very socket. The port is held from the moment it is assigned; nothing probes a
/// free port and binds it later.
/// </summary>
internal static class EphemeralListener
{
    /// <summary>When <c>urls</c> is one plain-http loopback URL with port 0: the bound, listening socket (else <see langword="null"/>).</summary>
    public static Socket? BindIfPortZero(IConfiguration configuration)
    {
        var urls = (configuration["urls"] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (!urls.Any(u => Uri.TryCreate(u, UriKind.Absolute, out var url) && url.Port == 0))
        {
            return null;
        }

        if (urls.Length != 1 || !Uri.TryCreate(urls[0], UriKind.Absolute, out var only) || only.Scheme != Uri.UriSchemeHttp
            || !IPAddress.TryParse(only.Host, out var address) || !IPAddress.IsLoopback(address) || only.AbsolutePath != "/")
        {
            throw new ArgumentException("--urls: port 0 only as the one protocol URL, plain http on a loopback address, e.g. http://127.0.0.1:0.");
        }

        if ((configuration["admin-urls"] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Any(u => !Uri.TryCreate(u, UriKind.Absolute, out var admin) || admin.Port == 0 || admin.Scheme != Uri.UriSchemeHttp))
        {
            throw new ArgumentException("--admin-urls: with --urls port 0, plain http loopback URLs with their own port.");
        }

        var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.Bind(new IPEndPoint(address, 0));
            socket.Listen();
        }
        catch (SocketException e)
        {
            socket.Dispose();
            throw new ArgumentException($"--urls: cannot listen on {only.Host}: {e.SocketErrorCode}.");
        }

        var port = ((IPEndPoint)socket.LocalEndPoint!).Port;
        configuration["urls"] = new UriBuilder(only) { Port = port }.Uri.GetLeftPart(UriPartial.Authority);
        return socket;
    }

    /// <summary>Kestrel serves the bound socket and, when given, the back office's loopback URLs.</summary>
    public static void Configure(IWebHostBuilder webHost, Socket listener, IReadOnlyList<Uri> adminUrls)
    {
        // These endpoints replace the URLs (Kestrel logs that it overrides them).
        webHost.ConfigureKestrel(kestrel =>
        {
            kestrel.ListenHandle((ulong)listener.SafeHandle.DangerousGetHandle());
            foreach (var admin in adminUrls)
            {
                kestrel.Listen(IPAddress.Parse(admin.Host), admin.Port);
            }
        });
    }
}
