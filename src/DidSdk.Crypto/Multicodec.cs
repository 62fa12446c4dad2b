namespace DidSdk.Crypto;

/// <summary>
/// Multicodec codes for keys (from the multicodec table) and the unsigned-varint prefix encoding
/// (<see href="https://github.com/multiformats/unsigned-varint">multiformats/unsigned-varint</see>).
/// </summary>
public static class Multicodec
{
    /// <summary><c>ed25519-pub</c>: Ed25519 public key (32 bytes).</summary>
    public const ulong Ed25519Pub = 0xed;

    /// <summary><c>x25519-pub</c>: Curve25519 (X25519) public key (32 bytes).</summary>
    public const ulong X25519Pub = 0xec;

    /// <summary><c>secp256k1-pub</c>: secp256k1 public key, SEC 1 compressed point (33 bytes).</summary>
    public const ulong Secp256k1Pub = 0xe7;

    /// <summary><c>p256-pub</c>: P-256 public key, SEC 1 compressed point (33 bytes).</summary>
    public const ulong P256Pub = 0x1200;

    /// <summary><c>p384-pub</c>: P-384 public key, SEC 1 compressed point (49 bytes).</summary>
    public const ulong P384Pub = 0x1201;

    /// <summary><c>p521-pub</c>: P-521 public key, SEC 1 compressed point (67 bytes).</summary>
    public const ulong P521Pub = 0x1202;

    /// <summary><c>ed25519-priv</c>: Ed25519 private key (the 32-byte seed).</summary>
    public const ulong Ed25519Priv = 0x1300;

    /// <summary><c>secp256k1-priv</c>: secp256k1 private key (32-byte big-endian scalar).</summary>
    public const ulong Secp256k1Priv = 0x1301;

    /// <summary><c>x25519-priv</c>: X25519 private key (32 bytes).</summary>
    public const ulong X25519Priv = 0x1302;

    /// <summary><c>p256-priv</c>: P-256 private key (32-byte big-endian scalar).</summary>
    public const ulong P256Priv = 0x1306;

    /// <summary><c>p384-priv</c>: P-384 private key (48-byte big-endian scalar).</summary>
    public const ulong P384Priv = 0x1307;

    /// <summary><c>p521-priv</c>: P-521 private key (66-byte big-endian scalar).</summary>
    public const ulong P521Priv = 0x1308;

    /// <summary>The most bytes an unsigned varint may use (the spec caps values at 63 bits, 9 bytes).</summary>
    public const int MaxVarintLength = 9;

    /// <summary>Returns the multicodec code of public keys of <paramref name="keyType"/>.</summary>
    public static ulong PublicKeyCode(KeyType keyType) => keyType switch
    {
        KeyType.Ed25519 => Ed25519Pub,
        KeyType.X25519 => X25519Pub,
        KeyType.Secp256k1 => Secp256k1Pub,
        KeyType.P256 => P256Pub,
        KeyType.P384 => P384Pub,
        KeyType.P521 => P521Pub,
        _ => throw new ArgumentOutOfRangeException(nameof(keyType), keyType, "Unknown key type."),
    };

    /// <summary>Returns the multicodec code of private keys of <paramref name="keyType"/>.</summary>
    public static ulong PrivateKeyCode(KeyType keyType) => keyType switch
    {
        KeyType.Ed25519 => Ed25519Priv,
        KeyType.X25519 => X25519Priv,
        KeyType.Secp256k1 => Secp256k1Priv,
        KeyType.P256 => P256Priv,
        KeyType.P384 => P384Priv,
        KeyType.P521 => P521Priv,
        _ => throw new ArgumentOutOfRangeException(nameof(keyType), keyType, "Unknown key type."),
    };

    /// <summary>Finds the key type whose public-key code is <paramref name="code"/>.</summary>
    public static bool TryGetPublicKeyType(ulong code, out KeyType keyType)
    {
        keyType = code switch
        {
            Ed25519Pub => KeyType.Ed25519,
            X25519Pub => KeyType.X25519,
            Secp256k1Pub => KeyType.Secp256k1,
            P256Pub => KeyType.P256,
            P384Pub => KeyType.P384,
            P521Pub => KeyType.P521,
            _ => default,
        };
        return keyType != default;
    }

    /// <summary>Finds the key type whose private-key code is <paramref name="code"/>.</summary>
    public static bool TryGetPrivateKeyType(ulong code, out KeyType keyType)
    {
        keyType = code switch
        {
            Ed25519Priv => KeyType.Ed25519,
            X25519Priv => KeyType.X25519,
            Secp256k1Priv => KeyType.Secp256k1,
            P256Priv => KeyType.P256,
            P384Priv => KeyType.P384,
            P521Priv => KeyType.P521,
            _ => default,
        };
        return keyType != default;
    }

    /// <summary>The number of bytes the unsigned varint of <paramref name="value"/> takes.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value needs more than 63 bits.</exception>
    public static int GetVarintLength(ulong value)
    {
        ThrowIfTooLarge(value);
        var length = 1;
        while (value >= 0x80)
        {
            value >>= 7;
            length++;
        }

        return length;
    }

    /// <summary>Writes the minimal unsigned varint of <paramref name="value"/>; returns the bytes written.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value needs more than 63 bits.</exception>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is too small.</exception>
    public static int WriteVarint(ulong value, Span<byte> destination)
    {
        var length = GetVarintLength(value);
        if (destination.Length < length)
        {
            throw new ArgumentException("The destination is too small for the varint.", nameof(destination));
        }

        for (var i = 0; i < length - 1; i++)
        {
            destination[i] = (byte)((value & 0x7f) | 0x80);
            value >>= 7;
        }

        destination[length - 1] = (byte)value;
        return length;
    }

    /// <summary>
    /// Reads an unsigned varint from the start of <paramref name="source"/>. Returns <see langword="false"/> for a
    /// truncated varint, one longer than <see cref="MaxVarintLength"/> bytes, or a non-minimal encoding (a final
    /// byte of zero after the first), all of which the unsigned-varint spec forbids.
    /// </summary>
    public static bool TryReadVarint(ReadOnlySpan<byte> source, out ulong value, out int bytesRead)
    {
        value = 0;
        bytesRead = 0;
        for (var i = 0; i < source.Length && i < MaxVarintLength; i++)
        {
            var b = source[i];
            value |= (ulong)(b & 0x7f) << (7 * i);
            if ((b & 0x80) == 0)
            {
                if (b == 0 && i > 0)
                {
                    value = 0;
                    return false;
                }

                bytesRead = i + 1;
                return true;
            }
        }

        value = 0;
        return false;
    }

    /// <summary>Returns <c>varint(code) || data</c>.</summary>
    public static byte[] AddPrefix(ulong code, ReadOnlySpan<byte> data)
    {
        var prefixLength = GetVarintLength(code);
        var output = new byte[prefixLength + data.Length];
        WriteVarint(code, output);
        data.CopyTo(output.AsSpan(prefixLength));
        return output;
    }

    /// <summary>Splits <c>varint(code) || data</c>; returns <see langword="false"/> if the varint is invalid.</summary>
    public static bool TryRemovePrefix(ReadOnlySpan<byte> prefixed, out ulong code, out ReadOnlySpan<byte> data)
    {
        if (!TryReadVarint(prefixed, out code, out var read))
        {
            data = default;
            return false;
        }

        data = prefixed[read..];
        return true;
    }

    private static void ThrowIfTooLarge(ulong value)
    {
        if (value > long.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(value), "Unsigned varints are limited to 63 bits.");
        }
    }
}
