using System.Numerics;
using System.Text.Json;
using System.Text.Json.Nodes;
using DidSdk.Crypto;
using DidSdk.Ethereum.Rpc;
using DidSdk.Ethereum.Transactions;

namespace DidSdk.Ethereum.Tests.Transactions;

public class FeeAndNonceTests
{
    private static readonly EthereumAddress Account = EthereumAddress.TryParse("0x3535353535353535353535353535353535353535", out var a) ? a : throw new InvalidOperationException();

    /// <summary>Answers each method from a table; a missing method is a JSON-RPC "method not found" error, as geth does.</summary>
    private sealed class ScriptedRpc(Dictionary<string, Func<JsonArray, string>> answers) : IEthereumRpc
    {
        public List<string> Methods { get; } = [];

        public Task<JsonElement> SendAsync(string method, JsonArray parameters, CancellationToken cancellationToken = default)
        {
            lock (Methods)
            {
                Methods.Add(method);
            }

            if (!answers.TryGetValue(method, out var answer))
            {
                throw new EthereumRpcException(method, new RpcError(-32601, "method not found", null));
            }

            return Task.FromResult(JsonDocument.Parse(answer(parameters)).RootElement.Clone());
        }

        public Task<IReadOnlyList<RpcResult>> SendBatchAsync(IReadOnlyList<RpcRequest> requests, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();
    }

    private static string Block(string? baseFee) =>
        "{\"number\":\"0x10\",\"hash\":\"0x" + new string('a', 64) + "\",\"timestamp\":\"0x5f5e100\"" +
        (baseFee is null ? string.Empty : ",\"baseFeePerGas\":\"" + baseFee + "\"") + "}";

    [Test]
    public async Task DefaultFeeStrategy_BaseFeeAndNodeTip_CapIsTwiceBaseFeePlusTip()
    {
        var rpc = new ScriptedRpc(new()
        {
            ["eth_getBlockByNumber"] = _ => Block("0x3b9aca00"), // 1 gwei
            ["eth_maxPriorityFeePerGas"] = _ => "\"0x77359400\"", // 2 gwei
        });

        var fees = await new DefaultFeeStrategy().GetFeesAsync(rpc);

        Assert.That(fees, Is.EqualTo(FeeQuote.Eip1559(new BigInteger(4_000_000_000), new BigInteger(2_000_000_000))));
    }

    [Test]
    public async Task DefaultFeeStrategy_NoMaxPriorityFeeMethod_MedianOfFeeHistory()
    {
        var rpc = new ScriptedRpc(new()
        {
            ["eth_getBlockByNumber"] = _ => Block("0x64"),
            ["eth_feeHistory"] = _ => "{\"reward\":[[\"0x1\"],[\"0x9\"],[\"0x5\"]],\"baseFeePerGas\":[\"0x64\"]}",
        });

        var fees = await new DefaultFeeStrategy().GetFeesAsync(rpc);

        Assert.That(fees, Is.EqualTo(FeeQuote.Eip1559(205, 5)));
        Assert.That(rpc.Methods, Does.Contain("eth_feeHistory"));
    }

    [Test]
    public async Task DefaultFeeStrategy_NoSuggestionAtAll_DefaultTip()
    {
        var rpc = new ScriptedRpc(new() { ["eth_getBlockByNumber"] = _ => Block("0x64") });

        var fees = await new DefaultFeeStrategy { DefaultPriorityFee = 7 }.GetFeesAsync(rpc);

        Assert.That(fees, Is.EqualTo(FeeQuote.Eip1559(207, 7)));
    }

    [Test]
    public async Task DefaultFeeStrategy_PreLondonNode_LegacyGasPrice()
    {
        var rpc = new ScriptedRpc(new()
        {
            ["eth_getBlockByNumber"] = _ => Block(null),
            ["eth_gasPrice"] = _ => "\"0x2a\"",
        });

        var fees = await new DefaultFeeStrategy().GetFeesAsync(rpc);

        Assert.That(fees, Is.EqualTo(FeeQuote.Legacy(42)));
    }

    [Test]
    public async Task DefaultFeeStrategy_ZeroFeeConsortiumChain_NoTipAsked()
    {
        var rpc = new ScriptedRpc(new() { ["eth_getBlockByNumber"] = _ => Block("0x0") });

        var fees = await new DefaultFeeStrategy().GetFeesAsync(rpc);

        Assert.That(fees, Is.EqualTo(FeeQuote.Eip1559(0, 0)));
        Assert.That(rpc.Methods, Is.EqualTo(new[] { "eth_getBlockByNumber" }));
    }

    [Test]
    public void DefaultFeeStrategy_MalformedBaseFee_TransportException()
    {
        var rpc = new ScriptedRpc(new() { ["eth_getBlockByNumber"] = _ => Block("0x01") });

        Assert.That(() => new DefaultFeeStrategy().GetFeesAsync(rpc), Throws.TypeOf<EthereumTransportException>());
    }

    [Test]
    public async Task NonceManager_ConcurrentSends_DistinctConsecutiveNoncesOneNodeQuery()
    {
        var rpc = new ScriptedRpc(new() { ["eth_getTransactionCount"] = p => p[1]!.GetValue<string>() == "pending" ? "\"0x7\"" : "\"0x0\"" });
        var nonces = new NonceManager();

        var used = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() =>
            nonces.WithNextNonceAsync(rpc, Account, async n => { await Task.Yield(); return n; }))));

        Assert.That(used.Order(), Is.EqualTo(Enumerable.Range(7, 20).Select(i => (ulong)i)));
        Assert.That(rpc.Methods.Count(m => m == "eth_getTransactionCount"), Is.EqualTo(1));
    }

    [Test]
    public async Task NonceManager_FailedSend_NextSendAsksTheNodeAgain()
    {
        var pending = 3;
        var rpc = new ScriptedRpc(new() { ["eth_getTransactionCount"] = _ => "\"0x" + pending.ToString("x", System.Globalization.CultureInfo.InvariantCulture) + "\"" });
        var nonces = new NonceManager();

        Assert.That(await nonces.WithNextNonceAsync(rpc, Account, n => Task.FromResult(n)), Is.EqualTo(3UL));
        Assert.That(
            () => nonces.WithNextNonceAsync<ulong>(rpc, Account, _ => throw new EthereumRpcException("eth_sendRawTransaction", new RpcError(-32000, "nonce too low", null))),
            Throws.TypeOf<EthereumRpcException>());
        pending = 9; // another process used the account meanwhile
        var after = await nonces.WithNextNonceAsync(rpc, Account, n => Task.FromResult(n));

        Assert.That(after, Is.EqualTo(9UL));
        Assert.That(rpc.Methods.Count(m => m == "eth_getTransactionCount"), Is.EqualTo(2));
    }
}
