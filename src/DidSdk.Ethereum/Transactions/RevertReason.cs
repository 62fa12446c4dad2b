using System.Globalization;
using System.Numerics;
using System.Text.Json;
using DidSdk.Ethereum.Abi;

namespace DidSdk.Ethereum.Transactions;

/// <summary>Why a call or transaction reverted, decoded from the revert data.</summary>
/// <param name="Message">A readable reason: the <c>Error(string)</c> text, the <c>Panic(uint256)</c> meaning, or "custom error 0x…".</param>
/// <param name="Data">The raw revert data (for custom errors, decode it with the contract's ABI).</param>
public sealed record RevertReason(string Message, byte[] Data)
{
    private static readonly byte[] ErrorSelector = [0x08, 0xc3, 0x79, 0xa0];
    private static readonly byte[] PanicSelector = [0x4e, 0x48, 0x7b, 0x71];

    /// <summary>Decodes revert data: <c>Error(string)</c>, <c>Panic(uint256)</c>, or a custom error left raw.</summary>
    public static RevertReason Decode(ReadOnlySpan<byte> data)
    {
        if (data.Length >= 4 && data[..4].SequenceEqual(ErrorSelector) && AbiCodec.TryDecode([AbiType.String], data[4..], out var error, out _))
        {
            return new RevertReason(UntrustedText.Sanitize(error[0].AsString()), data.ToArray());
        }

        if (data.Length >= 4 && data[..4].SequenceEqual(PanicSelector) && AbiCodec.TryDecode([AbiType.Uint256], data[4..], out var panic, out _))
        {
            return new RevertReason("Panic: " + PanicMeaning(panic[0].AsInteger()), data.ToArray());
        }

        return new RevertReason(data.IsEmpty ? "reverted without a reason" : "custom error " + Hex.FormatData(data[..Math.Min(4, data.Length)]), data.ToArray());
    }

    /// <summary>Finds revert data in a JSON-RPC error's <c>data</c> member (a hex string, or an object with a <c>data</c> string as some nodes send).</summary>
    public static byte[]? FindRevertData(JsonElement? data)
    {
        if (data is not { } element)
        {
            return null;
        }

        if (element.ValueKind == JsonValueKind.String && Hex.TryParseData(element.GetString(), out var bytes))
        {
            return bytes;
        }

        return element.ValueKind == JsonValueKind.Object && element.TryGetProperty("data", out var inner) ? FindRevertData(inner) : null;
    }

    private static string PanicMeaning(BigInteger code) => (int)(code > 0x100 ? 0x100 : code) switch
    {
        0x01 => "assertion failed (0x01)",
        0x11 => "arithmetic overflow or underflow (0x11)",
        0x12 => "division or modulo by zero (0x12)",
        0x21 => "invalid enum value (0x21)",
        0x22 => "invalid storage byte array (0x22)",
        0x31 => "pop on an empty array (0x31)",
        0x32 => "array index out of bounds (0x32)",
        0x41 => "out of memory (0x41)",
        0x51 => "call to an uninitialized function (0x51)",
        _ => "code 0x" + code.ToString("x", CultureInfo.InvariantCulture),
    };
}
