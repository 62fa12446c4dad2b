using DidSdk.Crypto;

namespace DidSdk.Ethereum.Transactions;

/// <summary>Signs with an in-memory secp256k1 <see cref="PrivateKey"/> (RFC 6979 deterministic, low-S). The caller owns and disposes the key.</summary>
public sealed class KeyTransactionSigner : ITransactionSigner
{
    private readonly PrivateKey _key;

    /// <summary>Creates a signer for <paramref name="secp256k1Key"/>.</summary>
    public KeyTransactionSigner(PrivateKey secp256k1Key)
    {
        ArgumentNullException.ThrowIfNull(secp256k1Key);
        if (secp256k1Key.KeyType != KeyType.Secp256k1)
        {
            throw new ArgumentException("Ethereum transactions are signed with secp256k1 keys.", nameof(secp256k1Key));
        }

        _key = secp256k1Key;
        Address = EthereumAddress.FromPublicKey(secp256k1Key.PublicKey);
    }

    /// <inheritdoc/>
    public EthereumAddress Address { get; }

    /// <inheritdoc/>
    public ValueTask<byte[]> SignTransactionAsync(UnsignedTransaction transaction, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        cancellationToken.ThrowIfCancellationRequested();
        var signature = SigningAlgorithm.Secp256k1.SignHashRecoverable(_key, transaction.SigningHash(), out var recoveryId);
        return ValueTask.FromResult(transaction.EncodeSigned(signature, recoveryId));
    }
}
