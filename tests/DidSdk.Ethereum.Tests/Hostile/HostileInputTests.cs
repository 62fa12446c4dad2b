using System.Net;
using System.Text;
using DidSdk.Ethereum.Abi;
using DidSdk.Ethereum.Rpc;

namespace DidSdk.Ethereum.Tests.Hostile;

/// <summary>
/// Hostile JSON-RPC replies and ABI/RLP/hex data, organised by category. Each case must be refused with a typed error
/// (a transport exception for replies, <c>false</c> from a <c>Try</c> decoder), never accepted and never a crash.
/// Extend the category lists when a new finding comes in.
/// </summary>
public class HostileInputTests
{
    private static string Word(string hex) => hex.PadLeft(64, '0');

    // ---- JSON-RPC replies (through the streaming eth_getLogs reader and the generic reply path) ----

    private static readonly string ValidLog = "{\"address\":\"0x5fbdb2315678afecb367f032d93f642f64180aa3\",\"topics\":[],\"data\":\"0x\",\"blockNumber\":\"0x1\",\"transactionHash\":\"0x" + new string('a', 64) + "\",\"logIndex\":\"0x0\"}";

    private static IEnumerable<TestCaseData> HostileReplies()
    {
        TestCaseData Case(string category, string name, string body) => new TestCaseData(body).SetName($"Reply_{category}_{name}").SetCategory(category);

        // Wrong types
        yield return Case("WrongTypes", "ResultIsObject", "{\"jsonrpc\":\"2.0\",\"id\":ID,\"result\":{}}");
        yield return Case("WrongTypes", "ResultIsString", "{\"jsonrpc\":\"2.0\",\"id\":ID,\"result\":\"0x\"}");
        yield return Case("WrongTypes", "LogIsNumber", "{\"jsonrpc\":\"2.0\",\"id\":ID,\"result\":[1]}");
        yield return Case("WrongTypes", "BlockNumberIsNumber", "{\"jsonrpc\":\"2.0\",\"id\":ID,\"result\":[" + ValidLog.Replace("\"0x1\"", "1", StringComparison.Ordinal) + "]}");
        yield return Case("WrongTypes", "VersionIsNumber", "{\"jsonrpc\":2,\"id\":ID,\"result\":[]}");
        yield return Case("WrongTypes", "ErrorCodeIsString", "{\"jsonrpc\":\"2.0\",\"id\":ID,\"error\":{\"code\":\"-1\",\"message\":\"x\"}}");
        yield return Case("WrongTypes", "ReplyIsArray", "[]");

        // Envelope
        yield return Case("Envelope", "WrongId", "{\"jsonrpc\":\"2.0\",\"id\":999999,\"result\":[]}");
        yield return Case("Envelope", "ResultAndError", "{\"jsonrpc\":\"2.0\",\"id\":ID,\"result\":[],\"error\":{\"code\":1,\"message\":\"x\"}}");
        yield return Case("Envelope", "Neither", "{\"jsonrpc\":\"2.0\",\"id\":ID}");
        yield return Case("Envelope", "DuplicateResult", "{\"jsonrpc\":\"2.0\",\"id\":ID,\"result\":[],\"result\":[]}");
        yield return Case("Envelope", "DuplicateMemberInLog", "{\"jsonrpc\":\"2.0\",\"id\":ID,\"result\":[" + ValidLog.Replace("{\"address\"", "{\"data\":\"0x00\",\"address\"", StringComparison.Ordinal) + "]}");
        yield return Case("Envelope", "TrailingData", "{\"jsonrpc\":\"2.0\",\"id\":ID,\"result\":[]}{}");
        yield return Case("Envelope", "Truncated", "{\"jsonrpc\":\"2.0\",\"id\":ID,\"result\":[" + ValidLog);

        // Hex
        yield return Case("Hex", "OddLengthData", "{\"jsonrpc\":\"2.0\",\"id\":ID,\"result\":[" + ValidLog.Replace("\"data\":\"0x\"", "\"data\":\"0x123\"", StringComparison.Ordinal) + "]}");
        yield return Case("Hex", "QuantityLeadingZero", "{\"jsonrpc\":\"2.0\",\"id\":ID,\"result\":[" + ValidLog.Replace("\"0x1\"", "\"0x01\"", StringComparison.Ordinal) + "]}");
        yield return Case("Hex", "HugeQuantity", "{\"jsonrpc\":\"2.0\",\"id\":ID,\"result\":[" + ValidLog.Replace("\"0x1\"", "\"0x" + new string('f', 40) + "\"", StringComparison.Ordinal) + "]}");
        yield return Case("Hex", "NotHex", "{\"jsonrpc\":\"2.0\",\"id\":ID,\"result\":[" + ValidLog.Replace("\"data\":\"0x\"", "\"data\":\"0xzz\"", StringComparison.Ordinal) + "]}");
        yield return Case("Hex", "ShortTopic", "{\"jsonrpc\":\"2.0\",\"id\":ID,\"result\":[" + ValidLog.Replace("\"topics\":[]", "\"topics\":[\"0x12\"]", StringComparison.Ordinal) + "]}");

        // Nesting depth
        yield return Case("Depth", "DeepUnknownMember", "{\"jsonrpc\":\"2.0\",\"id\":ID,\"x\":" + new string('[', 200) + new string(']', 200) + ",\"result\":[]}");
        yield return Case("Depth", "DeepLogMember", "{\"jsonrpc\":\"2.0\",\"id\":ID,\"result\":[{\"address\":" + new string('[', 100) + new string(']', 100) + "}]}");
    }

