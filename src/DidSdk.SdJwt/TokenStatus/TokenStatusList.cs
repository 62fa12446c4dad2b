using System.Diagnostics.CodeAnalysis;
using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Nodes;
using DidSdk.Core;
using DidSdk.Core.Json;

namespace DidSdk.SdJwt.TokenStatus;

/// <summary>
/// A Token Status List (draft-ietf-oauth-status-list §4): one status of 1, 2, 4 or 8 <c>bits</c> per Referenced
/// Token, packed into a byte array from the least significant bit of byte 0 upwards, carried DEFLATE/ZLIB-compressed
/// and base64url-encoded as <c>lst</c>. Mutable for the issuer; <see cref="TryParse(JsonNode?, int, out TokenStatusList?, out Problem?)"/>
/// reads a received list with a limit on the decompressed size (a zlib bomb stops at the limit).
/// </summary>
public sealed class TokenStatusList
{
    /// <summary>The default limit on a decompressed list: 16 MiB (16 million 8-bit statuses).</summary>
    public const int DefaultMaxDecompressedBytes = 16 * 1024 * 1024;

    private readonly byte[] _bytes;

    /// <summary>Creates an all-VALID list with room for at least <paramref name="size"/> statuses of <paramref name="bits"/> bits.</summary>
    /// <param name="bits">1, 2, 4 or 8.</param>
    /// <param name="size">The number of Referenced Tokens; rounded up to whole bytes.</param>
    public TokenStatusList(int bits, int size)
    {
        ValidateBits(bits);
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan((long)size * bits, (long)DefaultMaxDecompressedBytes * 8, nameof(size));
        Bits = bits;
        _bytes = new byte[(int)(((long)size * bits + 7) / 8)];
    }

    private TokenStatusList(int bits, byte[] bytes)
    {
        Bits = bits;
        this._bytes = bytes;
    }

    /// <summary>Bits per status: 1, 2, 4 or 8.</summary>
    public int Bits { get; }

    /// <summary>How many statuses the list holds (its byte length × 8 / <see cref="Bits"/>).</summary>
    public int Size => _bytes.Length * 8 / Bits;

    /// <summary>The largest status value this list can hold.</summary>
    public byte MaxStatus => (byte)((1 << Bits) - 1);

    /// <summary>The uncompressed byte array.</summary>
    public ReadOnlySpan<byte> Bytes => _bytes;

    /// <summary>Wraps an uncompressed byte array (copied).</summary>
    public static TokenStatusList FromBytes(int bits, ReadOnlySpan<byte> statusBytes)
    {
        ValidateBits(bits);
        if (statusBytes.IsEmpty)
        {
            throw new ArgumentException("A status list has at least one byte.", nameof(statusBytes));
        }

        return new TokenStatusList(bits, statusBytes.ToArray());
    }

