using System.Buffers.Binary;
using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DidSdk.Core.Json;

namespace DidSdk.Core.Jose;

/// <summary>
/// JSON Web Encryption (RFC 7516) in the compact serialization with key management algorithm <c>ECDH-ES</c> (RFC 7518
/// §4.6, Direct Key Agreement on P-256 with the Concat KDF) and content encryption <c>A128GCM</c> or <c>A256GCM</c>
/// (RFC 7518 §5.3). Nothing else can be expressed: no key wrapping, no compression, no other curve or cipher.
/// Reading is hostile-input safe: size limit, exactly five parts, allow-listed <c>alg</c>/<c>enc</c>, the <c>epk</c>
/// checked to be a point on P-256, the authentication tag checked; every failure is a <see cref="Problem"/>.
/// </summary>
public static class JweEcdhEs
{
    /// <summary>The key management algorithm <c>ECDH-ES</c> (RFC 7518 §4.6).</summary>
    public const string Algorithm = "ECDH-ES";

    /// <summary>Content encryption <c>A128GCM</c> (RFC 7518 §5.3).</summary>
    public const string A128Gcm = "A128GCM";

    /// <summary>Content encryption <c>A256GCM</c> (RFC 7518 §5.3).</summary>
    public const string A256Gcm = "A256GCM";

    /// <summary>The default largest compact JWE accepted, in characters (1 MiB).</summary>
    public const int DefaultMaxTokenLength = 1024 * 1024;

    private const int MaxHeaderLength = 8 * 1024;
    private const int MaxPartyInfoLength = 1024;
    private const int IvSize = 12;
    private const int TagSize = 16;
    private const int CoordinateSize = 32;
    private const int HeaderMaxDepth = 8;

    // P-256 domain parameters (SEC 2 §2.4.2): y^2 = x^3 - 3x + b over GF(p).
    private static readonly BigInteger P = BigInteger.Parse("0ffffffff00000001000000000000000000000000ffffffffffffffffffffffff", System.Globalization.NumberStyles.HexNumber);
    private static readonly BigInteger B = BigInteger.Parse("05ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604b", System.Globalization.NumberStyles.HexNumber);

    /// <summary>The content encryption algorithms this class implements.</summary>
    public static IReadOnlyList<string> SupportedEncryptionAlgorithms { get; } = [A128Gcm, A256Gcm];

