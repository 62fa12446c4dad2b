using System.Buffers;
using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace DidSdk.Crypto;

/// <summary>
/// An immutable JSON Web Key (RFC 7517). Ed25519 and X25519 keys use <c>kty</c> <c>OKP</c> (RFC 8037 §2); P-256,
/// P-384, P-521 and secp256k1 keys use <c>kty</c> <c>EC</c> with <c>crv</c> <c>P-256</c>, <c>P-384</c>, <c>P-521</c> (RFC 7518 §6.2) or <c>secp256k1</c>
/// (RFC 8812 §3.1). Other key types (<c>RSA</c>, <c>oct</c>, unknown) can be parsed, serialized and thumbprinted,
/// but not turned into a <see cref="PublicKeyMaterial"/>.
/// </summary>
/// <remarks>
/// Members DidSdk does not model (for example <c>x5c</c>, <c>ext</c>, or RSA's <c>n</c> and <c>e</c>) are kept in
/// <see cref="AdditionalMembers"/> and written back by <see cref="ToJson"/>. The private member <see cref="D"/> is
/// never part of <see cref="ToString"/>.
/// </remarks>
public sealed class Jwk
{
    /// <summary>The longest JWK JSON text <see cref="TryParse(string?, out Jwk?, out string?)"/> accepts (64 KiB).</summary>
    public const int MaxJsonLength = 64 * 1024;

    /// <summary>The deepest JSON nesting <see cref="TryParse(string?, out Jwk?, out string?)"/> accepts.</summary>
    public const int MaxDepth = 16;

    /// <summary>RFC 9278 §3: the URI prefix of a SHA-256 JWK thumbprint.</summary>
    public const string ThumbprintUriPrefix = "urn:ietf:params:oauth:jwk-thumbprint:sha-256:";

    private static readonly string[] KnownMembers = ["kty", "crv", "x", "y", "d", "kid", "use", "alg", "key_ops"];

    // RFC 7518 §6.3.2: the RSA private members; removed by ToPublicJwk together with "d".
    private static readonly string[] RsaPrivateMembers = ["p", "q", "dp", "dq", "qi", "oth"];

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly KeyValuePair<string, JsonElement>[] _additional;

    private Jwk(string kty, string? crv, string? x, string? y, string? d, string? kid, string? use, string? alg, IReadOnlyList<string>? keyOps, KeyValuePair<string, JsonElement>[] additional)
    {
        Kty = kty;
        Crv = crv;
        X = x;
        Y = y;
        D = d;
        Kid = kid;
        Use = use;
        Alg = alg;
        KeyOps = keyOps;
        _additional = additional;
    }

    /// <summary>RFC 7517 §4.1 <c>kty</c> (Key Type): <c>OKP</c>, <c>EC</c>, <c>RSA</c>, <c>oct</c>, ...</summary>
    public string Kty { get; }

    /// <summary>RFC 7518 §6.2.1.1 / RFC 8037 §2 <c>crv</c> (Curve): <c>Ed25519</c>, <c>X25519</c>, <c>P-256</c>, <c>secp256k1</c>.</summary>
    public string? Crv { get; }

    /// <summary><c>x</c>: the base64url public key (OKP) or X coordinate (EC).</summary>
    public string? X { get; }

    /// <summary><c>y</c>: the base64url Y coordinate (EC).</summary>
    public string? Y { get; }

    /// <summary><c>d</c>: the base64url private key. Secret: never log it.</summary>
    public string? D { get; }

    /// <summary>RFC 7517 §4.5 <c>kid</c> (Key ID).</summary>
    public string? Kid { get; }

    /// <summary>RFC 7517 §4.2 <c>use</c> (Public Key Use): <c>sig</c> or <c>enc</c>.</summary>
    public string? Use { get; }

    /// <summary>RFC 7517 §4.4 <c>alg</c> (Algorithm).</summary>
    public string? Alg { get; }

    /// <summary>RFC 7517 §4.3 <c>key_ops</c> (Key Operations).</summary>
    public IReadOnlyList<string>? KeyOps { get; }

    /// <summary>Members not modelled above, in their original order (for example <c>n</c>, <c>e</c>, <c>x5c</c>).</summary>
    public IReadOnlyList<KeyValuePair<string, JsonElement>> AdditionalMembers => _additional;

