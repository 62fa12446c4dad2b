using System.Text.Json.Nodes;
using DidSdk.Crypto;

namespace DidSdk.Ethereum.Rpc;

/// <summary>An <c>eth_getLogs</c> filter.</summary>
public sealed class LogFilter
{
    /// <summary>The emitting contract.</summary>
    public EthereumAddress? Address { get; init; }

    /// <summary>The first block (inclusive).</summary>
    public ulong FromBlock { get; init; }

    /// <summary>The last block (inclusive); <see langword="null"/> for <c>latest</c>.</summary>
    public ulong? ToBlock { get; init; }

    /// <summary>Topic filters by position; <see langword="null"/> matches anything there.</summary>
    public IReadOnlyList<byte[]?> Topics { get; init; } = [];

    internal JsonObject ToJson()
    {
        var obj = new JsonObject
        {
            ["fromBlock"] = Hex.FormatQuantity(FromBlock),
            ["toBlock"] = ToBlock is { } to ? Hex.FormatQuantity(to) : BlockTags.Latest,
        };
        if (Address is not null)
        {
            obj["address"] = Address.ToLowerHexString();
        }

        obj["topics"] = new JsonArray([.. Topics.Select(t => t is null ? null : (JsonNode)Hex.FormatData(t))]);
        return obj;
    }
}
