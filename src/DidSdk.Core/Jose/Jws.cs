using System.Buffers;
using System.Buffers.Text;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using DidSdk.Core.Json;
using DidSdk.Crypto;

namespace DidSdk.Core.Jose;

/// <summary>
/// JSON Web Signature (RFC 7515): signing in the JWS Compact Serialization and reading the compact, flattened and
/// general JSON serializations with an algorithm allow-list. Reading never throws for invalid input; every rejection
/// has a <see cref="JoseProblemCodes"/> code.
/// </summary>
/// <remarks>
/// <para>Unsecured JWSs (<c>alg</c> <c>none</c>) and HMAC/RSA algorithms cannot be produced: the algorithm always comes
/// from <see cref="ISigner.Algorithm"/>, which is EdDSA, ES256K or ES256. Readers reject them.</para>
/// <para><c>alg</c> and <c>crit</c> are only accepted in the JWS Protected Header: an unprotected <c>alg</c> could be
/// changed in transit (RFC 7515 §10.7), and RFC 7515 §4.1.11 requires <c>crit</c> to be integrity protected.</para>
/// </remarks>
public static class Jws
{
    private static readonly JsonWriterOptions HeaderWriterOptions = new()
    {
        // The header is base64url-encoded, never embedded in HTML, so HTML-sensitive characters need no escaping.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
        SkipValidation = false,
    };

    // Header Parameter names registered by RFC 7515 §4.1 and RFC 7518 §4.1/§4.6–4.8; RFC 7515 §4.1.11 forbids them in crit.
    private static readonly HashSet<string> RegisteredHeaderNames = new(StringComparer.Ordinal)
    {
        "alg", "jku", "jwk", "kid", "x5u", "x5c", "x5t", "x5t#S256", "typ", "cty", "crit",
        "enc", "zip", "epk", "apu", "apv", "iv", "tag", "p2s", "p2c",
    };

    private const int MaxSignatureSize = 64;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// Signs <paramref name="payload"/> and returns the JWS Compact Serialization (RFC 7515 §7.1).
    /// </summary>
    /// <param name="header">
    /// Extra JWS Protected Header members (<c>typ</c>, <c>cty</c>, <c>kid</c>, ...), written in their order after
    /// <c>alg</c>. <c>alg</c> is set from <see cref="ISigner.Algorithm"/>; <c>kid</c> is set from
    /// <see cref="ISigner.KeyId"/> unless the header names one. May be <see langword="null"/>.
    /// </param>
    /// <param name="payload">The JWS Payload bytes.</param>
    /// <param name="signer">The signer.</param>
    /// <param name="cancellationToken">Cancels the signing operation.</param>
    /// <exception cref="ArgumentException">
    /// The header has an <c>alg</c> that differs from the signer's, or a <c>b64</c> member (RFC 7797 unencoded payloads are
    /// not produced by this method).
    /// </exception>
    /// <exception cref="InvalidOperationException">The signer returned a signature of the wrong length (for example DER-encoded ECDSA).</exception>
    public static ValueTask<string> SignCompactAsync(
        JsonObject? header,
        ReadOnlyMemory<byte> payload,
        ISigner signer,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(signer);
        var buffer = BuildSigningInput(header, payload.Span, signer, out var signingInputLength);
        return SignAndSerializeAsync(buffer, signingInputLength, signer, cancellationToken);
    }

    /// <summary>
    /// Signs the JSON <paramref name="payload"/> (written compactly as UTF-8, without an intermediate string) and returns
    /// the JWS Compact Serialization (RFC 7515 §7.1). Same rules as the byte overload.
    /// </summary>
    /// <param name="header">Extra JWS Protected Header members; see the byte overload.</param>
    /// <param name="payload">The claims, for example a credential or JWT claims set.</param>
    /// <param name="signer">The signer.</param>
    /// <param name="cancellationToken">Cancels the signing operation.</param>
    public static ValueTask<string> SignCompactAsync(
        JsonObject? header,
        JsonNode payload,
        ISigner signer,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(payload);
        return SignCompactAsync(header, payload, static (writer, node) => node.WriteTo(writer), signer, cancellationToken);
    }

