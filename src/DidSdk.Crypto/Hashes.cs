using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Digests;

namespace DidSdk.Crypto;

/// <summary>The hash functions DidSdk uses: SHA-256, SHA-384 and Keccak-256 (the Ethereum variant, not SHA3-256).</summary>
public static class Hashes
{
    /// <summary>Size in bytes of a SHA-256 or Keccak-256 digest.</summary>
    public const int Sha256Size = 32;

    /// <summary>Computes SHA-256 (FIPS 180-4).</summary>
    public static byte[] Sha256(ReadOnlySpan<byte> data) => SHA256.HashData(data);

    /// <summary>Computes SHA-256 into <paramref name="destination"/> (at least 32 bytes).</summary>
    public static void Sha256(ReadOnlySpan<byte> data, Span<byte> destination) => SHA256.HashData(data, destination);

    /// <summary>Computes SHA-384 (FIPS 180-4).</summary>
    public static byte[] Sha384(ReadOnlySpan<byte> data) => SHA384.HashData(data);

    /// <summary>Computes Keccak-256 as Ethereum uses it (original Keccak padding, not FIPS 202 SHA3-256).</summary>
    public static byte[] Keccak256(ReadOnlySpan<byte> data)
    {
        var output = new byte[32];
        Keccak256(data, output);
        return output;
    }

    /// <summary>Computes Keccak-256 into <paramref name="destination"/> (at least 32 bytes).</summary>
    public static void Keccak256(ReadOnlySpan<byte> data, Span<byte> destination)
    {
        if (destination.Length < 32)
        {
            throw new ArgumentException("The destination must hold 32 bytes.", nameof(destination));
        }

        var digest = new KeccakDigest(256);
        digest.BlockUpdate(data);
        digest.DoFinal(destination);
    }
}
