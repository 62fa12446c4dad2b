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
}
