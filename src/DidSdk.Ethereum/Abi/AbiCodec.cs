using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using System.Text;
using DidSdk.Crypto;

namespace DidSdk.Ethereum.Abi;

/// <summary>
/// The Solidity contract ABI encoding (docs.soliditylang.org, "Contract ABI Specification"): head/tail encoding of
/// arguments and return values, function selectors and event topics. Decoding treats the data as hostile: offsets and
/// lengths are bounds-checked, padding must be zero (sign-extended for <c>int</c>), booleans must be 0 or 1.
/// </summary>
public static class AbiCodec
{
    private const int Word = 32;

    /// <summary>The 4-byte function selector: the first bytes of Keccak-256 of the canonical signature, e.g. <c>identityOwner(address)</c>.</summary>
    public static byte[] Selector(string signature) => Keccak(signature)[..4];

    /// <summary>The event topic 0: Keccak-256 of the canonical event signature, e.g. <c>DIDOwnerChanged(address,address,uint256)</c>.</summary>
    public static byte[] EventTopic(string signature) => Keccak(signature);

    /// <summary>Encodes a call: the selector of <paramref name="signature"/> followed by the encoded arguments.</summary>
    /// <exception cref="ArgumentException">The arguments do not match the signature's parameter types.</exception>
    public static byte[] EncodeCall(string signature, params IReadOnlyList<AbiValue> arguments)
    {
        var types = ParameterTypes(signature);
        if (types.Count != arguments.Count || types.Where((t, i) => t != arguments[i].Type).Any())
        {
            throw new ArgumentException($"The arguments do not match {signature}.", nameof(arguments));
        }

        return [.. Selector(signature), .. Encode(arguments)];
    }

    /// <summary>The parameter types of a canonical signature <c>name(type1,type2,...)</c>.</summary>
    /// <exception cref="FormatException">The signature is malformed or uses an unsupported type.</exception>
    public static IReadOnlyList<AbiType> ParameterTypes(string signature)
    {
        ArgumentNullException.ThrowIfNull(signature);
        var open = signature.IndexOf('(', StringComparison.Ordinal);
        if (open <= 0 || !signature.EndsWith(')'))
        {
            throw new FormatException($"'{signature}' is not a canonical signature.");
        }

        var inner = signature[(open + 1)..^1];
        return inner.Length == 0 ? [] : [.. inner.Split(',').Select(AbiType.Parse)];
    }

    /// <summary>Encodes values as a tuple (function arguments or return values).</summary>
    public static byte[] Encode(IReadOnlyList<AbiValue> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        using var output = new MemoryStream();
        EncodeTuple(values, output);
        return output.ToArray();
    }

    /// <summary>Decodes a tuple of <paramref name="types"/> from <paramref name="data"/>. Never throws for bad data.</summary>
    public static bool TryDecode(IReadOnlyList<AbiType> types, ReadOnlySpan<byte> data, [NotNullWhen(true)] out IReadOnlyList<AbiValue>? values, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(types);
        values = null;
        try
        {
            values = DecodeTuple(types, data, 0, data.Length);
            error = null;
            return true;
        }
        catch (AbiDecodingException e)
        {
            error = e.Message;
            return false;
        }
    }

    private static byte[] Keccak(string text)
    {
        var hash = new byte[32];
        Hashes.Keccak256(Encoding.UTF8.GetBytes(text), hash);
        return hash;
    }

    private static void EncodeTuple(IReadOnlyList<AbiValue> values, MemoryStream output)
    {
        var headSize = values.Sum(v => v.Type.HeadWords) * Word;
        var tails = new MemoryStream();
        foreach (var value in values)
        {
            if (value.Type.IsDynamic)
            {
                WriteUint(output, headSize + tails.Length);
                EncodeValue(value, tails);
            }
            else
            {
                EncodeValue(value, output);
            }
        }

        tails.Position = 0;
        tails.CopyTo(output);
    }

    private static void EncodeValue(AbiValue value, MemoryStream output)
    {
        var type = value.Type;
        switch (type.Kind)
        {
            case AbiKind.Address:
                output.Write(new byte[12]);
                output.Write(value.AsAddress().Bytes);
                break;
            case AbiKind.Bool:
                WriteUint(output, value.AsBool() ? 1 : 0);
                break;
            case AbiKind.Uint:
            case AbiKind.Int:
                WriteInteger(output, value.AsInteger());
                break;
            case AbiKind.FixedBytes:
                WritePadded(output, value.AsBytes());
                break;
            case AbiKind.Bytes:
            {
                var bytes = value.AsBytes();
                WriteUint(output, bytes.Length);
                WritePadded(output, bytes);
                break;
            }

            case AbiKind.String:
            {
                var bytes = Encoding.UTF8.GetBytes(value.AsString());
                WriteUint(output, bytes.Length);
                WritePadded(output, bytes);
                break;
            }

            case AbiKind.DynamicArray:
                WriteUint(output, value.AsArray().Count);
                EncodeTuple(value.AsArray(), output);
                break;
            case AbiKind.FixedArray:
                EncodeTuple(value.AsArray(), output);
                break;
        }
    }

    private static void WriteUint(MemoryStream output, long value) => WriteInteger(output, new BigInteger(value));