    /// <summary>
    /// Encrypts <paramref name="plaintext"/> to a P-256 public key with a fresh ephemeral key and a fresh IV.
    /// </summary>
    /// <param name="plaintext">The content.</param>
    /// <param name="recipientPublicKey">The recipient's P-256 public key (only <see cref="ECParameters.Q"/> is used).</param>
    /// <param name="encryptionAlgorithm"><see cref="A128Gcm"/> or <see cref="A256Gcm"/>.</param>
    /// <param name="keyId">The recipient key's <c>kid</c>, put in the protected header, or <see langword="null"/>.</param>
    /// <param name="partyUInfo">The <c>apu</c> value (raw bytes), empty for none.</param>
    /// <param name="partyVInfo">The <c>apv</c> value (raw bytes), empty for none.</param>
    /// <returns>The JWE Compact Serialization.</returns>
    /// <exception cref="ArgumentException">The algorithm is not supported or the key is not a P-256 point.</exception>
    public static string Encrypt(
        ReadOnlySpan<byte> plaintext,
        ECParameters recipientPublicKey,
        string encryptionAlgorithm,
        string? keyId = null,
        ReadOnlySpan<byte> partyUInfo = default,
        ReadOnlySpan<byte> partyVInfo = default)
    {
        ArgumentNullException.ThrowIfNull(encryptionAlgorithm);
        if (KeySize(encryptionAlgorithm) == 0)
        {
            throw new ArgumentException($"Content encryption '{encryptionAlgorithm}' is not supported.", nameof(encryptionAlgorithm));
        }

        if (!IsP256Point(recipientPublicKey.Q.X, recipientPublicKey.Q.Y))
        {
            throw new ArgumentException("The recipient key is not a point on P-256.", nameof(recipientPublicKey));
        }

        ArgumentOutOfRangeException.ThrowIfGreaterThan(partyUInfo.Length, MaxPartyInfoLength, nameof(partyUInfo));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(partyVInfo.Length, MaxPartyInfoLength, nameof(partyVInfo));

        using var ephemeral = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        var header = new JsonObject
        {
            ["alg"] = Algorithm,
            ["enc"] = encryptionAlgorithm,
        };
        if (keyId is not null)
        {
            header["kid"] = keyId;
        }

        header["epk"] = ToPublicJwk(ephemeral.ExportParameters(false));
        if (!partyUInfo.IsEmpty)
        {
            header["apu"] = StrictBase64Url.Encode(partyUInfo);
        }

        if (!partyVInfo.IsEmpty)
        {
            header["apv"] = StrictBase64Url.Encode(partyVInfo);
        }

        var encodedHeader = StrictBase64Url.Encode(Encoding.UTF8.GetBytes(header.ToJsonString()));
        var key = DeriveKey(ephemeral, recipientPublicKey, encryptionAlgorithm, partyUInfo, partyVInfo);
        var iv = RandomNumberGenerator.GetBytes(IvSize);
        var ciphertext = new byte[plaintext.Length];
        var tag = new byte[TagSize];
        try
        {
            using var aes = new AesGcm(key, TagSize);
            aes.Encrypt(iv, plaintext, ciphertext, tag, Encoding.ASCII.GetBytes(encodedHeader));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }

        return string.Concat(encodedHeader, "..", StrictBase64Url.Encode(iv), ".", StrictBase64Url.Encode(ciphertext)) + "." + StrictBase64Url.Encode(tag);
    }

    /// <summary>
    /// Decrypts a compact JWE with the recipient's P-256 private key. Never throws for bad input: any structural, header,
    /// key or tag failure is a <see cref="JweDecryptResult.Problem"/>.
    /// </summary>
    /// <param name="token">The JWE Compact Serialization.</param>
    /// <param name="recipientKey">The recipient's P-256 private key.</param>
    /// <param name="maxTokenLength">The largest token accepted, in characters.</param>
    public static JweDecryptResult Decrypt(string token, ECDiffieHellman recipientKey, int maxTokenLength = DefaultMaxTokenLength)
    {
        ArgumentNullException.ThrowIfNull(token);
        ArgumentNullException.ThrowIfNull(recipientKey);
        if (recipientKey.KeySize != 256)
        {
            return JweDecryptResult.Failure(JoseProblemCodes.AlgorithmKeyMismatch, "The recipient key is not a P-256 key.");
        }

        var problem = ReadStructure(token, maxTokenLength, out var parts);
        if (problem is not null)
        {
            return JweDecryptResult.Failure(problem);
        }

        byte[]? key = null;
        var plaintext = new byte[parts.Ciphertext.Length];
        try
        {
            key = DeriveKey(recipientKey, parts.EphemeralKey, parts.Enc, parts.Apu, parts.Apv);
            using var aes = new AesGcm(key, TagSize);
            aes.Decrypt(parts.Iv, parts.Ciphertext, parts.Tag, plaintext, Encoding.ASCII.GetBytes(parts.EncodedHeader));
        }
        catch (CryptographicException)
        {
            CryptographicOperations.ZeroMemory(plaintext);
            return JweDecryptResult.Failure(JoseProblemCodes.DecryptionFailed, "The JWE does not decrypt with this key (authentication tag mismatch).");
        }
        finally
        {
            if (key is not null)
            {
                CryptographicOperations.ZeroMemory(key);
            }
        }

        return JweDecryptResult.Success(parts.Header, plaintext);
    }

