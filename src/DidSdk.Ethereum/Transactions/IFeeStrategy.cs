using DidSdk.Ethereum.Rpc;

namespace DidSdk.Ethereum.Transactions;

/// <summary>Chooses fees for the next transaction.</summary>
public interface IFeeStrategy
{
    /// <summary>Fees for a transaction sent now.</summary>
    Task<FeeQuote> GetFeesAsync(IEthereumRpc rpc, CancellationToken cancellationToken = default);
}
