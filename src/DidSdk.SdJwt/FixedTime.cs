using System.Security.Cryptography;

namespace DidSdk.SdJwt;

/// <summary>Compares received strings with expected ones without leaking, through timing, how much of a prefix matched.</summary>
internal static class FixedTime
{
    public static bool Equal(string? received, string? expected)
    {
        if (received is null || expected is null)
        {
            return false;
        }

        // The UTF-16 code units compared as bytes: equal strings, equal bytes; no copies to allocate.
        return CryptographicOperations.FixedTimeEquals(
            System.Runtime.InteropServices.MemoryMarshal.AsBytes(received.AsSpan()),
            System.Runtime.InteropServices.MemoryMarshal.AsBytes(expected.AsSpan()));
    }

    /// <summary>Compares received bytes with expected ones.</summary>
    public static bool Equal(ReadOnlySpan<byte> received, ReadOnlySpan<byte> expected) => CryptographicOperations.FixedTimeEquals(received, expected);

    /// <summary>Compares received UTF-8 text (unescaped, well-formed) with an expected string.</summary>
    public static bool Equal(ReadOnlySpan<byte> receivedUtf8, string? expected)
    {
        if (expected is null)
        {
            return false;
        }

        var maxLength = System.Text.Encoding.UTF8.GetMaxByteCount(expected.Length);
        byte[]? rented = null;
        var buffer = maxLength <= 256 ? stackalloc byte[256] : (rented = System.Buffers.ArrayPool<byte>.Shared.Rent(maxLength));
        try
        {
            // An expected string that is not well-formed UTF-16 equals no received text (received text never is).
            return System.Text.Unicode.Utf8.FromUtf16(expected, buffer, out _, out var written, replaceInvalidSequences: false) == System.Buffers.OperationStatus.Done
                && CryptographicOperations.FixedTimeEquals(receivedUtf8, buffer[..written]);
        }
        finally
        {
            if (rented is not null)
            {
                System.Buffers.ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }
}
