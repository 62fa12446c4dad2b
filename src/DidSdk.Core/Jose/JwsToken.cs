using System.Text.Json.Nodes;
using DidSdk.Core.Json;
using DidSdk.Crypto;

namespace DidSdk.Core.Jose;

/// <summary>
/// A JWS that passed structural and header checks (RFC 7515 §5.2 steps 1–7). Its signature is NOT yet verified:
/// call <see cref="Jws.VerifySignature"/> with the key the caller trusts for it.
/// </summary>
public sealed class JwsToken
{
    // The protected header as a tree, parsed on first use when Jws read it from its bytes.
    private readonly int _headerMaxDepth;
    private JsonObject? _header;

    // Slices of the token text; the strings are made on first use (verification never needs them).
    private readonly ReadOnlyMemory<char> _encodedHeaderChars;
    private readonly ReadOnlyMemory<char> _encodedPayloadChars;
    private string? _encodedHeaderText;
    private string? _encodedPayloadText;

    // A compact token's signing input is its text up to the second '.', encoded as bytes on first use: a verification
    // with a known key reads it in place (see VerifyInput) and never needs the array.
    private readonly ReadOnlyMemory<char> _signingInputChars;
    private byte[]? _signingInputBytes;
    private readonly ReadOnlyMemory<byte> _signingInput;

    // A compact token's base64url payload (already checked canonical) is decoded on first use: a verifier that parses
    // it from a temporary buffer (TryCopyPayload) never needs the array.
    private readonly ReadOnlyMemory<byte> _payload;
    private readonly bool _decodePayloadOnUse;
    private byte[]? _decodedPayload;

    internal JwsToken(
        JsonObject? header,
        JsonObject? unprotectedHeader,
        ReadOnlyMemory<char> encodedHeader,
        SigningAlgorithm signatureAlgorithm,
        string algorithm,
        IReadOnlyList<string> critical,
        ReadOnlyMemory<byte> payload,
        ReadOnlyMemory<char> encodedPayload,
        bool isPayloadEncoded,
        ReadOnlyMemory<byte> signingInput,
        ReadOnlyMemory<byte> signature,
        ReadOnlyMemory<char> signingInputChars = default,
        bool decodePayloadOnUse = false,
        Jws.UsualHeader? usualHeader = null,
        int headerMaxDepth = StrictJson.DefaultMaxDepth)
    {
        _header = header;
        _headerMaxDepth = headerMaxDepth;
        UnprotectedHeader = unprotectedHeader;
        _encodedHeaderChars = encodedHeader;
        SigningAlgorithm = signatureAlgorithm;
        Algorithm = algorithm;
        Critical = critical;
        _payload = payload;
        _decodePayloadOnUse = decodePayloadOnUse;
        PayloadLength = decodePayloadOnUse ? StrictBase64Url.GetDecodedLength(encodedPayload.Length) : payload.Length;
        _encodedPayloadChars = encodedPayload;
        IsPayloadEncoded = isPayloadEncoded;
        _signingInput = signingInput;
        _signingInputChars = signingInputChars;
        Signature = signature;
        if (header is null && usualHeader is { } usual)
        {
            // A header Jws read from its bytes: parsed into a tree only if someone asks for it.
            (KeyId, Type, ContentType) = (usual.KeyId, usual.Type, usual.ContentType);
        }
        else
        {
            _header = header ?? throw new ArgumentNullException(nameof(header));
            KeyId = StringMember("kid");
            Type = StringMember("typ");
            ContentType = StringMember("cty");
        }
    }

    /// <summary>The JWS Protected Header, parsed (RFC 7515 §7.1). Treat it as read-only.</summary>
    public JsonObject Header
    {
        get
        {
            if (Volatile.Read(ref _header) is { } header)
            {
                return header;
            }

            var parsed = ParseHeader();
            return Interlocked.CompareExchange(ref _header, parsed, null) ?? parsed;
        }
    }

    /// <summary>Whether <see cref="Header"/> has been parsed into a tree (always, unless Jws read the header from its bytes and no one asked yet).</summary>
    internal bool IsHeaderParsed => Volatile.Read(ref _header) is not null;

    private JsonObject ParseHeader()
    {
        // Jws.ReadCompact read this header from its bytes and accepts only what StrictJson accepts, so this cannot fail.
        var encoded = _encodedHeaderChars.Span;
        var buffer = new byte[StrictBase64Url.GetDecodedLength(encoded.Length)];
        if (!StrictBase64Url.TryDecode(encoded, buffer, out var written)
            || StrictJson.TryParseObject(buffer.AsSpan(0, written), _headerMaxDepth, out var header) != StrictJsonStatus.Ok || header is null)
        {
            throw new InvalidOperationException("The protected header was checked when the token was read.");
        }

        return header;
    }

    /// <summary>The JWS Unprotected Header of the JSON serialization (RFC 7515 §7.2.1), if any. Not integrity protected.</summary>
    public JsonObject? UnprotectedHeader { get; }

    /// <summary>The protected header as it appeared in the token (BASE64URL(UTF8(JWS Protected Header))).</summary>
    public string EncodedHeader => _encodedHeaderText ??= _encodedHeaderChars.ToString();

    /// <summary>The <c>alg</c> header value (RFC 7515 §4.1.1).</summary>
    public string Algorithm { get; }

