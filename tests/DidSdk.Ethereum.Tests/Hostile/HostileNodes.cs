using System.Net;
using System.Net.Sockets;
using System.Text;

namespace DidSdk.Ethereum.Tests.Hostile;

/// <summary>Real TCP servers on loopback that misbehave the way a hostile or broken JSON-RPC node does.</summary>
internal sealed class HostileTcpNode : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _loop;
    private readonly List<TcpClient> _clients = [];

    private HostileTcpNode(bool drip)
    {
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        Endpoint = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");
        _loop = Task.Run(() => AcceptAsync(drip));
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
            while (!_stopping.IsCancellationRequested)
            {
                var client = await _listener.AcceptTcpClientAsync(_stopping.Token);
                lock (_clients)
                {
                    _clients.Add(client);
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
            _ = await stream.ReadAsync(request, _stopping.Token);
            var body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":\"0x1\"}" + new string(' ', 1000);
            await stream.WriteAsync(Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\n\r\n"), _stopping.Token);
            foreach (var b in Encoding.ASCII.GetBytes(body))
            {
                await stream.WriteAsync(new[] { b }, _stopping.Token);
                await Task.Delay(TimeSpan.FromSeconds(1), _stopping.Token);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Stop();
        lock (_clients)
        {
            foreach (var client in _clients)
            {
                client.Dispose();
            }
        }

        await _loop;
        _stopping.Dispose();
    }
}
