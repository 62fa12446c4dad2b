using Nethereum.JsonRpc.Client;

namespace DidSdk.Ethereum.Nethereum.Tests.Chain;

/// <summary>A user's request interceptor (as for authentication or logging): counts the calls it sees.</summary>
internal sealed class CountingInterceptor : RequestInterceptor
{
    private int _calls;

    public int Calls => _calls;

    public List<string> Methods { get; } = [];

    public override async Task<object> InterceptSendRequestAsync<T>(Func<RpcRequest, string, Task<T>> interceptedSendRequestAsync, RpcRequest request, string route = null!)
    {
        Interlocked.Increment(ref _calls);
        lock (Methods)
        {
            Methods.Add(request.Method);
        }

        return (await interceptedSendRequestAsync(request, route))!;
    }
}
