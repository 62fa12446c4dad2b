using System.Numerics;

namespace DidSdk.Ethereum;

/// <summary>A decoded RLP item: a byte string or a list of items.</summary>
public sealed class RlpItem
{
    private readonly byte[]? _bytes;
    private readonly IReadOnlyList<RlpItem>? _items;

    private RlpItem(byte[]? bytes, IReadOnlyList<RlpItem>? items)
    {
        _bytes = bytes;
        _items = items;
    }

    /// <summary>Whether this item is a list.</summary>
    public bool IsList => _items is not null;

    /// <summary>The bytes of a string item.</summary>
    /// <exception cref="InvalidOperationException">The item is a list.</exception>
    public ReadOnlySpan<byte> Bytes => _bytes ?? throw new InvalidOperationException("The RLP item is a list.");

    /// <summary>The children of a list item.</summary>
    /// <exception cref="InvalidOperationException">The item is a byte string.</exception>
    public IReadOnlyList<RlpItem> Items => _items ?? throw new InvalidOperationException("The RLP item is a byte string.");

    /// <summary>Reads a string item as a canonical integer (no leading zero bytes).</summary>
    public bool TryGetInteger(out BigInteger value)
    {
        value = BigInteger.Zero;
        if (_bytes is null || (_bytes.Length > 0 && _bytes[0] == 0) || _bytes.Length > 32)
        {
            return false;
        }

        value = new BigInteger(_bytes, isUnsigned: true, isBigEndian: true);
        return true;
    }

    internal static RlpItem FromBytes(byte[] bytes) => new(bytes, null);

    internal static RlpItem FromList(IReadOnlyList<RlpItem> items) => new(null, items);
}
