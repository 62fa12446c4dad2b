using System.Text.Json;
using System.Text.Json.Nodes;
using DidSdk.Ethereum.Rpc;

namespace DidSdk.Consortium.Tests;

/// <summary>Counts JSON-RPC round trips (one per call or batch) and the methods sent.</summary>
public sealed class CountingRpc(IEthereumRpc inner) : IEthereumRpc
{
    private readonly List<string> _methods = [];

    public int RoundTrips { get; private set; }

    public IReadOnlyList<string> Methods => _methods;

    public void Reset()
    {
        RoundTrips = 0;
        _methods.Clear();
    }

    public Task<JsonElement> SendAsync(string method, JsonArray parameters, CancellationToken cancellationToken = default)
    {
        RoundTrips++;
        _methods.Add(method);
        return inner.SendAsync(method, parameters, cancellationToken);
    }

    public Task<IReadOnlyList<RpcResult>> SendBatchAsync(IReadOnlyList<RpcRequest> requests, CancellationToken cancellationToken = default)
    {
        RoundTrips++;
        _methods.AddRange(requests.Select(r => r.Method));
        return inner.SendBatchAsync(requests, cancellationToken);
    }
}
