using DidSdk.Crypto;

namespace DidSdk.Ethereum.Transactions;

/// <summary>
/// Signs transactions for one account. Implement it to keep the key in an HSM or a cloud KMS; the SDK only needs the
/// address and the signed encoding.
/// </summary>
public interface ITransactionSigner
{
    /// <summary>The account that signs.</summary>
    EthereumAddress Address { get; }

    /// <summary>Signs <paramref name="transaction"/> and returns its raw encoding for <c>eth_sendRawTransaction</c>.</summary>
    ValueTask<byte[]> SignTransactionAsync(UnsignedTransaction transaction, CancellationToken cancellationToken = default);
}