    /// <summary>
    /// The <c>kid</c> of a compact JWE's protected header, for choosing the decryption key; <see langword="null"/> when the
    /// token is not a well-formed <c>ECDH-ES</c> JWE or has no <c>kid</c>. The value is not authenticated until decryption succeeds.
    /// </summary>
    /// <param name="token">The JWE Compact Serialization.</param>
    /// <param name="maxTokenLength">The largest token accepted, in characters.</param>
    public static string? ReadKeyId(string token, int maxTokenLength = DefaultMaxTokenLength)
    {
        ArgumentNullException.ThrowIfNull(token);
        return ReadStructure(token, maxTokenLength, out var parts) is null ? parts.KeyId : null;
    }

    /// <summary>
    /// ECDH-ES Direct Key Agreement (RFC 7518 §4.6.2): the shared secret Z of <paramref name="privateKey"/> and
    /// <paramref name="publicKey"/> through the Concat KDF (NIST SP 800-56A §5.8.1, SHA-256) with AlgorithmID = the
    /// <c>enc</c> value, PartyUInfo = <c>apu</c>, PartyVInfo = <c>apv</c> and keydatalen = the key size of <c>enc</c>.
    /// </summary>
    /// <param name="privateKey">One party's P-256 private key.</param>
    /// <param name="publicKey">The other party's P-256 public key.</param>
    /// <param name="encryptionAlgorithm"><see cref="A128Gcm"/> or <see cref="A256Gcm"/>.</param>
    /// <param name="partyUInfo">The decoded <c>apu</c>.</param>
    /// <param name="partyVInfo">The decoded <c>apv</c>.</param>
    /// <returns>The content encryption key; the caller zeroes it.</returns>
    /// <exception cref="ArgumentException">The algorithm is not supported.</exception>
    /// <exception cref="CryptographicException">The public key is not a valid P-256 point.</exception>
    public static byte[] DeriveKey(ECDiffieHellman privateKey, ECParameters publicKey, string encryptionAlgorithm, ReadOnlySpan<byte> partyUInfo, ReadOnlySpan<byte> partyVInfo)
    {
        ArgumentNullException.ThrowIfNull(privateKey);
        ArgumentNullException.ThrowIfNull(encryptionAlgorithm);
        var keySize = KeySize(encryptionAlgorithm);
        if (keySize == 0)
        {
            throw new ArgumentException($"Content encryption '{encryptionAlgorithm}' is not supported.", nameof(encryptionAlgorithm));
        }

        if (!IsP256Point(publicKey.Q.X, publicKey.Q.Y))
        {
            throw new CryptographicException("The public key is not a point on P-256.");
        }

        using var peer = ECDiffieHellman.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, Q = publicKey.Q });
        using var peerPublic = peer.PublicKey;
        var z = privateKey.DeriveRawSecretAgreement(peerPublic);
        var algorithmId = Encoding.ASCII.GetBytes(encryptionAlgorithm);

        // One round suffices: keydatalen is at most 256 bits, the SHA-256 output size.
        var input = new byte[4 + z.Length + 4 + algorithmId.Length + 4 + partyUInfo.Length + 4 + partyVInfo.Length + 4];
        try
        {
            var span = input.AsSpan();
            BinaryPrimitives.WriteUInt32BigEndian(span, 1);
            span = span[4..];
            z.CopyTo(span);
            span = span[z.Length..];
            span = WriteLengthPrefixed(span, algorithmId);
            span = WriteLengthPrefixed(span, partyUInfo);
            span = WriteLengthPrefixed(span, partyVInfo);
            BinaryPrimitives.WriteUInt32BigEndian(span, (uint)(keySize * 8));
            var hash = SHA256.HashData(input);
            var key = hash[..keySize];
            CryptographicOperations.ZeroMemory(hash);
            return key;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(z);
            CryptographicOperations.ZeroMemory(input);
        }
    }

    /// <summary>
    /// Reads a P-256 public JWK (<c>kty</c> <c>EC</c>, <c>crv</c> <c>P-256</c>, 32-byte <c>x</c> and <c>y</c> on the curve,
    /// no <c>d</c>).
    /// </summary>
    /// <param name="jwk">The JWK.</param>
    /// <param name="publicKey">The key, when valid.</param>
    public static bool TryReadPublicJwk(JsonObject? jwk, out ECParameters publicKey)
    {
        publicKey = default;
        if (jwk is null || Str(jwk, "kty") != "EC" || Str(jwk, "crv") != "P-256" || jwk.ContainsKey("d")
            || Str(jwk, "x") is not { Length: 43 } x || Str(jwk, "y") is not { Length: 43 } y
            || !StrictBase64Url.TryDecode(x, out var xBytes) || !StrictBase64Url.TryDecode(y, out var yBytes)
            || !IsP256Point(xBytes, yBytes))
        {
            return false;
        }

        publicKey = new ECParameters { Curve = ECCurve.NamedCurves.nistP256, Q = new ECPoint { X = xBytes, Y = yBytes } };
        return true;
    }

    /// <summary>The public JWK (<c>kty</c>, <c>crv</c>, <c>x</c>, <c>y</c>) of a P-256 key; never the private part.</summary>
    /// <param name="key">The key parameters.</param>
    /// <exception cref="ArgumentException">The key is not a P-256 point.</exception>
    public static JsonObject ToPublicJwk(ECParameters key)
    {
        if (!IsP256Point(key.Q.X, key.Q.Y))
        {
            throw new ArgumentException("The key is not a point on P-256.", nameof(key));
        }

        return new JsonObject
        {
            ["kty"] = "EC",
            ["crv"] = "P-256",
            ["x"] = StrictBase64Url.Encode(key.Q.X),
            ["y"] = StrictBase64Url.Encode(key.Q.Y),
        };
    }

    private static int KeySize(string enc) => enc switch
    {
        A128Gcm => 16,
        A256Gcm => 32,
        _ => 0,
    };

    private static Span<byte> WriteLengthPrefixed(Span<byte> destination, ReadOnlySpan<byte> value)
    {
        BinaryPrimitives.WriteUInt32BigEndian(destination, (uint)value.Length);
        value.CopyTo(destination[4..]);
        return destination[(4 + value.Length)..];
    }

    private static bool IsP256Point(byte[]? x, byte[]? y)
    {
        if (x is not { Length: CoordinateSize } || y is not { Length: CoordinateSize })
        {
            return false;
        }

        var px = new BigInteger(x, isUnsigned: true, isBigEndian: true);
        var py = new BigInteger(y, isUnsigned: true, isBigEndian: true);
        if (px >= P || py >= P)
        {
            return false;
        }

        var left = py * py % P;
        var right = ((((px * px % P) * px) - (3 * px) + B) % P + P) % P;
        return left == right;
    }

    private static string? Str(JsonObject json, string name) =>
        json.TryGetPropertyValue(name, out var node) && node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    private static Problem? ReadStructure(string token, int maxTokenLength, out Parts parts)
    {
        parts = default;
        if (token.Length == 0)
        {
            return new Problem(JoseProblemCodes.Malformed, "The JWE is empty.");
        }

        if (token.Length > maxTokenLength)
        {
            return new Problem(JoseProblemCodes.TooLarge, "The JWE is larger than allowed.");
        }

        var span = token.AsSpan();
        if (span.Count('.') != 4)
        {
            return new Problem(JoseProblemCodes.WrongSegmentCount, "A compact JWE has exactly five parts.");
        }

        Span<Range> ranges = stackalloc Range[5];
        span.Split(ranges, '.');
        var encodedHeader = span[ranges[0]];
        if (encodedHeader.Length is 0 or > MaxHeaderLength)
        {
            return new Problem(JoseProblemCodes.InvalidHeader, "The JWE Protected Header is empty or too large.");
        }

        if (!span[ranges[1]].IsEmpty)
        {
            return new Problem(JoseProblemCodes.Malformed, "ECDH-ES (Direct Key Agreement) has an empty JWE Encrypted Key.");
        }

        if (!StrictBase64Url.TryDecode(encodedHeader, out var headerBytes)
            || !StrictBase64Url.TryDecode(span[ranges[2]], out var iv)
            || !StrictBase64Url.TryDecode(span[ranges[3]], out var ciphertext)
            || !StrictBase64Url.TryDecode(span[ranges[4]], out var tag))
        {
            return new Problem(JoseProblemCodes.InvalidBase64Url, "A JWE part is not canonical unpadded base64url.");
        }

        if (iv.Length != IvSize || tag.Length != TagSize)
        {
            return new Problem(JoseProblemCodes.Malformed, "The JWE Initialization Vector must be 96 bits and the Authentication Tag 128 bits.");
        }

        switch (StrictJson.TryParseObject(headerBytes, HeaderMaxDepth, out var header))
        {
            case StrictJsonStatus.Ok:
                break;
            case StrictJsonStatus.DuplicateMember:
                return new Problem(JoseProblemCodes.DuplicateHeaderParameter, "The JWE Protected Header has a duplicate member name.");
            default:
                return new Problem(JoseProblemCodes.InvalidHeader, "The JWE Protected Header is not a UTF-8 JSON object.");
        }

        var alg = Str(header!, "alg");
        if (alg is null)
        {
            return new Problem(JoseProblemCodes.AlgorithmMissing, "The JWE Protected Header has no alg.");
        }

        if (alg != Algorithm)
        {
            return new Problem(JoseProblemCodes.AlgorithmNotAllowed, "The JWE alg is not ECDH-ES.");
        }

        var enc = Str(header!, "enc");
        if (enc is null || KeySize(enc) == 0)
        {
            return new Problem(JoseProblemCodes.EncryptionNotAllowed, "The JWE enc is not A128GCM or A256GCM.");
        }

        if (header!.ContainsKey("crit"))
        {
            return new Problem(JoseProblemCodes.CriticalHeaderUnsupported, "The JWE has critical header parameters, none of which are understood.");
        }

        if (header.ContainsKey("zip"))
        {
            return new Problem(JoseProblemCodes.InvalidHeaderParameter, "Compressed JWE content (zip) is not accepted.");
        }

        if (!TryReadPublicJwk(header["epk"] as JsonObject, out var epk))
        {
            return new Problem(JoseProblemCodes.InvalidEphemeralKey, "The JWE epk is not a P-256 public key on the curve.");
        }

        if (!TryPartyInfo(header, "apu", out var apu) || !TryPartyInfo(header, "apv", out var apv))
        {
            return new Problem(JoseProblemCodes.InvalidHeaderParameter, "The JWE apu or apv is not a base64url string of allowed size.");
        }

        string? kid = null;
        if (header.ContainsKey("kid") && (kid = Str(header, "kid")) is null)
        {
            return new Problem(JoseProblemCodes.InvalidHeaderParameter, "The JWE kid is not a string.");
        }

        parts = new Parts(encodedHeader.ToString(), header, enc, kid, epk, apu, apv, iv, ciphertext, tag);
        return null;
    }

    private static bool TryPartyInfo(JsonObject header, string name, out byte[] value)
    {
        value = [];
        if (!header.ContainsKey(name))
        {
            return true;
        }

        return Str(header, name) is { } encoded && encoded.Length <= MaxPartyInfoLength * 4 / 3 + 4
            && StrictBase64Url.TryDecode(encoded, out value!);
    }

    private readonly record struct Parts(
        string EncodedHeader, JsonObject Header, string Enc, string? KeyId, ECParameters EphemeralKey, byte[] Apu, byte[] Apv, byte[] Iv, byte[] Ciphertext, byte[] Tag);
}
