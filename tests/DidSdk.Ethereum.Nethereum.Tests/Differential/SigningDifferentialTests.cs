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
    private const int SigningChunks = 4;

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

    /// <summary>
    /// The signed encodings carry r, s and v (EIP-1559 y-parity, EIP-155 <c>chainId * 2 + 35 + recId</c>), so equal
    /// encodings mean equal RFC 6979 signatures. Split into chunks so both cores of a CI machine work on the 10,000 cases.
    /// </summary>
    [Test]
    [Parallelizable(ParallelScope.Children)]
    public void SignAndRecover_Transactions_EqualNethereum([Range(0, SigningChunks - 1)] int chunk)
    {
        var random = new Random(RandomInputs.Seed + 7 + chunk);
        var recovery = new TransactionVerificationAndRecoveryImp();
        for (var i = chunk * (RandomInputs.Cases / SigningChunks); i < (chunk + 1) * (RandomInputs.Cases / SigningChunks); i++)
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

            Assert.That(ours, Is.EqualTo(theirs), $"case {i}: signed encoding (r, s, v)");
            Assert.That(UnsignedTransaction.TryRecoverSender(theirs, out var sender, out var chainId), Is.True, $"case {i}: ours recovering Nethereum's");
            Assert.That(sender, Is.EqualTo(signer.Address), $"case {i}");
            Assert.That(chainId, Is.EqualTo(transaction.ChainId), $"case {i}");
            Assert.That(EthereumAddress.Parse(recovery.GetSenderAddress("0x" + Convert.ToHexStringLower(ours))), Is.EqualTo(signer.Address), $"case {i}: Nethereum recovering ours");
        }
    }
}
