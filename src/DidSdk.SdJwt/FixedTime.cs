using System.Security.Cryptography;
using System.Text;

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

        var receivedBytes = Encoding.UTF8.GetBytes(received);
        var expectedBytes = Encoding.UTF8.GetBytes(expected);
        return CryptographicOperations.FixedTimeEquals(receivedBytes, expectedBytes);
    }
}
