using DidSdk.Ethereum.Rpc;

namespace DidSdk.Ethereum.Transactions;

/// <summary>Fixed fees, e.g. <c>FeeQuote.Legacy(0)</c> on a zero-fee consortium chain.</summary>
public sealed class FixedFeeStrategy(FeeQuote quote) : IFeeStrategy
{
    /// <inheritdoc/>
    public Task<FeeQuote> GetFeesAsync(IEthereumRpc rpc, CancellationToken cancellationToken = default) => Task.FromResult(quote);
}
