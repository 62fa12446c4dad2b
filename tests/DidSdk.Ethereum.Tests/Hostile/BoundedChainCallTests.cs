using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using DidSdk.Core.Resolution;
using DidSdk.Ethereum.Ethr;
using DidSdk.Ethereum.Rpc;
using DidSdk.Ethereum.Tests.EthrDid;

using static DidSdk.Ethereum.Tests.EthrDid.ScriptedNode;

namespace DidSdk.Ethereum.Tests.Hostile;

/// <summary>Issue 13, "bounded chain calls": a node must not be able to stall a resolution or make it buffer without bound.</summary>
[NonParallelizable]
public class BoundedChainCallTests
{
    private static readonly string Did = "did:ethr:0x7a69:" + Identity;

    private static EthrDidResolver Resolver(IEthereumRpc rpc, TimeSpan? timeout = null, int maxEvents = 10_000) => new(new EthrDidResolverOptions
    {
        Networks = [new EthrNetwork { ChainId = 31337, Rpc = rpc, Registry = RegistryAddress }],
        CacheHistory = false,
        MaxEvents = maxEvents,
        Timeout = timeout ?? TimeSpan.FromSeconds(5),
    });

    // Default client options: 30 s per round trip, 3 retries. Before the deadline existed this took about 121 s.
    private static EthereumRpcClient Client(Uri endpoint, HttpClient http) => new(http, new EthereumRpcOptions { Endpoint = endpoint });

