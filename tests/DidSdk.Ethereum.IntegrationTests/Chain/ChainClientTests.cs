using System.Net;
using System.Numerics;
using DidSdk.Crypto;
using DidSdk.Ethereum.Abi;
using DidSdk.Ethereum.Registry;
using DidSdk.Ethereum.Rpc;
using DidSdk.Ethereum.Transactions;

namespace DidSdk.Ethereum.IntegrationTests.Chain;

[Category("Integration")]
public sealed class ChainClientTests
{
    /// <summary>Fails the first N requests with an HTTP status, then passes requests through; counts them.</summary>
    private sealed class FlakyHandler(int failures, HttpStatusCode status) : DelegatingHandler(new HttpClientHandler())
    {
        public int Requests { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests++;
            return Requests <= failures ? Task.FromResult(new HttpResponseMessage(status)) : base.SendAsync(request, cancellationToken);
        }
    }

    [Test]
    public async Task GetChainIdAsync_Anvil_31337()
    {
        Assert.That(await ChainFixture.Client().GetChainIdAsync(), Is.EqualTo(31337));
    }

    [Test]
    public async Task SendBatchAsync_FiftyCalls_OneRoundTrip()
    {
        var client = ChainFixture.Client();
        var requests = Enumerable.Range(0, 50).Select(_ => EthereumRpcRequests.BlockNumber()).ToList();

        var results = await client.SendBatchAsync(requests);

        Assert.That(results, Has.Count.EqualTo(50));
        Assert.That(results.All(r => r.Succeeded), Is.True);
        Assert.That(client.RoundTrips, Is.EqualTo(1));
    }

    [Test]
    public async Task SendAsync_NodeAnswers500Twice_RetriedAndSucceeds()
    {
        var handler = new FlakyHandler(2, HttpStatusCode.InternalServerError);

        Assert.That(await ChainFixture.Client(handler).GetChainIdAsync(), Is.EqualTo(31337));
        Assert.That(handler.Requests, Is.EqualTo(3));
    }

    [Test]
    public async Task SendAsync_Eip1559Transfer_MinedAndBalanceMoves()
    {
        using var key = await ChainFixture.FundedKeyAsync();
        var rpc = ChainFixture.Client();
        var recipient = EthereumAddress.FromPublicKey(PrivateKey.Generate(KeyType.Secp256k1).PublicKey);

        var receipt = await ChainFixture.Sender(rpc, key).SendAsync(new TransactionRequest { To = recipient, Value = 12345 });

        Assert.That(receipt.Succeeded, Is.True);
        Assert.That(await rpc.GetBalanceAsync(recipient), Is.EqualTo(new BigInteger(12345)));
    }

    [Test]
    public async Task SendAsync_LegacyEip155Transaction_Mined()
    {
        using var key = await ChainFixture.FundedKeyAsync();
        var rpc = ChainFixture.Client();
        var sender = ChainFixture.Sender(rpc, key, new TransactionSenderOptions
        {
            FeeStrategy = new FixedFeeStrategy(FeeQuote.Legacy(await rpc.GetGasPriceAsync())),
            PollInterval = TimeSpan.FromMilliseconds(20),
        });

        var receipt = await sender.SendAsync(new TransactionRequest { To = sender.Address, Value = 1 });

        Assert.That(receipt.Succeeded, Is.True);
    }

    [Test]
    public async Task SendAsync_TwentyConcurrentFromOneAccount_AllMinedWithDistinctNonces()
    {
        using var key = await ChainFixture.FundedKeyAsync();
        var rpc = ChainFixture.Client();
        var sender = ChainFixture.Sender(rpc, key);

        var hashes = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => sender.SendWithoutWaitingAsync(new TransactionRequest { To = sender.Address, Value = 1, GasLimit = 21_000 })));
        var receipts = await Task.WhenAll(hashes.Select(h => sender.WaitForReceiptAsync(h)));

        Assert.That(hashes.Distinct().Count(), Is.EqualTo(20));
        Assert.That(receipts.All(r => r.Succeeded), Is.True);
        Assert.That(await rpc.GetTransactionCountAsync(sender.Address, BlockTags.Latest), Is.EqualTo(20));
    }

    [Test]
    public async Task SendAsync_RegistryRejectsNonOwner_RevertReasonDecodedAndNothingSent()
    {
        using var intruder = await ChainFixture.FundedKeyAsync();
        var rpc = ChainFixture.Client();
        var registry = new EthereumDidRegistry(rpc, ChainFixture.Registry);
        var victim = EthereumAddress.Parse(ChainFixture.Node.Accounts[1].Address);
        var sender = ChainFixture.Sender(rpc, intruder);

        var e = Assert.ThrowsAsync<TransactionRevertedException>(() => registry.ChangeOwnerAsync(sender, victim, sender.Address));

        Assert.That(e!.Reason.Message, Is.EqualTo("bad_actor"));
        Assert.That(await rpc.GetTransactionCountAsync(sender.Address, BlockTags.Latest), Is.Zero, "the reverting estimate stops the send");
    }

    [Test]
    public async Task SendAsync_MinedRevertWithFixedGas_ReceiptFailedAndReasonReplayed()
    {
        using var intruder = await ChainFixture.FundedKeyAsync();
        var rpc = ChainFixture.Client();
        var sender = ChainFixture.Sender(rpc, intruder);
        var data = AbiCodec.EncodeCall("changeOwner(address,address)", AbiValue.Address(EthereumAddress.Parse(ChainFixture.Node.Accounts[2].Address)), AbiValue.Address(sender.Address));

        var e = Assert.ThrowsAsync<TransactionRevertedException>(() => sender.SendAsync(new TransactionRequest { To = ChainFixture.Registry, Data = data, GasLimit = 100_000 }));

        Assert.That(e!.Receipt, Is.Not.Null);
        Assert.That(e.Receipt!.Succeeded, Is.False);
        Assert.That(e.Reason.Message, Is.EqualTo("bad_actor"));
    }

    [Test]
    public async Task WaitForReceiptAsync_ThreeConfirmations_WaitsForTwoMoreBlocks()
    {
        using var key = await ChainFixture.FundedKeyAsync();
        var rpc = ChainFixture.Client();
        var sender = ChainFixture.Sender(rpc, key, new TransactionSenderOptions { Confirmations = 3, PollInterval = TimeSpan.FromMilliseconds(20) });
        var hash = await sender.SendWithoutWaitingAsync(new TransactionRequest { To = sender.Address, Value = 1, GasLimit = 21_000 });

        var waiting = sender.WaitForReceiptAsync(hash);
        await Task.Delay(200);
        Assert.That(waiting.IsCompleted, Is.False, "one block is not three confirmations");
        await ChainFixture.Node.MineAsync(2);
        var receipt = await waiting.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.That(await rpc.GetBlockNumberAsync(), Is.GreaterThanOrEqualTo(receipt.BlockNumber + 2));
    }

    [Test]
    public async Task SendRawTransactionAsync_ForeignChainId_RejectedAsRpcError()
    {
        using var key = await ChainFixture.FundedKeyAsync();
        var rpc = ChainFixture.Client();
        var signed = await new KeyTransactionSigner(key).SignTransactionAsync(new UnsignedTransaction { ChainId = 1, Nonce = 0, MaxFeePerGas = 10_000_000_000, MaxPriorityFeePerGas = 1, GasLimit = 21_000, To = EthereumAddress.FromPublicKey(key.PublicKey) });

        Assert.That(() => rpc.SendRawTransactionAsync(signed), Throws.InstanceOf<EthereumRpcException>());
    }
}
