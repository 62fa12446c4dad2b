using System.Text;
using System.Text.Json;
using DidSdk.Core.Jose;
using DidSdk.Crypto;
using DidSdk.Internal;

namespace DidSdk.SdJwt;

/// <summary>
/// What verification needs from an Issuer-signed JWT's payload (<c>iss</c>, <c>vct</c>, the registered dates, the
/// <c>cnf</c> key, where <c>status</c> is, <c>_sd_alg</c>), read straight from its bytes together with every check of
/// RFC 9901 §7.1 step 3 on the presented disclosures, without building a tree. Only the usual SD-JWT is read this way:
/// disclosures of top-level claims with plain values (string, number, boolean, null), digests in the top-level
/// <c>_sd</c>, no escaped text, no repeated names, every registered claim of its type, <c>cnf</c> a bare public JWK.
/// For that input the outcome is exactly the general path's success, and the processed claims are built from the
/// payload on first use (<see cref="LazyProcessedPayload"/>). Anything else, valid or not, is left to the general path
/// (<see cref="SdJwtHolder.TryParsePayload"/> and <see cref="SdJwtProcessor"/>), so its problems stay exactly as they were.
/// </summary>
internal readonly struct IssuerPayload
{
    // The usual payload has a dozen members (PayloadScan.MaxMembers at most) and a few dozen digests; more goes the general way.
    private const int MaxDigests = 64;
    private const int MaxDisclosures = 16;

    private IssuerPayload(SdHashAlgorithm hashAlgorithm, string? issuer, string? vct, DateTimeOffset? issuedAt, DateTimeOffset? expirationTime, DateTimeOffset? notBefore, bool hasConfirmation, PublicKeyMaterial? holderKey, Range status, ulong disclosedOrder)
    {
        HashAlgorithm = hashAlgorithm;
        Issuer = issuer;
        Vct = vct;
        IssuedAt = issuedAt;
        ExpirationTime = expirationTime;
        NotBefore = notBefore;
        HasConfirmation = hasConfirmation;
        HolderKey = holderKey;
        Status = status;
        DisclosedOrder = disclosedOrder;
    }

    /// <summary>The <c>_sd_alg</c> (default <c>sha-256</c>), one the options allow.</summary>
    public SdHashAlgorithm HashAlgorithm { get; }

    /// <summary><c>iss</c>, when present (always a string here).</summary>
    public string? Issuer { get; }

    /// <summary><c>vct</c>, when present (always a string here).</summary>
    public string? Vct { get; }

    /// <summary><c>iat</c>.</summary>
    public DateTimeOffset? IssuedAt { get; }

    /// <summary><c>exp</c>.</summary>
    public DateTimeOffset? ExpirationTime { get; }

    /// <summary><c>nbf</c>.</summary>
    public DateTimeOffset? NotBefore { get; }

    /// <summary>Whether <c>cnf</c> is present; then <see cref="HolderKey"/> is its key.</summary>
    public bool HasConfirmation { get; }

    /// <summary>The public key in <c>cnf.jwk</c>.</summary>
    public PublicKeyMaterial? HolderKey { get; }

    /// <summary>Where the <c>status</c> claim's value is in the payload; <see langword="default"/> when absent.</summary>
    public Range Status { get; }

    /// <summary>
    /// The disclosures' indexes in the order their digests stand in <c>_sd</c>, 4 bits each from the lowest (at most
    /// <see cref="MaxDisclosures"/>): where the processed claims place each disclosed claim, without hashing again.
    /// </summary>
    public ulong DisclosedOrder { get; }

    /// <summary>Whether the payload has a <c>status</c> claim.</summary>
    public bool HasStatus => !Status.Equals(default(Range));

    /// <summary>
    /// Reads the usual payload of <paramref name="jws"/> and checks <paramref name="disclosures"/> against it; <see langword="false"/>
    /// for anything the general path must judge. The payload is decoded into a pooled buffer that is cleared afterwards.
    /// </summary>
    public static bool TryRead(JwsToken jws, IReadOnlyList<Disclosure> disclosures, SdJwtVerifierOptions options, out IssuerPayload payload)
    {
        payload = default;
        var maxDepth = options.ReaderOptions.MaxDepth;
        if (options.TreeOnly || maxDepth is < 2 or > 1000 || disclosures.Count > MaxDisclosures || !AreFlat(disclosures))
        {
            return false;
        }

        var read = PayloadScan.ReadPayload(
            jws,
            (Disclosures: disclosures, Options: options, MaxDepth: maxDepth),
            static (state, json) => TryRead(json, state.Disclosures, state.Options, state.MaxDepth, out var read) ? read : (IssuerPayload?)null);
        payload = read.GetValueOrDefault();
        return read.HasValue;
    }

    // Disclosures of top-level claims with plain values, named so that a byte-wise comparison is a name comparison.
    private static bool AreFlat(IReadOnlyList<Disclosure> disclosures)
    {
        for (var i = 0; i < disclosures.Count; i++)
        {
            var disclosure = disclosures[i];
            if (disclosure.ClaimName is not { Length: > 0 and <= PayloadScan.MaxNameLength } name || !Ascii.IsValid(name)
                || name is "_sd" or "..." or "_sd_alg" || disclosure.RawValue is System.Text.Json.Nodes.JsonObject or System.Text.Json.Nodes.JsonArray)
            {
                return false;
            }
        }

        return true;
    }

    private static bool TryRead(ReadOnlySpan<byte> json, IReadOnlyList<Disclosure> disclosures, SdJwtVerifierOptions options, int maxDepth, out IssuerPayload payload)
    {
        payload = default;

        // The same first gates as StrictJson: well-formed UTF-8 and a depth the object fits in.
        if (!System.Text.Unicode.Utf8.IsValid(json))
        {
            return false;
        }

        Span<Range> names = stackalloc Range[PayloadScan.MaxMembers];
        Span<Range> digests = stackalloc Range[MaxDigests];
        var nameCount = 0;
        var digestCount = 0;
        var hasDigestArray = false;
        Range algorithm = default, issuer = default, vct = default, status = default;
        DateTimeOffset? iat = null, exp = null, nbf = null;
        var hasConfirmation = false;
        PublicKeyMaterial? holderKey = null;
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = maxDepth });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (!PayloadScan.TryReadName(ref reader, json, names[..nameCount], sdJwtNames: true, out var name) || nameCount == PayloadScan.MaxMembers)
                {
                    return false;
                }

                names[nameCount++] = name;
                var nameBytes = json[name];
                if (!reader.Read())
                {
                    return false;
                }

                if (nameBytes.SequenceEqual("_sd"u8))
                {
                    hasDigestArray = true;
                    if (reader.TokenType != JsonTokenType.StartArray)
                    {
                        return false;
                    }

                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    {
                        if (reader.TokenType != JsonTokenType.String || reader.ValueIsEscaped || digestCount == MaxDigests)
                        {
                            return false;
                        }

                        digests[digestCount++] = PayloadScan.ValueRange(ref reader);
                    }

                    continue;
                }

                if (nameBytes.SequenceEqual("cnf"u8))
                {
                    hasConfirmation = true;
                    if (!TryReadConfirmation(ref reader, json, out holderKey))
                    {
                        return false;
                    }

                    continue;
                }

                if (nameBytes.SequenceEqual("status"u8))
                {
                    var start = (int)reader.TokenStartIndex;
                    if (!PayloadScan.TrySkipValue(ref reader, json, sdJwtNames: true))
                    {
                        return false;
                    }

                    status = new Range(start, (int)reader.BytesConsumed);
                    continue;
                }

                switch (reader.TokenType)
                {
                    case JsonTokenType.String:
                        if (reader.ValueIsEscaped || PayloadScan.IsDate(nameBytes))
                        {
                            return false;
                        }

                        if (nameBytes.SequenceEqual("_sd_alg"u8))
                        {
                            algorithm = PayloadScan.ValueRange(ref reader);
                        }
                        else if (nameBytes.SequenceEqual("iss"u8))
                        {
                            issuer = PayloadScan.ValueRange(ref reader);
                        }
                        else if (nameBytes.SequenceEqual("vct"u8))
                        {
                            vct = PayloadScan.ValueRange(ref reader);
                        }

                        break;
                    case JsonTokenType.Number or JsonTokenType.True or JsonTokenType.False or JsonTokenType.Null:
                        // A date by the one NumericDate rule; a registered claim of another type is the general path's.
                        if (!PayloadScan.TryReadScalar(ref reader, nameBytes, IsString(nameBytes), ref iat, ref exp, ref nbf))
                        {
                            return false;
                        }

                        break;
                    case JsonTokenType.StartObject or JsonTokenType.StartArray:
                        // A nested claim with no digests in it; a registered claim of this shape is the general path's.
                        if (PayloadScan.IsDate(nameBytes) || IsString(nameBytes) || !PayloadScan.TrySkipValue(ref reader, json, sdJwtNames: true))
                        {
                            return false;
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

        // _sd_alg: absent means sha-256; it must be one the verifier allows.
        var hashAlgorithm = algorithm.Equals(default(Range)) ? SdHashAlgorithm.Sha256
            : json[algorithm].SequenceEqual("sha-256"u8) ? SdHashAlgorithm.Sha256
            : json[algorithm].SequenceEqual("sha-384"u8) ? SdHashAlgorithm.Sha384
            : json[algorithm].SequenceEqual("sha-512"u8) ? SdHashAlgorithm.Sha512
            : null;
        if (hashAlgorithm is null || !options.AllowedHashAlgorithms.Contains(hashAlgorithm.Name)
            || (!hasDigestArray && disclosures.Count > 0)
            || !MatchDisclosures(json, names[..nameCount], digests[..digestCount], disclosures, hashAlgorithm, out var disclosedOrder))
        {
            return false;
        }

        payload = new IssuerPayload(
            hashAlgorithm,
            issuer.Equals(default(Range)) ? null : Encoding.UTF8.GetString(json[issuer]),
            vct.Equals(default(Range)) ? null : Encoding.UTF8.GetString(json[vct]),
            iat,
            exp,
            nbf,
            hasConfirmation,
            holderKey,
            status,
            disclosedOrder);
        return true;
    }

    /// <summary>
    /// §7.1 step 3 for top-level disclosures: digests distinct, each disclosure's digest in <c>_sd</c> exactly once, its
    /// claim name new at the top level. Any failure is the general path's to name.
    /// </summary>
    private static bool MatchDisclosures(ReadOnlySpan<byte> json, ReadOnlySpan<Range> names, ReadOnlySpan<Range> digests, IReadOnlyList<Disclosure> disclosures, SdHashAlgorithm algorithm, out ulong disclosedOrder)
    {
        disclosedOrder = 0;

        // Every digest in the SD-JWT once (decoys included).
        for (var i = 1; i < digests.Length; i++)
        {
            var digest = json[digests[i]];
            for (var j = 0; j < i; j++)
            {
                if (json[digests[j]].SequenceEqual(digest))
                {
                    return false;
                }
            }
        }

        var count = disclosures.Count;
        if (count == 0)
        {
            return true;
        }

        Span<char> disclosureDigests = stackalloc char[MaxDisclosures * SdHashAlgorithm.MaxEncodedDigestLength];
        Span<int> positions = stackalloc int[MaxDisclosures];
        var length = 0;
        for (var i = 0; i < count; i++)
        {
            var disclosure = disclosures[i];
            var slot = disclosureDigests.Slice(i * SdHashAlgorithm.MaxEncodedDigestLength, SdHashAlgorithm.MaxEncodedDigestLength);
            length = algorithm.Digest(disclosure.Encoded, slot);
            var claimName = disclosure.ClaimName!;

            // Found through exactly one digest of _sd: digests are distinct, so a disclosure found twice is a repeated one.
            var position = 0;
            while (position < digests.Length && !Ascii.Equals(json[digests[position]], slot[..length]))
            {
                position++;
            }

            if (position == digests.Length)
            {
                return false;
            }

            positions[i] = position;

            // The same disclosure twice, or two disclosures for one claim name.
            for (var j = 0; j < i; j++)
            {
                if (disclosureDigests.Slice(j * SdHashAlgorithm.MaxEncodedDigestLength, length).SequenceEqual(slot[..length])
                    || string.Equals(disclosures[j].ClaimName, claimName, StringComparison.Ordinal))
                {
                    return false;
                }
            }

            // A disclosed claim never overwrites one in the clear (names are ASCII on both sides here).
            foreach (var name in names)
            {
                if (Ascii.Equals(json[name], claimName))
                {
                    return false;
                }
            }
        }

        // Disclosure indexes ordered by digest position (positions are distinct): an insertion sort of at most 16.
        Span<int> order = stackalloc int[MaxDisclosures];
        for (var i = 0; i < count; i++)
        {
            var j = i;
            for (; j > 0 && positions[order[j - 1]] > positions[i]; j--)
            {
                order[j] = order[j - 1];
            }

            order[j] = i;
        }

        for (var k = 0; k < count; k++)
        {
            disclosedOrder |= (ulong)order[k] << (4 * k);
        }

        return true;
    }

    /// <summary>
    /// Reads <c>cnf</c> when it is <c>{"jwk": {bare public JWK}}</c> (only <c>kty</c>, <c>crv</c>, <c>x</c> and for EC
    /// <c>y</c>; Ed25519, P-256 or secp256k1; canonical base64url, 32-byte coordinates, a valid point), the checks
    /// <see cref="Jwk"/> makes of such a key. Any other confirmation is the general path's.
    /// </summary>
    private static bool TryReadConfirmation(ref Utf8JsonReader reader, ReadOnlySpan<byte> json, out PublicKeyMaterial? key)
    {
        key = null;
        if (reader.TokenType != JsonTokenType.StartObject || !reader.Read() || reader.TokenType != JsonTokenType.PropertyName
            || reader.ValueIsEscaped || !reader.ValueSpan.SequenceEqual("jwk"u8) || !reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        Range kty = default, crv = default, x = default, y = default;
        var members = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueIsEscaped)
            {
                return false;
            }

            ref var target = ref kty;
            if (reader.ValueSpan.SequenceEqual("crv"u8))
            {
                target = ref crv;
            }
            else if (reader.ValueSpan.SequenceEqual("x"u8))
            {
                target = ref x;
            }
            else if (reader.ValueSpan.SequenceEqual("y"u8))
            {
                target = ref y;
            }
            else if (!reader.ValueSpan.SequenceEqual("kty"u8))
            {
                return false;
            }

            if (!target.Equals(default(Range)) || !reader.Read() || reader.TokenType != JsonTokenType.String || reader.ValueIsEscaped)
            {
                return false;
            }

            target = PayloadScan.ValueRange(ref reader);
            members++;
        }

        // The end of jwk, then the end of cnf; an absent member's text is empty.
        return reader.TokenType == JsonTokenType.EndObject && reader.Read() && reader.TokenType == JsonTokenType.EndObject
            && BareJwk.TryImport(json[kty], json[crv], json[x], json[y], members, out key);
    }

    // The claims JwtClaims reads as strings (aud may also be an array: the general path's), vct, which an SD-JWT VC
    // needs as one, and _sd_alg, which names the digest algorithm.
    private static bool IsString(ReadOnlySpan<byte> name) =>
        name.SequenceEqual("_sd_alg"u8) || name.SequenceEqual("iss"u8) || name.SequenceEqual("sub"u8) || name.SequenceEqual("jti"u8) || name.SequenceEqual("nonce"u8)
        || name.SequenceEqual("aud"u8) || name.SequenceEqual("vct"u8);
}
