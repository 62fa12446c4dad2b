using System.Diagnostics.CodeAnalysis;
using System.Formats.Cbor;
using System.Text;
using DidSdk.Core;
using DidSdk.Crypto;

namespace DidSdk.Credentials;

/// <summary>
/// A COSE_Sign1 message (RFC 9052 §4.2) read from untrusted bytes, and the encoder the issuers use. Reading is strict:
/// definite lengths, shortest forms and map keys in the length-first canonical order (RFC 8949 §4.2.3, RFC 7049 §3.9;
/// the same order as §4.2.1 for the small integer labels COSE uses), no duplicate header labels (within a bucket
/// or across the two), <c>alg</c> only in the protected bucket, no <c>crit</c>, no detached payload, an optional tag 18
/// and nothing after the message. Limits (size, nesting, parameter count) come from <see cref="CoseReaderOptions"/>.
/// </summary>
internal sealed class CoseSign1
{
    internal const int Tag = 18;
    private const long AlgLabel = 1;
    private const long CritLabel = 2;
    private const long ContentTypeLabel = 3;
    private const long KeyIdLabel = 4;
    private const long TypeLabel = 16;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private CoseSign1(ReadOnlyMemory<byte> protectedHeader, Headers headers, SigningAlgorithm algorithm, ReadOnlyMemory<byte> payload, ReadOnlyMemory<byte> signature)
    {
        ProtectedHeader = protectedHeader;
        Algorithm = headers.Algorithm!.Value;
        SigningAlgorithm = algorithm;
        ContentType = headers.ContentType;
        Type = headers.Type;
        KeyId = headers.KeyId;
        Payload = payload;
        Signature = signature;
    }

    /// <summary>The serialized protected header, as signed.</summary>
    public ReadOnlyMemory<byte> ProtectedHeader { get; }

    /// <summary>The COSE <c>alg</c> (protected).</summary>
    public int Algorithm { get; }

    /// <summary>The SDK algorithm <see cref="Algorithm"/> maps to (one curve per value).</summary>
    public SigningAlgorithm SigningAlgorithm { get; }

    /// <summary>The content type (label 3, protected); a CoAP content-format number in decimal.</summary>
    public string? ContentType { get; }

    /// <summary>The media type (label 16, RFC 9596, protected); a CoAP content-format number in decimal.</summary>
    public string? Type { get; }

    /// <summary>The <c>kid</c> (label 4) as UTF-8 text, from either bucket.</summary>
    public string? KeyId { get; }

    /// <summary>The payload.</summary>
    public ReadOnlyMemory<byte> Payload { get; }

    /// <summary>The signature (<c>r || s</c> for ECDSA, RFC 9053 §2.1).</summary>
    public ReadOnlyMemory<byte> Signature { get; }

    /// <summary>The <c>Sig_structure</c> (RFC 9052 §4.4) the signature covers: context <c>Signature1</c>, no external AAD.</summary>
    public byte[] ToBeSigned() => ToBeSigned(ProtectedHeader.Span, Payload.Span);

    internal static byte[] ToBeSigned(ReadOnlySpan<byte> protectedHeader, ReadOnlySpan<byte> payload)
    {
        var writer = new CborWriter(CborConformanceMode.Canonical);
        writer.WriteStartArray(4);
        writer.WriteTextString("Signature1");
        writer.WriteByteString(protectedHeader);
        writer.WriteByteString([]);
        writer.WriteByteString(payload);
        writer.WriteEndArray();
        return writer.Encode();
    }

    /// <summary>The COSE identifier for a signer's algorithm (<c>EdDSA</c> -8 for Ed25519, RFC 9053).</summary>
    /// <exception cref="ArgumentException">The algorithm has no COSE identifier here.</exception>
    internal static int AlgorithmFor(SigningAlgorithm algorithm) => algorithm.KeyType switch
    {
        KeyType.Ed25519 => -8,
        KeyType.Secp256k1 => -47,
        KeyType.P256 => -7,
        KeyType.P384 => -35,
        KeyType.P521 => -36,
        _ => throw new ArgumentException($"{algorithm.JoseAlgorithm} has no COSE algorithm identifier.", nameof(algorithm)),
    };