    /// <summary>Whether the JWK holds private key material (<c>d</c>, or <c>k</c> for <c>oct</c>).</summary>
    public bool HasPrivateKey => D is not null || (Kty == "oct" && TryGetAdditional("k", out _));

    /// <summary>
    /// Whether the JWK's own metadata allows verifying signatures with it: <c>use</c> absent or <c>sig</c>
    /// (RFC 7517 §4.2), <c>key_ops</c> absent or containing <c>verify</c> (RFC 7517 §4.3), and <c>alg</c> absent or
    /// not a key-agreement algorithm. A JWS verifier should refuse keys for which this is <see langword="false"/>.
    /// </summary>
    public bool PermitsVerification =>
        (Use is null || Use == "sig")
        && (KeyOps is null || KeyOps.Contains("verify"))
        && (Alg is null || !Alg.StartsWith("ECDH-ES", StringComparison.Ordinal));

    /// <summary>Builds the public JWK of a key (RFC 8037 §2 for OKP, RFC 7518 §6.2.1 / RFC 8812 §3.1 for EC).</summary>
    public static Jwk FromPublicKey(PublicKeyMaterial publicKey)
    {
        ArgumentNullException.ThrowIfNull(publicKey);
        if (!publicKey.IsEllipticCurve)
        {
            return new Jwk("OKP", CurveName(publicKey.KeyType), Base64Url.EncodeToString(publicKey.Bytes), null, null, null, null, null, null, []);
        }

        var point = publicKey.UncompressedSpan;
        var size = EcCurves.FieldSize(publicKey.KeyType);
        return new Jwk("EC", CurveName(publicKey.KeyType), Base64Url.EncodeToString(point.Slice(1, size)), Base64Url.EncodeToString(point.Slice(1 + size, size)), null, null, null, null, null, []);
    }

    /// <summary>Builds the private JWK of a key (with <c>d</c>). The result is secret.</summary>
    /// <exception cref="InvalidOperationException">The key was not created with <see cref="PrivateKeyExportPolicy.AllowPlaintextExport"/>.</exception>
    public static Jwk FromPrivateKey(PrivateKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var raw = key.ExportPrivateKey();
        try
        {
            var pub = FromPublicKey(key.PublicKey);
            return new Jwk(pub.Kty, pub.Crv, pub.X, pub.Y, Base64Url.EncodeToString(raw), null, null, null, null, []);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(raw);
        }
    }

    /// <summary>Returns a copy with <c>kid</c> set (or removed when <see langword="null"/>).</summary>
    public Jwk WithKeyId(string? kid) => new(Kty, Crv, X, Y, D, kid, Use, Alg, KeyOps, _additional);

    /// <summary>Returns a copy with <c>alg</c> set (or removed when <see langword="null"/>).</summary>
    public Jwk WithAlgorithm(string? alg) => new(Kty, Crv, X, Y, D, Kid, Use, alg, KeyOps, _additional);

    /// <summary>Returns a copy with <c>use</c> set (or removed when <see langword="null"/>).</summary>
    public Jwk WithUse(string? use) => new(Kty, Crv, X, Y, D, Kid, use, Alg, KeyOps, _additional);

    /// <summary>
    /// Returns the JWK without private members (<c>d</c>, and RSA's <c>p</c>, <c>q</c>, <c>dp</c>, <c>dq</c>,
    /// <c>qi</c>, <c>oth</c>).
    /// </summary>
    /// <exception cref="InvalidOperationException">The JWK is a symmetric (<c>oct</c>) key, which has no public form.</exception>
    public Jwk ToPublicJwk()
    {
        if (Kty == "oct")
        {
            throw new InvalidOperationException("A symmetric (oct) JWK has no public form.");
        }

        var additional = Kty == "RSA"
            ? Array.FindAll(_additional, m => Array.IndexOf(RsaPrivateMembers, m.Key) < 0)
            : _additional;
        return new Jwk(Kty, Crv, X, Y, null, Kid, Use, Alg, KeyOps, additional);
    }

    /// <summary>
    /// Converts to a <see cref="PublicKeyMaterial"/>. Returns <see langword="false"/> (never throws) for an unsupported
    /// <c>kty</c>/<c>crv</c>, a key or coordinate that is not exactly the curve's size (32 bytes; 48 for P-384, 66 for P-521), a point not on the curve, or an
    /// <c>alg</c> or <c>use</c> inconsistent with the curve.
    /// </summary>
    public bool TryGetPublicKey([NotNullWhen(true)] out PublicKeyMaterial? publicKey) => TryGetPublicKey(out publicKey, out _);