    private static void WriteInteger(MemoryStream output, BigInteger value)
    {
        Span<byte> word = stackalloc byte[Word];
        word.Fill(value.Sign < 0 ? (byte)0xFF : (byte)0);
        var bytes = value.ToByteArray(isUnsigned: value.Sign >= 0, isBigEndian: true);
        bytes.AsSpan(Math.Max(0, bytes.Length - Word)).CopyTo(word[Math.Max(0, Word - bytes.Length)..]);
        output.Write(word);
    }

    private static void WritePadded(MemoryStream output, ReadOnlySpan<byte> bytes)
    {
        output.Write(bytes);
        var pad = (Word - (bytes.Length % Word)) % Word;
        output.Write(new byte[pad]);
    }

    private static AbiValue[] DecodeTuple(IReadOnlyList<AbiType> types, ReadOnlySpan<byte> data, int start, int end)
    {
        var values = new AbiValue[types.Count];
        var head = start;
        for (var i = 0; i < types.Count; i++)
        {
            var type = types[i];
            if (type.IsDynamic)
            {
                var offset = ReadLength(data, head, end);
                if (offset > end - start)
                {
                    throw new AbiDecodingException("An offset points outside the data.");
                }

                values[i] = DecodeValue(type, data, start + offset, end);
                head += Word;
            }
            else
            {
                values[i] = DecodeValue(type, data, head, end);
                head += type.HeadWords * Word;
            }
        }

        return values;
    }

    private static AbiValue DecodeValue(AbiType type, ReadOnlySpan<byte> data, int position, int end)
    {
        switch (type.Kind)
        {
            case AbiKind.Address:
            {
                var word = ReadWord(data, position, end);
                if (word[..12].ContainsAnyExcept((byte)0))
                {
                    throw new AbiDecodingException("An address has non-zero padding.");
                }

                return AbiValue.Create(type, EthereumAddress.FromBytes(word[12..]));
            }

            case AbiKind.Bool:
            {
                var word = ReadWord(data, position, end);
                if (word[..31].ContainsAnyExcept((byte)0) || word[31] > 1)
                {
                    throw new AbiDecodingException("A bool is not 0 or 1.");
                }

                return AbiValue.Create(type, word[31] == 1);
            }

            case AbiKind.Uint:
            {
                var value = new BigInteger(ReadWord(data, position, end), isUnsigned: true, isBigEndian: true);
                if (value.GetBitLength() > type.Size)
                {
                    throw new AbiDecodingException($"The value does not fit in {type}.");
                }

                return AbiValue.Create(type, value);
            }

            case AbiKind.Int:
            {
                var value = new BigInteger(ReadWord(data, position, end), isUnsigned: false, isBigEndian: true);
                var limit = BigInteger.One << (type.Size - 1);
                if (value < -limit || value >= limit)
                {
                    throw new AbiDecodingException($"The value does not fit in {type}.");
                }

                return AbiValue.Create(type, value);
            }

            case AbiKind.FixedBytes:
            {
                var word = ReadWord(data, position, end);
                if (word[type.Size..].ContainsAnyExcept((byte)0))
                {
                    throw new AbiDecodingException($"A {type} has non-zero padding.");
                }

                return AbiValue.Create(type, word[..type.Size].ToArray());
            }

            case AbiKind.Bytes:
            case AbiKind.String:
            {
                var length = ReadLength(data, position, end);
                var body = position + Word;
                if (length > end - body)
                {
                    throw new AbiDecodingException("A length runs past the end of the data.");
                }

                var bytes = data.Slice(body, length).ToArray();
                if (type.Kind == AbiKind.Bytes)
                {
                    return AbiValue.Create(type, bytes);
                }

                try
                {
                    return AbiValue.Create(type, new UTF8Encoding(false, true).GetString(bytes));
                }
                catch (DecoderFallbackException)
                {
                    throw new AbiDecodingException("A string is not valid UTF-8.");
                }
            }

            case AbiKind.DynamicArray:
            {
                var count = ReadLength(data, position, end);
                if (count > (end - position - Word) / Word)
                {
                    throw new AbiDecodingException("An array is longer than the data.");
                }

                return AbiValue.Create(type, DecodeTuple([.. Enumerable.Repeat(type.Element!, count)], data, position + Word, end));
            }

            default:
                return AbiValue.Create(type, DecodeTuple([.. Enumerable.Repeat(type.Element!, type.Size)], data, position, end));
        }
    }

    private static ReadOnlySpan<byte> ReadWord(ReadOnlySpan<byte> data, int position, int end)
    {
        if (position < 0 || position > end - Word)
        {
            throw new AbiDecodingException("The data ends before a value.");
        }

        return data.Slice(position, Word);
    }

    private static int ReadLength(ReadOnlySpan<byte> data, int position, int end)
    {
        var word = ReadWord(data, position, end);
        if (word[..28].ContainsAnyExcept((byte)0) || (word[28] & 0x80) != 0)
        {
            throw new AbiDecodingException("An offset or length is too large.");
        }

        return (word[28] << 24) | (word[29] << 16) | (word[30] << 8) | word[31];
    }

    private sealed class AbiDecodingException(string message) : Exception(message);
}