    /// <summary>The SDK algorithm of a COSE identifier; every value is bound to one curve (RFC 9053 §2.1 "SHOULD", RFC 9864).</summary>
    internal static SigningAlgorithm? SigningAlgorithmFor(long alg) => alg switch
    {
        -8 or -19 => SigningAlgorithm.Ed25519,
        -47 => SigningAlgorithm.Secp256k1,
        -7 or -9 => SigningAlgorithm.P256,
        -35 or -51 => SigningAlgorithm.P384,
        -36 or -52 => SigningAlgorithm.P521,
        _ => null,
    };

    /// <summary>The protected header the issuers write: <c>alg</c>, content type, <c>kid</c> (when known), <c>typ</c>, in canonical order.</summary>
    internal static byte[] EncodeProtectedHeader(int alg, string contentType, string? keyId, string type)
    {
        var writer = new CborWriter(CborConformanceMode.Canonical);
        writer.WriteStartMap(keyId is null ? 3 : 4);
        writer.WriteInt64(AlgLabel);
        writer.WriteInt32(alg);
        writer.WriteInt64(ContentTypeLabel);
        writer.WriteTextString(contentType);
        if (keyId is not null)
        {
            writer.WriteInt64(KeyIdLabel);
            writer.WriteByteString(Encoding.UTF8.GetBytes(keyId));
        }

        writer.WriteInt64(TypeLabel);
        writer.WriteTextString(type);
        writer.WriteEndMap();
        return writer.Encode();
    }

    /// <summary>A tagged COSE_Sign1 (<c>COSE_Sign1_Tagged</c>) with an empty unprotected bucket.</summary>
    internal static byte[] Encode(ReadOnlySpan<byte> protectedHeader, ReadOnlySpan<byte> payload, ReadOnlySpan<byte> signature)
    {
        var writer = new CborWriter(CborConformanceMode.Canonical);
        writer.WriteTag((CborTag)Tag);
        writer.WriteStartArray(4);
        writer.WriteByteString(protectedHeader);
        writer.WriteStartMap(0);
        writer.WriteEndMap();
        writer.WriteByteString(payload);
        writer.WriteByteString(signature);
        writer.WriteEndArray();
        return writer.Encode();
    }

    /// <summary>Whether <paramref name="data"/> starts like a COSE_Sign1 (tag 18, or an array of four).</summary>
    internal static bool LooksLikeCoseSign1(ReadOnlySpan<byte> data) => data is [0xD2, 0x84, ..] or [0x84, ..];

    /// <summary>Reads a COSE_Sign1. Never throws for invalid input.</summary>
    public static bool TryRead(ReadOnlyMemory<byte> encoded, CoseReaderOptions options, [NotNullWhen(true)] out CoseSign1? message, [NotNullWhen(false)] out Problem? problem)
    {
        ArgumentNullException.ThrowIfNull(options);
        message = null;
        if (encoded.Length > options.MaxMessageSize)
        {
            problem = new Problem(CredentialProblemCodes.CoseLimitExceeded, $"The COSE message is larger than {options.MaxMessageSize} bytes.");
            return false;
        }

        if (encoded.IsEmpty)
        {
            problem = new Problem(CredentialProblemCodes.InvalidCose, "The COSE message is empty.");
            return false;
        }

        var strict = Parse(encoded, CborConformanceMode.Canonical, options, out message, out problem);
        if (strict != Outcome.NotWellFormed)
        {
            return strict == Outcome.Ok;
        }

        // The canonical reader refused the bytes: read them again leniently to say why (a duplicate label, an
        // encoding that is valid CBOR but not canonical, or bytes that are not CBOR at all). Nothing read leniently is used.
        problem = Parse(encoded, CborConformanceMode.Lax, options, out _, out var lax) switch
        {
            Outcome.Ok => new Problem(CredentialProblemCodes.CoseNotCanonical, "The COSE message is not in canonical CBOR (definite lengths, shortest forms, sorted map keys)."),
            Outcome.Refused => lax!,
            _ => new Problem(CredentialProblemCodes.InvalidCose, "The COSE message is not well-formed CBOR."),
        };
        message = null;
        return false;
    }

    private enum Outcome
    {
        Ok,
        Refused,
        NotWellFormed,
    }