    /// <summary>The status at <paramref name="index"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The index is outside the list.</exception>
    public byte Get(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Size);
        var bit = (long)index * Bits;
        return (byte)((_bytes[bit / 8] >> (int)(bit % 8)) & MaxStatus);
    }

    /// <summary>The status at <paramref name="index"/>, or <see langword="false"/> when the index is outside the list.</summary>
    public bool TryGet(long index, out byte status)
    {
        status = 0;
        if (index < 0 || index >= Size)
        {
            return false;
        }

        status = Get((int)index);
        return true;
    }

    /// <summary>Sets the status at <paramref name="index"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The index is outside the list or the status needs more than <see cref="Bits"/> bits.</exception>
    public void Set(int index, byte status)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Size);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(status, MaxStatus);
        var bit = (long)index * Bits;
        var shift = (int)(bit % 8);
        ref var b = ref _bytes[bit / 8];
        b = (byte)((b & ~(MaxStatus << shift)) | (status << shift));
    }

    /// <summary>The <c>lst</c> value: the byte array compressed with DEFLATE in the ZLIB format (highest compression), base64url-encoded.</summary>
    public string Encode()
    {
        using var output = new MemoryStream();
        using (var zlib = new ZLibStream(output, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            zlib.Write(_bytes);
        }

        return StrictBase64Url.Encode(output.ToArray());
    }

    /// <summary>The JSON <c>status_list</c> object: <c>{"bits": …, "lst": …}</c> (§4.2).</summary>
    public JsonObject ToJson() => new() { ["bits"] = Bits, ["lst"] = Encode() };

    /// <summary>Decodes an <c>lst</c> value. Never throws for bad input.</summary>
    /// <param name="bits">The <c>bits</c> member.</param>
    /// <param name="lst">The <c>lst</c> member.</param>
    /// <param name="maxDecompressedBytes">The largest decompressed list accepted.</param>
    /// <param name="list">The list.</param>
    /// <param name="problem">Why the value was rejected.</param>
    public static bool TryDecode(int bits, string? lst, int maxDecompressedBytes, [NotNullWhen(true)] out TokenStatusList? list, [NotNullWhen(false)] out Problem? problem)
    {
        list = null;
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDecompressedBytes, 1);
        if (bits is not (1 or 2 or 4 or 8))
        {
            problem = new Problem(TokenStatusProblemCodes.InvalidStatusList, "status_list.bits must be 1, 2, 4 or 8.");
            return false;
        }

        if (string.IsNullOrEmpty(lst) || !StrictBase64Url.TryDecode(lst, out var compressed))
        {
            problem = new Problem(TokenStatusProblemCodes.InvalidStatusList, "status_list.lst is not base64url.");
            return false;
        }

        try
        {
            using var input = new MemoryStream(compressed, writable: false);
            using var zlib = new ZLibStream(input, CompressionMode.Decompress);
            // The buffer grows with what actually inflates, never with a size the input declares: a zlib bomb stops at the limit.
            var buffer = new byte[(int)Math.Min(maxDecompressedBytes + 1L, Math.Max(64L, compressed.Length * 4L))];
            var length = 0;
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (buffer.Length > maxDecompressedBytes)
                    {
                        problem = new Problem(TokenStatusProblemCodes.StatusListTooLarge, $"The decompressed status list exceeds {maxDecompressedBytes} bytes.");
                        return false;
                    }

                    Array.Resize(ref buffer, (int)Math.Min(Math.Min(maxDecompressedBytes + 1L, buffer.Length * 2L), Array.MaxLength));
                }

                var read = zlib.Read(buffer, length, buffer.Length - length);
                if (read == 0)
                {
                    break;
                }

                length += read;
                if (length > maxDecompressedBytes)
                {
                    problem = new Problem(TokenStatusProblemCodes.StatusListTooLarge, $"The decompressed status list exceeds {maxDecompressedBytes} bytes.");
                    return false;
                }
            }

            if (length == 0)
            {
                problem = new Problem(TokenStatusProblemCodes.InvalidStatusList, "The status list is empty.");
                return false;
            }

            // The inflater stops quietly at the end of a truncated stream; the ZLIB trailer (RFC 1950 §2.2) must hold the
            // Adler-32 of what was inflated, and nothing may follow it.
            if (compressed.Length < 6 || ReadBigEndian(compressed.AsSpan(compressed.Length - 4)) != Adler32(buffer.AsSpan(0, length)))
            {
                problem = new Problem(TokenStatusProblemCodes.InvalidStatusList, "status_list.lst is a truncated or corrupted ZLIB stream.");
                return false;
            }

            list = new TokenStatusList(bits, buffer.AsSpan(0, length).ToArray());
            problem = null;
            return true;
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            // zlib reports some corrupt streams as ZLibException (an IOException), not InvalidDataException (found by the
            // token-status-list AFL++ run).
            problem = new Problem(TokenStatusProblemCodes.InvalidStatusList, "status_list.lst is not ZLIB/DEFLATE data.");
            return false;
        }
    }

    /// <summary>Reads a JSON <c>status_list</c> object (§4.2): exactly <c>bits</c> and <c>lst</c> (and an optional <c>aggregation_uri</c>).</summary>
    public static bool TryParse(JsonNode? statusList, int maxDecompressedBytes, [NotNullWhen(true)] out TokenStatusList? list, [NotNullWhen(false)] out Problem? problem)
    {
        list = null;
        if (statusList is not JsonObject obj
            || obj["bits"] is not JsonValue bitsValue || bitsValue.GetValueKind() != JsonValueKind.Number || !bitsValue.TryGetValue<int>(out var bits)
            || obj["lst"] is not JsonValue lstValue || lstValue.GetValueKind() != JsonValueKind.String)
        {
            problem = new Problem(TokenStatusProblemCodes.InvalidStatusList, "status_list must be an object with an integer bits and a string lst.");
            return false;
        }

        return TryDecode(bits, lstValue.GetValue<string>(), maxDecompressedBytes, out list, out problem);
    }

    private static uint ReadBigEndian(ReadOnlySpan<byte> bytes) => System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(bytes);

    private static uint Adler32(ReadOnlySpan<byte> data)
    {
        const uint modulus = 65521;
        uint a = 1, b = 0;
        while (!data.IsEmpty)
        {
            // 5552 is the largest block for which b cannot overflow 32 bits before the modulus is taken (RFC 1950 §9).
            var block = data[..Math.Min(5552, data.Length)];
            foreach (var value in block)
            {
                a += value;
                b += a;
            }

            a %= modulus;
            b %= modulus;
            data = data[block.Length..];
        }

        return (b << 16) | a;
    }

    private static void ValidateBits(int bits)
    {
        if (bits is not (1 or 2 or 4 or 8))
        {
            throw new ArgumentOutOfRangeException(nameof(bits), bits, "bits must be 1, 2, 4 or 8.");
        }
    }
}
