using System.Formats.Cbor;
using System.Text;
using DidSdk.Core.Jose;

namespace DidSdk.Credentials.Tests;

/// <summary>
/// Builds COSE_Sign1 messages byte by byte for the tests, including ones no issuer should make (duplicate labels,
/// non-canonical forms, alg in the wrong bucket): the writer is lax and writes entries in the order given.
/// </summary>
internal static class CoseMessages
{
    /// <summary>A CBOR value written as given.</summary>
    public sealed record Raw(byte[] Encoded);

    /// <summary>A map of the entries in the order given (labels and values: int, long, string, byte[], <see cref="Raw"/>).</summary>
    public static byte[] Map(params (object Label, object Value)[] entries)
    {
        var writer = new CborWriter(CborConformanceMode.Lax);
        writer.WriteStartMap(entries.Length);
        foreach (var (label, value) in entries)
        {
            Write(writer, label);
            Write(writer, value);
        }

        writer.WriteEndMap();
        return writer.Encode();
    }

    /// <summary>The protected header an issuer writes (1, 3, 4, 16), plus <paramref name="extra"/> entries at the end.</summary>
    public static byte[] Header(int alg, string? kid, string type = "application/vc+cose", string? contentType = "application/vc", params (object Label, object Value)[] extra)
    {
        var entries = new List<(object, object)> { (1, alg) };
        if (contentType is not null)
        {
            entries.Add((3, contentType));
        }

        if (kid is not null)
        {
            entries.Add((4, Encoding.UTF8.GetBytes(kid)));
        }

        entries.Add((16, type));
        entries.AddRange(extra);
        return Map([.. entries]);
    }

    /// <summary>Signs the Sig_structure over the header and payload as given, and assembles the message.</summary>
    public static async Task<byte[]> SignAsync(byte[] protectedHeader, byte[] payload, ISigner signer, byte[]? unprotected = null, bool tagged = true)
    {
        var signature = await signer.SignAsync(CoseSign1.ToBeSigned(protectedHeader, payload));
        return Assemble(protectedHeader, unprotected ?? Map(), payload, signature, tagged);
    }

    public static byte[] Assemble(byte[] protectedHeader, byte[] unprotected, byte[] payload, byte[] signature, bool tagged = true)
    {
        var writer = new CborWriter(CborConformanceMode.Lax);
        if (tagged)
        {
            writer.WriteTag((CborTag)18);
        }

        writer.WriteStartArray(4);
        writer.WriteByteString(protectedHeader);
        writer.WriteEncodedValue(unprotected);
        writer.WriteByteString(payload);
        writer.WriteByteString(signature);
        writer.WriteEndArray();
        return writer.Encode();
    }

    private static void Write(CborWriter writer, object value)
    {
        switch (value)
        {
            case int i:
                writer.WriteInt32(i);
                break;
            case long l:
                writer.WriteInt64(l);
                break;
            case string s:
                writer.WriteTextString(s);
                break;
            case byte[] b:
                writer.WriteByteString(b);
                break;
            case Raw raw:
                writer.WriteEncodedValue(raw.Encoded);
                break;
            default:
                throw new ArgumentException($"Cannot write {value.GetType()}.", nameof(value));
        }
    }
}
