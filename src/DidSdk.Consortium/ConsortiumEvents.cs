using DidSdk.Ethereum.Abi;
using DidSdk.Ethereum.Rpc;

namespace DidSdk.Consortium;

/// <summary>Event signatures of the registry and a strict decoder for the ones the SDK reads.</summary>
internal static class ConsortiumEvents
{
    public const string AccreditationChangedSignature = "AccreditationChanged(bytes32,bytes32,string,string,uint8,uint64,uint64,uint256,uint64)";

    public static readonly byte[] AccreditationChangedTopic = AbiCodec.EventTopic(AccreditationChangedSignature);

    public static readonly byte[] ProposalCreatedTopic = AbiCodec.EventTopic("ProposalCreated(uint256,address,uint8,bytes,uint64)");

    public static readonly byte[] ProposalExecutedTopic = AbiCodec.EventTopic("ProposalExecuted(uint256,address)");

    private static readonly AbiType[] AccreditationData = [AbiType.String, AbiType.String, AbiType.Uint(8), AbiType.Uint(64), AbiType.Uint(64), AbiType.Uint(64)];

    /// <summary>Decodes an <c>AccreditationChanged</c> log; <see langword="null"/> when it is not one or is malformed (a hostile node).</summary>
    public static AccreditationChange? TryDecodeAccreditationChanged(EthereumLog log)
    {
        if (log.Topics.Count != 4 || !log.Topics[0].AsSpan().SequenceEqual(AccreditationChangedTopic) || log.Topics[3].Length != 32)
        {
            return null;
        }

        if (!AbiCodec.TryDecode(AccreditationData, log.Data, out var values, out _))
        {
            return null;
        }

        var status = values[2].AsInteger();
        if (status < 1 || status > 3)
        {
            return null;
        }

        var issuer = values[0].AsString();
        var type = values[1].AsString();
        var id = ConsortiumTrustRegistry.AccreditationIdOf(issuer, type);
        if (!id.AsSpan().SequenceEqual(log.Topics[1]))
        {
            return null;
        }

        var proposal = new System.Numerics.BigInteger(log.Topics[3], isUnsigned: true, isBigEndian: true);
        if (proposal > ulong.MaxValue)
        {
            return null;
        }

        var until = (ulong)values[4].AsInteger();
        return new AccreditationChange(
            issuer,
            type,
            (AccreditationStatus)(int)status,
            Time((ulong)values[3].AsInteger()),
            until == 0 ? null : Time(until),
            (ulong)proposal,
            Time((ulong)values[5].AsInteger()),
            log.BlockNumber,
            log.LogIndex);
    }

    public static DateTimeOffset Time(ulong seconds) => DateTimeOffset.FromUnixTimeSeconds((long)Math.Min(seconds, 253_402_300_799UL));
}
