using System.Text;
using System.Text.Json;
using DidSdk.Core.Jose;

namespace DidSdk.Internal;

/// <summary>
/// The steps shared by the byte readers that read the usual JWT payload straight from its bytes instead of building a
/// tree (the SD-JWT Issuer-signed and Key Binding payloads, the VC-JOSE credential). Each step accepts only text that
/// <see cref="DidSdk.Core.Json.StrictJson"/> and the general path would accept the same way (ASCII unescaped names, none
/// repeated, unescaped strings); anything else makes the reader give up, so the general path judges it unchanged.
/// Compiled into each package that reads payloads this way (a shared source file, not a public API).
/// </summary>
internal static class PayloadScan
{
    /// <summary>The most members an object read this way may have; more goes the general way.</summary>
    public const int MaxMembers = 32;

    /// <summary>The longest member name read this way.</summary>
    public const int MaxNameLength = 128;

    /// <summary>Where an unescaped string token's text is: between the quotes at <see cref="Utf8JsonReader.TokenStartIndex"/>.</summary>
    public static Range ValueRange(ref Utf8JsonReader reader)
    {
        var start = (int)reader.TokenStartIndex + 1;
        return new Range(start, start + reader.ValueSpan.Length);
    }

    /// <summary>
    /// Reads a member name: ASCII, unescaped, at most <see cref="MaxNameLength"/> bytes, not among <paramref name="seen"/>;
    /// with <paramref name="sdJwtNames"/>, also not <c>...</c> (an SD-JWT array-element digest).
    /// </summary>
    public static bool TryReadName(ref Utf8JsonReader reader, ReadOnlySpan<byte> json, scoped ReadOnlySpan<Range> seen, bool sdJwtNames, out Range name)
    {
        name = default;
        if (reader.ValueIsEscaped || reader.HasValueSequence || reader.ValueSpan.Length > MaxNameLength || !Ascii.IsValid(reader.ValueSpan)
            || (sdJwtNames && reader.ValueSpan.SequenceEqual("..."u8)))
        {
            return false;
        }

        name = ValueRange(ref reader);
        var bytes = json[name];
        foreach (var other in seen)
        {
            if (json[other].SequenceEqual(bytes))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Skips the value the reader is on, checking what StrictJson would: no repeated or escaped names, no escaped strings.
    /// With <paramref name="sdJwtNames"/>, no <c>_sd</c> or <c>...</c> member anywhere either (digests are the general path's to process).
    /// </summary>
    public static bool TrySkipValue(ref Utf8JsonReader reader, ReadOnlySpan<byte> json, bool sdJwtNames)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                Span<Range> names = stackalloc Range[MaxMembers];
                var count = 0;
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    if (count == MaxMembers || !TryReadName(ref reader, json, names[..count], sdJwtNames, out var name)
                        || (sdJwtNames && json[name].SequenceEqual("_sd"u8)))
                    {
                        return false;
                    }

                    names[count++] = name;
                    if (!reader.Read() || !TrySkipValue(ref reader, json, sdJwtNames))
                    {
                        return false;
                    }
                }

                return reader.TokenType == JsonTokenType.EndObject;
            case JsonTokenType.StartArray:
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    if (!TrySkipValue(ref reader, json, sdJwtNames))
                    {
                        return false;
                    }
                }

                return reader.TokenType == JsonTokenType.EndArray;
            case JsonTokenType.String:
                return !reader.ValueIsEscaped;
            case JsonTokenType.Number or JsonTokenType.True or JsonTokenType.False or JsonTokenType.Null:
                return true;
            default:
                return false;
        }
    }

    /// <summary>A reader of a decoded payload (see <see cref="ReadPayload"/>).</summary>
    public delegate TResult PayloadReader<TState, TResult>(TState state, ReadOnlySpan<byte> payload);

    /// <summary>
    /// Runs <paramref name="read"/> over the payload of <paramref name="jws"/> decoded into a pooled buffer that is cleared
    /// afterwards (the payload holds personal data), so the token never keeps a decoded copy.
    /// </summary>
    public static TResult ReadPayload<TState, TResult>(JwsToken jws, TState state, PayloadReader<TState, TResult> read)
    {
        var rented = System.Buffers.ArrayPool<byte>.Shared.Rent(Math.Max(jws.PayloadLength, 1));
        try
        {
            // Cannot fail: the buffer holds at least PayloadLength bytes.
            jws.TryCopyPayload(rented, out var written);
            return read(state, rented.AsSpan(0, written));
        }
        finally
        {
            rented.AsSpan(0, jws.PayloadLength).Clear();
            System.Buffers.ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>
    /// Reads a number, <c>true</c>, <c>false</c> or <c>null</c> member: a NumericDate claim into its slot by <see cref="TryReadDate"/>
    /// (anything but a number there is the general path's), and <see langword="false"/> for a claim the caller reads as a
    /// string (<paramref name="isStringClaim"/>); any other member is accepted as it stands.
    /// </summary>
    public static bool TryReadScalar(ref Utf8JsonReader reader, ReadOnlySpan<byte> name, bool isStringClaim, ref DateTimeOffset? issuedAt, ref DateTimeOffset? expirationTime, ref DateTimeOffset? notBefore) =>
        IsDate(name) ? TryReadDate(ref reader, name, ref issuedAt, ref expirationTime, ref notBefore) : !isStringClaim;

    /// <summary>Whether <paramref name="name"/> is a registered NumericDate claim (<c>iat</c>, <c>exp</c>, <c>nbf</c>).</summary>
    public static bool IsDate(ReadOnlySpan<byte> name) => name.SequenceEqual("iat"u8) || name.SequenceEqual("exp"u8) || name.SequenceEqual("nbf"u8);

    /// <summary>
    /// Reads the value of the NumericDate claim <paramref name="name"/> (see <see cref="IsDate"/>) into its slot, by
    /// <see cref="JwtClaims.TryConvertNumericDate"/> (the one rule); <see langword="false"/> when it is not a number in range.
    /// </summary>
    public static bool TryReadDate(ref Utf8JsonReader reader, ReadOnlySpan<byte> name, ref DateTimeOffset? issuedAt, ref DateTimeOffset? expirationTime, ref DateTimeOffset? notBefore)
    {
        if (reader.TokenType != JsonTokenType.Number || !reader.TryGetDouble(out var seconds) || !JwtClaims.TryConvertNumericDate(seconds, out var date))
        {
            return false;
        }

        if (name.SequenceEqual("iat"u8))
        {
            issuedAt = date;
        }
        else if (name.SequenceEqual("exp"u8))
        {
            expirationTime = date;
        }
        else
        {
            notBefore = date;
        }

        return true;
    }
}
