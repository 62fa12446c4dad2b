using System.Diagnostics.CodeAnalysis;
using System.Numerics;

namespace DidSdk.Ethereum;

/// <summary>
/// Strict parsing of the two hex encodings of the Ethereum JSON-RPC API: QUANTITY (<c>0x</c>, no leading zeros,
/// <c>0x0</c> for zero) and DATA (<c>0x</c>, an even number of digits). Anything else is rejected, never guessed.
/// </summary>
public static class Hex
{
    /// <summary>Parses a QUANTITY as an unsigned 256-bit-or-smaller integer.</summary>
    public static bool TryParseQuantity([NotNullWhen(true)] string? text, out BigInteger value)
    {
        value = BigInteger.Zero;
        if (text is null || text.Length < 3 || text.Length > 66 || !text.StartsWith("0x", StringComparison.Ordinal))
        {
            return false;
        }

        var digits = text.AsSpan(2);
        if (digits.Length > 1 && digits[0] == '0')
        {
            return false;
        }

        foreach (var c in digits)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }

        // A leading "0" keeps BigInteger from reading the top bit as a sign.
        value = BigInteger.Parse(string.Concat("0", digits), System.Globalization.NumberStyles.AllowHexSpecifier, System.Globalization.CultureInfo.InvariantCulture);
        return true;
    }

    /// <summary>Parses a QUANTITY that must fit in 64 bits (block numbers, nonces, gas).</summary>
    public static bool TryParseQuantity([NotNullWhen(true)] string? text, out ulong value)
    {
        value = 0;
        if (!TryParseQuantity(text, out BigInteger big) || big > ulong.MaxValue)
        {
            return false;
        }

        value = (ulong)big;
        return true;
    }

    /// <summary>Formats a non-negative integer as a QUANTITY.</summary>
    public static string FormatQuantity(BigInteger value)
    {
        if (value.Sign < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(value), "A QUANTITY is non-negative.");
        }

        if (value.IsZero)
        {
            return "0x0";
        }

        var bytes = value.ToByteArray(isUnsigned: true, isBigEndian: true);
        var hex = Convert.ToHexStringLower(bytes);
        return "0x" + hex.TrimStart('0');
    }

    /// <summary>Parses DATA: <c>0x</c> followed by an even number of hex digits (<c>0x</c> alone is empty data).</summary>
    /// <param name="text">The text.</param>
    /// <param name="data">The bytes.</param>
    /// <param name="maxBytes">The largest accepted size.</param>
    public static bool TryParseData([NotNullWhen(true)] string? text, [NotNullWhen(true)] out byte[]? data, int maxBytes = 16 * 1024 * 1024)
    {
        data = null;
        if (text is null || text.Length < 2 || !text.StartsWith("0x", StringComparison.Ordinal) || text.Length % 2 != 0 || (text.Length - 2) / 2 > maxBytes)
        {
            return false;
        }

        foreach (var c in text.AsSpan(2))
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }

        data = Convert.FromHexString(text.AsSpan(2));
        return true;
    }

    /// <summary>Formats bytes as DATA (lowercase).</summary>
    public static string FormatData(ReadOnlySpan<byte> data) => "0x" + Convert.ToHexStringLower(data);
}