    private static Outcome Parse(ReadOnlyMemory<byte> encoded, CborConformanceMode mode, CoseReaderOptions options, out CoseSign1? message, out Problem? problem)
    {
        message = null;
        try
        {
            var reader = new CborReader(encoded, mode);
            if (reader.PeekState() == CborReaderState.Tag)
            {
                if (reader.ReadTag() != (CborTag)Tag)
                {
                    problem = Invalid("The COSE message has a tag other than 18 (COSE_Sign1).");
                    return Outcome.Refused;
                }
            }

            if (reader.PeekState() != CborReaderState.StartArray || reader.ReadStartArray() is not (4 or null))
            {
                problem = Invalid("A COSE_Sign1 is an array of four items (RFC 9052 §4.2).");
                return Outcome.Refused;
            }

            if (!IsByteString(reader))
            {
                problem = Invalid("The protected header must be a byte string.");
                return Outcome.Refused;
            }

            var protectedHeader = reader.ReadByteString();
            var labels = new HashSet<string>(StringComparer.Ordinal);
            var headers = new Headers();
            if (protectedHeader.Length > 0)
            {
                var inner = new CborReader(protectedHeader, mode);
                if (inner.PeekState() != CborReaderState.StartMap)
                {
                    problem = Invalid("The protected header must be a serialized map.");
                    return Outcome.Refused;
                }

                if (ReadHeaders(inner, isProtected: true, headers, labels, options) is { } protectedProblem)
                {
                    problem = protectedProblem;
                    return Outcome.Refused;
                }

                if (inner.BytesRemaining != 0)
                {
                    problem = Invalid("The protected header has bytes after its map.");
                    return Outcome.Refused;
                }
            }

            if (reader.PeekState() != CborReaderState.StartMap)
            {
                problem = Invalid("The unprotected header must be a map.");
                return Outcome.Refused;
            }

            if (ReadHeaders(reader, isProtected: false, headers, labels, options) is { } unprotectedProblem)
            {
                problem = unprotectedProblem;
                return Outcome.Refused;
            }

            if (reader.PeekState() == CborReaderState.Null)
            {
                problem = Invalid("Detached payloads are not supported: the credential must be the payload.");
                return Outcome.Refused;
            }

            if (!IsByteString(reader))
            {
                problem = Invalid("The payload must be a byte string.");
                return Outcome.Refused;
            }

            var payload = reader.ReadByteString();
            if (!IsByteString(reader))
            {
                problem = Invalid("The signature must be a byte string.");
                return Outcome.Refused;
            }

            var signature = reader.ReadByteString();
            reader.ReadEndArray();
            if (reader.BytesRemaining != 0)
            {
                problem = Invalid("The COSE message has bytes after it.");
                return Outcome.Refused;
            }

            if (headers.Algorithm is not { } alg)
            {
                problem = new Problem(CredentialProblemCodes.CoseAlgorithmNotAllowed, "The protected header has no alg.");
                return Outcome.Refused;
            }

            if (!options.AllowedAlgorithms.Contains(alg) || SigningAlgorithmFor(alg) is not { } algorithm)
            {
                problem = new Problem(CredentialProblemCodes.CoseAlgorithmNotAllowed, $"The COSE algorithm {alg} is not allowed.");
                return Outcome.Refused;
            }

            message = new CoseSign1(protectedHeader, headers, algorithm, payload, signature);
            problem = null;
            return Outcome.Ok;
        }
        catch (Exception e) when (e is CborContentException or InvalidOperationException or FormatException or OverflowException or DecoderFallbackException)
        {
            // The canonical reader throws for duplicate keys and non-canonical forms as for malformed bytes; TryRead sorts them out.
            problem = Invalid("The COSE message is not well-formed CBOR.");
            return Outcome.NotWellFormed;
        }
    }

