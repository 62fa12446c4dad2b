using System.Numerics;
using System.Text.Json.Nodes;
using DidSdk.Crypto;

namespace DidSdk.Ethereum.Rpc;

/// <summary>An <c>eth_call</c> / <c>eth_estimateGas</c> request.</summary>
public sealed class CallRequest
{
    /// <summary>The sender, if it matters.</summary>
    public EthereumAddress? From { get; init; }

    /// <summary>The contract (or <see langword="null"/> for a contract creation estimate).</summary>
    public EthereumAddress? To { get; init; }

    /// <summary>The call data.</summary>
    public ReadOnlyMemory<byte> Data { get; init; }

    /// <summary>The value in wei.</summary>
    public BigInteger Value { get; init; }

    internal JsonObject ToJson()
    {
        var obj = new JsonObject();
        if (From is not null)
        {
            obj["from"] = From.ToLowerHexString();
        }

        if (To is not null)
        {
            obj["to"] = To.ToLowerHexString();
        }

        obj["data"] = Hex.FormatData(Data.Span);
        if (!Value.IsZero)
        {
            obj["value"] = Hex.FormatQuantity(Value);
        }

        return obj;
    }
}