    /// <summary>
    /// Signs a JSON payload that <paramref name="writePayload"/> writes (one JSON value, compact UTF-8) and returns the JWS
    /// Compact Serialization (RFC 7515 §7.1): for payloads assembled from parts without building a tree first. Same rules
    /// as the byte overload.
    /// </summary>
    /// <typeparam name="TState">What the writer needs (passed through, so the callback can be static).</typeparam>
    /// <param name="header">Extra JWS Protected Header members; see the byte overload.</param>
    /// <param name="state">Passed to <paramref name="writePayload"/>.</param>
    /// <param name="writePayload">Writes the payload; it runs before this method returns its task and must not keep the writer.</param>
    /// <param name="signer">The signer.</param>
    /// <param name="cancellationToken">Cancels the signing operation.</param>
    public static ValueTask<string> SignCompactAsync<TState>(
        JsonObject? header,
        TState state,
        Action<Utf8JsonWriter, TState> writePayload,
        ISigner signer,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writePayload);
        ArgumentNullException.ThrowIfNull(signer);
        byte[] buffer;
        int signingInputLength;
        var scratch = Scratch.Rent(ref _payloadScratch, default);
        try
        {
            writePayload(scratch.Writer, state);
            scratch.Writer.Flush();
            if (scratch.Buffer.WrittenCount == 0)
            {
                throw new ArgumentException("The payload writer wrote nothing.", nameof(writePayload));
            }

            buffer = BuildSigningInput(header, scratch.Buffer.WrittenSpan, signer, out signingInputLength);
        }
        finally
        {
            Scratch.Return(ref _payloadScratch, scratch);
        }

