using System.Security.Cryptography;

namespace DidSdk.Crypto;

/// <summary>
/// A private key. Disposable: its material is zeroed on <see cref="Dispose"/>. The private bytes can be read only
/// when the key was created with <see cref="PrivateKeyExportPolicy.AllowPlaintextExport"/>.
/// </summary>
public sealed class PrivateKey : IDisposable
{
    private readonly KeyHandle _handle;
    private bool _disposed;

    internal PrivateKey(KeyType keyType, KeyHandle handle, PublicKeyMaterial publicKey, PrivateKeyExportPolicy exportPolicy)
    {
        KeyType = keyType;
        _handle = handle;
        PublicKey = publicKey;
        ExportPolicy = exportPolicy;
    }

    /// <summary>The key type.</summary>
    public KeyType KeyType { get; }

    /// <summary>The matching public key.</summary>
    public PublicKeyMaterial PublicKey { get; }

    /// <summary>Whether the private key may be exported.</summary>
    public PrivateKeyExportPolicy ExportPolicy { get; }

    internal KeyHandle Handle
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _handle;
        }
    }

    /// <summary>
    /// Exports the raw private key: the 32-byte Ed25519/X25519 seed, or the EC scalar big-endian (32 bytes, 48 for
    /// P-384, 66 for P-521).
    /// The caller owns the array and should zero it (<see cref="CryptographicOperations.ZeroMemory"/>) when done.
    /// </summary>
    /// <exception cref="InvalidOperationException">The key was not created exportable.</exception>
    public byte[] ExportPrivateKey()
    {
        if ((ExportPolicy & PrivateKeyExportPolicy.AllowPlaintextExport) == 0)
        {
            throw new InvalidOperationException("The key does not allow its private part to be exported.");
        }

        return Handle.ExportPrivate();
    }

    /// <summary>Generates a new random key of the given type.</summary>
    public static PrivateKey Generate(KeyType keyType, PrivateKeyExportPolicy exportPolicy = PrivateKeyExportPolicy.None) =>
        KeyFactory.Generate(keyType, exportPolicy);

    /// <summary>
    /// Imports a raw private key: a 32-byte Ed25519/X25519 seed, or an EC scalar big-endian, 0 &lt; d &lt; n, of the
    /// curve's field size (32 bytes, 48 for P-384, 66 for P-521).
    /// </summary>
    /// <exception cref="FormatException">The bytes are not a valid private key of that type.</exception>
    public static PrivateKey Import(KeyType keyType, ReadOnlySpan<byte> privateKey, PrivateKeyExportPolicy exportPolicy = PrivateKeyExportPolicy.None) =>
        KeyFactory.Import(keyType, privateKey, exportPolicy);

    /// <summary>Zeroes and releases the private key.</summary>
    public void Dispose()
    {
        if (!_disposed)
        {
            _disposed = true;
            _handle.Dispose();
        }
    }

    /// <inheritdoc/>
    public override string ToString() => $"{KeyType} private key for {PublicKey}";
}
