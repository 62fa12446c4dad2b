using System.Numerics;

namespace DidSdk.Ethereum.Nethereum.Tests.Differential;

/// <summary>Seeded generators: every run checks the same inputs, and a failure names the seed and case to replay.</summary>
internal static class RandomInputs
{
    public const int Seed = 1056;

    public const int Cases = 10_000;

    public static byte[] Bytes(Random random, int maxLength)
    {
        // Lengths cluster at the RLP and ABI boundaries (0, 1, 55/56, 31/32/33) as well as spreading to maxLength.
        int[] edges = [0, 1, 2, 31, 32, 33, 55, 56, 57, 64];
        var length = random.Next(3) == 0 ? edges[random.Next(edges.Length)] : random.Next(maxLength + 1);
        var bytes = new byte[Math.Min(length, maxLength)];
        random.NextBytes(bytes);
        if (bytes.Length == 1 && random.Next(2) == 0)
        {
            bytes[0] = (byte)random.Next(0x80);
        }

        return bytes;
    }

    public static BigInteger Unsigned(Random random, int maxBits)
    {
        var bits = random.Next(4) switch
        {
            0 => 0,
            1 => random.Next(1, 9),
            _ => random.Next(1, maxBits + 1),
        };
        if (bits == 0)
        {
            return BigInteger.Zero;
        }

        var bytes = new byte[(bits + 7) / 8];
        random.NextBytes(bytes);
        var value = new BigInteger(bytes, isUnsigned: true, isBigEndian: true);
        return value & ((BigInteger.One << bits) - 1);
    }

    public static byte[] Address(Random random)
    {
        var address = new byte[20];
        random.NextBytes(address);
        if (random.Next(10) == 0)
        {
            address.AsSpan(0, random.Next(1, 20)).Clear();
        }

        return address;
    }

    public static byte[] PrivateKey(Random random)
    {
        var order = BigInteger.Parse("0FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", System.Globalization.NumberStyles.HexNumber);
        while (true)
        {
            var key = new byte[32];
            random.NextBytes(key);
            var value = new BigInteger(key, isUnsigned: true, isBigEndian: true);
            if (!value.IsZero && value < order)
            {
                return key;
            }
        }
    }
}
