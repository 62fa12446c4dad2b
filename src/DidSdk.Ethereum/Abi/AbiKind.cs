// CA1720: the members are named after the Solidity ABI types they stand for (uint, int, string).
#pragma warning disable CA1720

namespace DidSdk.Ethereum.Abi;

/// <summary>The kinds of Solidity ABI types this codec handles.</summary>
public enum AbiKind
{
    /// <summary><c>address</c>.</summary>
    Address,

    /// <summary><c>bool</c>.</summary>
    Bool,

    /// <summary><c>uint&lt;M&gt;</c>, 8 ≤ M ≤ 256, M % 8 = 0.</summary>
    Uint,

    /// <summary><c>int&lt;M&gt;</c>.</summary>
    Int,

    /// <summary><c>bytes&lt;M&gt;</c>, 1 ≤ M ≤ 32.</summary>
    FixedBytes,

    /// <summary><c>bytes</c> (dynamic).</summary>
    Bytes,

    /// <summary><c>string</c> (dynamic, UTF-8).</summary>
    String,

    /// <summary><c>T[]</c> (dynamic array).</summary>
    DynamicArray,

    /// <summary><c>T[k]</c> (fixed-length array).</summary>
    FixedArray,
}
