using System.Diagnostics.CodeAnalysis;
using System.Globalization;

// CA1720: the members are named after the Solidity ABI types they stand for (uint, int, string).
#pragma warning disable CA1720

namespace DidSdk.Ethereum.Abi;

/// <summary>A Solidity ABI type (Contract ABI Specification, "Types").</summary>
public sealed record AbiType
{
    private AbiType(AbiKind kind, int size = 0, AbiType? element = null)
    {
        Kind = kind;
        Size = size;
        Element = element;
    }

    /// <summary>The kind.</summary>
    public AbiKind Kind { get; }

    /// <summary>Bits for integers, bytes for <c>bytes&lt;M&gt;</c>, the length for fixed arrays.</summary>
    public int Size { get; }

    /// <summary>The element type of an array.</summary>
    public AbiType? Element { get; }

    /// <summary>Whether values of this type are encoded in the tail (dynamic types).</summary>
    public bool IsDynamic => Kind is AbiKind.Bytes or AbiKind.String or AbiKind.DynamicArray || (Kind == AbiKind.FixedArray && Element!.IsDynamic);

    /// <summary>The number of 32-byte words the value takes in the head.</summary>
    internal int HeadWords => IsDynamic ? 1 : Kind == AbiKind.FixedArray ? Size * Element!.HeadWords : 1;

    /// <summary><c>address</c>.</summary>
    public static AbiType Address { get; } = new(AbiKind.Address, 160);

    /// <summary><c>bool</c>.</summary>
    public static AbiType Bool { get; } = new(AbiKind.Bool);

    /// <summary><c>uint256</c>.</summary>
    public static AbiType Uint256 { get; } = new(AbiKind.Uint, 256);

    /// <summary><c>bytes32</c>.</summary>
    public static AbiType Bytes32 { get; } = new(AbiKind.FixedBytes, 32);

    /// <summary><c>bytes</c>.</summary>
    public static AbiType Bytes { get; } = new(AbiKind.Bytes);

    /// <summary><c>string</c>.</summary>
    public static AbiType String { get; } = new(AbiKind.String);

    /// <summary><c>uint&lt;bits&gt;</c>.</summary>
    public static AbiType Uint(int bits) => Parse("uint" + bits.ToString(CultureInfo.InvariantCulture));

    /// <summary><c>int&lt;bits&gt;</c>.</summary>
    public static AbiType Int(int bits) => Parse("int" + bits.ToString(CultureInfo.InvariantCulture));

    /// <summary><c>bytes&lt;size&gt;</c>.</summary>
    public static AbiType FixedBytes(int size) => Parse("bytes" + size.ToString(CultureInfo.InvariantCulture));

    /// <summary><c>T[]</c>.</summary>
    public static AbiType ArrayOf(AbiType element) => new(AbiKind.DynamicArray, 0, element ?? throw new ArgumentNullException(nameof(element)));

    /// <summary><c>T[length]</c>.</summary>
    public static AbiType ArrayOf(AbiType element, int length)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 1);
        return new(AbiKind.FixedArray, length, element ?? throw new ArgumentNullException(nameof(element)));
    }

    /// <summary>Parses a canonical type name (<c>uint256</c>, <c>bytes32[]</c>, <c>address[2]</c>...). <c>uint</c>/<c>int</c> alone mean 256 bits.</summary>
    /// <exception cref="FormatException">The name is not a supported type.</exception>
    public static AbiType Parse(string name) => TryParse(name, out var type) ? type : throw new FormatException($"'{name}' is not a supported ABI type.");

    /// <summary>Parses a type name; <see langword="false"/> when unsupported.</summary>
    public static bool TryParse(string? name, [NotNullWhen(true)] out AbiType? type)
    {
        type = null;
        if (string.IsNullOrEmpty(name) || name.Length > 64)
        {
            return false;
        }

        if (name.EndsWith(']'))
        {
            var open = name.LastIndexOf('[');
            if (open <= 0 || !TryParse(name[..open], out var element))
            {
                return false;
            }

            var inner = name[(open + 1)..^1];
            if (inner.Length == 0)
            {
                type = ArrayOf(element);
                return true;
            }

            if (!int.TryParse(inner, NumberStyles.None, CultureInfo.InvariantCulture, out var length) || length < 1 || length > 1024 || inner[0] == '0')
            {
                return false;
            }

            type = ArrayOf(element, length);
            return true;
        }

        switch (name)
        {
            case "address": type = Address; return true;
            case "bool": type = Bool; return true;
            case "bytes": type = Bytes; return true;
            case "string": type = String; return true;
            case "uint": type = Uint256; return true;
            case "int": type = new AbiType(AbiKind.Int, 256); return true;
        }

        foreach (var (prefix, kind) in new[] { ("uint", AbiKind.Uint), ("int", AbiKind.Int), ("bytes", AbiKind.FixedBytes) })
        {
            if (name.StartsWith(prefix, StringComparison.Ordinal) && name.Length > prefix.Length && name[prefix.Length] != '0'
                && int.TryParse(name.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var size))
            {
                var valid = kind == AbiKind.FixedBytes ? size is >= 1 and <= 32 : size is >= 8 and <= 256 && size % 8 == 0;
                if (valid)
                {
                    type = new AbiType(kind, size);
                    return true;
                }

                return false;
            }
        }

        return false;
    }

    /// <summary>The canonical name, as used in function and event signatures.</summary>
    public override string ToString() => Kind switch
    {
        AbiKind.Address => "address",
        AbiKind.Bool => "bool",
        AbiKind.Uint => "uint" + Size.ToString(CultureInfo.InvariantCulture),
        AbiKind.Int => "int" + Size.ToString(CultureInfo.InvariantCulture),
        AbiKind.FixedBytes => "bytes" + Size.ToString(CultureInfo.InvariantCulture),
        AbiKind.Bytes => "bytes",
        AbiKind.String => "string",
        AbiKind.DynamicArray => Element + "[]",
        _ => Element + "[" + Size.ToString(CultureInfo.InvariantCulture) + "]",
    };
}
