using Nethereum.JsonRpc.Client;
using Nethereum.JsonRpc.Client.RpcMessages;

namespace DidSdk.Ethereum.Nethereum;

/// <summary>One call of a batch sent through <see cref="IClient.SendBatchRequestAsync"/>; keeps the reply undecoded.</summary>
internal sealed class NethereumBatchItem(RpcRequestMessage request) : IRpcRequestResponseBatchItem
{
    public RpcRequestMessage RpcRequestMessage { get; } = request;

    public bool Answered { get; private set; }

    public object? RawResponse { get; private set; }

    public bool HasError => RpcError is not null;

    public global::Nethereum.JsonRpc.Client.RpcError? RpcError { get; private set; }

    public void DecodeResponse(RpcResponseMessage rpcResponse)
    {
        ArgumentNullException.ThrowIfNull(rpcResponse);
        Answered = true;
        if (rpcResponse.HasError)
        {
            RpcError = new global::Nethereum.JsonRpc.Client.RpcError(rpcResponse.Error.Code, rpcResponse.Error.Message, rpcResponse.Error.Data);
            return;
        }

        RawResponse = rpcResponse.Result;
    }
}