    /// <summary>Converts to a <see cref="PublicKeyMaterial"/>; see <see cref="TryGetPublicKey(out PublicKeyMaterial)"/>.</summary>
    /// <exception cref="FormatException">The JWK is not a valid supported public key.</exception>
    public PublicKeyMaterial ToPublicKey() =>
        TryGetPublicKey(out var key, out var error) ? key : throw new FormatException(error);

    /// <summary>
    /// Imports the private key (<c>d</c>) and checks that it matches the public members (<c>x</c>, <c>y</c>).
    /// The decoded <c>d</c> bytes are zeroed after import.
    /// </summary>
    /// <exception cref="FormatException">There is no <c>d</c>, it is invalid, or it does not match the public key.</exception>
    public PrivateKey ToPrivateKey(PrivateKeyExportPolicy exportPolicy = PrivateKeyExportPolicy.None) =>
        TryGetPrivateKey(exportPolicy, out var key, out var error) ? key : throw new FormatException(error);

    /// <summary>Imports the private key like <see cref="ToPrivateKey"/>; returns <see langword="false"/> (never throws) on failure.</summary>
    public bool TryGetPrivateKey(PrivateKeyExportPolicy exportPolicy, [NotNullWhen(true)] out PrivateKey? key) => TryGetPrivateKey(exportPolicy, out key, out _);

    /// <summary>
    /// Computes the JWK Thumbprint (RFC 7638 §3): SHA-256 over the required members of the key type in
    /// lexicographic order, without whitespace, base64url-encoded. Defined for <c>EC</c> (<c>crv</c>, <c>kty</c>,
    /// <c>x</c>, <c>y</c>), <c>OKP</c> (<c>crv</c>, <c>kty</c>, <c>x</c>; RFC 8037 §2), <c>RSA</c> (<c>e</c>,
    /// <c>kty</c>, <c>n</c>) and <c>oct</c> (<c>k</c>, <c>kty</c>).
    /// </summary>
    /// <exception cref="InvalidOperationException">
    /// The thumbprint is not defined: unknown <c>kty</c>, or a member value that would need JSON escaping (RFC 7638 §3.3).
    /// </exception>
    public string ComputeThumbprint()
    {
        var input = ThumbprintInput() ?? throw new InvalidOperationException($"The JWK thumbprint is not defined for this kty \"{Kty}\" or its member values.");
        return Base64Url.EncodeToString(SHA256.HashData(input));
    }

    /// <summary>The JWK Thumbprint URI (RFC 9278 §3): <c>urn:ietf:params:oauth:jwk-thumbprint:sha-256:</c> + <see cref="ComputeThumbprint"/>.</summary>
    /// <exception cref="InvalidOperationException">The thumbprint is not defined for this JWK.</exception>
    public string ComputeThumbprintUri() => ThumbprintUriPrefix + ComputeThumbprint();

    /// <summary>
    /// Serializes the JWK without whitespace. Members come in a fixed order (<c>kty</c>, <c>crv</c>, <c>x</c>,
    /// <c>y</c>, <c>d</c>, <c>kid</c>, <c>use</c>, <c>alg</c>, <c>key_ops</c>), then <see cref="AdditionalMembers"/>
    /// in their original order. A private JWK's JSON is secret.
    /// </summary>
    public string ToJson()
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            WriteTo(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Writes the JWK as a JSON object (see <see cref="ToJson"/> for the member order).</summary>
    public void WriteTo(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteString("kty", Kty);
        WriteOptional(writer, "crv", Crv);
        WriteOptional(writer, "x", X);
        WriteOptional(writer, "y", Y);
        WriteOptional(writer, "d", D);
        WriteOptional(writer, "kid", Kid);
        WriteOptional(writer, "use", Use);
        WriteOptional(writer, "alg", Alg);
        if (KeyOps is not null)
        {
            writer.WriteStartArray("key_ops");
            foreach (var op in KeyOps)
            {
                writer.WriteStringValue(op);
            }

            writer.WriteEndArray();
        }

        foreach (var member in _additional)
        {
            writer.WritePropertyName(member.Key);
            member.Value.WriteTo(writer);
        }

        writer.WriteEndObject();
    }

    /// <summary>The JWK as a detached <see cref="JsonElement"/>.</summary>
    public JsonElement ToJsonElement()
    {
        using var document = JsonDocument.Parse(ToJson());
        return document.RootElement.Clone();
    }

    /// <summary>
    /// Parses a JWK. Returns <see langword="false"/> (never throws) with a short reason in <paramref name="error"/>
    /// for text over <see cref="MaxJsonLength"/> characters or <see cref="MaxDepth"/> levels, invalid JSON,
    /// duplicate members, a member of the wrong JSON type, a missing required member for its <c>kty</c>, or a
    /// key value that is not canonical unpadded base64url. The reason never contains key material.
    /// </summary>
    public static bool TryParse([NotNullWhen(true)] string? json, [NotNullWhen(true)] out Jwk? jwk, out string? error)
    {
        jwk = null;
        if (json is null)
        {
            error = "The JWK is null.";
            return false;
        }

        if (json.Length > MaxJsonLength)
        {
            error = "The JWK is too large.";
            return false;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = MaxDepth, AllowDuplicateProperties = false });
        }
        catch (JsonException)
        {
            error = "The JWK is not valid JSON, nests too deeply or repeats a member.";
            return false;
        }