    [Test]
    public async Task ResolveAsync_SilentNode_DeadlineExceededWithinTimeout()
    {
        await using var node = HostileTcpNode.Silent();
        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        var stopwatch = Stopwatch.StartNew();

        var result = await Resolver(Client(node.Endpoint, http), TimeSpan.FromSeconds(2)).ResolveAsync(Did);

        Assert.That(result.DidResolutionMetadata.Error, Is.EqualTo(EthrDidResolver.DeadlineExceededError));
        Assert.That(stopwatch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(6)));
        Assert.That(node.Connections, Is.GreaterThanOrEqualTo(1));
    }

    [Test]
    public async Task ResolveAsync_DrippingNode_DeadlineExceededWithinTimeout()
    {
        await using var node = HostileTcpNode.Dripping();
        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        var stopwatch = Stopwatch.StartNew();

        var result = await Resolver(Client(node.Endpoint, http), TimeSpan.FromSeconds(2)).ResolveAsync(Did);

        Assert.That(result.DidResolutionMetadata.Error, Is.EqualTo(EthrDidResolver.DeadlineExceededError));
        Assert.That(stopwatch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(6)));
    }

    [Test]
    public async Task ResolveAsync_CallerCancels_ThrowsOperationCanceledNotDeadline()
    {
        await using var node = HostileTcpNode.Silent();
        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        Assert.That(async () => await Resolver(Client(node.Endpoint, http)).ResolveAsync(Did, null, cancel.Token), Throws.InstanceOf<OperationCanceledException>());
    }

    [Test]
    public void Constructor_NonPositiveTimeout_Throws()
    {
        Assert.That(() => Resolver(new ScriptedNode(0), TimeSpan.Zero), Throws.InstanceOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public async Task SendAsync_SilentNodeDirectClientManyRetries_FailsAtCallTimeout()
    {
        // The direct client (no resolver deadline): ten retries of a 400 ms attempt would take over 4 s; the call
        // deadline ends it at 1 s.
        await using var node = HostileTcpNode.Silent();
        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        var client = new EthereumRpcClient(http, new EthereumRpcOptions
        {
            Endpoint = node.Endpoint,
            Timeout = TimeSpan.FromMilliseconds(400),
            MaxRetries = EthereumRpcOptions.MaxRetriesLimit,
            RetryBaseDelay = TimeSpan.FromMilliseconds(10),
            CallTimeout = TimeSpan.FromSeconds(1),
        });
        var stopwatch = Stopwatch.StartNew();

        Assert.That(async () => await client.SendAsync("eth_blockNumber", []), Throws.InstanceOf<EthereumTransportException>());
        Assert.That(stopwatch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(3)));
        Assert.That(client.RoundTrips, Is.InRange(2, 4));
    }

    [Test]
    public async Task SendAsync_CallerCancelsDirectClient_ThrowsOperationCanceled()
    {
        await using var node = HostileTcpNode.Silent();
        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var client = new EthereumRpcClient(http, new EthereumRpcOptions { Endpoint = node.Endpoint });

        Assert.That(async () => await client.SendAsync("eth_blockNumber", [], cancel.Token), Throws.InstanceOf<OperationCanceledException>());
    }

    [TestCase(-1)]
    [TestCase(EthereumRpcOptions.MaxRetriesLimit + 1)]
    [TestCase(int.MaxValue)]
    public void Constructor_RetriesOutsideCap_Throws(int retries)
    {
        using var http = new HttpClient();

        Assert.That(() => new EthereumRpcClient(http, new EthereumRpcOptions { Endpoint = new Uri("http://127.0.0.1:1/"), MaxRetries = retries }), Throws.InstanceOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public void Constructor_NonPositiveCallTimeout_Throws()
    {
        using var http = new HttpClient();

        Assert.That(() => new EthereumRpcClient(http, new EthereumRpcOptions { Endpoint = new Uri("http://127.0.0.1:1/"), CallTimeout = TimeSpan.Zero }), Throws.InstanceOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public async Task ResolveAsync_200kLogEvents_TooManyEventsWithBoundedMemory()
    {
        // The node answers eth_getLogs with 200,000 logs, generated as the client reads them.
        using var http = new HttpClient(new StreamingLogsHandler(200_000));
        var client = Client(new Uri("http://node.invalid/"), http);
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var stopwatch = Stopwatch.StartNew();

        var result = await Resolver(client, TimeSpan.FromSeconds(30), maxEvents: 10_000).ResolveAsync(Did);

        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        TestContext.Out.WriteLine($"200k logs: {stopwatch.ElapsedMilliseconds} ms, {allocated / (1024 * 1024)} MiB allocated");
        Assert.That(result.DidResolutionMetadata.Error, Is.EqualTo(EthrDidResolver.TooManyEventsError));
        Assert.That(allocated, Is.LessThan(120L * 1024 * 1024), "memory must follow MaxEvents, not the reply");
    }

    [Test]
    public async Task GetLogsAsync_Valid50MiBReply_AllocatesAFewTimesItsSize()
    {
        var count = 50 * 1024 * 1024 / StreamingLogsHandler.LogBytes;
        var handler = new StreamingLogsHandler(count);
        using var http = new HttpClient(handler);
        var client = Client(new Uri("http://node.invalid/"), http);
        GC.Collect();
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var retainedBefore = GC.GetTotalMemory(forceFullCollection: true);

        var logs = await client.GetLogsAsync(new LogFilter { Address = RegistryAddress }, int.MaxValue);

        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        var retained = GC.GetTotalMemory(forceFullCollection: true) - retainedBefore;
        TestContext.Out.WriteLine($"{handler.BytesSent / (1024 * 1024)} MiB reply, {count} logs: {allocated / (1024 * 1024)} MiB allocated, {retained / (1024 * 1024)} MiB retained");
        Assert.That(logs, Has.Count.EqualTo(count));
        Assert.That(handler.BytesSent, Is.GreaterThan(50L * 1000 * 1000));
        Assert.That(retained, Is.LessThan(handler.BytesSent * 3 / 2), "what is kept is the parsed logs, about the reply's size");
        Assert.That(allocated, Is.LessThan(handler.BytesSent * 5), "no whole-reply buffers or documents, only per-log garbage");
        GC.KeepAlive(logs);
    }

    [Test]
    public async Task GetLogsAsync_LimitZeroAndOneLog_ResultLimitException()
    {
        using var http = new HttpClient(new StreamingLogsHandler(1));
        var client = Client(new Uri("http://node.invalid/"), http);

        Assert.That(async () => await client.GetLogsAsync(new LogFilter(), 0), Throws.InstanceOf<EthereumResultLimitException>());
        Assert.That(await client.GetLogsAsync(new LogFilter(), 1), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task SendAsync_10MBErrorMessage_TruncatedWithoutControlCharacters()
    {
        var message = "\u001b[31mFAKE LOG LINE\n" + new string('x', 10_000_000);
        var body = new JsonObject { ["jsonrpc"] = "2.0", ["id"] = 1, ["error"] = new JsonObject { ["code"] = -32000, ["message"] = message } }.ToJsonString();
        using var http = new HttpClient(new FixedHandler(body));
        var client = Client(new Uri("http://node.invalid/"), http);

        var e = Assert.ThrowsAsync<EthereumRpcException>(async () => await client.GetChainIdAsync());

        Assert.That(e!.Message, Has.Length.LessThan(400));
        Assert.That(e.Error.Message, Has.Length.LessThanOrEqualTo(UntrustedText.MaxLength + 1));
        Assert.That(e.Message.Any(char.IsControl), Is.False);
    }

    [Test]
    public async Task ResolveAsync_10MBErrorMessage_ResolutionErrorMessageBounded()
    {
        // An error object with a null id answers the whole batch (JSON-RPC 2.0 §5: "batch too large" and the like).
        var body = new JsonObject { ["jsonrpc"] = "2.0", ["id"] = null, ["error"] = new JsonObject { ["code"] = -32000, ["message"] = new string('y', 10_000_000) + "\r\n" } }.ToJsonString();
        using var http = new HttpClient(new FixedHandler(body));

        var result = await Resolver(Client(new Uri("http://node.invalid/"), http)).ResolveAsync(Did);

        Assert.That(result.DidResolutionMetadata.Error, Is.EqualTo(DidResolutionErrors.InternalError));
        Assert.That(result.DidResolutionMetadata.ErrorMessage, Has.Length.LessThan(1000));
    }

    [TestCase("a\u0000b\u001bc\u2028d", "a?b?c?d")]
    [TestCase("", "")]
    [TestCase("plain", "plain")]
    public void Sanitize_ControlCharacters_Replaced(string input, string expected) =>
        Assert.That(UntrustedText.Sanitize(input), Is.EqualTo(expected));

    [Test]
    public void Sanitize_LongText_CutWithEllipsis() =>
        Assert.That(UntrustedText.Sanitize(new string('z', 1000)), Is.EqualTo(new string('z', UntrustedText.MaxLength) + "…"));

    /// <summary>Answers every call with one fixed body.</summary>
    private sealed class FixedHandler(string body) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body, Encoding.UTF8, "application/json") });
    }
}