    /// <summary>Reads one header bucket; a problem for anything refused. Labels are ints or text (RFC 9052 §3).</summary>
    private static Problem? ReadHeaders(CborReader reader, bool isProtected, Headers headers, HashSet<string> labels, CoseReaderOptions options)
    {
        var count = reader.ReadStartMap();
        if (count > options.MaxHeaderParameters)
        {
            return new Problem(CredentialProblemCodes.CoseLimitExceeded, $"A header bucket has more than {options.MaxHeaderParameters} parameters.");
        }

        var read = 0;
        while (reader.PeekState() != CborReaderState.EndMap)
        {
            if (++read > options.MaxHeaderParameters)
            {
                return new Problem(CredentialProblemCodes.CoseLimitExceeded, $"A header bucket has more than {options.MaxHeaderParameters} parameters.");
            }

            long? label = null;
            string key;
            switch (reader.PeekState())
            {
                case CborReaderState.UnsignedInteger or CborReaderState.NegativeInteger:
                    label = reader.ReadInt64();
                    key = "i:" + label.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    break;
                case CborReaderState.TextString or CborReaderState.StartIndefiniteLengthTextString:
                    key = "t:" + reader.ReadTextString();
                    break;
                default:
                    return Invalid("A header label must be an integer or a text string.");
            }

            if (!labels.Add(key))
            {
                return new Problem(CredentialProblemCodes.CoseDuplicateLabel, "A header label appears twice (in one bucket or in both).");
            }

            switch (label)
            {
                case AlgLabel when !isProtected:
                    return new Problem(CredentialProblemCodes.CoseAlgorithmNotAllowed, "alg must be in the protected header, never in the unprotected one.");
                case AlgLabel:
                    if (reader.PeekState() is not (CborReaderState.UnsignedInteger or CborReaderState.NegativeInteger))
                    {
                        return new Problem(CredentialProblemCodes.CoseAlgorithmNotAllowed, "alg must be an integer algorithm identifier.");
                    }

                    var alg = reader.ReadInt64();
                    if (alg is < int.MinValue or > int.MaxValue)
                    {
                        return new Problem(CredentialProblemCodes.CoseAlgorithmNotAllowed, "alg is not a known algorithm identifier.");
                    }

                    headers.Algorithm = (int)alg;
                    break;
                case CritLabel:
                    return Invalid("Critical header parameters (crit) are not supported.");
                case ContentTypeLabel or TypeLabel when !isProtected:
                    return Invalid("The content type and typ must be in the protected header.");
                case ContentTypeLabel:
                    headers.ContentType = ReadMediaType(reader);
                    break;
                case TypeLabel:
                    headers.Type = ReadMediaType(reader);
                    break;
                case KeyIdLabel:
                    if (!IsByteString(reader))
                    {
                        return Invalid("kid must be a byte string.");
                    }

                    headers.KeyId = StrictUtf8.GetString(reader.ReadByteString());
                    break;
                default:
                    if (!Skip(reader, 1, options.MaxHeaderDepth))
                    {
                        return new Problem(CredentialProblemCodes.CoseLimitExceeded, $"A header value nests deeper than {options.MaxHeaderDepth}.");
                    }

                    break;
            }
        }

        reader.ReadEndMap();
        return null;
    }

    /// <summary>A media type: text, or a CoAP content-format number (returned in decimal, so it never matches a name).</summary>
    private static string ReadMediaType(CborReader reader) => reader.PeekState() == CborReaderState.UnsignedInteger
        ? reader.ReadUInt64().ToString(System.Globalization.CultureInfo.InvariantCulture)
        : reader.ReadTextString();

    /// <summary>Skips one value; <see langword="false"/> when it nests deeper than <paramref name="maxDepth"/>.</summary>
    private static bool Skip(CborReader reader, int depth, int maxDepth)
    {
        switch (reader.PeekState())
        {
            case CborReaderState.StartArray:
                if (depth > maxDepth)
                {
                    return false;
                }

                reader.ReadStartArray();
                while (reader.PeekState() != CborReaderState.EndArray)
                {
                    if (!Skip(reader, depth + 1, maxDepth))
                    {
                        return false;
                    }
                }

                reader.ReadEndArray();
                return true;
            case CborReaderState.StartMap:
                if (depth > maxDepth)
                {
                    return false;
                }

                reader.ReadStartMap();
                while (reader.PeekState() != CborReaderState.EndMap)
                {
                    if (!Skip(reader, depth + 1, maxDepth) || !Skip(reader, depth + 1, maxDepth))
                    {
                        return false;
                    }
                }

                reader.ReadEndMap();
                return true;
            case CborReaderState.Tag:
                if (depth > maxDepth)
                {
                    return false;
                }

                reader.ReadTag();
                return Skip(reader, depth + 1, maxDepth);
            default:
                // A scalar or a (possibly indefinite-length) string: no nesting to bound.
                reader.SkipValue();
                return true;
        }
    }

    // Indefinite lengths are read only by the lenient pass, which classifies them as not canonical.
    private static bool IsByteString(CborReader reader) => reader.PeekState() is CborReaderState.ByteString or CborReaderState.StartIndefiniteLengthByteString;

    private static Problem Invalid(string message) => new(CredentialProblemCodes.InvalidCose, message);

    private sealed class Headers
    {
        public int? Algorithm { get; set; }

        public string? ContentType { get; set; }

        public string? Type { get; set; }

        public string? KeyId { get; set; }
    }
}
