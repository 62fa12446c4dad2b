using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using DidSdk.Crypto;

namespace DidSdk.Ethereum.Transactions;

/// <summary>A transaction ready to sign: every field set (see <see cref="TransactionSender"/> for filling them in).</summary>
public sealed record UnsignedTransaction
{
    /// <summary>The envelope type.</summary>
    public TransactionType Type { get; init; } = TransactionType.Eip1559;

    /// <summary>The chain id (EIP-155).</summary>
    public required ulong ChainId { get; init; }

    /// <summary>The sender's nonce.</summary>
    public required ulong Nonce { get; init; }

    /// <summary>EIP-1559: the tip per gas.</summary>
    public BigInteger MaxPriorityFeePerGas { get; init; }

    /// <summary>EIP-1559: the most paid per gas (base fee + tip).</summary>
    public BigInteger MaxFeePerGas { get; init; }

    /// <summary>Legacy: the gas price.</summary>
    public BigInteger GasPrice { get; init; }

    /// <summary>The gas limit.</summary>
    public required ulong GasLimit { get; init; }

    /// <summary>The recipient, or <see langword="null"/> to create a contract.</summary>
    public EthereumAddress? To { get; init; }

    /// <summary>The value in wei.</summary>
    public BigInteger Value { get; init; }

    /// <summary>The call data (or init code).</summary>
    public ReadOnlyMemory<byte> Data { get; init; }

    /// <summary>The Keccak-256 hash the sender signs: EIP-1559 <c>keccak(0x02 || rlp([chainId, nonce, tip, maxFee, gas, to, value, data, accessList]))</c>, legacy EIP-155 <c>keccak(rlp([nonce, gasPrice, gas, to, value, data, chainId, 0, 0]))</c>.</summary>
    public byte[] SigningHash()
    {
        var hash = new byte[32];
        Hashes.Keccak256(SigningPayload(), hash);
        return hash;
    }

    /// <summary>Encodes the signed transaction for <c>eth_sendRawTransaction</c> from a 64-byte <c>r || s</c> signature and its recovery id.</summary>
    public byte[] EncodeSigned(ReadOnlySpan<byte> signature, int recoveryId)
    {
        if (signature.Length != 64 || recoveryId is not (0 or 1))
        {
            throw new ArgumentException("A 64-byte r||s signature with recovery id 0 or 1 is required.", nameof(signature));
        }

        var r = Rlp.EncodeInteger(new BigInteger(signature[..32], isUnsigned: true, isBigEndian: true));
        var s = Rlp.EncodeInteger(new BigInteger(signature[32..], isUnsigned: true, isBigEndian: true));
        if (Type == TransactionType.Eip1559)
        {
            return [0x02, .. Rlp.EncodeList([.. Eip1559Fields(), Rlp.EncodeInteger(recoveryId), r, s])];
        }

        var v = new BigInteger(ChainId) * 2 + 35 + recoveryId;
        return Rlp.EncodeList([.. LegacyFields(), Rlp.EncodeInteger(v), r, s]);
    }

    /// <summary>The transaction hash of a signed encoding: Keccak-256 of the raw bytes.</summary>
    public static string Hash(ReadOnlySpan<byte> signedTransaction)
    {
        var hash = new byte[32];
        Hashes.Keccak256(signedTransaction, hash);
        return Hex.FormatData(hash);
    }

    /// <summary>Recovers the sender of a signed EIP-1559 or EIP-155 transaction. Never throws for bad input.</summary>
    public static bool TryRecoverSender(ReadOnlySpan<byte> signedTransaction, [NotNullWhen(true)] out EthereumAddress? sender, out ulong chainId)
    {
        sender = null;
        chainId = 0;
        var typed = signedTransaction.Length > 0 && signedTransaction[0] == 0x02;
        if (!Rlp.TryDecode(typed ? signedTransaction[1..] : signedTransaction, out var item) || !item.IsList)
        {
            return false;
        }

        var fields = item.Items;
        byte[] hash = new byte[32];
        int recoveryId;
        if (typed)
        {
            // A chain id beyond 64 bits is no chain this SDK can name: not a transaction it can recover (found by fuzzing).
            if (fields.Count != 12 || !fields[0].TryGetInteger(out var id) || id > ulong.MaxValue || !fields[9].TryGetInteger(out var yParity) || yParity > 1)
            {
                return false;
            }

            chainId = (ulong)id;
            recoveryId = (int)yParity;
            var unsigned = Rlp.EncodeList([.. fields.Take(9).Select(Reencode)]);
            Hashes.Keccak256([0x02, .. unsigned], hash);
        }
        else
        {
            if (fields.Count != 9 || !fields[6].TryGetInteger(out var v) || v < 37 || (v - 35) / 2 > ulong.MaxValue)
            {
                return false;
            }

            chainId = (ulong)((v - 35) / 2);
            recoveryId = (int)((v - 35) % 2);
            var unsigned = Rlp.EncodeList([.. fields.Take(6).Select(Reencode), Rlp.EncodeInteger(chainId), Rlp.EncodeInteger(0), Rlp.EncodeInteger(0)]);
            Hashes.Keccak256(unsigned, hash);
        }

        if (fields[^2].IsList || fields[^1].IsList)
        {
            return false;
        }

        var r = fields[^2].Bytes;
        var s = fields[^1].Bytes;
        if (r.Length > 32 || s.Length > 32)
        {
            return false;
        }

        var signature = new byte[64];
        r.CopyTo(signature.AsSpan(32 - r.Length));
        s.CopyTo(signature.AsSpan(64 - s.Length));
        if (!Secp256k1SigningAlgorithm.TryRecoverPublicKey(hash, signature, recoveryId, out var publicKey))
        {
            return false;
        }

        sender = EthereumAddress.FromPublicKey(publicKey);
        return true;
    }

    private static byte[] Reencode(RlpItem item) =>
        item.IsList ? Rlp.EncodeList([.. item.Items.Select(Reencode)]) : Rlp.EncodeBytes(item.Bytes);

    private byte[] SigningPayload() => Type == TransactionType.Eip1559
        ? [0x02, .. Rlp.EncodeList(Eip1559Fields())]
        : Rlp.EncodeList([.. LegacyFields(), Rlp.EncodeInteger(ChainId), Rlp.EncodeInteger(0), Rlp.EncodeInteger(0)]);

    private List<byte[]> Eip1559Fields() =>
    [
        Rlp.EncodeInteger(ChainId),
        Rlp.EncodeInteger(Nonce),
        Rlp.EncodeInteger(MaxPriorityFeePerGas),
        Rlp.EncodeInteger(MaxFeePerGas),
        Rlp.EncodeInteger(GasLimit),
        Rlp.EncodeBytes(To is null ? [] : To.Bytes),
        Rlp.EncodeInteger(Value),
        Rlp.EncodeBytes(Data.Span),
        Rlp.EncodeList(), // access list (EIP-2930), empty
    ];

    private List<byte[]> LegacyFields() =>
    [
        Rlp.EncodeInteger(Nonce),
        Rlp.EncodeInteger(GasPrice),
        Rlp.EncodeInteger(GasLimit),
        Rlp.EncodeBytes(To is null ? [] : To.Bytes),
        Rlp.EncodeInteger(Value),
        Rlp.EncodeBytes(Data.Span),
    ];
}
