using System.Collections.Concurrent;
using System.Numerics;
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
    private readonly ConcurrentDictionary<EthereumAddress, Slot> slots = new();

    /// <summary>Runs <paramref name="send"/> with the account's next nonce, one send at a time per account.</summary>
    public async Task<T> WithNextNonceAsync<T>(IEthereumRpc rpc, EthereumAddress account, Func<ulong, Task<T>> send, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rpc);
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(send);
        var slot = slots.GetOrAdd(account, _ => new Slot());
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
        if (slots.TryGetValue(account, out var slot))
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

/// <summary>A transaction to send: the SDK fills in chain id, nonce, fees and gas.</summary>
public sealed class TransactionRequest
{
    /// <summary>The recipient, or <see langword="null"/> to deploy <see cref="Data"/> as a contract.</summary>
    public EthereumAddress? To { get; init; }

    /// <summary>Call data or init code.</summary>
    public ReadOnlyMemory<byte> Data { get; init; }

    /// <summary>The value in wei.</summary>
    public BigInteger Value { get; init; }

    /// <summary>A gas limit; <see langword="null"/> estimates it (× <see cref="TransactionSenderOptions.GasMargin"/>).</summary>
    public ulong? GasLimit { get; init; }
}

/// <summary>Options for <see cref="TransactionSender"/>.</summary>
public sealed class TransactionSenderOptions
{
    /// <summary>How fees are chosen. Default <see cref="DefaultFeeStrategy"/>.</summary>
    public IFeeStrategy FeeStrategy { get; init; } = new DefaultFeeStrategy();

    /// <summary>The gas estimate is multiplied by this. Default 1.2.</summary>
    public double GasMargin { get; init; } = 1.2;

    /// <summary>Blocks to wait for on top of the inclusion block (1 = included). Default 1.</summary>
    public int Confirmations { get; init; } = 1;

    /// <summary>How often to poll for the receipt. Default 250 ms.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>How long to wait for the receipt and confirmations. Default 3 minutes.</summary>
    public TimeSpan ReceiptTimeout { get; init; } = TimeSpan.FromMinutes(3);

    /// <summary>The chain id; <see langword="null"/> asks the node once.</summary>
    public ulong? ChainId { get; init; }

    /// <summary>The nonce manager; share one per account across senders. Default: a private one.</summary>
    public NonceManager? Nonces { get; init; }

    /// <summary>The clock for polling.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}

/// <summary>
/// Sends transactions from one account: chain id, nonce (concurrency-safe), fees (<see cref="IFeeStrategy"/>), gas
/// (estimate × margin; a reverting estimate throws <see cref="TransactionRevertedException"/> before anything is
/// sent), signing (<see cref="ITransactionSigner"/>), then polls for the receipt with the configured confirmations and
/// decodes the revert reason of a failed transaction.
/// </summary>
public sealed class TransactionSender
{
    private readonly IEthereumRpc rpc;
    private readonly ITransactionSigner signer;
    private readonly TransactionSenderOptions options;
    private readonly NonceManager nonces;
    private ulong? chainId;