    [TestCaseSource(nameof(HostileReplies))]
    public void GetLogsAsync_HostileReply_TransportException(string body)
    {
        var client = new EthereumRpcClient(new HttpClient(new EchoIdHandler(body)), new EthereumRpcOptions { Endpoint = new Uri("http://node.invalid/"), MaxRetries = 0 });

        Assert.That(async () => await client.GetLogsAsync(new LogFilter(), 100), Throws.InstanceOf<EthereumTransportException>());
    }

    [TestCaseSource(nameof(HostileReplies))]
    public void SendAsync_HostileReply_TransportException(string body)
    {
        var client = new EthereumRpcClient(new HttpClient(new EchoIdHandler(body)), new EthereumRpcOptions { Endpoint = new Uri("http://node.invalid/"), MaxRetries = 0 });

        Assert.That(async () => await client.GetLogsAsync(new LogFilter { Address = null }), Throws.InstanceOf<EthereumTransportException>());
        Assert.That(async () => await ((IEthereumRpc)new ViaSendAsync(client)).GetLogsAsync(new LogFilter(), 100), Throws.InstanceOf<EthereumTransportException>());
    }

    [Test]
    public void GetLogsAsync_ReplyOverByteLimit_ResponseTooLarge()
    {
        var body = "{\"jsonrpc\":\"2.0\",\"id\":ID,\"result\":[" + string.Join(',', Enumerable.Repeat(ValidLog, 100)) + "]}";
        var client = new EthereumRpcClient(new HttpClient(new EchoIdHandler(body)), new EthereumRpcOptions { Endpoint = new Uri("http://node.invalid/"), MaxRetries = 0, MaxResponseBytes = 4096 });

        var e = Assert.ThrowsAsync<EthereumTransportException>(async () => await client.GetLogsAsync(new LogFilter(), 1000));

        Assert.That(e!.IsResponseTooLarge, Is.True);
    }

    // ---- ABI decoding ----

    private static IEnumerable<TestCaseData> HostileAbi()
    {
        TestCaseData Case(string category, string name, AbiType type, string hex) => new TestCaseData(type, Convert.FromHexString(hex)).SetName($"Abi_{category}_{name}").SetCategory(category);

        yield return Case("OffsetsPastEnd", "BytesOffsetBeyondData", AbiType.Bytes, Word("1000"));
        yield return Case("OffsetsPastEnd", "StringOffsetHuge", AbiType.String, new string('f', 64));
        yield return Case("NegativeLengths", "BytesLengthAllOnes", AbiType.Bytes, Word("20") + new string('f', 64));
        yield return Case("NegativeLengths", "StringLengthTopBit", AbiType.String, Word("20") + "8" + new string('0', 63));
        yield return Case("HugeLengths", "BytesLengthBeyondData", AbiType.Bytes, Word("20") + Word("ffff") + Word("00"));
        yield return Case("WrongTypes", "AddressDirtyHighBytes", AbiType.Address, "01" + new string('0', 61) + "1");
        yield return Case("WrongTypes", "BoolTwo", AbiType.Bool, Word("2"));
        yield return Case("Truncated", "ShortWord", AbiType.Uint256, "00");
        yield return Case("Truncated", "Empty", AbiType.Uint256, string.Empty);
    }

    [TestCaseSource(nameof(HostileAbi))]
    public void TryDecode_HostileAbi_False(AbiType type, byte[] data) =>
        Assert.That(AbiCodec.TryDecode([type], data, out _, out _), Is.False);

    // ---- RLP decoding ----