    /// <summary>The algorithm <see cref="Algorithm"/> names.</summary>
    public SigningAlgorithm SigningAlgorithm { get; }

    /// <summary>The protected <c>kid</c> header (RFC 7515 §4.1.4), if any.</summary>
    public string? KeyId { get; }

    /// <summary>The protected <c>typ</c> header (RFC 7515 §4.1.9), if any.</summary>
    public string? Type { get; }

    /// <summary>The protected <c>cty</c> header (RFC 7515 §4.1.10), if any.</summary>
    public string? ContentType { get; }

    /// <summary>The names listed in <c>crit</c> (RFC 7515 §4.1.11); empty when absent.</summary>
    public IReadOnlyList<string> Critical { get; }

    /// <summary>The JWS Payload bytes (the same memory on every read).</summary>
    public ReadOnlyMemory<byte> Payload
    {
        get
        {
            if (!_decodePayloadOnUse)
            {
                return _payload;
            }

            if (Volatile.Read(ref _decodedPayload) is not { } bytes)
            {
                bytes = new byte[PayloadLength];
                DecodePayload(bytes);
                bytes = Interlocked.CompareExchange(ref _decodedPayload, bytes, null) ?? bytes;
            }

            return bytes;
        }
    }

    /// <summary>The length of <see cref="Payload"/> in bytes.</summary>
    public int PayloadLength { get; }

    /// <summary>
    /// Copies <see cref="Payload"/> into <paramref name="destination"/>, decoding it straight from the token text when it
    /// has not been read yet (so a caller that only parses it can use a temporary buffer).
    /// </summary>
    /// <param name="destination">At least <see cref="PayloadLength"/> bytes.</param>
    /// <param name="bytesWritten"><see cref="PayloadLength"/> on success; 0 otherwise.</param>
    /// <returns><see langword="false"/> when <paramref name="destination"/> is too short.</returns>
    public bool TryCopyPayload(Span<byte> destination, out int bytesWritten)
    {
        bytesWritten = 0;
        if (destination.Length < PayloadLength)
        {
            return false;
        }

        if (_decodePayloadOnUse && Volatile.Read(ref _decodedPayload) is null)
        {
            DecodePayload(destination[..PayloadLength]);
        }
        else
        {
            Payload.Span.CopyTo(destination);
        }

        bytesWritten = PayloadLength;
        return true;
    }

    private void DecodePayload(Span<byte> destination)
    {
        // Jws.ReadCompact checked the text is canonical unpadded base64url, so this cannot fail.
        if (!StrictBase64Url.TryDecode(_encodedPayloadChars.Span, destination, out var written) || written != PayloadLength)
        {
            throw new InvalidOperationException("The payload was checked when the token was read.");
        }
    }

    /// <summary>The payload as it appeared in the token (base64url, or the raw text with <c>b64: false</c>).</summary>
    public string EncodedPayload => _encodedPayloadText ??= _encodedPayloadChars.ToString();

    /// <summary><see langword="false"/> when the header has <c>"b64": false</c> (RFC 7797).</summary>
    public bool IsPayloadEncoded { get; }

    /// <summary>The JWS Signing Input: ASCII(BASE64URL(UTF8(JWS Protected Header)) || '.' || payload) (RFC 7515 §5.2 step 8).</summary>
    public ReadOnlyMemory<byte> SigningInput
    {
        get
        {
            if (_signingInputChars.IsEmpty)
            {
                return _signingInput;
            }

            if (Volatile.Read(ref _signingInputBytes) is not { } bytes)
            {
                bytes = new byte[_signingInputChars.Length];
                System.Text.Encoding.ASCII.GetBytes(_signingInputChars.Span, bytes);
                bytes = Interlocked.CompareExchange(ref _signingInputBytes, bytes, null) ?? bytes;
            }

            return bytes;
        }
    }

    /// <summary>
    /// Runs <paramref name="verify"/> over the signing input without keeping a copy: a compact token's text is encoded
    /// into a pooled buffer (on the stack when short) for the call.
    /// </summary>
    internal bool VerifyInput<TState>(TState state, VerifyInputFunc<TState> verify)
        where TState : allows ref struct
    {
        if (_signingInputChars.IsEmpty || Volatile.Read(ref _signingInputBytes) is not null)
        {
            return verify(state, SigningInput.Span, Signature.Span);
        }

        var chars = _signingInputChars.Span;
        byte[]? rented = null;
        var buffer = chars.Length <= 512 ? stackalloc byte[512] : (rented = System.Buffers.ArrayPool<byte>.Shared.Rent(chars.Length));
        try
        {
            var length = System.Text.Encoding.ASCII.GetBytes(chars, buffer);
            return verify(state, buffer[..length], Signature.Span);
        }
        finally
        {
            if (rented is not null)
            {
                System.Buffers.ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    internal delegate bool VerifyInputFunc<TState>(TState state, ReadOnlySpan<byte> signingInput, ReadOnlySpan<byte> signature)
        where TState : allows ref struct;

    /// <summary>The JWS Signature bytes.</summary>
    public ReadOnlyMemory<byte> Signature { get; }

    private string? StringMember(string name) =>
        Header.TryGetPropertyValue(name, out var value) && value is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
