using System.Text.Json;
using DidSdk.Core.Jose;
using DidSdk.Internal;

namespace DidSdk.SdJwt;

/// <summary>
/// The Key Binding JWT claims the checks need (<c>iat</c>, <c>exp</c>, <c>nbf</c>, <c>aud</c>, <c>nonce</c>,
/// <c>sd_hash</c>), read straight from the payload bytes without building a tree. Only the usual payload is read this
/// way: a flat object of plain strings, numbers, booleans and nulls (and <c>aud</c> as an array of strings), no
/// escaped text, no repeated names, every registered claim of its type. Anything else, valid or not, is left to
/// <see cref="JwtClaims"/>, so its problems stay exactly as they were.
/// </summary>
internal readonly ref struct KeyBindingPayload
{
    // A KB-JWT payload has a handful of members; more than this goes the general way. Names are read here rather than by
    // PayloadScan.TryReadName, which also limits their length and requires ASCII: what this reader accepts stays as it was.
    private const int MaxMembers = 16;

    private KeyBindingPayload(ReadOnlySpan<byte> json, Range nonce, Range sdHash, Range audience, int audienceCount, DateTimeOffset? issuedAt, DateTimeOffset? expirationTime, DateTimeOffset? notBefore)
    {
        Json = json;
        NonceRange = nonce;
        SdHashRange = sdHash;
        AudienceRange = audience;
        AudienceCount = audienceCount;
        IssuedAt = issuedAt;
        ExpirationTime = expirationTime;
        NotBefore = notBefore;
    }

    private ReadOnlySpan<byte> Json { get; }

    private Range NonceRange { get; }

    private Range SdHashRange { get; }

    private Range AudienceRange { get; }

    /// <summary>How many audiences <c>aud</c> names (0 when absent).</summary>
    public int AudienceCount { get; }

    /// <summary>Whether <c>nonce</c> is present.</summary>
    public bool HasNonce => !NonceRange.Equals(default(Range));

    /// <summary>Whether <c>sd_hash</c> is present.</summary>
    public bool HasSdHash => !SdHashRange.Equals(default(Range));

    /// <summary><c>nonce</c>'s UTF-8 text.</summary>
    public ReadOnlySpan<byte> Nonce => Json[NonceRange];

    /// <summary><c>sd_hash</c>'s UTF-8 text.</summary>
    public ReadOnlySpan<byte> SdHash => Json[SdHashRange];

    /// <summary>The only audience's UTF-8 text, when <see cref="AudienceCount"/> is 1.</summary>
    public ReadOnlySpan<byte> Audience => Json[AudienceRange];

    /// <summary><c>iat</c>.</summary>
    public DateTimeOffset? IssuedAt { get; }

    /// <summary><c>exp</c>.</summary>
    public DateTimeOffset? ExpirationTime { get; }

    /// <summary><c>nbf</c>.</summary>
    public DateTimeOffset? NotBefore { get; }

    /// <summary>Reads the usual payload; <see langword="false"/> for anything the general parser must judge.</summary>
    public static bool TryRead(ReadOnlySpan<byte> json, int maxDepth, out KeyBindingPayload payload)
    {
        payload = default;

        // The same first gates as StrictJson: well-formed UTF-8 and a depth the object fits in.
        if (maxDepth is < 1 or > 1000 || !System.Text.Unicode.Utf8.IsValid(json))
        {
            return false;
        }

        Span<Range> names = stackalloc Range[MaxMembers];
        var count = 0;
        Range nonce = default, sdHash = default, audience = default;
        var audienceCount = 0;
        DateTimeOffset? iat = null, exp = null, nbf = null;
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = maxDepth });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueIsEscaped || reader.HasValueSequence || count == MaxMembers)
                {
                    return false;
                }

                var name = PayloadScan.ValueRange(ref reader);
                var nameBytes = json[name];
                for (var i = 0; i < count; i++)
                {
                    if (json[names[i]].SequenceEqual(nameBytes))
                    {
                        return false;
                    }
                }

                names[count++] = name;
                if (!reader.Read())
                {
                    return false;
                }

                switch (reader.TokenType)
                {
                    case JsonTokenType.String:
                        if (reader.ValueIsEscaped)
                        {
                            return false;
                        }

                        var value = PayloadScan.ValueRange(ref reader);
                        if (nameBytes.SequenceEqual("nonce"u8))
                        {
                            nonce = value;
                        }
                        else if (nameBytes.SequenceEqual("sd_hash"u8))
                        {
                            sdHash = value;
                        }
                        else if (nameBytes.SequenceEqual("aud"u8))
                        {
                            audience = value;
                            audienceCount = 1;
                        }
                        else if (PayloadScan.IsDate(nameBytes))
                        {
                            return false;
                        }

                        break;
                    case JsonTokenType.Number or JsonTokenType.True or JsonTokenType.False or JsonTokenType.Null:
                        // A date by the one NumericDate rule; a registered claim of another type is the general parser's.
                        if (!PayloadScan.TryReadScalar(ref reader, nameBytes, IsString(nameBytes), ref iat, ref exp, ref nbf))
                        {
                            return false;
                        }

                        break;
                    case JsonTokenType.StartArray when nameBytes.SequenceEqual("aud"u8):
                        if (maxDepth < 2)
                        {
                            return false;
                        }

                        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                        {
                            if (reader.TokenType != JsonTokenType.String || reader.ValueIsEscaped)
                            {
                                return false;
                            }

                            audience = PayloadScan.ValueRange(ref reader);
                            audienceCount++;
                        }

                        break;
                    default:
                        return false;
                }
            }

            if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
            {
                return false;
            }
        }
        catch (JsonException)
        {
            return false;
        }

        payload = new KeyBindingPayload(json, nonce, sdHash, audience, audienceCount, iat, exp, nbf);
        return true;
    }

    // The claims JwtClaims reads as strings (aud, string or array, is handled on its own).
    private static bool IsString(ReadOnlySpan<byte> name) =>
        name.SequenceEqual("iss"u8) || name.SequenceEqual("sub"u8) || name.SequenceEqual("jti"u8) || name.SequenceEqual("nonce"u8) || name.SequenceEqual("sd_hash"u8) || name.SequenceEqual("aud"u8);
}
