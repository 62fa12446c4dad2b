using System.Net;
using System.Net.Sockets;
using System.Text;

namespace DidSdk.Ethereum.Tests.Hardening;

/// <summary>Real TCP servers on loopback that misbehave the way a hostile or broken JSON-RPC node does.</summary>
internal sealed class HostileTcpNode : IAsyncDisposable
{
    private readonly TcpListener listener;
    private readonly CancellationTokenSource stopping = new();
    private readonly Task loop;
    private readonly List<TcpClient> clients = [];

    private HostileTcpNode(bool drip)
    {
        listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        Endpoint = new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/");
        loop = Task.Run(() => AcceptAsync(drip));
    }

    public Uri Endpoint { get; }

    public int Connections { get; private set; }

    /// <summary>Accepts connections and never sends a byte.</summary>
    public static HostileTcpNode Silent() => new(drip: false);

    /// <summary>Answers with headers promising a body, then sends one byte of it a second.</summary>
    public static HostileTcpNode Dripping() => new(drip: true);

    private async Task AcceptAsync(bool drip)
    {
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                var client = await listener.AcceptTcpClientAsync(stopping.Token);
                lock (clients)
                {
                    clients.Add(client);
                    Connections++;
                }

                if (drip)
                {
                    _ = Task.Run(() => DripAsync(client));
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (SocketException)
        {
        }
    }

    private async Task DripAsync(TcpClient client)
    {
        try
        {
            var stream = client.GetStream();
            var request = new byte[64 * 1024];
            _ = await stream.ReadAsync(request, stopping.Token);
            var body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":\"0x1\"}" + new string(' ', 1000);
            await stream.WriteAsync(Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\n\r\n"), stopping.Token);
            foreach (var b in Encoding.ASCII.GetBytes(body))
            {
                await stream.WriteAsync(new[] { b }, stopping.Token);
                await Task.Delay(TimeSpan.FromSeconds(1), stopping.Token);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        listener.Stop();
        lock (clients)
        {
            foreach (var client in clients)
            {
                client.Dispose();
            }
        }

        await loop;
        stopping.Dispose();
    }
}
