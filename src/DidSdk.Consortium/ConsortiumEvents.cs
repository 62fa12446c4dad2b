using System.Numerics;
using DidSdk.Crypto;
using DidSdk.Ethereum.Abi;
using DidSdk.Ethereum.Rpc;

namespace DidSdk.Consortium;

/// <summary>Event signatures of the registry and strict decoders for every one of them.</summary>
internal static class ConsortiumEvents
{
    public const string AccreditationChangedSignature = "AccreditationChanged(bytes32,bytes32,string,string,uint8,uint64,uint64,uint256,uint64)";

    public static readonly byte[] AccreditationChangedTopic = AbiCodec.EventTopic(AccreditationChangedSignature);

    public static readonly byte[] ProposalCreatedTopic = AbiCodec.EventTopic("ProposalCreated(uint256,address,uint8,bytes,uint64)");

    public static readonly byte[] ProposalApprovedTopic = AbiCodec.EventTopic("ProposalApproved(uint256,address)");

    public static readonly byte[] ProposalExecutedTopic = AbiCodec.EventTopic("ProposalExecuted(uint256,address)");

    public static readonly byte[] MemberAdmittedTopic = AbiCodec.EventTopic("MemberAdmitted(address,string,string,uint256,uint64)");

    public static readonly byte[] MemberRemovedTopic = AbiCodec.EventTopic("MemberRemoved(address,uint256,uint64)");

    public static readonly byte[] ThresholdChangedTopic = AbiCodec.EventTopic("ThresholdChanged(uint256,uint256,uint64)");

    private static readonly AbiType[] MemberAdmittedData = [AbiType.String, AbiType.String, AbiType.Uint(64)];

    private static readonly AbiType[] TimeData = [AbiType.Uint(64)];

    private static readonly AbiType[] ThresholdData = [AbiType.Uint256, AbiType.Uint(64)];

    private static readonly AbiType[] ProposalCreatedData = [AbiType.Uint(8), AbiType.Bytes, AbiType.Uint(64)];

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

        var proposal = new BigInteger(log.Topics[3], isUnsigned: true, isBigEndian: true);
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
            log.LogIndex,
            log.TransactionHash);
    }

    /// <summary>
    /// Decodes any of the registry's events; <see langword="null"/> for a log that is none of them. A log with a known
    /// signature whose topics or data do not fit it (a hostile or broken node) throws <see cref="FormatException"/>.
    /// </summary>
    public static ConsortiumRegistryEvent? Decode(EthereumLog log)
    {
        if (log.Topics.Count == 0)
        {
            return null;
        }

        var topic = log.Topics[0].AsSpan();
        if (topic.SequenceEqual(AccreditationChangedTopic))
        {
            return TryDecodeAccreditationChanged(log) ?? throw Malformed("AccreditationChanged");
        }

        if (topic.SequenceEqual(MemberAdmittedTopic))
        {
            return log.Topics.Count == 3 && TopicAddress(log.Topics[1]) is { } member && TopicId(log.Topics[2]) is { } proposal
                && AbiCodec.TryDecode(MemberAdmittedData, log.Data, out var v, out _)
                ? new MemberAdmittedEvent(member, v[0].AsString(), v[1].AsString(), proposal, Time((ulong)v[2].AsInteger()), log.BlockNumber, log.LogIndex, log.TransactionHash)
                : throw Malformed("MemberAdmitted");
        }

        if (topic.SequenceEqual(MemberRemovedTopic))
        {
            return log.Topics.Count == 3 && TopicAddress(log.Topics[1]) is { } member && TopicId(log.Topics[2]) is { } proposal
                && AbiCodec.TryDecode(TimeData, log.Data, out var v, out _)
                ? new MemberRemovedEvent(member, proposal, Time((ulong)v[0].AsInteger()), log.BlockNumber, log.LogIndex, log.TransactionHash)
                : throw Malformed("MemberRemoved");
        }

        if (topic.SequenceEqual(ThresholdChangedTopic))
        {
            return log.Topics.Count == 2 && TopicId(log.Topics[1]) is { } proposal
                && AbiCodec.TryDecode(ThresholdData, log.Data, out var v, out _) && v[0].AsInteger() is var threshold && threshold >= 1 && threshold <= int.MaxValue
                ? new ThresholdChangedEvent((int)threshold, proposal, Time((ulong)v[1].AsInteger()), log.BlockNumber, log.LogIndex, log.TransactionHash)
                : throw Malformed("ThresholdChanged");
        }

        if (topic.SequenceEqual(ProposalCreatedTopic))
        {
            return log.Topics.Count == 3 && TopicId(log.Topics[1]) is { } proposal && TopicAddress(log.Topics[2]) is { } proposer
                && AbiCodec.TryDecode(ProposalCreatedData, log.Data, out var v, out _) && v[0].AsInteger() is var action && action >= 1 && action <= 7
                ? new ProposalCreatedEvent(proposal, proposer, (ConsortiumAction)(int)action, v[1].AsBytes(), Time((ulong)v[2].AsInteger()), log.BlockNumber, log.LogIndex, log.TransactionHash)
                : throw Malformed("ProposalCreated");
        }

        if (topic.SequenceEqual(ProposalApprovedTopic))
        {
            return log.Topics.Count == 3 && TopicId(log.Topics[1]) is { } proposal && TopicAddress(log.Topics[2]) is { } member && log.Data.Length == 0
                ? new ProposalApprovedEvent(proposal, member, log.BlockNumber, log.LogIndex, log.TransactionHash)
                : throw Malformed("ProposalApproved");
        }

        if (topic.SequenceEqual(ProposalExecutedTopic))
        {
            return log.Topics.Count == 3 && TopicId(log.Topics[1]) is { } proposal && TopicAddress(log.Topics[2]) is { } executor && log.Data.Length == 0
                ? new ProposalExecutedEvent(proposal, executor, log.BlockNumber, log.LogIndex, log.TransactionHash)
                : throw Malformed("ProposalExecuted");
        }

        return null;
    }

    private static FormatException Malformed(string name) => new($"The registry's node returned a malformed {name} log.");

    /// <summary>A uint256 topic that fits a proposal id (ulong).</summary>
    private static ulong? TopicId(byte[] topic)
    {
        if (topic.Length != 32)
        {
            return null;
        }

        var value = new BigInteger(topic, isUnsigned: true, isBigEndian: true);
        return value <= ulong.MaxValue ? (ulong)value : null;
    }

    /// <summary>An indexed address: 12 zero bytes, then the 20-byte address.</summary>
    private static EthereumAddress? TopicAddress(byte[] topic) =>
        topic.Length == 32 && !topic.AsSpan(0, 12).ContainsAnyExcept((byte)0) ? EthereumAddress.FromBytes(topic.AsSpan(12)) : null;

    public static DateTimeOffset Time(ulong seconds) => DateTimeOffset.FromUnixTimeSeconds((long)Math.Min(seconds, 253_402_300_799UL));
}