    private static IEnumerable<TestCaseData> HostileRlp()
    {
        TestCaseData Case(string category, string name, string hex) => new TestCaseData(Convert.FromHexString(hex)).SetName($"Rlp_{category}_{name}").SetCategory(category);

        yield return Case("HugeLengths", "LongStringLengthBeyondData", "b90400" + "00");
        yield return Case("HugeLengths", "EightByteLength", "bfffffffffffffffff");
        yield return Case("HugeLengths", "ListLengthBeyondData", "f90400c0");
        yield return Case("NonCanonical", "SingleByteAsString", "8100");
        yield return Case("NonCanonical", "LongFormForShortString", "b80141");
        yield return Case("NonCanonical", "LeadingZeroLength", "b9000141");
        yield return Case("Truncated", "Empty", string.Empty);
        yield return Case("Truncated", "ShortStringCut", "83aabb");
        yield return Case("Envelope", "TrailingBytes", "c000");
        yield return Case("Depth", "DeeplyNestedLists", string.Concat(Enumerable.Range(0, 1000).Select(i => i == 999 ? "c0" : "c1")));
    }

    [TestCaseSource(nameof(HostileRlp))]
    public void TryDecode_HostileRlp_False(byte[] data) => Assert.That(Rlp.TryDecode(data, out _), Is.False);

    // ---- Hex ----

    [TestCase("0x123", TestName = "Hex_OddLength_Data")]
    [TestCase("123456", TestName = "Hex_NoPrefix_Data")]
    [TestCase("0xgg", TestName = "Hex_NotHex_Data")]
    [TestCase("0X12", TestName = "Hex_UpperPrefix_Data")]
    [TestCase(null, TestName = "Hex_Null_Data")]
    public void TryParseData_Hostile_False(string? text) => Assert.That(Hex.TryParseData(text, out _), Is.False);

    [Test]
    public void TryParseData_OverMaxBytes_False() => Assert.That(Hex.TryParseData("0x" + new string('0', 2050), out _, maxBytes: 1024), Is.False);

    [TestCase("0x", TestName = "Hex_EmptyQuantity")]
    [TestCase("0x01", TestName = "Hex_LeadingZeroQuantity")]
    [TestCase("0x-1", TestName = "Hex_NegativeQuantity")]
    [TestCase("0x1ffffffffffffffff", TestName = "Hex_QuantityOver64Bits")]
    public void TryParseQuantity_Hostile_False(string text) => Assert.That(Hex.TryParseQuantity(text, out ulong _), Is.False);

    /// <summary>Answers with <c>body</c>, its <c>ID</c> replaced by the request's id.</summary>
    // ---- Encoding (found by fuzzing: invalid UTF-8 in a member name escaped as InvalidOperationException) ----

    [TestCase(new byte[] { (byte)'{', (byte)'"', (byte)'k', 0x88, (byte)'"', (byte)':', (byte)'1', (byte)'}' }, TestName = "GetLogsAsync_InvalidUtf8MemberName_TransportException")]
    [TestCase(new byte[] { (byte)'{', (byte)'"', (byte)'[', (byte)'d', (byte)'"', (byte)':', (byte)'1', (byte)',', (byte)'"', (byte)'r', 0x7f, 0x84, (byte)'"', (byte)':', (byte)'"', (byte)'"', (byte)'}' }, TestName = "GetLogsAsync_InvalidUtf8SecondMemberName_TransportException")]
    public void GetLogsAsync_InvalidUtf8_TransportException(byte[] body)
    {
        var client = new EthereumRpcClient(new HttpClient(new BytesHandler(body)), new EthereumRpcOptions { Endpoint = new Uri("http://node.invalid/"), MaxRetries = 0 });

        Assert.That(async () => await client.GetLogsAsync(new LogFilter(), 100), Throws.InstanceOf<EthereumTransportException>());
        Assert.That(async () => await client.SendAsync("eth_blockNumber", []), Throws.InstanceOf<EthereumTransportException>());
    }

    private sealed class BytesHandler(byte[] body) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(body) });
    }

    private sealed class EchoIdHandler(string body) : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var sent = System.Text.Json.Nodes.JsonNode.Parse(await request.Content!.ReadAsStringAsync(cancellationToken))!;
            var text = body.Replace("ID", sent["id"]!.ToJsonString(), StringComparison.Ordinal);
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(text, Encoding.UTF8, "application/json") };
        }
    }

    /// <summary>Uses the interface's default GetLogsAsync (SendAsync, then parse), as another IEthereumRpc would.</summary>
    private sealed class ViaSendAsync(EthereumRpcClient inner) : IEthereumRpc
    {
        public Task<System.Text.Json.JsonElement> SendAsync(string method, System.Text.Json.Nodes.JsonArray parameters, CancellationToken cancellationToken = default) => inner.SendAsync(method, parameters, cancellationToken);

        public Task<IReadOnlyList<RpcResult>> SendBatchAsync(IReadOnlyList<RpcRequest> requests, CancellationToken cancellationToken = default) => inner.SendBatchAsync(requests, cancellationToken);
    }
}
