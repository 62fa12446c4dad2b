using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;

namespace DidSdk.Core.Json;

/// <summary>
/// Strict base64url (RFC 4648 §5) as JOSE uses it (RFC 7515 §2 "Base64url Encoding"): the URL-safe alphabet, no
/// padding, no whitespace or line breaks, and canonical trailing bits (RFC 4648 §3.5), so every byte string has
/// exactly one accepted encoding.
/// </summary>
/// <remarks>
/// <see cref="System.Buffers.Text.Base64Url"/> is lenient (it accepts padding and skips whitespace); a token that is
/// accepted in two spellings lets an attacker change its bytes without changing its meaning, so untrusted input goes
/// through this class first.
/// </remarks>
public static class StrictBase64Url
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    private static readonly System.Buffers.SearchValues<char> AlphabetChars = System.Buffers.SearchValues.Create(Alphabet);
    private static readonly System.Buffers.SearchValues<byte> AlphabetBytes = System.Buffers.SearchValues.Create(System.Text.Encoding.ASCII.GetBytes(Alphabet));

    /// <summary>Returns <see langword="true"/> when <paramref name="encoded"/> is canonical unpadded base64url.</summary>
    public static bool IsValid(ReadOnlySpan<char> encoded)
    {
        var remainder = encoded.Length & 3;
        if (remainder == 1)
        {
            return false;
        }

        if (encoded.ContainsAnyExcept(AlphabetChars))
        {
            return false;
        }

        if (remainder == 0 || encoded.IsEmpty)
        {
            return true;
        }

        // The unused low bits of the last character must be zero (RFC 4648 §3.5, canonical encoding).
        var last = Value(encoded[^1]);
        return remainder == 2 ? (last & 0x0F) == 0 : (last & 0x03) == 0;
    }

    /// <summary>Returns <see langword="true"/> when <paramref name="encoded"/> (ASCII bytes) is canonical unpadded base64url.</summary>
    public static bool IsValid(ReadOnlySpan<byte> encoded)
    {
        var remainder = encoded.Length & 3;
        if (remainder == 1)
        {
            return false;
        }

        if (encoded.ContainsAnyExcept(AlphabetBytes))
        {
            return false;
        }

        if (remainder == 0 || encoded.IsEmpty)
        {
            return true;
        }

        var last = Value((char)encoded[^1]);
        return remainder == 2 ? (last & 0x0F) == 0 : (last & 0x03) == 0;
    }

    /// <summary>Decodes canonical unpadded base64url; returns <see langword="false"/> for anything else.</summary>
    public static bool TryDecode(ReadOnlySpan<char> encoded, [NotNullWhen(true)] out byte[]? decoded)
    {
        decoded = null;
        if (!IsValid(encoded))
        {
            return false;
        }

        var bytes = new byte[Base64Url.GetMaxDecodedLength(encoded.Length)];
        if (!Base64Url.TryDecodeFromChars(encoded, bytes, out var written))
        {
            return false;
        }

        decoded = written == bytes.Length ? bytes : bytes.AsSpan(0, written).ToArray();
        return true;
    }

    /// <summary>
    /// Decodes canonical unpadded base64url into <paramref name="destination"/>; returns <see langword="false"/> for
    /// invalid input or a destination that is too small.
    /// </summary>
    public static bool TryDecode(ReadOnlySpan<char> encoded, Span<byte> destination, out int bytesWritten)
    {
        bytesWritten = 0;
        return IsValid(encoded)
            && Base64Url.GetMaxDecodedLength(encoded.Length) <= destination.Length
            && Base64Url.TryDecodeFromChars(encoded, destination, out bytesWritten);
    }

    /// <summary>The exact number of bytes <paramref name="encodedLength"/> base64url characters decode to.</summary>
    public static int GetDecodedLength(int encodedLength) => Base64Url.GetMaxDecodedLength(encodedLength);

    /// <summary>Encodes <paramref name="data"/> as unpadded base64url.</summary>
    public static string Encode(ReadOnlySpan<byte> data) => Base64Url.EncodeToString(data);

    private static int Value(char c) => c switch
    {
        >= 'A' and <= 'Z' => c - 'A',
        >= 'a' and <= 'z' => c - 'a' + 26,
        >= '0' and <= '9' => c - '0' + 52,
        '-' => 62,
        '_' => 63,
        _ => -1,
    };
}
