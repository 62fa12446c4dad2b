using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DidSdk.Ethereum;
using DidSdk.Ethereum.Abi;
using DidSdk.Ethereum.Registry;
using DidSdk.Ethereum.Rpc;
using DidSdk.Ethereum.Transactions;

namespace DidSdk.Fuzz.Targets;

/// <summary>JSON-RPC replies (generic and streaming eth_getLogs paths), ABI decoding, RLP and signed transactions.</summary>
internal static class EthereumTargets
{
    // Parameter lists the SDK decodes from chain data (ERC-1056 events, registry calls) and a few harder shapes.
    private static readonly AbiType[][] TypeLists =
    [
        [AbiType.Uint256],
        [AbiType.Address],
        [AbiType.Bytes32, AbiType.Bytes, AbiType.Uint256, AbiType.Uint256],
        [AbiType.Bytes32, AbiType.Address, AbiType.Uint256, AbiType.Uint256],
        [AbiType.Address, AbiType.Uint256],
        [AbiType.String],
        [AbiType.ArrayOf(AbiType.Bytes)],
        [AbiType.ArrayOf(AbiType.ArrayOf(AbiType.Uint256), 2), AbiType.Bool, AbiType.Int(8)],
    ];

    public static IEnumerable<FuzzTarget> All()
    {
        yield return new("json-rpc", JsonRpc);
        yield return new("abi", Abi);
        yield return new("rlp", RlpTarget);
    }

    private static void JsonRpc(byte[] data)
    {
        using var handler = new ReplyHandler(data);
        using var http = new HttpClient(handler);
        var client = new EthereumRpcClient(http, new EthereumRpcOptions { Endpoint = new Uri("http://node.invalid/"), MaxRetries = 0, MaxResponseBytes = 1 << 20 });
        try
        {
            foreach (var log in client.GetLogsAsync(new LogFilter(), 16).GetAwaiter().GetResult())
            {
                _ = Erc1056EventDecoder.TryDecode(log, out _, out _);
            }
        }
        catch (Exception e) when (IsTypedNodeError(e))
        {
        }

        try
        {
            var result = client.SendAsync("eth_getBlockByNumber", new JsonArray()).GetAwaiter().GetResult();
            ParseEveryWay(result);
        }
        catch (Exception e) when (IsTypedNodeError(e))
        {
        }
    }

    private static void ParseEveryWay(JsonElement result)
    {
        foreach (var parse in new Action<JsonElement>[]
        {
            r => EthereumRpcRequests.ParseBlock(r),
            r => EthereumRpcRequests.ParseLogs(r),
            r => EthereumRpcRequests.ParseReceipt(r),
            r => EthereumRpcRequests.ParseData(r),
            r => EthereumRpcRequests.ParseQuantity(r),
            r => EthereumRpcRequests.ParseUInt64(r),
        })
        {
            try
            {
                parse(result);
            }
            catch (EthereumTransportException)
            {
            }
        }
    }

    private static bool IsTypedNodeError(Exception e) => e is EthereumTransportException or EthereumRpcException or EthereumResultLimitException;

    private static void Abi(byte[] data)
    {
        if (data.Length == 0)
        {
            return;
        }

        _ = AbiCodec.TryDecode(TypeLists[data[0] % TypeLists.Length], data.AsSpan(1), out _, out _);
        _ = RevertReason.Decode(data);
    }

    private static void RlpTarget(byte[] data)
    {
        _ = Rlp.TryDecode(data, out _);
        _ = UnsignedTransaction.TryRecoverSender(data, out _, out _);
    }

    /// <summary>Answers every request with the fuzz input; the literal <c>ID</c> becomes the request's id.</summary>
    private sealed class ReplyHandler(byte[] reply) : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            using var sent = JsonDocument.Parse(await request.Content!.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false));
            var id = sent.RootElement.ValueKind == JsonValueKind.Array ? sent.RootElement[0].GetProperty("id") : sent.RootElement.GetProperty("id");
            var idBytes = Encoding.UTF8.GetBytes(id.GetRawText());
            var body = new List<byte>(reply.Length + 16);
            for (var i = 0; i < reply.Length; i++)
            {
                if (reply[i] == (byte)'I' && i + 1 < reply.Length && reply[i + 1] == (byte)'D')
                {
                    body.AddRange(idBytes);
                    i++;
                }
                else
                {
                    body.Add(reply[i]);
                }
            }

            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent([.. body]) };
        }
    }
}