        return SignAndSerializeAsync(buffer, signingInputLength, signer, cancellationToken);
    }

    // Signs the pooled signing input, checks the signature's form, returns the compact serialization and the buffer.
    private static async ValueTask<string> SignAndSerializeAsync(byte[] buffer, int signingInputLength, ISigner signer, CancellationToken cancellationToken)
    {
        try
        {
            var signature = await signer.SignAsync(buffer.AsMemory(0, signingInputLength), cancellationToken).ConfigureAwait(false);

            // A remote signer (HSM, KMS) that returns DER or a truncated value would otherwise yield tokens nobody can verify.
            if (signature is null || signature.Length != signer.Algorithm.SignatureSize)
            {
                throw new InvalidOperationException(
                    $"The signer returned a signature that is not the {signer.Algorithm.SignatureSize}-byte {signer.Algorithm.JoseAlgorithm} form.");
            }

            return Serialize(buffer.AsSpan(0, signingInputLength), signature);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// Signs synchronously with an in-memory key and returns the JWS Compact Serialization (RFC 7515 §7.1). Same rules as
    /// <see cref="SignCompactAsync(JsonObject?, ReadOnlyMemory{byte}, ISigner, CancellationToken)"/>.
    /// </summary>
    public static string SignCompact(JsonObject? header, ReadOnlySpan<byte> payload, KeySigner signer)
    {
        ArgumentNullException.ThrowIfNull(signer);
        var buffer = BuildSigningInput(header, payload, signer, out var signingInputLength);
        try
        {
            Span<byte> signature = stackalloc byte[MaxSignatureSize];
            var input = buffer.AsSpan(0, signingInputLength);
            if (!signer.TrySign(input, signature, out var written))
            {
                throw new InvalidOperationException("The signer did not produce a signature.");
            }

            return Serialize(input, signature[..written]);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// Parses a JWS Compact Serialization (RFC 7515 §7.1) and checks its structure and header (RFC 7515 §5.2 steps 1–7).
    /// The signature is not verified: use <see cref="VerifySignature"/> or <see cref="VerifyCompact"/>.
    /// </summary>
    /// <param name="token">The compact JWS.</param>
    /// <param name="options">Limits and policy; <see cref="JwsReaderOptions.Default"/> when <see langword="null"/>.</param>
    public static JwsReadResult ReadCompact(string token, JwsReaderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(token);
        return ReadCompact(token.AsMemory(), options);
    }

    /// <summary>
    /// Parses a JWS Compact Serialization held in a slice of a larger text (for example the Issuer-signed JWT of an
    /// SD-JWT), without copying it into its own string first. Otherwise the same as <see cref="ReadCompact(string, JwsReaderOptions?)"/>;
    /// the token keeps references to <paramref name="token"/>'s memory.
    /// </summary>
    /// <param name="token">The compact JWS.</param>
    /// <param name="options">Limits and policy; <see cref="JwsReaderOptions.Default"/> when <see langword="null"/>.</param>
    public static JwsReadResult ReadCompact(ReadOnlyMemory<char> token, JwsReaderOptions? options = null)
    {
        options ??= JwsReaderOptions.Default;
        if (token.Length > options.MaxTokenLength)
        {
            return JwsReadResult.Failure(JoseProblemCodes.TooLarge, $"The token is longer than {options.MaxTokenLength} characters.");
        }

        var span = token.Span;
        var first = span.IndexOf('.');
        var second = first < 0 ? -1 : span[(first + 1)..].IndexOf('.');
        if (second >= 0)
        {
            second += first + 1;
        }

        if (first < 0 || second < 0 || span[(second + 1)..].Contains('.'))
        {
            return JwsReadResult.Failure(JoseProblemCodes.WrongSegmentCount, "A compact JWS has exactly three parts separated by '.'.");
        }

        var encodedHeader = token[..first];
        var headerProblem = ReadProtectedHeader(encodedHeader.Span, null, options, out var header, out var fields, out var usualHeader, readUsual: !options.TreeOnly);
        if (headerProblem is not null)
        {
            return JwsReadResult.Failure(headerProblem);
        }

        var encodedPayload = token.Slice(first + 1, second - first - 1);
        byte[] payload;
        if (fields.IsPayloadEncoded)
        {
            // Checked here, decoded on first use (JwsToken.Payload, TryCopyPayload).
            payload = [];
            if (!StrictBase64Url.IsValid(encodedPayload.Span))
            {
                return JwsReadResult.Failure(JoseProblemCodes.InvalidBase64Url, "The payload is not canonical unpadded base64url.");
            }
        }
        else
        {
            // RFC 7797 §5.2: an unencoded payload in the compact form must be free of '.'; we also keep it printable ASCII
            // so that the signing input is unambiguous.
            foreach (var c in encodedPayload.Span)
            {
                if (c is < (char)0x20 or > (char)0x7E)
                {
                    return JwsReadResult.Failure(JoseProblemCodes.Malformed, "An unencoded compact payload must be printable ASCII.");
                }
            }

            payload = new byte[encodedPayload.Length];
            Encoding.ASCII.GetBytes(encodedPayload.Span, payload);
        }

        var signatureProblem = DecodeSignature(token.Span[(second + 1)..], fields.Algorithm!, out var signature);
        if (signatureProblem is not null)
        {
            return JwsReadResult.Failure(signatureProblem);
        }

        return JwsReadResult.Success(new JwsToken(
            header, null, encodedHeader, fields.Algorithm!, fields.AlgorithmName!, fields.Critical, payload, encodedPayload,
            fields.IsPayloadEncoded, default, signature!, token[..second], decodePayloadOnUse: fields.IsPayloadEncoded,
            usualHeader: usualHeader, headerMaxDepth: options.MaxJsonDepth));
    }

    /// <summary>
    /// Parses a JWS JSON Serialization (RFC 7515 §7.2), general (<c>signatures</c>) or flattened (§7.2.2), and checks
    /// each signature's structure and headers. Every signature entry must pass; signatures are not verified.
    /// </summary>
    /// <param name="json">The JSON serialization.</param>
    /// <param name="options">Limits and policy; <see cref="JwsReaderOptions.Default"/> when <see langword="null"/>.</param>
    public static JwsReadResult ReadJson(string json, JwsReaderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        options ??= JwsReaderOptions.Default;
        if (json.Length > options.MaxTokenLength)
        {
            return JwsReadResult.Failure(JoseProblemCodes.TooLarge, $"The JWS is longer than {options.MaxTokenLength} characters.");
        }

        byte[] utf8;
        try
        {
            utf8 = StrictUtf8.GetBytes(json);
        }
        catch (EncoderFallbackException)
        {
            return JwsReadResult.Failure(JoseProblemCodes.Malformed, "The JWS contains invalid UTF-16 (a lone surrogate).");
        }

        var status = StrictJson.TryParseObject(utf8, options.MaxJsonDepth, out var root);
        switch (status)
        {
            case StrictJsonStatus.TooDeep:
                return JwsReadResult.Failure(JoseProblemCodes.JsonTooDeep, $"The JSON nests deeper than {options.MaxJsonDepth} levels.");
            case StrictJsonStatus.DuplicateMember:
                return JwsReadResult.Failure(JoseProblemCodes.Malformed, "The JSON has a duplicate member name.");
            case not StrictJsonStatus.Ok:
                return JwsReadResult.Failure(JoseProblemCodes.Malformed, "The JWS JSON Serialization is not a JSON object.");
        }

        if (!TryGetString(root!, "payload", out var encodedPayload))
        {
            return JwsReadResult.Failure(JoseProblemCodes.Malformed, "The \"payload\" member is missing or not a string.");
        }

        List<JsonObject> entries;
        if (root!.TryGetPropertyValue("signatures", out var signaturesNode))
        {
            // RFC 7515 §7.2.1: in the general syntax the per-signature members live only in the signatures array.
            if (root.ContainsKey("protected") || root.ContainsKey("header") || root.ContainsKey("signature"))
            {
                return JwsReadResult.Failure(JoseProblemCodes.Malformed, "The general JSON serialization has top-level signature members.");
            }

            if (signaturesNode is not JsonArray array || array.Count == 0)
            {
                return JwsReadResult.Failure(JoseProblemCodes.Malformed, "\"signatures\" must be a non-empty array.");
            }

            if (array.Count > options.MaxSignatures)
            {
                return JwsReadResult.Failure(JoseProblemCodes.TooManySignatures, $"More than {options.MaxSignatures} signatures.");
            }

            entries = new List<JsonObject>(array.Count);
            foreach (var item in array)
            {
                if (item is not JsonObject entry)
                {
                    return JwsReadResult.Failure(JoseProblemCodes.Malformed, "Each \"signatures\" entry must be a JSON object.");
                }

                entries.Add(entry);
            }
        }
        else
        {
            entries = [root];
        }

        var tokens = new List<JwsToken>(entries.Count);
        foreach (var entry in entries)
        {
            var result = ReadJsonEntry(entry, encodedPayload!, options);
            if (!result.Succeeded)
            {
                return result;
            }

            tokens.Add(result.Token!);
        }

        return JwsReadResult.Success(tokens);
    }

    /// <summary>
    /// Verifies the token's signature with <paramref name="publicKey"/>. Returns <see langword="false"/> for a bad
    /// signature and when the key type does not fit the token's <c>alg</c>; never throws for invalid input.
    /// </summary>
    public static bool VerifySignature(JwsToken token, PublicKeyMaterial publicKey)
    {
        ArgumentNullException.ThrowIfNull(token);
        ArgumentNullException.ThrowIfNull(publicKey);
        var algorithm = token.SigningAlgorithm;
        return publicKey.KeyType == algorithm.KeyType
            && token.VerifyInput((algorithm, publicKey), static (state, input, signature) => state.algorithm.Verify(state.publicKey, input, signature));
    }

    /// <summary>
    /// Reads a compact JWS (<see cref="ReadCompact(string, JwsReaderOptions?)"/>) and verifies its signature with <paramref name="publicKey"/>.
    /// A key whose type does not fit <c>alg</c> gives <see cref="JoseProblemCodes.AlgorithmKeyMismatch"/>; a signature
    /// that does not verify gives <see cref="JoseProblemCodes.InvalidSignature"/>.
    /// </summary>
    public static JwsReadResult VerifyCompact(string token, PublicKeyMaterial publicKey, JwsReaderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(publicKey);
        var result = ReadCompact(token, options);
        if (!result.Succeeded)
        {
            return result;
        }

        var jws = result.Token!;
        if (publicKey.KeyType != jws.SigningAlgorithm.KeyType)
        {
            return JwsReadResult.Failure(
                JoseProblemCodes.AlgorithmKeyMismatch, $"A {publicKey.KeyType} key cannot verify alg {jws.Algorithm}.");
        }

        return VerifySignature(jws, publicKey)
            ? result
            : JwsReadResult.Failure(JoseProblemCodes.InvalidSignature, "The JWS signature does not verify.");
    }

    private static JwsReadResult ReadJsonEntry(JsonObject entry, string encodedPayload, JwsReaderOptions options)
    {
        if (!TryGetString(entry, "protected", out var encodedHeader))
        {
            // alg must be integrity protected (see remarks), so a signature without a protected header is rejected.
            return JwsReadResult.Failure(JoseProblemCodes.AlgorithmMissing, "The signature has no \"protected\" header (alg must be protected).");
        }

        JsonObject? unprotected = null;
        if (entry.TryGetPropertyValue("header", out var headerNode))
        {
            unprotected = headerNode as JsonObject;
            if (unprotected is null)
            {
                return JwsReadResult.Failure(JoseProblemCodes.InvalidHeader, "The \"header\" member must be a JSON object.");
            }
        }

        if (!TryGetString(entry, "signature", out var encodedSignature))
        {
            return JwsReadResult.Failure(JoseProblemCodes.Malformed, "The \"signature\" member is missing or not a string.");
        }

        var problem = ReadProtectedHeader(encodedHeader, unprotected, options, out var header, out var fields, out _, readUsual: false);
        if (problem is not null)
        {
            return JwsReadResult.Failure(problem);
        }

        byte[] payload;
        byte[] payloadInput;
        if (fields.IsPayloadEncoded)
        {
            if (!StrictBase64Url.TryDecode(encodedPayload, out payload!))
            {
                return JwsReadResult.Failure(JoseProblemCodes.InvalidBase64Url, "The payload is not canonical unpadded base64url.");
            }

            payloadInput = Encoding.ASCII.GetBytes(encodedPayload);
        }
        else
        {
            // RFC 7797 §3: with b64 false the payload member is the payload itself, used as UTF-8 in the signing input.
            payload = payloadInput = Encoding.UTF8.GetBytes(encodedPayload);
        }

        problem = DecodeSignature(encodedSignature, fields.Algorithm!, out var signature);
        if (problem is not null)
        {
            return JwsReadResult.Failure(problem);
        }

        var signingInput = new byte[encodedHeader!.Length + 1 + payloadInput.Length];
        Encoding.ASCII.GetBytes(encodedHeader, signingInput);
        signingInput[encodedHeader.Length] = (byte)'.';
        payloadInput.CopyTo(signingInput.AsSpan(encodedHeader.Length + 1));

        return JwsReadResult.Success(new JwsToken(
            header!, unprotected, encodedHeader.AsMemory(), fields.Algorithm!, fields.AlgorithmName!, fields.Critical, payload, encodedPayload.AsMemory(),
            fields.IsPayloadEncoded, signingInput, signature!));
    }

    /// <summary>
    /// Decodes and checks the protected header. With <paramref name="readUsual"/> (a compact token), the usual header
    /// (see <see cref="TryReadUsualHeader"/>) is read from its bytes: then <paramref name="header"/> is <see langword="null"/>
    /// (the token parses it on first use) and <paramref name="usual"/> holds its strings; any other is parsed as a tree and checked as before.
    /// </summary>
    private static Problem? ReadProtectedHeader(
        ReadOnlySpan<char> encodedHeader, JsonObject? unprotected, JwsReaderOptions options, out JsonObject? header, out HeaderFields fields, out UsualHeader? usual, bool readUsual)
    {
        header = null;
        fields = default;
        usual = null;
        if (encodedHeader.Length == 0)
        {
            return new Problem(JoseProblemCodes.InvalidHeader, "The JWS Protected Header is empty.");
        }

        // The decoded bytes are only parsed, never kept: a short header (the usual alg, kid, typ) decodes on the stack.
        var decodedLength = StrictBase64Url.GetDecodedLength(encodedHeader.Length);
        byte[]? rented = null;
        var buffer = decodedLength <= 512 ? stackalloc byte[512] : (rented = System.Buffers.ArrayPool<byte>.Shared.Rent(decodedLength));
        StrictJsonStatus status;
        try
        {
            if (!StrictBase64Url.TryDecode(encodedHeader, buffer, out var written))
            {
                return new Problem(JoseProblemCodes.InvalidBase64Url, "The protected header is not canonical unpadded base64url.");
            }

            if (readUsual && unprotected is null && TryReadUsualHeader(buffer[..written], options, out fields, out var strings))
            {
                usual = strings;
                return null;
            }

            status = StrictJson.TryParseObject(buffer[..written], options.MaxJsonDepth, out header);
        }
        finally
        {
            if (rented is not null)
            {
                System.Buffers.ArrayPool<byte>.Shared.Return(rented);
            }
        }

        switch (status)
        {
            case StrictJsonStatus.Ok:
                break;
            case StrictJsonStatus.TooDeep:
                return new Problem(JoseProblemCodes.JsonTooDeep, $"The protected header nests deeper than {options.MaxJsonDepth} levels.");
            case StrictJsonStatus.DuplicateMember:
                return new Problem(JoseProblemCodes.DuplicateHeaderParameter, "The protected header has a duplicate member name.");
            default:
                return new Problem(JoseProblemCodes.InvalidHeader, "The protected header is not a UTF-8 JSON object.");
        }

        return ValidateHeader(header!, unprotected, options, out fields);
    }

    // The alg values a usual header may name, as UTF-8 and as the string ValidateHeader would have read.
    private static readonly (byte[] Utf8, string Name)[] UsualAlgorithms =
        [.. new[] { "EdDSA", "Ed25519", "ES256K", "ES256", "ES384", "ES512" }.Select(a => (Encoding.ASCII.GetBytes(a), a))];

    // typ and cty values common enough to share one string rather than make one per token.
    private static readonly (byte[] Utf8, string Value)[] SharedHeaderValues =
        [.. new[] { "JWT", "vc+jwt", "vp+jwt", "kb+jwt", "dc+sd-jwt", "vc+sd-jwt", "vp", "vc", "openid4vci-proof+jwt", "oauth-authz-req+jwt", "statuslist+jwt", "application/json" }
            .Select(v => (Encoding.ASCII.GetBytes(v), v))];

    /// <summary>
    /// Reads the usual compact header straight from its bytes: a flat object of only <c>alg</c>, <c>kid</c>, <c>typ</c>
    /// and <c>cty</c>, each once, each an unescaped string, <c>alg</c> one the options allow. For such a header the
    /// outcome is exactly <see cref="ValidateHeader"/>'s (no <c>crit</c>, an encoded payload); anything else, valid or
    /// not, is <see langword="false"/> and goes the tree way, so its problems stay as they were.
    /// </summary>
    private static bool TryReadUsualHeader(ReadOnlySpan<byte> json, JwsReaderOptions options, out HeaderFields fields, out UsualHeader usual)
    {
        fields = default;
        usual = default;

        // The same first gate as StrictJson: well-formed UTF-8.
        if (!System.Text.Unicode.Utf8.IsValid(json))
        {
            return false;
        }

        string? algorithmName = null;
        string? kid = null, typ = null, cty = null;
        bool hasKid = false, hasTyp = false, hasCty = false;
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = options.MaxJsonDepth });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueIsEscaped || reader.HasValueSequence)
                {
                    return false;
                }

                var name = reader.ValueSpan;
                if (!reader.Read() || reader.TokenType != JsonTokenType.String || reader.ValueIsEscaped || reader.HasValueSequence)
                {
                    return false;
                }

                var value = reader.ValueSpan;
                if (name.SequenceEqual("alg"u8) && algorithmName is null)
                {
                    algorithmName = Find(UsualAlgorithms, value);
                    if (algorithmName is null)
                    {
                        return false;
                    }
                }
                else if (name.SequenceEqual("kid"u8) && !hasKid)
                {
                    (hasKid, kid) = (true, Encoding.UTF8.GetString(value));
                }
                else if (name.SequenceEqual("typ"u8) && !hasTyp)
                {
                    (hasTyp, typ) = (true, Find(SharedHeaderValues, value) ?? Encoding.UTF8.GetString(value));
                }
                else if (name.SequenceEqual("cty"u8) && !hasCty)
                {
                    (hasCty, cty) = (true, Find(SharedHeaderValues, value) ?? Encoding.UTF8.GetString(value));
                }
                else
                {
                    // Another member, or one of these twice.
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

        // ValidateHeader's alg rule: on the allow-list and one this SDK verifies.
        if (algorithmName is null || !options.AllowedAlgorithms.Contains(algorithmName) || !SigningAlgorithm.TryFromJoseAlgorithm(algorithmName, out var algorithm))
        {
            return false;
        }

        if (options.AllowHighSSecp256k1Signatures && ReferenceEquals(algorithm, SigningAlgorithm.Secp256k1))
        {
            algorithm = SigningAlgorithm.Secp256k1AllowingHighS;
        }

        fields = new HeaderFields(algorithm, algorithmName, [], true);
        usual = new UsualHeader(kid, typ, cty);
        return true;

        static string? Find((byte[] Utf8, string Text)[] known, ReadOnlySpan<byte> value)
        {
            foreach (var (utf8, text) in known)
            {
                if (value.SequenceEqual(utf8))
                {
                    return text;
                }
            }

            return null;
        }
    }

    private static Problem? ValidateHeader(JsonObject header, JsonObject? unprotected, JwsReaderOptions options, out HeaderFields fields)
    {
        fields = default;
        if (unprotected is not null)
        {
            foreach (var (name, _) in unprotected)
            {
                if (header.ContainsKey(name))
                {
                    return new Problem(JoseProblemCodes.DuplicateHeaderParameter, $"Header parameter '{Truncate(name)}' is both protected and unprotected.");
                }

                switch (name)
                {
                    case "alg":
                        return new Problem(JoseProblemCodes.InvalidHeaderParameter, "alg must be in the protected header.");
                    case "crit":
                        return new Problem(JoseProblemCodes.CriticalHeaderMalformed, "crit must be integrity protected (RFC 7515 §4.1.11).");
                    case "b64":
                        return new Problem(JoseProblemCodes.UnencodedPayloadNotAllowed, "b64 must be integrity protected (RFC 7797 §3).");
                }
            }
        }

        if (!header.TryGetPropertyValue("alg", out var algNode) || algNode is not JsonValue algValue || !algValue.TryGetValue<string>(out var alg))
        {
            return new Problem(JoseProblemCodes.AlgorithmMissing, "The protected header has no alg string.");
        }

        if (alg == "none")
        {
            return new Problem(JoseProblemCodes.AlgorithmNone, "Unsecured JWS (alg none) is never accepted.");
        }

        if (!options.AllowedAlgorithms.Contains(alg) || !SigningAlgorithm.TryFromJoseAlgorithm(alg, out var algorithm))
        {
            return new Problem(JoseProblemCodes.AlgorithmNotAllowed, $"alg '{Truncate(alg)}' is not allowed.");
        }

        if (options.AllowHighSSecp256k1Signatures && ReferenceEquals(algorithm, SigningAlgorithm.Secp256k1))
        {
            algorithm = SigningAlgorithm.Secp256k1AllowingHighS;
        }

        var typeProblem = CheckRegisteredTypes(header) ?? (unprotected is null ? null : CheckRegisteredTypes(unprotected));
        if (typeProblem is not null)
        {
            return typeProblem;
        }

        var critical = Array.Empty<string>();
        if (header.TryGetPropertyValue("crit", out var critNode))
        {
            var problem = ValidateCritical(critNode, header, options, out critical);
            if (problem is not null)
            {
                return problem;
            }
        }

        var isPayloadEncoded = true;
        if (header.TryGetPropertyValue("b64", out var b64Node))
        {
            if (b64Node is not JsonValue b64Value || !b64Value.TryGetValue<bool>(out isPayloadEncoded))
            {
                return new Problem(JoseProblemCodes.InvalidHeaderParameter, "Header parameter 'b64' must be a boolean.");
            }

            if (!isPayloadEncoded && !options.AllowUnencodedPayload)
            {
                return new Problem(JoseProblemCodes.UnencodedPayloadNotAllowed, "Unencoded payloads (b64 false, RFC 7797) are not allowed.");
            }

            if (!isPayloadEncoded && Array.IndexOf(critical, "b64") < 0)
            {
                // RFC 7797 §6: b64 must be listed in crit so that readers unaware of it reject the JWS.
                return new Problem(JoseProblemCodes.UnencodedPayloadNotAllowed, "b64 false must be listed in crit (RFC 7797 §6).");
            }
        }

        fields = new HeaderFields(algorithm, alg, critical, isPayloadEncoded);
        return null;
    }

    private static Problem? CheckRegisteredTypes(JsonObject header)
    {
        foreach (var name in (ReadOnlySpan<string>)["kid", "typ", "cty", "jku", "x5u", "x5t", "x5t#S256"])
        {
            if (header.TryGetPropertyValue(name, out var node) && (node is not JsonValue v || v.GetValueKind() != JsonValueKind.String))
            {
                return new Problem(JoseProblemCodes.InvalidHeaderParameter, $"Header parameter '{name}' must be a string.");
            }
        }

        if (header.TryGetPropertyValue("jwk", out var jwk) && jwk is not JsonObject)
        {
            return new Problem(JoseProblemCodes.InvalidHeaderParameter, "Header parameter 'jwk' must be a JSON object.");
        }

        return header.TryGetPropertyValue("x5c", out var x5c) && x5c is not JsonArray
            ? new Problem(JoseProblemCodes.InvalidHeaderParameter, "Header parameter 'x5c' must be an array.")
            : null;
    }

    private static Problem? ValidateCritical(JsonNode? critNode, JsonObject header, JwsReaderOptions options, out string[] critical)
    {
        critical = [];
        if (critNode is not JsonArray array || array.Count == 0)
        {
            return new Problem(JoseProblemCodes.CriticalHeaderMalformed, "crit must be a non-empty array (RFC 7515 §4.1.11).");
        }

        var names = new string[array.Count];
        for (var i = 0; i < array.Count; i++)
        {
            if (array[i] is not JsonValue value || !value.TryGetValue<string>(out var name))
            {
                return new Problem(JoseProblemCodes.CriticalHeaderMalformed, "crit must contain only strings.");
            }

            if (RegisteredHeaderNames.Contains(name))
            {
                return new Problem(JoseProblemCodes.CriticalHeaderMalformed, $"crit must not list the registered parameter '{name}'.");
            }

            if (Array.IndexOf(names, name, 0, i) >= 0)
            {
                return new Problem(JoseProblemCodes.CriticalHeaderMalformed, "crit lists a name twice.");
            }

            names[i] = name;
        }

        foreach (var name in names)
        {
            if (!header.ContainsKey(name))
            {
                return new Problem(JoseProblemCodes.CriticalHeaderMissing, $"crit lists '{Truncate(name)}', which is not in the header.");
            }

            var understood = options.SupportedCriticalHeaders.Contains(name) || (name == "b64" && options.AllowUnencodedPayload);
            if (!understood)
            {
                return new Problem(JoseProblemCodes.CriticalHeaderUnsupported, $"crit lists '{Truncate(name)}', which is not understood.");
            }
        }

        critical = names;
        return null;
    }

    private static Problem? DecodeSignature(ReadOnlySpan<char> encoded, SigningAlgorithm algorithm, out byte[]? signature)
    {
        signature = null;
        if (!StrictBase64Url.IsValid(encoded))
        {
            return new Problem(JoseProblemCodes.InvalidBase64Url, "The signature is not canonical unpadded base64url.");
        }

        if (StrictBase64Url.GetDecodedLength(encoded.Length) != algorithm.SignatureSize)
        {
            return new Problem(
                JoseProblemCodes.InvalidSignatureLength, $"A {algorithm.JoseAlgorithm} signature has exactly {algorithm.SignatureSize} bytes.");
        }

        signature = new byte[algorithm.SignatureSize];
        return Base64Url.TryDecodeFromChars(encoded, signature, out _)
            ? null
            : new Problem(JoseProblemCodes.InvalidBase64Url, "The signature is not canonical unpadded base64url.");
    }

    private static byte[] BuildSigningInput(JsonObject? header, ReadOnlySpan<byte> payload, ISigner signer, out int length)
    {
        var scratch = Scratch.Rent(ref _headerScratch, HeaderWriterOptions);
        try
        {
            return BuildSigningInput(header, payload, signer, scratch, out length);
        }
        finally
        {
            Scratch.Return(ref _headerScratch, scratch);
        }
    }

    // Per-thread scratch for writing a header or a payload. Renting takes it out of its slot (a nested use on the same
    // thread gets a fresh one), and everything written is consumed before any await.
    [ThreadStatic]
    private static Scratch? _headerScratch;

    [ThreadStatic]
    private static Scratch? _payloadScratch;

    private static byte[] BuildSigningInput(JsonObject? header, ReadOnlySpan<byte> payload, ISigner signer, Scratch scratch, out int length)
    {
        var alg = signer.Algorithm.JoseAlgorithm;
        var headerBuffer = scratch.Buffer;
        var writer = scratch.Writer;
        writer.WriteStartObject();
        writer.WriteString("alg"u8, alg);
        var hasKid = false;
        if (header is not null)
        {
            foreach (var (name, value) in header)
            {
                switch (name)
                {
                    case "alg":
                        if (value is not JsonValue v || !v.TryGetValue<string>(out var given) || given != alg)
                        {
                            throw new ArgumentException($"The header alg must be absent or equal to the signer's {alg}.", nameof(header));
                        }

                        continue;
                    case "b64":
                        throw new ArgumentException("Unencoded payloads (b64) are not produced by this method.", nameof(header));
                    case "kid":
                        hasKid = true;
                        break;
                }

                writer.WritePropertyName(name);
                if (value is null)
                {
                    writer.WriteNullValue();
                }
                else
                {
                    value.WriteTo(writer);
                }
            }
        }

        if (!hasKid && signer.KeyId is { } kid)
        {
            writer.WriteString("kid"u8, kid);
        }

        writer.WriteEndObject();
        writer.Flush();

        var headerJson = headerBuffer.WrittenSpan;
        var headerLength = Base64Url.GetEncodedLength(headerJson.Length);
        var payloadLength = Base64Url.GetEncodedLength(payload.Length);
        length = headerLength + 1 + payloadLength;

        // The signature is appended later as text, so the buffer only holds the signing input.
        var buffer = ArrayPool<byte>.Shared.Rent(length);
        Base64Url.EncodeToUtf8(headerJson, buffer);
        buffer[headerLength] = (byte)'.';
        Base64Url.EncodeToUtf8(payload, buffer.AsSpan(headerLength + 1));
        return buffer;
    }

    private static string Serialize(ReadOnlySpan<byte> signingInput, ReadOnlySpan<byte> signature)
    {
        var signatureLength = Base64Url.GetEncodedLength(signature.Length);
        var total = signingInput.Length + 1 + signatureLength;
        return string.Create(total, new SerializeState(signingInput, signature), static (chars, state) =>
        {
            Encoding.ASCII.GetChars(state.SigningInput, chars);
            chars[state.SigningInput.Length] = '.';
            Base64Url.EncodeToChars(state.Signature, chars[(state.SigningInput.Length + 1)..]);
        });
    }

    private static bool TryGetString(JsonObject obj, string name, out string? value)
    {
        value = null;
        return obj.TryGetPropertyValue(name, out var node) && node is JsonValue v && v.TryGetValue(out value);
    }

    private static string Truncate(string value) => value.Length <= 64 ? value : string.Concat(value.AsSpan(0, 64), "...");

    // A buffer and the JSON writer bound to it. A writer holds no unmanaged resources; Reset clears whatever state a
    // failed write left. A buffer that grew past the limit is dropped rather than kept for the thread's lifetime.
    private sealed class Scratch(JsonWriterOptions options)
    {
        private const int Limit = 64 * 1024;

        public ArrayBufferWriter<byte> Buffer { get; } = new(1024);

        public Utf8JsonWriter Writer { get; } = new(Stream.Null, options);

        public static Scratch Rent(ref Scratch? slot, JsonWriterOptions options)
        {
            var scratch = slot ?? new Scratch(options);
            slot = null;
            scratch.Buffer.ResetWrittenCount();
            scratch.Writer.Reset(scratch.Buffer);
            return scratch;
        }

        public static void Return(ref Scratch? slot, Scratch scratch)
        {
            if (scratch.Buffer.Capacity <= Limit)
            {
                slot = scratch;
            }
        }
    }

    private readonly ref struct SerializeState(ReadOnlySpan<byte> signingInput, ReadOnlySpan<byte> signature)
    {
        public ReadOnlySpan<byte> SigningInput { get; } = signingInput;

        public ReadOnlySpan<byte> Signature { get; } = signature;
    }

    private readonly record struct HeaderFields(SigningAlgorithm? Algorithm, string? AlgorithmName, string[] Critical, bool IsPayloadEncoded);

    /// <summary>The strings of a header read from its bytes (<see cref="TryReadUsualHeader"/>).</summary>
    internal readonly record struct UsualHeader(string? KeyId, string? Type, string? ContentType);
}
