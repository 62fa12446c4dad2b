using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using DidSdk.Ethereum.Rpc;

namespace DidSdk.Ethereum.Tests.Rpc;

public class EthereumRpcClientTests
{
    /// <summary>Answers each POST with the next scripted reply; a reply function sees the request body.</summary>
    private sealed class ScriptedHandler(params Func<JsonNode, HttpResponseMessage>[] replies) : HttpMessageHandler
    {
        private int _next;

        public int Calls => _next;

        public List<JsonNode> Requests { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = JsonNode.Parse(await request.Content!.ReadAsStringAsync(cancellationToken))!;
            Requests.Add(body);
            var reply = replies[Math.Min(_next, replies.Length - 1)];
            _next++;
            return reply(body);
        }
    }

    private static HttpResponseMessage Json(string json, HttpStatusCode status = HttpStatusCode.OK) =>
        new(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    private static HttpResponseMessage Result(JsonNode request, string result) =>
        Json($"{{\"jsonrpc\":\"2.0\",\"id\":{request["id"]!.ToJsonString()},\"result\":{result}}}");

    private static (EthereumRpcClient Client, ScriptedHandler Handler) Create(params Func<JsonNode, HttpResponseMessage>[] replies)
    {
        var handler = new ScriptedHandler(replies);
        var client = new EthereumRpcClient(new HttpClient(handler), new EthereumRpcOptions { Endpoint = new Uri("http://node.invalid/"), RetryBaseDelay = TimeSpan.FromMilliseconds(1), MaxResponseBytes = 4096 });
        return (client, handler);
    }

    [Test]
    public async Task GetChainIdAsync_StrictQuantity_Parsed()
    {
        var (client, handler) = Create(r => Result(r, "\"0x7a69\""));

        Assert.That(await client.GetChainIdAsync(), Is.EqualTo(31337));
        Assert.That(handler.Requests[0]["jsonrpc"]!.GetValue<string>(), Is.EqualTo("2.0"));
        Assert.That(handler.Requests[0]["method"]!.GetValue<string>(), Is.EqualTo("eth_chainId"));
    }

    [TestCase("\"0x07a69\"")]
    [TestCase("\"7a69\"")]
    [TestCase("31337")]
    public void GetChainIdAsync_MalformedQuantity_TransportException(string result)
    {
        var (client, _) = Create(r => Result(r, result));

        Assert.That(() => client.GetChainIdAsync(), Throws.InstanceOf<EthereumTransportException>());
    }

    [Test]
    public async Task SendBatchAsync_RepliesOutOfOrder_MatchedById_OneRoundTrip()
    {
        var (client, handler) = Create(r =>
        {
            var items = r.AsArray().Reverse().Select(x => $"{{\"jsonrpc\":\"2.0\",\"id\":{x!["id"]!.ToJsonString()},\"result\":\"{x["method"]!.GetValue<string>()}\"}}");
            return Json("[" + string.Join(",", items) + "]");
        });

        var results = await client.SendBatchAsync([new RpcRequest("a", []), new RpcRequest("b", []), new RpcRequest("c", [])]);

        Assert.That(results.Select(x => x.Result!.Value.GetString()), Is.EqualTo(new[] { "a", "b", "c" }));
        Assert.That(handler.Calls, Is.EqualTo(1));
        Assert.That(client.RoundTrips, Is.EqualTo(1));
    }

    [Test]
    public async Task SendBatchAsync_LongerThanMaxBatch_Split()
    {
        var handler = new ScriptedHandler(r => Json("[" + string.Join(",", r.AsArray().Select(x => $"{{\"jsonrpc\":\"2.0\",\"id\":{x!["id"]!.ToJsonString()},\"result\":\"0x1\"}}")) + "]"));
        var client = new EthereumRpcClient(new HttpClient(handler), new EthereumRpcOptions { Endpoint = new Uri("http://node.invalid/"), MaxBatchSize = 10 });

        var results = await client.SendBatchAsync([.. Enumerable.Range(0, 25).Select(_ => new RpcRequest("eth_blockNumber", []))]);

        Assert.That(results, Has.Count.EqualTo(25));
        Assert.That(handler.Calls, Is.EqualTo(3));
    }

    [Test]
    public void SendBatchAsync_DuplicateIds_TransportException()
    {
        var (client, _) = Create(r =>
        {
            var id = r[0]!["id"]!.ToJsonString();
            return Json($"[{{\"jsonrpc\":\"2.0\",\"id\":{id},\"result\":1}},{{\"jsonrpc\":\"2.0\",\"id\":{id},\"result\":2}}]");
        });

        Assert.That(() => client.SendBatchAsync([new RpcRequest("a", []), new RpcRequest("b", [])]), Throws.InstanceOf<EthereumTransportException>());
    }

    [Test]
    public void SendBatchAsync_MissingReply_TransportException()
    {
        var (client, _) = Create(r => Json($"[{{\"jsonrpc\":\"2.0\",\"id\":{r[0]!["id"]!.ToJsonString()},\"result\":1}}]"));

        Assert.That(() => client.SendBatchAsync([new RpcRequest("a", []), new RpcRequest("b", [])]), Throws.InstanceOf<EthereumTransportException>());
    }

    [TestCase("{\"jsonrpc\":\"1.0\",\"id\":1,\"result\":1}")]
    [TestCase("{\"jsonrpc\":\"2.0\",\"id\":1}")]
    [TestCase("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":1,\"error\":{\"code\":1}}")]
    [TestCase("not json")]
    [TestCase("{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":\"boom\"}")]
    public void SendAsync_MalformedReply_TransportException(string reply)
    {
        var (client, _) = Create(_ => Json(reply));

        Assert.That(() => client.SendAsync("eth_chainId", []), Throws.InstanceOf<EthereumTransportException>());
    }

    [Test]
    public void SendAsync_ErrorObject_TypedAndNotRetried()
    {
        var (client, handler) = Create(r => Json($"{{\"jsonrpc\":\"2.0\",\"id\":{r["id"]!.ToJsonString()},\"error\":{{\"code\":3,\"message\":\"execution reverted\",\"data\":\"0x08c379a0\"}}}}"));

        var e = Assert.ThrowsAsync<EthereumRpcException>(() => client.SendAsync("eth_call", []));

        Assert.That(e!.Code, Is.EqualTo(3));
        Assert.That(e.Error.Data!.Value.GetString(), Is.EqualTo("0x08c379a0"));
        Assert.That(handler.Calls, Is.EqualTo(1), "an error object is an answer, not a transient failure");
    }

    [TestCase(HttpStatusCode.InternalServerError)]
    [TestCase(HttpStatusCode.BadGateway)]
    [TestCase(HttpStatusCode.TooManyRequests)]
    public async Task SendAsync_TransientHttpStatusThenSuccess_Retried(HttpStatusCode status)
    {
        var (client, handler) = Create(_ => Json("{}", status), _ => Json("{}", status), r => Result(r, "\"0x1\""));

        Assert.That(await client.GetBlockNumberAsync(), Is.EqualTo(1));
        Assert.That(handler.Calls, Is.EqualTo(3));
    }

    [Test]
    public void SendAsync_PermanentHttpError_NotRetried()
    {
        var (client, handler) = Create(_ => Json("{}", HttpStatusCode.Unauthorized));

        var e = Assert.ThrowsAsync<EthereumTransportException>(() => client.SendAsync("eth_chainId", []));

        Assert.That(e!.HttpStatus, Is.EqualTo(401));
        Assert.That(handler.Calls, Is.EqualTo(1));
    }

    [Test]
    public void SendAsync_AlwaysFailing_GivesUpAfterMaxRetries()
    {
        var (client, handler) = Create(_ => Json("{}", HttpStatusCode.ServiceUnavailable));

        Assert.That(() => client.SendAsync("eth_chainId", []), Throws.InstanceOf<EthereumTransportException>());
        Assert.That(handler.Calls, Is.EqualTo(4), "1 try + 3 retries");
    }

    [Test]
    public void SendAsync_OversizedReply_TransportException()
    {
        var (client, _) = Create(r => Result(r, "\"0x" + new string('a', 10_000) + "\""));

        var e = Assert.ThrowsAsync<EthereumTransportException>(() => client.SendAsync("eth_getCode", []));

        Assert.That(e!.IsResponseTooLarge, Is.True, "callers such as the did:ethr resolver narrow their request on this");
        Assert.That(e.IsTransient, Is.False);
    }

    [Test]
    public void SendAsync_Http413_TooLargeAndNotRetried()
    {
        var (client, handler) = Create(_ => Json("{}", HttpStatusCode.RequestEntityTooLarge));

        var e = Assert.ThrowsAsync<EthereumTransportException>(() => client.SendAsync("eth_getLogs", []));

        Assert.That(e!.IsResponseTooLarge, Is.True);
        Assert.That(handler.Calls, Is.EqualTo(1));
    }

    [Test]
    public void SendAsync_PermanentHttpError_NotTooLarge()
    {
        var (client, _) = Create(_ => Json("{}", HttpStatusCode.Unauthorized));

        var e = Assert.ThrowsAsync<EthereumTransportException>(() => client.SendAsync("eth_chainId", []));

        Assert.That(e!.IsResponseTooLarge, Is.False);
    }

    [Test]
    public async Task GetLogsAsync_ParsesTopicsDataAndBlock()
    {
        var log = "{\"address\":\"0x5fbdb2315678afecb367f032d93f642f64180aa3\",\"topics\":[\"0x11" + new string('0', 62) + "\"],\"data\":\"0x01\",\"blockNumber\":\"0x10\",\"transactionHash\":\"0xab\",\"logIndex\":\"0x0\"}";
        var (client, _) = Create(r => Result(r, "[" + log + "]"));

        var logs = await client.GetLogsAsync(new LogFilter { FromBlock = 0 });

        Assert.That(logs, Has.Count.EqualTo(1));
        Assert.That(logs[0].BlockNumber, Is.EqualTo(16));
        Assert.That(logs[0].Topics[0][0], Is.EqualTo(0x11));
        Assert.That(logs[0].Data, Is.EqualTo(new byte[] { 1 }));
    }

    [Test]
    public void GetLogsAsync_TopicNot32Bytes_TransportException()
    {
        const string log = "{\"address\":\"0x5fbdb2315678afecb367f032d93f642f64180aa3\",\"topics\":[\"0x11\"],\"data\":\"0x\",\"blockNumber\":\"0x10\",\"transactionHash\":\"0xab\",\"logIndex\":\"0x0\"}";
        var (client, _) = Create(r => Result(r, "[" + log + "]"));

        Assert.That(() => client.GetLogsAsync(new LogFilter()), Throws.InstanceOf<EthereumTransportException>());
    }
}
