using System.Numerics;
using System.Text.Json;
using DidSdk.Crypto;
using DidSdk.Ethereum.Abi;
using DidSdk.Ethereum.Transactions;
using DidSdk.Testing;

namespace DidSdk.Ethereum.Tests.Transactions;

public class TransactionTests
{
    [Test]
    [Category("SpecVector")]
    public async Task Legacy_Eip155Example_ByteExactSigningHashAndSignedTransaction()
    {
        var v = RepoPaths.LoadSpecVector("ethereum", "transactions.json")["eip155"]!;
        using var key = PrivateKey.Import(KeyType.Secp256k1, Convert.FromHexString(v["privateKey"]!.GetValue<string>()[2..]));
        var transaction = new UnsignedTransaction
        {
            Type = TransactionType.Legacy,
            ChainId = v["chainId"]!.GetValue<ulong>(),
            Nonce = v["nonce"]!.GetValue<ulong>(),
            GasPrice = BigInteger.Parse(v["gasPrice"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture),
            GasLimit = v["gasLimit"]!.GetValue<ulong>(),
            To = EthereumAddress.Parse(v["to"]!.GetValue<string>()),
            Value = BigInteger.Parse(v["value"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture),
        };

        var signed = await new KeyTransactionSigner(key).SignTransactionAsync(transaction);

        Assert.That(Hex.FormatData(transaction.SigningHash()), Is.EqualTo(v["signingHash"]!.GetValue<string>()));
        Assert.That(Hex.FormatData(signed), Is.EqualTo(v["signed"]!.GetValue<string>()));
        Assert.That(UnsignedTransaction.TryRecoverSender(signed, out var sender, out var chainId), Is.True);
        Assert.That(sender!.ToString(), Is.EqualTo(v["sender"]!.GetValue<string>()));
        Assert.That(chainId, Is.EqualTo(1));
    }

    [Test]
    public async Task Eip1559_SignThenRecover_SenderAndChainMatch()
    {
        using var key = PrivateKey.Generate(KeyType.Secp256k1);
        var signer = new KeyTransactionSigner(key);
        var transaction = new UnsignedTransaction
        {
            ChainId = 31337,
            Nonce = 7,
            MaxPriorityFeePerGas = 1_000_000_000,
            MaxFeePerGas = 3_000_000_000,
            GasLimit = 100_000,
            To = EthereumAddress.Parse("0x3535353535353535353535353535353535353535"),
            Data = new byte[] { 1, 2, 3 },
        };

        var signed = await signer.SignTransactionAsync(transaction);

        Assert.That(signed[0], Is.EqualTo(0x02));
        Assert.That(UnsignedTransaction.TryRecoverSender(signed, out var sender, out var chainId), Is.True);
        Assert.That(sender, Is.EqualTo(signer.Address));
        Assert.That(chainId, Is.EqualTo(31337));
        Assert.That(UnsignedTransaction.Hash(signed), Has.Length.EqualTo(66));
    }

    [Test]
    public void TryRecoverSender_Garbage_False()
    {
        Assert.That(UnsignedTransaction.TryRecoverSender([0x02, 0xc0], out _, out _), Is.False);
        Assert.That(UnsignedTransaction.TryRecoverSender([0xff, 0x00, 0x01], out _, out _), Is.False);
        Assert.That(UnsignedTransaction.TryRecoverSender([], out _, out _), Is.False);
    }

    [Test]
    public void TryRecoverSender_ChainIdBeyond64Bits_FalseNotOverflow()
    {
        // Found by the rlp fuzz harness: a chain id (typed) or v (legacy) beyond 64 bits threw OverflowException.
        var huge = BigInteger.One << 64;
        var zero = Rlp.EncodeInteger(0);
        var word = Rlp.EncodeBytes(new byte[32]);
        var typed = Rlp.EncodeList(Rlp.EncodeInteger(huge), zero, zero, zero, zero, Rlp.EncodeBytes(new byte[20]), zero, Rlp.EncodeBytes([]), Rlp.EncodeList(), zero, word, word);
        Assert.That(UnsignedTransaction.TryRecoverSender([0x02, .. typed], out _, out _), Is.False);
        var legacy = Rlp.EncodeList(zero, zero, zero, Rlp.EncodeBytes(new byte[20]), zero, Rlp.EncodeBytes([]), Rlp.EncodeInteger((huge * 2) + 35), word, word);
        Assert.That(UnsignedTransaction.TryRecoverSender(legacy, out _, out _), Is.False);
    }

    [Test]
    public void KeyTransactionSigner_NonSecp256k1Key_Throws()
    {
        using var key = PrivateKey.Generate(KeyType.Ed25519);
        Assert.That(() => new KeyTransactionSigner(key), Throws.ArgumentException);
    }

    [Test]
    public void RevertReason_ErrorString_Decoded()
    {
        var data = AbiCodec.EncodeCall("Error(string)", AbiValue.String("bad_actor"));

        var reason = RevertReason.Decode(data);

        Assert.That(reason.Message, Is.EqualTo("bad_actor"));
        Assert.That(reason.Data, Is.EqualTo(data));
    }

    [Test]
    public void RevertReason_Panic_MeaningGiven()
    {
        var data = AbiCodec.EncodeCall("Panic(uint256)", AbiValue.Uint(0x11));

        Assert.That(RevertReason.Decode(data).Message, Does.Contain("overflow"));
    }

    [Test]
    public void RevertReason_CustomError_KeptRaw()
    {
        var data = AbiCodec.EncodeCall("NotOwner(address)", AbiValue.Address(EthereumAddress.Parse("0x3535353535353535353535353535353535353535")));

        var reason = RevertReason.Decode(data);

        Assert.That(reason.Message, Does.StartWith("custom error 0x"));
        Assert.That(reason.Data, Is.EqualTo(data));
    }

    [TestCase("\"0x08c379a0\"", true)]
    [TestCase("{\"data\":\"0x1234\"}", true)]
    [TestCase("\"not hex\"", false)]
    [TestCase("42", false)]
    public void FindRevertData_NodeShapes(string json, bool found)
    {
        using var doc = JsonDocument.Parse(json);
        Assert.That(RevertReason.FindRevertData(doc.RootElement) is not null, Is.EqualTo(found));
    }
}
