using System.Diagnostics.CodeAnalysis;
using System.Text;
using DidSdk.Crypto;
using DidSdk.Ethereum.Abi;
using DidSdk.Ethereum.Rpc;

namespace DidSdk.Ethereum.Registry;

/// <summary>The registry's event signatures and log decoding.</summary>
public static class Erc1056EventDecoder
{
    /// <summary>Topic 0 of <c>DIDOwnerChanged</c>.</summary>
    public static byte[] OwnerChangedTopic { get; } = AbiCodec.EventTopic("DIDOwnerChanged(address,address,uint256)");

    /// <summary>Topic 0 of <c>DIDDelegateChanged</c>.</summary>
    public static byte[] DelegateChangedTopic { get; } = AbiCodec.EventTopic("DIDDelegateChanged(address,bytes32,address,uint256,uint256)");

    /// <summary>Topic 0 of <c>DIDAttributeChanged</c>.</summary>
    public static byte[] AttributeChangedTopic { get; } = AbiCodec.EventTopic("DIDAttributeChanged(address,bytes32,bytes,uint256,uint256)");

    /// <summary>The indexed-identity topic: the address left-padded to 32 bytes.</summary>
    public static byte[] IdentityTopic(EthereumAddress identity)
    {
        ArgumentNullException.ThrowIfNull(identity);
        var topic = new byte[32];
        identity.Bytes.CopyTo(topic.AsSpan(12));
        return topic;
    }

    /// <summary>
    /// Decodes a registry log. Returns <see langword="false"/> for a log that is not one of the three events, is
    /// malformed, or whose bytes32 name is not UTF-8 (not a DID event, as the reference resolver also skips).
    /// </summary>
    public static bool TryDecode(EthereumLog log, [NotNullWhen(true)] out Erc1056Event? decoded, out ulong previousChange)
    {
        ArgumentNullException.ThrowIfNull(log);
        decoded = null;
        previousChange = 0;
        if (log.Topics.Count != 2 || log.Topics[1].AsSpan(0, 12).ContainsAnyExcept((byte)0))
        {
            return false;
        }

        var identity = EthereumAddress.FromBytes(log.Topics[1].AsSpan(12));
        var topic = log.Topics[0];
        if (topic.AsSpan().SequenceEqual(OwnerChangedTopic))
        {
            if (!AbiCodec.TryDecode([AbiType.Address, AbiType.Uint256], log.Data, out var v, out _) || !TryBlock(v[1], out previousChange))
            {
                return false;
            }

            decoded = new DidOwnerChanged { Identity = identity, Owner = v[0].AsAddress(), PreviousChange = previousChange, BlockNumber = log.BlockNumber, LogIndex = log.LogIndex };
            return true;
        }

        if (topic.AsSpan().SequenceEqual(DelegateChangedTopic))
        {
            if (!AbiCodec.TryDecode([AbiType.Bytes32, AbiType.Address, AbiType.Uint256, AbiType.Uint256], log.Data, out var v, out _) || !TryBlock(v[3], out previousChange))
            {
                return false;
            }

            if (!TryBytes32String(v[0].AsBytes(), out var delegateType))
            {
                return false;
            }

            decoded = new DidDelegateChanged { Identity = identity, DelegateType = delegateType, Delegate = v[1].AsAddress(), ValidTo = v[2].AsInteger(), PreviousChange = previousChange, BlockNumber = log.BlockNumber, LogIndex = log.LogIndex };
            return true;
        }

        if (topic.AsSpan().SequenceEqual(AttributeChangedTopic))
        {
            if (!AbiCodec.TryDecode([AbiType.Bytes32, AbiType.Bytes, AbiType.Uint256, AbiType.Uint256], log.Data, out var v, out _) || !TryBlock(v[3], out previousChange))
            {
                return false;
            }

            if (!TryBytes32String(v[0].AsBytes(), out var name))
            {
                return false;
            }

            decoded = new DidAttributeChanged { Identity = identity, Name = name, Value = v[1].AsBytes(), ValidTo = v[2].AsInteger(), PreviousChange = previousChange, BlockNumber = log.BlockNumber, LogIndex = log.LogIndex };
            return true;
        }

        return false;
    }

    private static bool TryBlock(AbiValue value, out ulong block)
    {
        var n = value.AsInteger();
        block = n <= ulong.MaxValue ? (ulong)n : 0;
        return n <= ulong.MaxValue;
    }

    private static bool TryBytes32String(byte[] bytes, [NotNullWhen(true)] out string? text)
    {
        var length = bytes.Length;
        while (length > 0 && bytes[length - 1] == 0)
        {
            length--;
        }

        try
        {
            text = new UTF8Encoding(false, true).GetString(bytes, 0, length);
            return true;
        }
        catch (DecoderFallbackException)
        {
            text = null;
            return false;
        }
    }
}
