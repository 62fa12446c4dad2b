using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using DidSdk.Core.Jose;
using Net.Pkcs11Interop.Common;
using Net.Pkcs11Interop.HighLevelAPI;

namespace DidSdk.Crypto.Pkcs11;

/// <summary>
/// An <see cref="ISigner"/> whose private key stays in a PKCS#11 token (an HSM, a smart card; SoftHSM2 in tests):
/// ES256 (P-256, <c>CKM_ECDSA</c> over a SHA-256 digest), ES256K (secp256k1, likewise, with low-S as JOSE verifiers
/// require) and EdDSA (Ed25519, <c>CKM_EDDSA</c>, PKCS#11 3.0). The algorithm follows the key's type and curve; the
/// signer reads only public attributes and asks the token to sign.
/// </summary>
/// <remarks>
/// One logged-in session per signer; calls are serialized because a PKCS#11 session is single-threaded. Signing runs
/// synchronously on the caller's thread (a token call is short). Dispose to close the session; the module is unloaded
/// when the last signer over it is disposed.
/// </remarks>
public sealed class Pkcs11Signer : ISigner, IDisposable
{
    private const ulong CkkEcEdwards = 0x40;
    private const ulong CkmEddsa = 0x1057;
    private static readonly byte[] P256Oid = [0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07];
    private static readonly byte[] Secp256k1Oid = [0x06, 0x05, 0x2b, 0x81, 0x04, 0x00, 0x0a];
    private static readonly byte[] Ed25519Oid = [0x06, 0x03, 0x2b, 0x65, 0x70];
    private static readonly byte[] Ed25519Name = [0x13, 0x0c, .. "edwards25519"u8];
    private static readonly BigInteger Secp256k1Order = BigInteger.Parse("0FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    private readonly string _libraryPath;
    private readonly ISession _session;
    private readonly IObjectHandle _privateKey;
    private readonly Lock _sync = new();
    private bool _disposed;

    private Pkcs11Signer(string libraryPath, ISession session, IObjectHandle privateKey, SigningAlgorithm algorithm, PublicKeyMaterial publicKey, string? keyId)
    {
        _libraryPath = libraryPath;
        _session = session;
        _privateKey = privateKey;
        Algorithm = algorithm;
        PublicKey = publicKey;
        KeyId = keyId;
    }

    /// <inheritdoc/>
    public SigningAlgorithm Algorithm { get; }

    /// <inheritdoc/>
    public string? KeyId { get; }

    /// <summary>The public key of the token's key pair (from the public key object's <c>CKA_EC_POINT</c>).</summary>
    public PublicKeyMaterial PublicKey { get; }

    /// <summary>Loads the module, opens a session on the token, logs in as user and finds the key.</summary>
    /// <param name="options">The module, token and key.</param>
    /// <param name="userPin">The user PIN; copied for the login call and zeroed afterwards.</param>
    /// <exception cref="ArgumentException">Incomplete options.</exception>
    /// <exception cref="InvalidOperationException">No such token or key, several keys match, an unsupported key type or curve, or an extractable key.</exception>
    /// <exception cref="UnauthorizedAccessException">The token refused the PIN.</exception>
    public static Pkcs11Signer Open(Pkcs11SignerOptions options, ReadOnlySpan<char> userPin)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(options.LibraryPath, nameof(options));
        if (options.KeyLabel is null && options.KeyObjectId is null)
        {
            throw new ArgumentException("Name the key by KeyLabel, KeyObjectId or both.", nameof(options));
        }

        byte[]? objectId = null;
        if (options.KeyObjectId is { } hex)
        {
            try
            {
                objectId = Convert.FromHexString(hex);
            }
            catch (FormatException e)
            {
                throw new ArgumentException("KeyObjectId is not hex.", nameof(options), e);
            }
        }

        var library = Pkcs11NativeLibrary.Acquire(options.LibraryPath);
        ISession? session = null;
        try
        {
            var slot = FindSlot(library, options);
            session = slot.OpenSession(SessionType.ReadOnly);
            Login(session, userPin);
            var privateKey = FindOne(session, CKO.CKO_PRIVATE_KEY, options.KeyLabel, objectId, "private key");
            var attributes = session.GetAttributeValue(privateKey, [CKA.CKA_KEY_TYPE, CKA.CKA_SIGN, CKA.CKA_EXTRACTABLE, CKA.CKA_SENSITIVE, CKA.CKA_ID, CKA.CKA_LABEL]);
            if (!attributes[1].GetValueAsBool())
            {
                throw new InvalidOperationException("The key may not sign (CKA_SIGN is false).");
            }

            if (!options.AllowExtractableKey && (attributes[2].GetValueAsBool() || !attributes[3].GetValueAsBool()))
            {
                throw new InvalidOperationException("The private key can leave the token (CKA_EXTRACTABLE or not CKA_SENSITIVE); set AllowExtractableKey to accept it.");
            }

            // The public key object of the pair carries the same CKA_ID (and usually the same label).
            var publicKey = FindOne(session, CKO.CKO_PUBLIC_KEY, objectId is null ? attributes[5].GetValueAsString() : null, attributes[4].GetValueAsByteArray(), "public key");
            var publicAttributes = session.GetAttributeValue(publicKey, [CKA.CKA_EC_PARAMS, CKA.CKA_EC_POINT]);
            var (algorithm, material) = Describe(attributes[0].GetValueAsUlong(), publicAttributes[0].GetValueAsByteArray(), publicAttributes[1].GetValueAsByteArray());
            return new Pkcs11Signer(options.LibraryPath, session, privateKey, algorithm, material, options.KeyId);
        }
        catch
        {
            session?.Dispose();
            Pkcs11NativeLibrary.Release(options.LibraryPath);
            throw;
        }
    }

