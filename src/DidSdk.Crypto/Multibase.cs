using System.Buffers;
using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace DidSdk.Crypto;

/// <summary>
/// Multibase encoding and decoding (draft-multiformats-multibase): a one-character prefix naming the base, then
/// the data in that base. Only <see cref="MultibaseEncoding"/> values are supported.
/// </summary>
/// <remarks>
/// Decoding is strict: it accepts only the canonical form of each encoding, so one byte string has exactly one
/// multibase string per encoding. Padding (<c>=</c>) and non-zero trailing bits in <c>u</c>, uppercase digits in
/// <c>f</c> (lowercase digits in <c>F</c>), whitespace, and unknown prefixes are rejected. This deliberately
/// departs from the multibase test suite's <c>case_insensitivity</c> cases: keys and proof values must not have
/// several spellings.
/// </remarks>
public static class Multibase
{
    /// <summary>
    /// The longest base58btc text (after the prefix) <c>TryDecode</c> accepts. Base58 decoding is
    /// quadratic in the input length, so hostile input is cut off here; 2,048 characters hold about 1.5 KB.
    /// </summary>
    public const int MaxBase58Length = 2048;

    // The base58btc alphabet. The decoder indexes a table by character code, so anything else (a non-ASCII character)
    // must be refused before it gets there.
    private static readonly SearchValues<char> Base58Alphabet = SearchValues.Create("123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz");

    /// <summary>The longest multibase string <c>TryDecode</c> accepts (16 MiB of characters).</summary>
    public const int MaxLength = 16 * 1024 * 1024;

    /// <summary>Encodes <paramref name="data"/> with the given encoding and its prefix character.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="encoding"/> is not a defined value.</exception>
    public static string Encode(MultibaseEncoding encoding, ReadOnlySpan<byte> data) => encoding switch
    {
        MultibaseEncoding.Base58Btc => "z" + SimpleBase.Base58.Bitcoin.Encode(data),
        MultibaseEncoding.Base64Url => "u" + Base64Url.EncodeToString(data),
        MultibaseEncoding.Base16 => "f" + Convert.ToHexStringLower(data),
        MultibaseEncoding.Base16Upper => "F" + Convert.ToHexString(data),
        _ => throw new ArgumentOutOfRangeException(nameof(encoding), encoding, "Unsupported multibase encoding."),
    };

    /// <summary>
    /// Decodes a multibase string. Returns <see langword="false"/> (never throws) for <see langword="null"/>, an
    /// empty string, an unknown prefix, a non-canonical or malformed body, or input over the size limits.
    /// </summary>
    public static bool TryDecode([NotNullWhen(true)] string? text, [NotNullWhen(true)] out byte[]? data, out MultibaseEncoding encoding)
    {
        data = null;
        encoding = default;
        if (string.IsNullOrEmpty(text) || text.Length > MaxLength)
        {
            return false;
        }

        var body = text.AsSpan(1);
        byte[]? decoded = text[0] switch
        {
            'z' => DecodeBase58(body),
            'u' => DecodeBase64Url(body),
            'f' => DecodeBase16(body, upper: false),
            'F' => DecodeBase16(body, upper: true),
            _ => null,
        };
        if (decoded is null)
        {
            return false;
        }

        data = decoded;
        encoding = (MultibaseEncoding)text[0];
        return true;
    }

    /// <summary>Decodes a multibase string that must use <paramref name="expected"/>; see <see cref="TryDecode(string?, out byte[], out MultibaseEncoding)"/>.</summary>
    public static bool TryDecode([NotNullWhen(true)] string? text, MultibaseEncoding expected, [NotNullWhen(true)] out byte[]? data)
    {
        if (TryDecode(text, out data, out var actual) && actual == expected)
        {
            return true;
        }

        data = null;
        return false;
    }

    private static byte[]? DecodeBase58(ReadOnlySpan<char> body)
    {
        if (body.Length > MaxBase58Length || body.ContainsAnyExcept(Base58Alphabet))
        {
            return null;
        }

        // Each base58 digit carries less than one byte, so the output is never longer than the input.
        var buffer = new byte[body.Length];
        if (!SimpleBase.Base58.Bitcoin.TryDecode(body, buffer, out var written))
        {
            return null;
        }

        var decoded = buffer.AsSpan(0, written).ToArray();

        // The value may be a private key (secretKeyMultibase), so the scratch copy is wiped.
        CryptographicOperations.ZeroMemory(buffer);

        // Base58 has one spelling per byte string; re-encoding guards against decoder leniency.
        if (SimpleBase.Base58.Bitcoin.Encode(decoded).AsSpan().SequenceEqual(body))
        {
            return decoded;
        }

        CryptographicOperations.ZeroMemory(decoded);
        return null;
    }

    internal static byte[]? DecodeBase64Url(ReadOnlySpan<char> body)
    {
        // The platform decoder tolerates padding and whitespace; the multibase 'u' form has neither.
        foreach (var c in body)
        {
            if (!IsBase64UrlChar(c))
            {
                return null;
            }
        }

        if (body.Length % 4 == 1)
        {
            return null;
        }

        var buffer = new byte[Base64Url.GetMaxDecodedLength(body.Length)];
        if (Base64Url.DecodeFromChars(body, buffer, out var consumed, out var written) != System.Buffers.OperationStatus.Done || consumed != body.Length)
        {
            CryptographicOperations.ZeroMemory(buffer);
            return null;
        }

        var decoded = buffer;
        if (written != buffer.Length)
        {
            // The value may be a private key (JWK "d"), so the oversized scratch copy is wiped.
            decoded = buffer.AsSpan(0, written).ToArray();
            CryptographicOperations.ZeroMemory(buffer);
        }

        // Non-zero unused bits in the last character would give a second spelling of the same bytes.
        var reencoded = new char[body.Length];
        try
        {
            if (Base64Url.TryEncodeToChars(decoded, reencoded, out var charsWritten) && reencoded.AsSpan(0, charsWritten).SequenceEqual(body))
            {
                return decoded;
            }
        }
        finally
        {
            Array.Clear(reencoded);
        }

        CryptographicOperations.ZeroMemory(decoded);
        return null;
    }

    internal static bool IsBase64UrlChar(char c) => c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_';

    private static byte[]? DecodeBase16(ReadOnlySpan<char> body, bool upper)
    {
        if (body.Length % 2 != 0)
        {
            return null;
        }

        foreach (var c in body)
        {
            var ok = c is >= '0' and <= '9' || (upper ? c is >= 'A' and <= 'F' : c is >= 'a' and <= 'f');
            if (!ok)
            {
                return null;
            }
        }

        return Convert.FromHexString(body);
    }
}