        using (document)
        {
            return TryParseCore(document.RootElement, out jwk, out error);
        }
    }

    /// <summary>Parses a JWK from a JSON element; see <see cref="TryParse(string?, out Jwk?, out string?)"/>.</summary>
    public static bool TryParse(JsonElement element, [NotNullWhen(true)] out Jwk? jwk, out string? error)
    {
        jwk = null;
        if (element.ValueKind == JsonValueKind.Object && element.GetRawText().Length > MaxJsonLength)
        {
            error = "The JWK is too large.";
            return false;
        }

        return TryParseCore(element, out jwk, out error);
    }

    /// <summary>Parses a JWK.</summary>
    /// <exception cref="FormatException">The text is not a valid JWK (see <see cref="TryParse(string?, out Jwk?, out string?)"/>).</exception>
    public static Jwk Parse(string json) => TryParse(json, out var jwk, out var error) ? jwk : throw new FormatException(error);

    /// <summary>A summary without key material, for example <c>Jwk(kty=OKP, crv=Ed25519, kid=k1, private)</c>.</summary>
    public override string ToString() =>
        $"Jwk(kty={Kty}{(Crv is null ? string.Empty : ", crv=" + Crv)}{(Kid is null ? string.Empty : ", kid=" + Kid)}{(HasPrivateKey ? ", private" : string.Empty)})";

    private static bool TryParseCore(JsonElement element, out Jwk? jwk, out string? error)
    {
        jwk = null;
        if (element.ValueKind != JsonValueKind.Object)
        {
            error = "The JWK is not a JSON object.";
            return false;
        }

        string? kty = null, crv = null, x = null, y = null, d = null, kid = null, use = null, alg = null;
        List<string>? keyOps = null;
        var additional = new List<KeyValuePair<string, JsonElement>>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var member in element.EnumerateObject())
        {
            if (!seen.Add(member.Name))
            {
                error = "The JWK repeats a member.";
                return false;
            }

            var value = member.Value;
            if (Array.IndexOf(KnownMembers, member.Name) < 0)
            {
                additional.Add(new(member.Name, value.Clone()));
                continue;
            }

            if (member.Name == "key_ops")
            {
                if (!TryReadKeyOps(value, out keyOps))
                {
                    error = "The JWK member \"key_ops\" must be an array of distinct strings.";
                    return false;
                }

                continue;
            }

            if (value.ValueKind != JsonValueKind.String)
            {
                error = $"The JWK member \"{member.Name}\" must be a string.";
                return false;
            }

            var text = value.GetString()!;
            switch (member.Name)
            {
                case "kty": kty = text; break;
                case "crv": crv = text; break;
                case "x": x = text; break;
                case "y": y = text; break;
                case "d": d = text; break;
                case "kid": kid = text; break;
                case "use": use = text; break;
                default: alg = text; break;
            }
        }

        if (kty is null)
        {
            error = "The JWK has no \"kty\".";
            return false;
        }

        var candidate = new Jwk(kty, crv, x, y, d, kid, use, alg, keyOps, [.. additional]);
        error = candidate.CheckStructure();
        if (error is not null)
        {
            return false;
        }

        jwk = candidate;
        return true;
    }

    private static bool TryReadKeyOps(JsonElement value, out List<string>? keyOps)
    {
        keyOps = null;
        if (value.ValueKind != JsonValueKind.Array)
        {
            return false;
        }

        var list = new List<string>();
        foreach (var item in value.EnumerateArray())
        {
            // RFC 7517 §4.3: duplicate key operation values MUST NOT be present.
            if (item.ValueKind != JsonValueKind.String || list.Contains(item.GetString()!))
            {
                return false;
            }

            list.Add(item.GetString()!);
        }

        keyOps = list;
        return true;
    }

    private string? CheckStructure()
    {
        switch (Kty)
        {
            case "OKP":
                if (Crv is null || X is null)
                {
                    return "An OKP JWK needs \"crv\" and \"x\" (RFC 8037 §2).";
                }

                if (Y is not null)
                {
                    return "An OKP JWK has no \"y\".";
                }

                break;
            case "EC":
                if (Crv is null || X is null || Y is null)
                {
                    return "An EC JWK needs \"crv\", \"x\" and \"y\" (RFC 7518 §6.2.1).";
                }

                break;
            case "RSA":
                if (!IsStringMember("n") || !IsStringMember("e"))
                {
                    return "An RSA JWK needs string \"n\" and \"e\" (RFC 7518 §6.3.1).";
                }

                break;
            case "oct":
                if (!IsStringMember("k"))
                {
                    return "An oct JWK needs a string \"k\" (RFC 7518 §6.4.1).";
                }

                break;
            default:
                break;
        }

        // One key must have one spelling, or its thumbprint would not identify it.
        if ((X is not null && !IsCanonicalBase64Url(X)) || (Y is not null && !IsCanonicalBase64Url(Y)))
        {
            return "The JWK coordinates must be canonical base64url without padding.";
        }

        if (D is not null && !IsCanonicalBase64Url(D))
        {
            return "The JWK private key must be canonical base64url without padding.";
        }

        return null;
    }

    private bool IsStringMember(string name) => TryGetAdditional(name, out var value) && value.ValueKind == JsonValueKind.String;

    private bool TryGetAdditional(string name, out JsonElement value)
    {
        foreach (var member in _additional)
        {
            if (member.Key == name)
            {
                value = member.Value;
                return true;
            }
        }

        value = default;
        return false;
    }

    private static bool IsCanonicalBase64Url(string value)
    {
        var decoded = Multibase.DecodeBase64Url(value);
        if (decoded is null)
        {
            return false;
        }

        CryptographicOperations.ZeroMemory(decoded);
        return true;
    }

    private bool TryGetPublicKey([NotNullWhen(true)] out PublicKeyMaterial? publicKey, out string error)
    {
        publicKey = null;
        if (!TryGetKeyType(out var keyType))
        {
            error = $"Unsupported JWK kty \"{Kty}\" / crv \"{Crv}\".";
            return false;
        }

        if (!IsAlgConsistent(keyType))
        {
            error = $"The JWK alg \"{Alg}\" does not fit crv \"{Crv}\".";
            return false;
        }

        if ((keyType == KeyType.X25519 && Use == "sig") || (keyType == KeyType.Ed25519 && Use == "enc"))
        {
            error = $"The JWK use \"{Use}\" does not fit crv \"{Crv}\".";
            return false;
        }

        // X and Y were checked to be canonical base64url when the JWK was parsed; decoding into the stack keeps a key
        // the cache already holds free of allocation.
        var size = EcCurves.FieldSize(keyType);
        Span<byte> buffer = stackalloc byte[1 + (2 * 66)];
        var point = buffer[..(1 + (2 * size))];
        point[0] = 0x04;
        if (X is null || !Base64Url.TryDecodeFromChars(X, point.Slice(1, size), out var xLength) || xLength != size)
        {
            error = $"The JWK \"x\" must be {size} bytes.";
            return false;
        }

        if (Kty == "OKP")
        {
            error = "The JWK \"x\" is not a valid key.";
            return PublicKeyMaterial.TryImport(keyType, point.Slice(1, size), out publicKey);
        }

        if (Y is null || !Base64Url.TryDecodeFromChars(Y, point[(1 + size)..], out var yLength) || yLength != size)
        {
            error = $"The JWK \"y\" must be {size} bytes.";
            return false;
        }

        error = "The JWK point is not on the curve.";
        return PublicKeyMaterial.TryImport(keyType, point, out publicKey);
    }

    private bool TryGetPrivateKey(PrivateKeyExportPolicy exportPolicy, [NotNullWhen(true)] out PrivateKey? key, out string error)
    {
        key = null;
        if (D is null)
        {
            error = "The JWK has no private key \"d\".";
            return false;
        }

        if (!TryGetPublicKey(out var publicKey, out error))
        {
            return false;
        }

        var d = Multibase.DecodeBase64Url(D);
        try
        {
            var size = EcCurves.FieldSize(publicKey.KeyType);
            if (d is null || d.Length != size)
            {
                error = $"The JWK \"d\" must be {size} bytes.";
                return false;
            }

            PrivateKey imported;
            try
            {
                imported = PrivateKey.Import(publicKey.KeyType, d, exportPolicy);
            }
            catch (FormatException)
            {
                error = "The JWK \"d\" is not a valid private key.";
                return false;
            }

            if (imported.PublicKey != publicKey)
            {
                imported.Dispose();
                error = "The JWK \"d\" does not match its public key.";
                return false;
            }

            key = imported;
            error = string.Empty;
            return true;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(d);
        }
    }

    private bool TryGetKeyType(out KeyType keyType)
    {
        keyType = (Kty, Crv) switch
        {
            ("OKP", "Ed25519") => KeyType.Ed25519,
            ("OKP", "X25519") => KeyType.X25519,
            ("EC", "P-256") => KeyType.P256,
            ("EC", "P-384") => KeyType.P384,
            ("EC", "P-521") => KeyType.P521,
            ("EC", "secp256k1") => KeyType.Secp256k1,
            _ => default,
        };
        return keyType != default;
    }

    private bool IsAlgConsistent(KeyType keyType)
    {
        if (Alg is null)
        {
            return true;
        }

        // ECDH-ES and its key-wrap variants (RFC 7518 §4.6) work with any of the agreement-capable curves.
        var isEcdh = Alg == "ECDH-ES" || Alg.StartsWith("ECDH-ES+", StringComparison.Ordinal);
        return keyType switch
        {
            KeyType.Ed25519 => Alg is "EdDSA" or "Ed25519",
            KeyType.X25519 => isEcdh,
            KeyType.P256 => Alg == "ES256" || isEcdh,
            KeyType.P384 => Alg == "ES384" || isEcdh,
            KeyType.P521 => Alg == "ES512" || isEcdh,
            KeyType.Secp256k1 => Alg == "ES256K" || isEcdh,
            _ => false,
        };
    }

    internal byte[]? ThumbprintInput()
    {
        string[] names = Kty switch
        {
            "EC" => ["crv", "kty", "x", "y"],
            "OKP" => ["crv", "kty", "x"],
            "RSA" => ["e", "kty", "n"],
            "oct" => ["k", "kty"],
            _ => [],
        };
        if (names.Length == 0)
        {
            return null;
        }

        var builder = new StringBuilder("{");
        foreach (var name in names)
        {
            var value = name switch
            {
                "kty" => Kty,
                "crv" => Crv,
                "x" => X,
                "y" => Y,
                _ => TryGetAdditional(name, out var element) && element.ValueKind == JsonValueKind.String ? element.GetString() : null,
            };

            // RFC 7638 §3.3: values are written without escapes, so values that would need one have no thumbprint.
            if (value is null || value.AsSpan().IndexOfAny("\"\\") >= 0 || value.Any(char.IsControl))
            {
                return null;
            }

            builder.Append(builder.Length == 1 ? "\"" : ",\"").Append(name).Append("\":\"").Append(value).Append('"');
        }

        return Encoding.UTF8.GetBytes(builder.Append('}').ToString());
    }

    private static void WriteOptional(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }

    private static string CurveName(KeyType keyType) => keyType switch
    {
        KeyType.Ed25519 => "Ed25519",
        KeyType.X25519 => "X25519",
        KeyType.P256 => "P-256",
        KeyType.P384 => "P-384",
        KeyType.P521 => "P-521",
        KeyType.Secp256k1 => "secp256k1",
        _ => throw new ArgumentOutOfRangeException(nameof(keyType), keyType, "Unknown key type."),
    };
}
