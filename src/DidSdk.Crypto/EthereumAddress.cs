using System.Diagnostics.CodeAnalysis;

namespace DidSdk.Crypto;

/// <summary>
/// A 20-byte Ethereum account address: the last 20 bytes of Keccak-256 of the uncompressed secp256k1 public key
/// without its <c>04</c> prefix (Ethereum Yellow Paper, eq. 284). <see cref="ToString"/> gives the EIP-55
/// mixed-case checksum form.
/// </summary>
public sealed class EthereumAddress : IEquatable<EthereumAddress>
{
    /// <summary>The size of an address in bytes.</summary>
    public const int Size = 20;

    private readonly byte[] _bytes;

    private EthereumAddress(byte[] bytes) => _bytes = bytes;

    /// <summary>The 20 address bytes.</summary>
    public ReadOnlySpan<byte> Bytes => _bytes;

    /// <summary>The 20 address bytes as a new array.</summary>
    public byte[] ToArray() => (byte[])_bytes.Clone();

    /// <summary>Derives the address of a secp256k1 public key.</summary>
    /// <exception cref="ArgumentException">The key is not a secp256k1 key.</exception>
    public static EthereumAddress FromPublicKey(PublicKeyMaterial publicKey)
    {
        ArgumentNullException.ThrowIfNull(publicKey);
        if (publicKey.KeyType != KeyType.Secp256k1)
        {
            throw new ArgumentException($"Ethereum addresses come from secp256k1 keys, not {publicKey.KeyType}.", nameof(publicKey));
        }

        Span<byte> hash = stackalloc byte[32];
        Hashes.Keccak256(publicKey.UncompressedSpan[1..], hash);
        return new EthereumAddress(hash[12..].ToArray());
    }

    /// <summary>Wraps 20 address bytes.</summary>
    /// <exception cref="ArgumentException"><paramref name="address"/> is not 20 bytes.</exception>
    public static EthereumAddress FromBytes(ReadOnlySpan<byte> address) =>
        address.Length == Size
            ? new EthereumAddress(address.ToArray())
            : throw new ArgumentException("An Ethereum address is 20 bytes.", nameof(address));

    /// <summary>
    /// Parses <c>0x</c> followed by 40 hex digits. All-lowercase and all-uppercase digits are accepted (no checksum);
    /// mixed case is accepted only when it is the correct EIP-55 checksum. Never throws.
    /// </summary>
    public static bool TryParse([NotNullWhen(true)] string? text, [NotNullWhen(true)] out EthereumAddress? address)
    {
        address = null;
        if (text is null || text.Length != 2 + (2 * Size) || !text.StartsWith("0x", StringComparison.Ordinal))
        {
            return false;
        }

        var hex = text.AsSpan(2);
        bool hasLower = false, hasUpper = false;
        foreach (var c in hex)
        {
            if (c is >= 'a' and <= 'f')
            {
                hasLower = true;
            }
            else if (c is >= 'A' and <= 'F')
            {
                hasUpper = true;
            }
            else if (c is not (>= '0' and <= '9'))
            {
                return false;
            }
        }

        var candidate = new EthereumAddress(Convert.FromHexString(hex));
        if (hasLower && hasUpper && !candidate.ToString().AsSpan(2).SequenceEqual(hex))
        {
            return false;
        }

        address = candidate;
        return true;
    }

    /// <summary>Parses an address; see <see cref="TryParse"/>.</summary>
    /// <exception cref="FormatException">The text is not an address or has a wrong EIP-55 checksum.</exception>
    public static EthereumAddress Parse(string text) =>
        TryParse(text, out var address) ? address : throw new FormatException("Not an Ethereum address, or its EIP-55 checksum is wrong.");

    /// <summary>
    /// The EIP-55 checksum form: <c>0x</c> and the hex digits, where a letter is uppercase when the matching nibble of
    /// Keccak-256 of the lowercase hex (ASCII, without <c>0x</c>) is 8 or more.
    /// </summary>
    public override string ToString()
    {
        var lower = Convert.ToHexStringLower(_bytes);
        Span<byte> ascii = stackalloc byte[2 * Size];
        for (var i = 0; i < lower.Length; i++)
        {
            ascii[i] = (byte)lower[i];
        }

        Span<byte> hash = stackalloc byte[32];
        Hashes.Keccak256(ascii, hash);
        Span<char> chars = stackalloc char[2 + (2 * Size)];
        chars[0] = '0';
        chars[1] = 'x';
        for (var i = 0; i < lower.Length; i++)
        {
            var nibble = (i % 2 == 0 ? hash[i / 2] >> 4 : hash[i / 2]) & 0x0f;
            chars[i + 2] = lower[i] >= 'a' && nibble >= 8 ? char.ToUpperInvariant(lower[i]) : lower[i];
        }

        return new string(chars);
    }

    /// <summary>The all-lowercase form <c>0x…</c> (as did:ethr identifiers commonly use).</summary>
    public string ToLowerHexString() => "0x" + Convert.ToHexStringLower(_bytes);

    /// <inheritdoc/>
    public bool Equals(EthereumAddress? other) => other is not null && other._bytes.AsSpan().SequenceEqual(_bytes);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as EthereumAddress);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = default(HashCode);
        hash.AddBytes(_bytes);
        return hash.ToHashCode();
    }

    /// <summary>Compares two addresses by their bytes.</summary>
    public static bool operator ==(EthereumAddress? left, EthereumAddress? right) => left is null ? right is null : left.Equals(right);

    /// <summary>Compares two addresses by their bytes.</summary>
    public static bool operator !=(EthereumAddress? left, EthereumAddress? right) => !(left == right);
}
