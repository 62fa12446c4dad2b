using System.Diagnostics.CodeAnalysis;
using System.IO.Compression;
using DidSdk.Core;
using DidSdk.Crypto;

namespace DidSdk.Credentials;

/// <summary>
/// A Bitstring Status List (W3C Bitstring Status List v1.0 §2.1): entries of <see cref="StatusSize"/> bits, index 0 in
/// the most significant bit of the first byte, published GZIP-compressed as a multibase base64url <c>encodedList</c>.
/// At least 131,072 entries (§2.1, herd privacy).
/// </summary>
public sealed class BitstringStatusList
{
    /// <summary>The minimum number of entries (16 KiB of bits for 1-bit entries).</summary>
    public const int MinimumEntries = 131_072;

    private readonly byte[] _bits;

    /// <summary>An all-zero list.</summary>
    public BitstringStatusList(int entries = MinimumEntries, int statusSize = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(entries, MinimumEntries);
        ArgumentOutOfRangeException.ThrowIfLessThan(statusSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(statusSize, 8);
        StatusSize = statusSize;
        _bits = new byte[(int)(((long)entries * statusSize + 7) / 8)];
    }

    private BitstringStatusList(byte[] bits, int statusSize)
    {
        this._bits = bits;
        StatusSize = statusSize;
    }

    /// <summary>Bits per entry (1 to 8).</summary>
    public int StatusSize { get; }

    /// <summary>The number of entries.</summary>
    public int Length => _bits.Length * 8 / StatusSize;

    /// <summary>The status value at <paramref name="index"/>.</summary>
    public int Get(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Length);
        var value = 0;
        for (var i = 0; i < StatusSize; i++)
        {
            var bit = (long)index * StatusSize + i;
            value = (value << 1) | ((_bits[bit / 8] >> (7 - (int)(bit % 8))) & 1);
        }

        return value;
    }

    /// <summary>Sets the status value at <paramref name="index"/>.</summary>
    public void Set(int index, int value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Length);
        ArgumentOutOfRangeException.ThrowIfNegative(value);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(value, 1 << StatusSize);
        for (var i = 0; i < StatusSize; i++)
        {
            var bit = (long)index * StatusSize + i;
            var mask = (byte)(1 << (7 - (int)(bit % 8)));
            var on = ((value >> (StatusSize - 1 - i)) & 1) == 1;
            _bits[bit / 8] = on ? (byte)(_bits[bit / 8] | mask) : (byte)(_bits[bit / 8] & ~mask);
        }
    }

    /// <summary>The <c>encodedList</c>: <c>u</c> + base64url (no padding) of the GZIP-compressed bitstring.</summary>
    public string Encode()
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            gzip.Write(_bits);
        }

        return Multibase.Encode(MultibaseEncoding.Base64Url, output.ToArray());
    }

    /// <summary>Decodes an <c>encodedList</c> with a limit on the decompressed size. Never throws for bad input.</summary>
    public static bool TryDecode(string? encodedList, int statusSize, int maxBytes, [NotNullWhen(true)] out BitstringStatusList? list, [NotNullWhen(false)] out Problem? problem)
    {
        list = null;
        if (statusSize is < 1 or > 8 || encodedList is null || !Multibase.TryDecode(encodedList, MultibaseEncoding.Base64Url, out var compressed))
        {
            problem = new Problem(CredentialProblemCodes.StatusListInvalid, "encodedList is not multibase base64url, or statusSize is not 1 to 8.");
            return false;
        }

        try
        {
            using var input = new MemoryStream(compressed, writable: false);
            using var gzip = new GZipStream(input, CompressionMode.Decompress);
            using var output = new MemoryStream();
            var buffer = new byte[16 * 1024];
            int read;
            while ((read = gzip.Read(buffer)) > 0)
            {
                if (output.Length + read > maxBytes)
                {
                    problem = new Problem(CredentialProblemCodes.StatusListInvalid, $"The decompressed status list exceeds {maxBytes} bytes.");
                    return false;
                }

                output.Write(buffer, 0, read);
            }

            if (output.Length * 8 / statusSize < MinimumEntries)
            {
                problem = new Problem(CredentialProblemCodes.StatusListInvalid, $"The status list has fewer than {MinimumEntries} entries.");
                return false;
            }

            list = new BitstringStatusList(output.ToArray(), statusSize);
            problem = null;
            return true;
        }
        catch (InvalidDataException)
        {
            problem = new Problem(CredentialProblemCodes.StatusListInvalid, "encodedList is not GZIP data.");
            return false;
        }
    }
}
