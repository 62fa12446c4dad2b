using System.Collections.Concurrent;
using DidSdk.Crypto;
using DidSdk.Ethereum.Rpc;

namespace DidSdk.Ethereum.Transactions;

/// <summary>
/// Hands out nonces per account so concurrent sends from one account never collide: the first use asks the node
/// (<c>eth_getTransactionCount</c> at <c>pending</c>), later ones count up locally; a failed send makes the next one
/// ask the node again. Share one instance between the senders of an account.
/// </summary>
public sealed class NonceManager
{
    private readonly ConcurrentDictionary<EthereumAddress, Slot> _slots = new();

    /// <summary>Runs <paramref name="send"/> with the account's next nonce, one send at a time per account.</summary>
    public async Task<T> WithNextNonceAsync<T>(IEthereumRpc rpc, EthereumAddress account, Func<ulong, Task<T>> send, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rpc);
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(send);
        var slot = _slots.GetOrAdd(account, _ => new Slot());
        await slot.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            slot.Next ??= await rpc.GetTransactionCountAsync(account, BlockTags.Pending, cancellationToken).ConfigureAwait(false);
            var nonce = slot.Next.Value;
            try
            {
                var result = await send(nonce).ConfigureAwait(false);
                slot.Next = nonce + 1;
                return result;
            }
            catch
            {
                slot.Next = null; // the node's view is the truth after a failure
                throw;
            }
        }
        finally
        {
            slot.Gate.Release();
        }
    }

    /// <summary>Forgets the local count for <paramref name="account"/> (e.g. after sending from another process).</summary>
    public void Reset(EthereumAddress account)
    {
        if (_slots.TryGetValue(account, out var slot))
        {
            slot.Next = null;
        }
    }

    private sealed class Slot
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        public ulong? Next { get; set; }
    }
}
