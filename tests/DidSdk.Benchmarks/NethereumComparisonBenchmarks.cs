using System.Numerics;
using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using DidSdk.Crypto;
using DidSdk.Ethereum;
using DidSdk.Ethereum.Abi;
using DidSdk.Ethereum.Transactions;
using Nethereum.ABI;
using Nethereum.Model;
using Nethereum.Signer;
using NethereumRlp = Nethereum.RLP.RLP;

namespace DidSdk.Benchmarks;

/// <summary>
/// DidSdk.Ethereum beside Nethereum 6.1.0 on the same inputs: RLP encoding of an EIP-1559 transaction's fields, ABI
/// encoding of an ERC-1056 <c>setAttribute</c> call, and signing an EIP-1559 transaction (RFC 6979, secp256k1, with the
/// recovery id). In each category ours is the baseline, so the Ratio column is Nethereum's time over ours.
/// Run: <c>nice -n 19 dotnet run -c Release --project tests/DidSdk.Benchmarks -- --filter '*NethereumComparison*' --job short</c>.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class NethereumComparisonBenchmarks : IDisposable
{
    private static readonly byte[] Secret = Convert.FromHexString("4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318");
    private static readonly EthereumAddress Registry = EthereumAddress.Parse("0xdca7ef03e98e0dc2b855be647c39abe984fcf21b");
    private readonly byte[] _data = new byte[68];
    private byte[][] _fields = [];
    private PrivateKey _key = null!;
    private KeyTransactionSigner _signer = null!;
    private UnsignedTransaction _transaction = null!;
    private Transaction1559 _theirTransaction = null!;
    private byte[] _name = new byte[32];
    private byte[] _value = new byte[32];

    [GlobalSetup]
    public void Setup()
    {
        new Random(7).NextBytes(_data);
        new Random(8).NextBytes(_value);
        _name = new byte[32];
        Encoding.UTF8.GetBytes("did/pub/Ed25519/veriKey/base64", _name);
        _fields = [[0x7a, 0x69], [0x05], [0x3b, 0x9a, 0xca, 0x00], [0x04, 0xa8, 0x17, 0xc8, 0x00], [0x01, 0x5f, 0x90], Registry.ToArray(), [], _data];
        _key = PrivateKey.Import(KeyType.Secp256k1, Secret);
        _signer = new KeyTransactionSigner(_key);
        _transaction = new UnsignedTransaction
        {
            ChainId = 31337, Nonce = 5, MaxPriorityFeePerGas = 1_000_000_000, MaxFeePerGas = 20_000_000_000, GasLimit = 90_000, To = Registry, Data = _data,
        };
        _theirTransaction = new Transaction1559(31337, 5, 1_000_000_000, 20_000_000_000, 90_000, Registry.ToLowerHexString(), 0, "0x" + Convert.ToHexStringLower(_data), []);
    }

    [Benchmark(Baseline = true, Description = "DidSdk RLP")]
    [BenchmarkCategory("RLP")]
    public byte[] RlpOurs() => Rlp.EncodeList([.. _fields.Select(f => Rlp.EncodeBytes(f)), Rlp.EncodeList()]);

    [Benchmark(Description = "Nethereum RLP")]
    [BenchmarkCategory("RLP")]
    public byte[] RlpNethereum() => NethereumRlp.EncodeList([.. _fields.Select(NethereumRlp.EncodeElement), NethereumRlp.EncodeList()]);

    [Benchmark(Baseline = true, Description = "DidSdk ABI setAttribute")]
    [BenchmarkCategory("ABI")]
    public byte[] AbiOurs() => AbiCodec.Encode([AbiValue.Address(Registry), AbiValue.FixedBytes(_name), AbiValue.Bytes(_value), AbiValue.Uint(86_400)]);

    [Benchmark(Description = "Nethereum ABI setAttribute")]
    [BenchmarkCategory("ABI")]
    public byte[] AbiNethereum() => new ABIEncode().GetABIEncoded(
        new ABIValue("address", Registry.ToLowerHexString()), new ABIValue("bytes32", _name), new ABIValue("bytes", _value), new ABIValue("uint256", new BigInteger(86_400)));

    [Benchmark(Baseline = true, Description = "DidSdk sign EIP-1559")]
    [BenchmarkCategory("Sign")]
    public byte[] SignOurs() => _signer.SignTransactionAsync(_transaction).AsTask().GetAwaiter().GetResult();

    [Benchmark(Description = "Nethereum sign EIP-1559")]
    [BenchmarkCategory("Sign")]
    public string SignNethereum() => new Transaction1559Signer().SignTransaction(Secret, _theirTransaction);

    public void Dispose()
    {
        _key?.Dispose();
        GC.SuppressFinalize(this);
    }
}
