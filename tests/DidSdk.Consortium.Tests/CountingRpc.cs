using System.Text.Json;
using System.Text.Json.Nodes;
using DidSdk.Ethereum.Rpc;

namespace DidSdk.Consortium.Tests;

/// <summary>Counts JSON-RPC round trips (one per call or batch) and the methods sent.</summary>
public sealed class CountingRpc(IEthereumRpc inner) : IEthereumRpc
{
    private readonly List<string> methods = [];

    public int RoundTrips { get; private set; }

    public IReadOnlyList<string> Methods => methods;

    public void Reset()
    {
        RoundTrips = 0;
        methods.Clear();
    }

    public Task<JsonElement> SendAsync(string method, JsonArray parameters, CancellationToken cancellationToken = default)
    {
        RoundTrips++;
        methods.Add(method);
        return inner.SendAsync(method, parameters, cancellationToken);
    }

    public Task<IReadOnlyList<RpcResult>> SendBatchAsync(IReadOnlyList<RpcRequest> requests, CancellationToken cancellationToken = default)
    {
        RoundTrips++;
        methods.AddRange(requests.Select(r => r.Method));
        return inner.SendBatchAsync(requests, cancellationToken);
    }
}