    /// <summary>Creates a sender.</summary>
    public TransactionSender(IEthereumRpc rpc, ITransactionSigner signer, TransactionSenderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(rpc);
        ArgumentNullException.ThrowIfNull(signer);
        this.rpc = rpc;
        this.signer = signer;
        this.options = options ?? new TransactionSenderOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(this.options.Confirmations, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(this.options.GasMargin, 1.0, nameof(options));
        nonces = this.options.Nonces ?? new NonceManager();
        chainId = this.options.ChainId;
    }

    /// <summary>The sending account.</summary>
    public EthereumAddress Address => signer.Address;

    /// <summary>The node this sender talks to.</summary>
    public IEthereumRpc Rpc => rpc;

    /// <summary>Sends and waits for the receipt; a reverted transaction throws <see cref="TransactionRevertedException"/>.</summary>
    public async Task<TransactionReceipt> SendAsync(TransactionRequest request, CancellationToken cancellationToken = default)
    {
        var hash = await SendWithoutWaitingAsync(request, cancellationToken).ConfigureAwait(false);
        var receipt = await WaitForReceiptAsync(hash, cancellationToken).ConfigureAwait(false);
        if (!receipt.Succeeded)
        {
            throw new TransactionRevertedException(await ReplayRevertAsync(request, receipt, cancellationToken).ConfigureAwait(false), hash, receipt);
        }

        return receipt;
    }

    /// <summary>Signs and broadcasts; returns the transaction hash without waiting for inclusion.</summary>
    public async Task<string> SendWithoutWaitingAsync(TransactionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        chainId ??= await rpc.GetChainIdAsync(cancellationToken).ConfigureAwait(false);
        var gas = request.GasLimit ?? await EstimateGasAsync(request, cancellationToken).ConfigureAwait(false);
        var fees = await options.FeeStrategy.GetFeesAsync(rpc, cancellationToken).ConfigureAwait(false);
        return await nonces.WithNextNonceAsync(rpc, signer.Address, async nonce =>
        {
            var transaction = new UnsignedTransaction
            {
                Type = fees.Type,
                ChainId = chainId.Value,
                Nonce = nonce,
                MaxFeePerGas = fees.MaxFeePerGas,
                MaxPriorityFeePerGas = fees.MaxPriorityFeePerGas,
                GasPrice = fees.GasPrice,
                GasLimit = gas,
                To = request.To,
                Value = request.Value,
                Data = request.Data,
            };
            var signed = await signer.SignTransactionAsync(transaction, cancellationToken).ConfigureAwait(false);
            return await rpc.SendRawTransactionAsync(signed, cancellationToken).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Polls until the transaction is mined and has <see cref="TransactionSenderOptions.Confirmations"/> blocks.</summary>
    /// <exception cref="TimeoutException">The receipt did not arrive within <see cref="TransactionSenderOptions.ReceiptTimeout"/>.</exception>
    public async Task<TransactionReceipt> WaitForReceiptAsync(string transactionHash, CancellationToken cancellationToken = default)
    {
        var deadline = options.TimeProvider.GetUtcNow() + options.ReceiptTimeout;
        while (true)
        {
            var receipt = await rpc.GetTransactionReceiptAsync(transactionHash, cancellationToken).ConfigureAwait(false);
            if (receipt is not null)
            {
                if (options.Confirmations <= 1)
                {
                    return receipt;
                }

                var head = await rpc.GetBlockNumberAsync(cancellationToken).ConfigureAwait(false);
                if (head + 1 >= receipt.BlockNumber + (ulong)options.Confirmations)
                {
                    return receipt;
                }
            }

            if (options.TimeProvider.GetUtcNow() >= deadline)
            {
                throw new TimeoutException($"Transaction {transactionHash} was not mined with {options.Confirmations} confirmation(s) within {options.ReceiptTimeout}.");
            }

            await Task.Delay(options.PollInterval, options.TimeProvider, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<ulong> EstimateGasAsync(TransactionRequest request, CancellationToken cancellationToken)
    {
        try
        {
            var estimate = await rpc.EstimateGasAsync(new CallRequest { From = signer.Address, To = request.To, Data = request.Data, Value = request.Value }, cancellationToken).ConfigureAwait(false);
            return (ulong)Math.Ceiling(estimate * options.GasMargin);
        }
        catch (EthereumRpcException e) when (RevertReason.FindRevertData(e.Error.Data) is { } data)
        {
            throw new TransactionRevertedException(RevertReason.Decode(data));
        }
        catch (EthereumRpcException e) when (e.Error.Message.Contains("revert", StringComparison.OrdinalIgnoreCase))
        {
            throw new TransactionRevertedException(new RevertReason(e.Error.Message, []));
        }
    }

    private async Task<RevertReason> ReplayRevertAsync(TransactionRequest request, TransactionReceipt receipt, CancellationToken cancellationToken)
    {
        try
        {
            await rpc.CallAsync(new CallRequest { From = signer.Address, To = request.To, Data = request.Data, Value = request.Value }, BlockTags.Number(receipt.BlockNumber), cancellationToken).ConfigureAwait(false);
            return new RevertReason("reverted (the replay at the same block succeeded, e.g. out of gas)", []);
        }
        catch (EthereumRpcException e)
        {
            return RevertReason.FindRevertData(e.Error.Data) is { } data ? RevertReason.Decode(data) : new RevertReason(e.Error.Message, []);
        }
    }
}
