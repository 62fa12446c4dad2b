using System.Numerics;
using DidSdk.Crypto;

// CA1720: the members are named after the Solidity ABI types they stand for (uint, int, string).
#pragma warning disable CA1720

namespace DidSdk.Ethereum.Abi;

/// <summary>A typed ABI value. Create with the static factories; read with the <c>As...</c> accessors.</summary>
public sealed class AbiValue
{
    private readonly object _value;

    private AbiValue(AbiType type, object value)
    {
        Type = type;
        this._value = value;
    }

    /// <summary>The value's ABI type.</summary>
    public AbiType Type { get; }

    /// <summary>An <c>address</c>.</summary>
    public static AbiValue Address(EthereumAddress address) => new(AbiType.Address, address ?? throw new ArgumentNullException(nameof(address)));

    /// <summary>A <c>bool</c>.</summary>
    public static AbiValue Bool(bool value) => new(AbiType.Bool, value);

    /// <summary>A <c>uint&lt;bits&gt;</c> (default <c>uint256</c>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative or does not fit.</exception>
    public static AbiValue Uint(BigInteger value, int bits = 256)
    {
        if (value.Sign < 0 || value.GetBitLength() > bits)
        {
            throw new ArgumentOutOfRangeException(nameof(value), $"The value does not fit in uint{bits}.");
        }

        return new(AbiType.Uint(bits), value);
    }

    /// <summary>An <c>int&lt;bits&gt;</c> (default <c>int256</c>).</summary>
    public static AbiValue Int(BigInteger value, int bits = 256)
    {
        var limit = BigInteger.One << (bits - 1);
        if (value < -limit || value >= limit)
        {
            throw new ArgumentOutOfRangeException(nameof(value), $"The value does not fit in int{bits}.");
        }

        return new(AbiType.Int(bits), value);
    }

    /// <summary>A <c>bytes&lt;M&gt;</c> where M is the length of <paramref name="bytes"/> (1 to 32).</summary>
    public static AbiValue FixedBytes(ReadOnlySpan<byte> bytes) => new(AbiType.FixedBytes(bytes.Length), bytes.ToArray());

    /// <summary>A <c>bytes32</c> holding <paramref name="text"/> as UTF-8, right-padded with zeros (how ERC-1056 names attributes and delegate types).</summary>
    /// <exception cref="ArgumentException">The text is longer than 32 bytes in UTF-8.</exception>
    public static AbiValue Bytes32String(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var bytes = new byte[32];
        if (System.Text.Encoding.UTF8.GetByteCount(text) > 32)
        {
            throw new ArgumentException("The text is longer than 32 bytes.", nameof(text));
        }

        System.Text.Encoding.UTF8.GetBytes(text, bytes);
        return new(AbiType.Bytes32, bytes);
    }

    /// <summary>A dynamic <c>bytes</c>.</summary>
    public static AbiValue Bytes(ReadOnlySpan<byte> bytes) => new(AbiType.Bytes, bytes.ToArray());

    /// <summary>A <c>string</c>.</summary>
    public static AbiValue String(string text) => new(AbiType.String, text ?? throw new ArgumentNullException(nameof(text)));

    /// <summary>A dynamic array <c>T[]</c>.</summary>
    public static AbiValue Array(AbiType elementType, IReadOnlyList<AbiValue> items) => ArrayOf(AbiType.ArrayOf(elementType), items);

    /// <summary>A fixed array <c>T[k]</c> with k = the number of items.</summary>
    public static AbiValue FixedArray(AbiType elementType, IReadOnlyList<AbiValue> items) => ArrayOf(AbiType.ArrayOf(elementType, items.Count), items);

    internal static AbiValue Create(AbiType type, object value) => new(type, value);

    private static AbiValue ArrayOf(AbiType type, IReadOnlyList<AbiValue> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        foreach (var item in items)
        {
            if (item.Type != type.Element)
            {
                throw new ArgumentException($"Every element must be {type.Element}.", nameof(items));
            }
        }

        return new(type, items.ToArray());
    }

    /// <summary>The address.</summary>
    public EthereumAddress AsAddress() => _value as EthereumAddress ?? throw Wrong("address");

    /// <summary>The boolean.</summary>
    public bool AsBool() => _value is bool b ? b : throw Wrong("bool");

    /// <summary>The integer (uint or int).</summary>
    public BigInteger AsInteger() => _value is BigInteger i ? i : throw Wrong("integer");

    /// <summary>The bytes (bytes or bytes&lt;M&gt;); a copy.</summary>
    public byte[] AsBytes() => _value is byte[] b ? (byte[])b.Clone() : throw Wrong("bytes");

    /// <summary>The string.</summary>
    public string AsString() => _value as string ?? throw Wrong("string");

    /// <summary>The array elements.</summary>
    public IReadOnlyList<AbiValue> AsArray() => _value as AbiValue[] ?? throw Wrong("array");

    internal object Raw => _value;

    /// <inheritdoc/>
    public override string ToString() => _value switch
    {
        byte[] b => Hex.FormatData(b),
        AbiValue[] a => "[" + string.Join(", ", a.Select(x => x.ToString())) + "]",
        _ => _value.ToString() ?? string.Empty,
    };

    private InvalidOperationException Wrong(string wanted) => new($"The value is {Type}, not {wanted}.");
}
