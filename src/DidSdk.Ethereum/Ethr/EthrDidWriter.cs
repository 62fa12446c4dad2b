using DidSdk.Crypto;
using DidSdk.Ethereum.Transactions;

namespace DidSdk.Ethereum.Ethr;

/// <summary>Who sends a registry write: the owner itself, or a relayer paying gas for a <c>*Signed</c> call the owner signed.</summary>
public sealed class EthrDidWriter
{
    private EthrDidWriter(TransactionSender sender, PrivateKey? ownerKey)
    {
        Sender = sender;
        OwnerKey = ownerKey;
    }

    /// <summary>The account that sends (and pays for) the transaction.</summary>
    public TransactionSender Sender { get; }

    /// <summary>For relayed writes, the owner's key that signs the meta-transaction.</summary>
    public PrivateKey? OwnerKey { get; }

    /// <summary>The owner sends the transaction itself.</summary>
    public static EthrDidWriter Direct(TransactionSender owner) => new(owner ?? throw new ArgumentNullException(nameof(owner)), null);

    /// <summary>The owner signs a meta-transaction (ERC-1056 <c>*Signed</c>); <paramref name="relayer"/> sends and pays.</summary>
    public static EthrDidWriter Relayed(TransactionSender relayer, PrivateKey ownerKey) =>
        new(relayer ?? throw new ArgumentNullException(nameof(relayer)), ownerKey ?? throw new ArgumentNullException(nameof(ownerKey)));
}
