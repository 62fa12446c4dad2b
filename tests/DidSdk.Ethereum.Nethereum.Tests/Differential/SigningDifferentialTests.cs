using TransactionType = DidSdk.Ethereum.Transactions.TransactionType;
using System.Numerics;
using DidSdk.Crypto;
using DidSdk.Ethereum.Transactions;
using Nethereum.Model;
using Nethereum.Signer;
using Nethereum.Util;

namespace DidSdk.Ethereum.Nethereum.Tests.Differential;

/// <summary>
/// Transaction signing against Nethereum.Signer: EIP-1559 and EIP-155 signing hashes, RFC 6979 signatures (r, s, v),
/// the signed encodings and sender recovery, on generated transactions and keys.
/// </summary>
public sealed class SigningDifferentialTests
{
    private static UnsignedTransaction Generate(Random random, bool eip1559) => new()
    {
        Type = eip1559 ? TransactionType.Eip1559 : TransactionType.Legacy,
        ChainId = random.Next(3) switch { 0 => 1, 1 => 31337, _ => (ulong)RandomInputs.Unsigned(random, 40) + 1 },
        Nonce = (ulong)RandomInputs.Unsigned(random, 64),
        MaxPriorityFeePerGas = eip1559 ? RandomInputs.Unsigned(random, 80) : BigInteger.Zero,
        MaxFeePerGas = eip1559 ? RandomInputs.Unsigned(random, 80) : BigInteger.Zero,
        GasPrice = eip1559 ? BigInteger.Zero : RandomInputs.Unsigned(random, 80),
        GasLimit = (ulong)RandomInputs.Unsigned(random, 40),
        To = random.Next(20) == 0 ? null : EthereumAddress.FromBytes(RandomInputs.Address(random)),
        Value = RandomInputs.Unsigned(random, 128),
        Data = RandomInputs.Bytes(random, random.Next(10) == 0 ? 600 : 120),
    };

    private static string DataHex(UnsignedTransaction t) => "0x" + Convert.ToHexStringLower(t.Data.Span);

    private static Transaction1559 Theirs1559(UnsignedTransaction t) =>
        new(t.ChainId, t.Nonce, t.MaxPriorityFeePerGas, t.MaxFeePerGas, t.GasLimit, t.To?.ToLowerHexString(), t.Value, DataHex(t), []);

    private static LegacyTransactionChainId TheirsLegacy(UnsignedTransaction t) =>
        new(t.To?.ToLowerHexString(), t.Value, t.Nonce, t.GasPrice, t.GasLimit, DataHex(t), t.ChainId);

    [Test]
    public void SigningHash_Eip1559_EqualsNethereum()
    {
        var random = new Random(RandomInputs.Seed + 4);
        for (var i = 0; i < RandomInputs.Cases; i++)
        {
            var transaction = Generate(random, eip1559: true);
            var theirs = Sha3Keccack.Current.CalculateHash(Theirs1559(transaction).GetRLPEncodedRaw());
            Assert.That(transaction.SigningHash(), Is.EqualTo(theirs), $"case {i}");
        }
    }

    [Test]
    public void SigningHash_Eip155_EqualsNethereum()
    {
        var random = new Random(RandomInputs.Seed + 5);
        for (var i = 0; i < RandomInputs.Cases; i++)
        {
            var transaction = Generate(random, eip1559: false);
            Assert.That(transaction.SigningHash(), Is.EqualTo(TheirsLegacy(transaction).RawHash), $"case {i}");
        }
    }

    [Test]
    public void SignHashRecoverable_Rfc6979_EqualsNethereumRsv()
    {
        var random = new Random(RandomInputs.Seed + 6);
        var hash = new byte[32];
        for (var i = 0; i < RandomInputs.Cases; i++)
        {
            var secret = RandomInputs.PrivateKey(random);
            random.NextBytes(hash);
            using var key = PrivateKey.Import(KeyType.Secp256k1, secret);
            var ours = SigningAlgorithm.Secp256k1.SignHashRecoverable(key, hash, out var recoveryId);
            var theirs = new EthECKey(secret, true).SignAndCalculateV(hash);

            Assert.That(ours[..32], Is.EqualTo(Pad32(theirs.R)), $"case {i}: r");
            Assert.That(ours[32..], Is.EqualTo(Pad32(theirs.S)), $"case {i}: s");
            Assert.That(recoveryId + 27, Is.EqualTo(theirs.V[0]), $"case {i}: v");
        }
    }

    [Test]
    public void SignAndRecover_Transactions_EqualNethereum()
    {
        var random = new Random(RandomInputs.Seed + 7);
        var recovery = new TransactionVerificationAndRecoveryImp();
        for (var i = 0; i < RandomInputs.Cases; i++)
        {
            var eip1559 = i % 2 == 0;
            var transaction = Generate(random, eip1559);
            var secret = RandomInputs.PrivateKey(random);
            using var key = PrivateKey.Import(KeyType.Secp256k1, secret);
            var signer = new KeyTransactionSigner(key);
            var ours = signer.SignTransactionAsync(transaction).AsTask().GetAwaiter().GetResult();
            var theirsHex = eip1559
                ? new Transaction1559Signer().SignTransaction(secret, Theirs1559(transaction))
                : new LegacyTransactionSigner().SignTransaction(secret, transaction.ChainId, transaction.To?.ToLowerHexString(), transaction.Value, transaction.Nonce, transaction.GasPrice, transaction.GasLimit, DataHex(transaction));
            var theirs = Convert.FromHexString(theirsHex.StartsWith("0x", StringComparison.Ordinal) ? theirsHex[2..] : theirsHex);

            Assert.That(ours, Is.EqualTo(theirs), $"case {i}: signed encoding");
            Assert.That(UnsignedTransaction.TryRecoverSender(theirs, out var sender, out var chainId), Is.True, $"case {i}: ours recovering Nethereum's");
            Assert.That(sender, Is.EqualTo(signer.Address), $"case {i}");
            Assert.That(chainId, Is.EqualTo(transaction.ChainId), $"case {i}");
            Assert.That(EthereumAddress.Parse(recovery.GetSenderAddress("0x" + Convert.ToHexStringLower(ours))), Is.EqualTo(signer.Address), $"case {i}: Nethereum recovering ours");
        }
    }

    private static byte[] Pad32(byte[] value) => value.Length >= 32 ? value[^32..] : [.. new byte[32 - value.Length], .. value];
}
