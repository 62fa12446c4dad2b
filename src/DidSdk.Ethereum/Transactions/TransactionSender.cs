using DidSdk.Crypto;
using DidSdk.Ethereum.Rpc;

namespace DidSdk.Ethereum.Transactions;

/// <summary>
/// Sends transactions from one account: chain id, nonce (concurrency-safe), fees (<see cref="IFeeStrategy"/>), gas
/// (estimate × margin; a reverting estimate throws <see cref="TransactionRevertedException"/> before anything is
/// sent), signing (<see cref="ITransactionSigner"/>), then polls for the receipt with the configured confirmations and
/// decodes the revert reason of a failed transaction.
/// </summary>
public sealed class TransactionSender
{
    private readonly IEthereumRpc _rpc;
    private readonly ITransactionSigner _signer;
    private readonly TransactionSenderOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly NonceManager _nonces;
    private ulong? _chainId;

    /// <summary>Creates a sender.</summary>
    /// <param name="rpc">The node.</param>
    /// <param name="signer">Signs the transactions.</param>
    /// <param name="options">Confirmations, gas margin, nonces; <see langword="null"/> for the defaults.</param>
    /// <param name="timeProvider">The clock for receipt polling; <see langword="null"/> means <see cref="TimeProvider.System"/>.</param>
    public TransactionSender(IEthereumRpc rpc, ITransactionSigner signer, TransactionSenderOptions? options = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(rpc);
        ArgumentNullException.ThrowIfNull(signer);
        this._rpc = rpc;
        this._signer = signer;
        this._options = options ?? new TransactionSenderOptions();
        this._timeProvider = timeProvider ?? TimeProvider.System;
        ArgumentOutOfRangeException.ThrowIfLessThan(this._options.Confirmations, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(this._options.GasMargin, 1.0, nameof(options));
        _nonces = this._options.Nonces ?? new NonceManager();
        _chainId = this._options.ChainId;
    }

    /// <summary>The sending account.</summary>
    public EthereumAddress Address => _signer.Address;

    /// <summary>The node this sender talks to.</summary>
    public IEthereumRpc Rpc => _rpc;

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
        _chainId ??= await _rpc.GetChainIdAsync(cancellationToken).ConfigureAwait(false);
        var gas = request.GasLimit ?? await EstimateGasAsync(request, cancellationToken).ConfigureAwait(false);
        var fees = await _options.FeeStrategy.GetFeesAsync(_rpc, cancellationToken).ConfigureAwait(false);
        return await _nonces.WithNextNonceAsync(_rpc, _signer.Address, async nonce =>
        {
            var transaction = new UnsignedTransaction
            {
                Type = fees.Type,
                ChainId = _chainId.Value,
                Nonce = nonce,
                MaxFeePerGas = fees.MaxFeePerGas,
                MaxPriorityFeePerGas = fees.MaxPriorityFeePerGas,
                GasPrice = fees.GasPrice,
                GasLimit = gas,
                To = request.To,
                Value = request.Value,
                Data = request.Data,
            };
            var signed = await _signer.SignTransactionAsync(transaction, cancellationToken).ConfigureAwait(false);
            return await _rpc.SendRawTransactionAsync(signed, cancellationToken).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Polls until the transaction is mined and has <see cref="TransactionSenderOptions.Confirmations"/> blocks.</summary>
    /// <exception cref="TimeoutException">The receipt did not arrive within <see cref="TransactionSenderOptions.ReceiptTimeout"/>.</exception>
    public async Task<TransactionReceipt> WaitForReceiptAsync(string transactionHash, CancellationToken cancellationToken = default)
    {
        var deadline = _timeProvider.GetUtcNow() + _options.ReceiptTimeout;
        while (true)
        {
            var receipt = await _rpc.GetTransactionReceiptAsync(transactionHash, cancellationToken).ConfigureAwait(false);
            if (receipt is not null)
            {
                if (_options.Confirmations <= 1)
                {
                    return receipt;
                }

                var head = await _rpc.GetBlockNumberAsync(cancellationToken).ConfigureAwait(false);
                if (head + 1 >= receipt.BlockNumber + (ulong)_options.Confirmations)
                {
                    return receipt;
                }
            }

            if (_timeProvider.GetUtcNow() >= deadline)
            {
                throw new TimeoutException($"Transaction {transactionHash} was not mined with {_options.Confirmations} confirmation(s) within {_options.ReceiptTimeout}.");
            }

            await Task.Delay(_options.PollInterval, _timeProvider, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<ulong> EstimateGasAsync(TransactionRequest request, CancellationToken cancellationToken)
    {
        try
        {
            var estimate = await _rpc.EstimateGasAsync(new CallRequest { From = _signer.Address, To = request.To, Data = request.Data, Value = request.Value }, cancellationToken).ConfigureAwait(false);
            return (ulong)Math.Ceiling(estimate * _options.GasMargin);
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
            await _rpc.CallAsync(new CallRequest { From = _signer.Address, To = request.To, Data = request.Data, Value = request.Value }, BlockTags.Number(receipt.BlockNumber), cancellationToken).ConfigureAwait(false);
            return new RevertReason("reverted (the replay at the same block succeeded, e.g. out of gas)", []);
        }
        catch (EthereumRpcException e)
        {
            return RevertReason.FindRevertData(e.Error.Data) is { } data ? RevertReason.Decode(data) : new RevertReason(e.Error.Message, []);
        }
    }
}
