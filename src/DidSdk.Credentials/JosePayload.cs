using System.Text;
using System.Text.Json;
using DidSdk.Core.Jose;
using DidSdk.Internal;

namespace DidSdk.Credentials;

/// <summary>
/// What VC-JOSE verification needs from the usual <c>vc+jwt</c> payload (the issuer, the validity period, the
/// registered dates), read straight from its bytes with every data model and VC-JOSE-COSE §3.1.2 check the general
/// path makes, without building a tree. Only the usual credential is read this way: a VC Data Model 2.0 credential
/// whose <c>@context</c> is URLs, <c>type</c> strings, <c>issuer</c> and <c>id</c> URLs, one <c>credentialSubject</c>
/// object, <c>validFrom</c>/<c>validUntil</c> in the form <c>yyyy-MM-ddTHH:mm:ssZ</c>, registered JWT claims of their
/// type that agree with the credential, no escaped text, no repeated names, and none of the members that ask for more
/// (<c>credentialStatus</c>, <c>relatedResource</c>, <c>credentialSchema</c>, <c>evidence</c>, <c>termsOfUse</c>,
/// <c>refreshService</c>, <c>proof</c>, <c>aud</c>). For that input the outcome is exactly the general path's, and the
/// credential JSON is built on first use (<see cref="LazyCredentialJson"/>). Anything else, valid or not, is left to the
/// general path (<see cref="VerifiableCredential.TryParse(System.Text.Json.Nodes.JsonNode?, out VerifiableCredential?, out IReadOnlyList{DidSdk.Core.Problem})"/>
/// and <see cref="JwtClaims"/>), so its problems stay exactly as they were.
/// </summary>
internal readonly struct JosePayload
{
    private JosePayload(string issuer, DateTimeOffset? validFrom, DateTimeOffset? validUntil, DateTimeOffset? issuedAt, DateTimeOffset? notBefore, DateTimeOffset? expirationTime)
    {
        Issuer = issuer;
        ValidFrom = validFrom;
        ValidUntil = validUntil;
        IssuedAt = issuedAt;
        NotBefore = notBefore;
        ExpirationTime = expirationTime;
    }

    /// <summary>The credential's <c>issuer</c> (a URL; the JWT <c>iss</c>, when present, is the same).</summary>
    public string Issuer { get; }

    /// <summary><c>validFrom</c>.</summary>
    public DateTimeOffset? ValidFrom { get; }

    /// <summary><c>validUntil</c>.</summary>
    public DateTimeOffset? ValidUntil { get; }

    /// <summary>The JWT <c>iat</c>.</summary>
    public DateTimeOffset? IssuedAt { get; }

    /// <summary>The JWT <c>nbf</c> (the same second as <see cref="ValidFrom"/> when both are present).</summary>
    public DateTimeOffset? NotBefore { get; }

    /// <summary>The JWT <c>exp</c> (the same second as <see cref="ValidUntil"/> when both are present).</summary>
    public DateTimeOffset? ExpirationTime { get; }

    /// <summary>
    /// Reads the usual payload of <paramref name="jws"/>; <see langword="false"/> for anything the general path must judge.
    /// The payload is decoded into a pooled buffer that is cleared afterwards.
    /// </summary>
    public static bool TryRead(JwsToken jws, int maxDepth, out JosePayload payload)
    {
        payload = default;
        if (maxDepth is < 2 or > 1000)
        {
            return false;
        }

        var read = PayloadScan.ReadPayload(jws, maxDepth, static (depth, json) => TryRead(json, depth, out var read) ? read : (JosePayload?)null);
        payload = read.GetValueOrDefault();
        return read.HasValue;
    }

    private static bool TryRead(ReadOnlySpan<byte> json, int maxDepth, out JosePayload payload)
    {
        payload = default;

        // The same first gates as StrictJson: well-formed UTF-8 and a depth the object fits in.
        if (!System.Text.Unicode.Utf8.IsValid(json))
        {
            return false;
        }

        Span<Range> names = stackalloc Range[PayloadScan.MaxMembers];
        var nameCount = 0;
        Range issuer = default, id = default, subjectId = default, iss = default, sub = default, jti = default;
        DateTimeOffset? validFrom = null, validUntil = null, iat = null, exp = null, nbf = null;
        bool hasContext = false, hasType = false, hasSubject = false;
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = maxDepth });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (nameCount == PayloadScan.MaxMembers || !PayloadScan.TryReadName(ref reader, json, names[..nameCount], sdJwtNames: false, out var name))
                {
                    return false;
                }

                names[nameCount++] = name;
                var nameBytes = json[name];
                if (!reader.Read())
                {
                    return false;
                }

                var ok = nameBytes switch
                {
                    _ when nameBytes.SequenceEqual("@context"u8) => hasContext = TryReadContext(ref reader),
                    _ when nameBytes.SequenceEqual("type"u8) => hasType = TryReadTypes(ref reader),
                    _ when nameBytes.SequenceEqual("id"u8) => TryReadUrl(ref reader, out id),
                    _ when nameBytes.SequenceEqual("issuer"u8) => TryReadUrl(ref reader, out issuer),
                    _ when nameBytes.SequenceEqual("validFrom"u8) => TryReadDateTimeStamp(ref reader, json, out validFrom),
                    _ when nameBytes.SequenceEqual("validUntil"u8) => TryReadDateTimeStamp(ref reader, json, out validUntil),
                    _ when nameBytes.SequenceEqual("credentialSubject"u8) => hasSubject = TryReadSubject(ref reader, json, out subjectId),
                    _ when nameBytes.SequenceEqual("name"u8) || nameBytes.SequenceEqual("description"u8) => IsPlainString(ref reader),
                    _ when nameBytes.SequenceEqual("iss"u8) => TryReadString(ref reader, out iss),
                    _ when nameBytes.SequenceEqual("sub"u8) => TryReadString(ref reader, out sub),
                    _ when nameBytes.SequenceEqual("jti"u8) => TryReadString(ref reader, out jti),
                    _ when nameBytes.SequenceEqual("nonce"u8) => IsPlainString(ref reader),
                    _ when PayloadScan.IsDate(nameBytes) => PayloadScan.TryReadDate(ref reader, nameBytes, ref iat, ref exp, ref nbf),
                    _ when AsksForMore(nameBytes) => false,
                    _ => PayloadScan.TrySkipValue(ref reader, json, sdJwtNames: false),
                };
                if (!ok)
                {
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

        // Required members, a validity period in order, and VC-JOSE-COSE §3.1.2: registered claims that are present agree
        // with the credential (names and values are unescaped UTF-8, so equal bytes are equal strings).
        if (!hasContext || !hasType || !hasSubject || IsAbsent(issuer)
            || (validFrom is { } from && validUntil is { } until && until < from)
            || (!IsAbsent(iss) && !json[iss].SequenceEqual(json[issuer]))
            || (!IsAbsent(sub) && (IsAbsent(subjectId) || !json[sub].SequenceEqual(json[subjectId])))
            || (!IsAbsent(jti) && !IsAbsent(id) && !json[jti].SequenceEqual(json[id]))
            || (nbf is { } notBefore && validFrom is { } start && notBefore.ToUnixTimeSeconds() != start.ToUnixTimeSeconds())
            || (exp is { } expires && validUntil is { } end && expires.ToUnixTimeSeconds() != end.ToUnixTimeSeconds()))
        {
            return false;
        }

        payload = new JosePayload(Encoding.UTF8.GetString(json[issuer]), validFrom, validUntil, iat, nbf, exp);
        return true;
    }

    private static bool IsAbsent(Range range) => range.Equals(default(Range));

    // Members with checks or processing of their own (status, digests, typed objects, audiences): the general path's.
    private static bool AsksForMore(ReadOnlySpan<byte> name) =>
        name.SequenceEqual("credentialStatus"u8) || name.SequenceEqual("relatedResource"u8) || name.SequenceEqual("credentialSchema"u8)
        || name.SequenceEqual("evidence"u8) || name.SequenceEqual("termsOfUse"u8) || name.SequenceEqual("refreshService"u8)
        || name.SequenceEqual("proof"u8) || name.SequenceEqual("aud"u8);

    private static bool IsPlainString(ref Utf8JsonReader reader) => reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped;

    private static bool TryReadString(ref Utf8JsonReader reader, out Range value)
    {
        if (!IsPlainString(ref reader))
        {
            value = default;
            return false;
        }

        value = PayloadScan.ValueRange(ref reader);
        return true;
    }

    private static bool TryReadUrl(ref Utf8JsonReader reader, out Range value) =>
        TryReadString(ref reader, out value) && VcDataModel.IsUrl(reader.ValueSpan);

    // The VC 2.0 base context first (as one string or the first of a list), then URLs.
    private static bool TryReadContext(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return IsBaseContext(ref reader);
        }

        if (reader.TokenType != JsonTokenType.StartArray || !reader.Read() || !IsBaseContext(ref reader))
        {
            return false;
        }

        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (!IsPlainString(ref reader) || !VcDataModel.IsUrl(reader.ValueSpan))
            {
                return false;
            }
        }

        return reader.TokenType == JsonTokenType.EndArray;
    }

    private static bool IsBaseContext(ref Utf8JsonReader reader) =>
        IsPlainString(ref reader) && reader.ValueSpan.SequenceEqual("https://www.w3.org/ns/credentials/v2"u8);

    // A string or a list of strings that includes VerifiableCredential.
    private static bool TryReadTypes(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return IsPlainString(ref reader) && reader.ValueSpan.SequenceEqual("VerifiableCredential"u8);
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return false;
        }

        var found = false;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (!IsPlainString(ref reader))
            {
                return false;
            }

            found |= reader.ValueSpan.SequenceEqual("VerifiableCredential"u8);
        }

        return found && reader.TokenType == JsonTokenType.EndArray;
    }

    private static bool TryReadDateTimeStamp(ref Utf8JsonReader reader, ReadOnlySpan<byte> json, out DateTimeOffset? value)
    {
        value = null;
        if (!IsPlainString(ref reader) || reader.ValueSpan.Length != 20 || !Ascii.IsValid(reader.ValueSpan))
        {
            return false;
        }

        Span<char> text = stackalloc char[20];
        Ascii.ToUtf16(json[PayloadScan.ValueRange(ref reader)], text, out _);
        if (!VcDataModel.TryParseUtcSeconds(text, out var parsed))
        {
            return false;
        }

        value = parsed;
        return true;
    }

    // One subject object with at least one claim; its id, when present, a URL.
    private static bool TryReadSubject(ref Utf8JsonReader reader, ReadOnlySpan<byte> json, out Range id)
    {
        id = default;
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        Span<Range> names = stackalloc Range[PayloadScan.MaxMembers];
        var count = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (count == PayloadScan.MaxMembers || !PayloadScan.TryReadName(ref reader, json, names[..count], sdJwtNames: false, out var name))
            {
                return false;
            }

            names[count++] = name;
            if (!reader.Read())
            {
                return false;
            }

            var ok = json[name].SequenceEqual("id"u8)
                ? TryReadUrl(ref reader, out id)
                : PayloadScan.TrySkipValue(ref reader, json, sdJwtNames: false);
            if (!ok)
            {
                return false;
            }
        }

        return count > 0 && reader.TokenType == JsonTokenType.EndObject;
    }
}