    /// <inheritdoc/>
    public ValueTask<byte[]> SignAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(Sign(data.Span));
    }

    /// <summary>Signs <paramref name="data"/> in the token: <c>r || s</c> for ECDSA, the 64-byte signature for Ed25519.</summary>
    public byte[] Sign(ReadOnlySpan<byte> data)
    {
        var ed25519 = Algorithm.KeyType == KeyType.Ed25519;
        var input = ed25519 ? data.ToArray() : SHA256.HashData(data);
        byte[] signature;
        lock (_sync)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            using var mechanism = _session.Factories.MechanismFactory.Create(ed25519 ? CkmEddsa : (ulong)CKM.CKM_ECDSA);
            signature = _session.Sign(mechanism, _privateKey, input);
        }

        if (signature.Length != Algorithm.SignatureSize)
        {
            throw new InvalidOperationException($"The token returned a {signature.Length}-byte signature; {Algorithm.SignatureSize} bytes were expected.");
        }

        if (Algorithm.KeyType == KeyType.Secp256k1)
        {
            NormalizeLowS(signature);
        }

        return signature;
    }

    /// <summary>Closes the session; the module is unloaded with the last signer over it.</summary>
    public void Dispose()
    {
        lock (_sync)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;

            // No C_Logout: the login belongs to the application, not to this session, and other signers on the token
            // may use it. Closing the application's last session on the token logs out (PKCS#11 C_CloseSession).
            _session.Dispose();
            Pkcs11NativeLibrary.Release(_libraryPath);
        }
    }

    private static ISlot FindSlot(IPkcs11Library library, Pkcs11SignerOptions options)
    {
        foreach (var slot in library.GetSlotList(SlotsType.WithTokenPresent))
        {
            if (options.SlotId is { } id ? slot.SlotId == id : options.TokenLabel is null || slot.GetTokenInfo().Label.TrimEnd(' ', '\0') == options.TokenLabel)
            {
                return slot;
            }
        }

        throw new InvalidOperationException("No token with the configured slot id or label is present.");
    }

    private static void Login(ISession session, ReadOnlySpan<char> userPin)
    {
        var pin = new byte[Encoding.UTF8.GetByteCount(userPin)];
        try
        {
            Encoding.UTF8.GetBytes(userPin, pin);
            session.Login(CKU.CKU_USER, pin);
        }
        catch (Pkcs11Exception e) when (e.RV == CKR.CKR_USER_ALREADY_LOGGED_IN)
        {
            // Another signer of this process logged in to the token; the login is shared by all its sessions.
        }
        catch (Pkcs11Exception e) when (e.RV is CKR.CKR_PIN_INCORRECT or CKR.CKR_PIN_INVALID or CKR.CKR_PIN_LEN_RANGE or CKR.CKR_PIN_LOCKED or CKR.CKR_PIN_EXPIRED)
        {
            throw new UnauthorizedAccessException($"The token refused the user PIN ({e.RV}).", e);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pin);
        }
    }

    private static IObjectHandle FindOne(ISession session, CKO objectClass, string? label, byte[]? objectId, string what)
    {
        var factory = session.Factories.ObjectAttributeFactory;
        List<IObjectAttribute> template = [factory.Create(CKA.CKA_CLASS, objectClass)];
        if (label is not null)
        {
            template.Add(factory.Create(CKA.CKA_LABEL, label));
        }

        if (objectId is not null)
        {
            template.Add(factory.Create(CKA.CKA_ID, objectId));
        }

        var found = session.FindAllObjects(template);
        foreach (var attribute in template)
        {
            attribute.Dispose();
        }

        return found.Count switch
        {
            1 => found[0],
            0 => throw new InvalidOperationException($"The token holds no {what} with the configured label/id."),
            _ => throw new InvalidOperationException($"The token holds {found.Count} objects of type {what} with the configured label/id; name the key by CKA_ID."),
        };
    }

    private static (SigningAlgorithm Algorithm, PublicKeyMaterial PublicKey) Describe(ulong keyType, byte[] parameters, byte[] point)
    {
        var raw = UnwrapOctetString(point);
        if (keyType == (ulong)CKK.CKK_EC && parameters.AsSpan().SequenceEqual(P256Oid))
        {
            return (SigningAlgorithm.P256, Import(KeyType.P256, raw));
        }

        if (keyType == (ulong)CKK.CKK_EC && parameters.AsSpan().SequenceEqual(Secp256k1Oid))
        {
            return (SigningAlgorithm.Secp256k1, Import(KeyType.Secp256k1, raw));
        }

        if (keyType == CkkEcEdwards && (parameters.AsSpan().SequenceEqual(Ed25519Oid) || parameters.AsSpan().SequenceEqual(Ed25519Name)))
        {
            return (SigningAlgorithm.Ed25519, Import(KeyType.Ed25519, raw));
        }

        throw new InvalidOperationException("The key is not a P-256, secp256k1 or Ed25519 key.");
    }

    private static PublicKeyMaterial Import(KeyType type, byte[] raw) =>
        PublicKeyMaterial.TryImport(type, raw, out var key) ? key : throw new InvalidOperationException($"The token's {type} public key is malformed.");

    /// <summary><c>CKA_EC_POINT</c> is a DER OCTET STRING holding the point; some modules return the bare point.</summary>
    private static byte[] UnwrapOctetString(byte[] value)
    {
        if (value.Length >= 2 && value[0] == 0x04)
        {
            if (value[1] < 0x80 && value[1] == value.Length - 2)
            {
                return value[2..];
            }

            if (value[1] == 0x81 && value.Length >= 3 && value[2] == value.Length - 3)
            {
                return value[3..];
            }
        }

        return value;
    }

    /// <summary>ES256K verifiers accept only <c>s ≤ n/2</c>; a token's ECDSA may return either of the two valid values.</summary>
    private static void NormalizeLowS(byte[] signature)
    {
        var s = new BigInteger(signature.AsSpan(32, 32), isUnsigned: true, isBigEndian: true);
        if (s > Secp256k1Order / 2)
        {
            var low = Secp256k1Order - s;
            signature.AsSpan(32).Clear();
            low.TryWriteBytes(signature.AsSpan(64 - low.GetByteCount(isUnsigned: true)), out _, isUnsigned: true, isBigEndian: true);
        }
    }
}
