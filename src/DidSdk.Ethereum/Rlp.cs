using System.Diagnostics.CodeAnalysis;
using System.Numerics;

namespace DidSdk.Ethereum;

/// <summary>
/// Recursive Length Prefix encoding (Ethereum Yellow Paper, Appendix B). Decoding is strict: non-canonical lengths,
/// single bytes below 0x80 wrapped in a string header, leading zeros in lengths and trailing bytes are rejected.
/// </summary>
public static class Rlp
{
    private const int MaxDepth = 32;

    /// <summary>Encodes a byte string.</summary>
    public static byte[] EncodeBytes(ReadOnlySpan<byte> value)
    {
        if (value.Length == 1 && value[0] < 0x80)
        {
            return [value[0]];
        }

        var header = Header(0x80, value.Length);
        var output = new byte[header.Length + value.Length];
        header.CopyTo(output, 0);
        value.CopyTo(output.AsSpan(header.Length));
        return output;
    }

    /// <summary>Encodes a non-negative integer as its minimal big-endian byte string (zero is the empty string).</summary>
    public static byte[] EncodeInteger(BigInteger value)
    {
        if (value.Sign < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(value), "RLP integers are non-negative.");
        }

        return EncodeBytes(value.IsZero ? [] : value.ToByteArray(isUnsigned: true, isBigEndian: true));
    }

    /// <summary>Encodes a list whose items are already RLP-encoded.</summary>
    public static byte[] EncodeList(params IReadOnlyList<byte[]> encodedItems)
    {
        ArgumentNullException.ThrowIfNull(encodedItems);
        var length = 0;
        foreach (var item in encodedItems)
        {
            length = checked(length + item.Length);
        }

        var header = Header(0xc0, length);
        var output = new byte[header.Length + length];
        header.CopyTo(output, 0);
        var offset = header.Length;
        foreach (var item in encodedItems)
        {
            item.CopyTo(output, offset);
            offset += item.Length;
        }

        return output;
    }

    /// <summary>Decodes exactly one RLP item that spans all of <paramref name="encoded"/>.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> encoded, [NotNullWhen(true)] out RlpItem? item)
    {
        item = null;
        if (!TryDecodeItem(encoded, 0, out var decoded, out var consumed) || consumed != encoded.Length)
        {
            return false;
        }

        item = decoded;
        return true;
    }

    private static bool TryDecodeItem(ReadOnlySpan<byte> input, int depth, [NotNullWhen(true)] out RlpItem? item, out int consumed)
    {
        item = null;
        consumed = 0;
        if (input.IsEmpty || depth > MaxDepth)
        {
            return false;
        }

        var prefix = input[0];
        if (prefix < 0x80)
        {
            item = RlpItem.FromBytes([prefix]);
            consumed = 1;
            return true;
        }

        var isList = prefix >= 0xc0;
        var shortBase = isList ? 0xc0 : 0x80;
        int headerLength;
        int payloadLength;
        if (prefix <= shortBase + 55)
        {
            headerLength = 1;
            payloadLength = prefix - shortBase;
        }
        else
        {
            var lengthOfLength = prefix - shortBase - 55;
            if (lengthOfLength > 4 || input.Length < 1 + lengthOfLength || input[1] == 0)
            {
                return false;
            }

            long length = 0;
            for (var i = 0; i < lengthOfLength; i++)
            {
                length = (length << 8) | input[1 + i];
            }

            if (length <= 55 || length > int.MaxValue)
            {
                return false;
            }

            headerLength = 1 + lengthOfLength;
            payloadLength = (int)length;
        }

        if (input.Length - headerLength < payloadLength)
        {
            return false;
        }

        var payload = input.Slice(headerLength, payloadLength);
        consumed = headerLength + payloadLength;
        if (!isList)
        {
            if (payloadLength == 1 && payload[0] < 0x80)
            {
                return false;
            }

            item = RlpItem.FromBytes(payload.ToArray());
            return true;
        }

        var items = new List<RlpItem>();
        while (!payload.IsEmpty)
        {
            if (!TryDecodeItem(payload, depth + 1, out var child, out var used))
            {
                return false;
            }

            items.Add(child);
            payload = payload[used..];
        }

        item = RlpItem.FromList(items);
        return true;
    }

    private static byte[] Header(int shortBase, int length)
    {
        if (length <= 55)
        {
            return [(byte)(shortBase + length)];
        }

        Span<byte> lengthBytes = stackalloc byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(lengthBytes, length);
        var trimmed = lengthBytes.TrimStart((byte)0);
        var header = new byte[1 + trimmed.Length];
        header[0] = (byte)(shortBase + 55 + trimmed.Length);
        trimmed.CopyTo(header.AsSpan(1));
        return header;
    }
}
