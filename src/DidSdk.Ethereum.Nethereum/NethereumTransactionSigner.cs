using System.Numerics;
using DidSdk.Crypto;
using DidSdk.Ethereum.Transactions;
using Nethereum.Hex.HexTypes;
using Nethereum.RPC.Accounts;
using Nethereum.RPC.Eth.DTOs;

namespace DidSdk.Ethereum.Nethereum;

/// <summary>
/// <see cref="ITransactionSigner"/> over a Nethereum account: an <c>Account</c> (key in memory or from a key store), an
/// <c>ExternalAccount</c> over an <c>IEthExternalSigner</c> (HSM, cloud KMS, hardware wallet), or any other
/// <see cref="IAccount"/> whose transaction manager signs offline. The SDK still chooses nonce, fees and gas; the account
/// only signs.
/// </summary>
/// <remarks>
/// Every signature is checked before it is returned: the raw transaction must be exactly the one asked for (same type,
/// chain id, nonce, fees, gas, recipient, value and data) and must recover to <see cref="Address"/>. An account built
/// for another chain, or one that fills in its own fields, fails with <see cref="InvalidOperationException"/> instead of
/// sending something else.
/// </remarks>
public sealed class NethereumTransactionSigner : ITransactionSigner
{
    private readonly IAccount _account;

    /// <summary>Creates a signer for <paramref name="account"/>.</summary>
    /// <param name="account">The account, attached to a client as Nethereum's transaction managers require even to sign
    /// (<c>new Web3(account, url)</c>; for an <c>ExternalAccount</c>, <c>InitialiseAsync</c> and
    /// <c>InitialiseDefaultTransactionManager(client)</c>). Every field is given, so the manager asks the node nothing.</param>
    public NethereumTransactionSigner(IAccount account)
    {
        ArgumentNullException.ThrowIfNull(account);
        if (!EthereumAddress.TryParse(account.Address, out var address))
        {
            throw new ArgumentException("The account has no valid address (an ExternalAccount must be initialised first).", nameof(account));
        }

        if (account.TransactionManager?.Client is null)
        {
            throw new ArgumentException("The account has no transaction manager with a client (create it with new Web3(account, url)).", nameof(account));
        }

        _account = account;
        Address = address;
    }

    /// <inheritdoc/>
    public EthereumAddress Address { get; }

    /// <inheritdoc/>
    public async ValueTask<byte[]> SignTransactionAsync(UnsignedTransaction transaction, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        cancellationToken.ThrowIfCancellationRequested();
        var input = ToInput(transaction, Address);
        var signed = await _account.TransactionManager.SignTransactionAsync(input).WaitAsync(cancellationToken).ConfigureAwait(false);
        if (!Hex.TryParseData(signed.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? signed : "0x" + signed, out var raw))
        {
            throw new InvalidOperationException("The Nethereum account returned a signed transaction that is not hex.");
        }

        if (!TryReadSignature(raw, transaction.Type, transaction.ChainId, out var signature, out var recoveryId)
            || !transaction.EncodeSigned(signature, recoveryId).AsSpan().SequenceEqual(raw))
        {
            throw new InvalidOperationException("The Nethereum account signed a different transaction than the one requested (check the account's chain id).");
        }

        if (!UnsignedTransaction.TryRecoverSender(raw, out var sender, out _) || sender != Address)
        {
            throw new InvalidOperationException("The Nethereum account's signature does not recover to its address.");
        }

        return raw;
    }

    /// <summary>The transaction as Nethereum's <see cref="TransactionInput"/>, every field set so the account fetches nothing.</summary>
    internal static TransactionInput ToInput(UnsignedTransaction transaction, EthereumAddress from)
    {
        var eip1559 = transaction.Type == TransactionType.Eip1559;
        return new TransactionInput
        {
            Type = new HexBigInteger(eip1559 ? 2 : 0),
            From = from.ToString(),
            To = transaction.To?.ToString(),
            Data = Hex.FormatData(transaction.Data.Span),
            Value = new HexBigInteger(transaction.Value),
            Gas = new HexBigInteger(transaction.GasLimit),
            Nonce = new HexBigInteger(transaction.Nonce),
            ChainId = new HexBigInteger(transaction.ChainId),
            GasPrice = eip1559 ? null : new HexBigInteger(transaction.GasPrice),
            MaxFeePerGas = eip1559 ? new HexBigInteger(transaction.MaxFeePerGas) : null,
            MaxPriorityFeePerGas = eip1559 ? new HexBigInteger(transaction.MaxPriorityFeePerGas) : null,
            AccessList = eip1559 ? [] : null,
        };
    }

    /// <summary>Reads <c>r || s</c> and the recovery id from a signed EIP-1559 or EIP-155 encoding.</summary>
    private static bool TryReadSignature(byte[] raw, TransactionType type, ulong chainId, out byte[] signature, out int recoveryId)
    {
        signature = new byte[64];
        recoveryId = -1;
        var typed = type == TransactionType.Eip1559;
        if (typed != (raw.Length > 0 && raw[0] == 0x02) || !Rlp.TryDecode(typed ? raw.AsSpan(1) : raw, out var item) || !item.IsList)
        {
            return false;
        }

        var fields = item.Items;
        if (fields.Count != (typed ? 12 : 9) || !fields[^3].TryGetInteger(out var v) || fields[^2].IsList || fields[^1].IsList)
        {
            return false;
        }

        var parity = typed ? v : v - (new BigInteger(chainId) * 2) - 35;
        if (parity < 0 || parity > 1)
        {
            return false;
        }

        var r = fields[^2].Bytes;
        var s = fields[^1].Bytes;
        if (r.Length > 32 || s.Length > 32)
        {
            return false;
        }

        r.CopyTo(signature.AsSpan(32 - r.Length));
        s.CopyTo(signature.AsSpan(64 - s.Length));
        recoveryId = (int)parity;
        return true;
    }
}
