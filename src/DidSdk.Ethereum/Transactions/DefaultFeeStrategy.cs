using System.Numerics;
using System.Text.Json;
using System.Text.Json.Nodes;
using DidSdk.Ethereum.Rpc;

namespace DidSdk.Ethereum.Transactions;

/// <summary>
/// EIP-1559 when the latest block has a base fee: tip from <c>eth_maxPriorityFeePerGas</c>, else the median reward of
/// <c>eth_feeHistory</c>, else <see cref="DefaultPriorityFee"/>; fee cap = 2 × base fee + tip (survives six full blocks of
/// base-fee growth). A chain whose base fee is zero pays no tip. Without a base fee: legacy with <c>eth_gasPrice</c>.
/// </summary>
public sealed class DefaultFeeStrategy : IFeeStrategy
{
    /// <summary>The tip used when the node cannot suggest one. Default 1 gwei.</summary>
    public BigInteger DefaultPriorityFee { get; init; } = 1_000_000_000;

    /// <inheritdoc/>
    public async Task<FeeQuote> GetFeesAsync(IEthereumRpc rpc, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rpc);
        var latest = await rpc.GetBlockAsync(BlockTags.Latest, cancellationToken).ConfigureAwait(false)
            ?? throw new EthereumTransportException("The node has no latest block.");
        if (latest.BaseFeePerGas is not { } baseFee)
        {
            return FeeQuote.Legacy(await rpc.GetGasPriceAsync(cancellationToken).ConfigureAwait(false));
        }

        if (baseFee.IsZero)
        {
            return FeeQuote.Eip1559(0, 0);
        }

        BigInteger tip;
        try
        {
            tip = await rpc.GetMaxPriorityFeePerGasAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (EthereumRpcException)
        {
            tip = await FeeHistoryTipAsync(rpc, cancellationToken).ConfigureAwait(false) ?? DefaultPriorityFee;
        }

        return FeeQuote.Eip1559(baseFee * 2 + tip, tip);
    }

    private static async Task<BigInteger?> FeeHistoryTipAsync(IEthereumRpc rpc, CancellationToken cancellationToken)
    {
        try
        {
            var history = await rpc.SendAsync("eth_feeHistory", new JsonArray((JsonNode)"0x5", (JsonNode)BlockTags.Latest, new JsonArray((JsonNode)50)), cancellationToken).ConfigureAwait(false);
            if (!history.TryGetProperty("reward", out var rewards) || rewards.ValueKind != JsonValueKind.Array)
            {
                return null;
            }

            var tips = rewards.EnumerateArray().Where(r => r.ValueKind == JsonValueKind.Array && r.GetArrayLength() > 0)
                .Select(r => EthereumRpcRequests.ParseQuantity(r[0])).Order().ToList();
            return tips.Count == 0 ? null : tips[tips.Count / 2];
        }
        catch (EthereumRpcException)
        {
            return null;
        }
    }
}
