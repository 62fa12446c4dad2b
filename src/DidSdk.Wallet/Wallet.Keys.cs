using System.Security.Cryptography;
using DidSdk.Core.Jose;
using DidSdk.Crypto;

namespace DidSdk.Wallet;

public sealed partial class Wallet
{
    private const byte KeyPayloadVersion = 1;

    /// <summary>
    /// Generates a key inside the wallet and stores it encrypted. The private key is not exportable unless
    /// <paramref name="exportable"/> is set.
    /// </summary>
    /// <param name="keyType">Ed25519, secp256k1 or P-256.</param>
    /// <param name="exportable">Allow <see cref="ExportPrivateKeyAsync"/> for this key.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    public async Task<WalletKey> GenerateKeyAsync(KeyType keyType, bool exportable = false, CancellationToken cancellationToken = default)
    {
        if (keyType is not (KeyType.Ed25519 or KeyType.Secp256k1 or KeyType.P256))
        {
            throw new ArgumentOutOfRangeException(nameof(keyType), keyType, "The wallet holds Ed25519, secp256k1 and P-256 keys.");
        }

        await EnterAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Generated exportable only so its bytes can be sealed; the key kept for signing is re-imported below.
            byte[] privateBytes;
            PublicKeyMaterial publicKey;
            using (var generated = PrivateKey.Generate(keyType, PrivateKeyExportPolicy.AllowPlaintextExport))
            {
                privateBytes = generated.ExportPrivateKey();
                publicKey = generated.PublicKey;
            }

            var id = NewRecordId("key");
            var created = Now();
            var payload = new byte[3 + privateBytes.Length];
            payload[0] = KeyPayloadVersion;
            payload[1] = (byte)keyType;
            payload[2] = exportable ? (byte)1 : (byte)0;
            privateBytes.CopyTo(payload, 3);
            var info = new WalletKey(id, publicKey, exportable, DateTimeOffset.FromUnixTimeSeconds(created));
            var holder = new PrivateKeyHolder(PrivateKey.Import(keyType, privateBytes, exportable ? PrivateKeyExportPolicy.AllowPlaintextExport : PrivateKeyExportPolicy.None), info);
            CryptographicOperations.ZeroMemory(privateBytes);
            var row = new RecordRow { Id = id, Kind = KindKey, Created = created, Nonce = [], Ciphertext = [] };
            try
            {
                await WriteRecordAsync(row, payload, replace: false, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                holder.Dispose();
                throw;
            }

            lock (_keyCache)
            {
                _keyCache[id] = holder;
            }

            return info;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The wallet's keys with their DIDs, oldest first.</summary>
    /// <exception cref="WalletException"><see cref="WalletProblemCodes.RecordTampered"/> naming a key record that fails authentication.</exception>
    public async Task<IReadOnlyList<WalletKey>> ListKeysAsync(CancellationToken cancellationToken = default)
    {
        await EnterAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var rows = await ReadRowsAsync(KindKey, null, null, cancellationToken).ConfigureAwait(false);
            return [.. rows.Select(row => LoadKey(row).Info)];
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>One key by id.</summary>
    /// <exception cref="WalletException"><see cref="WalletProblemCodes.NotFound"/> or <see cref="WalletProblemCodes.RecordTampered"/>.</exception>
    public async Task<WalletKey> GetKeyAsync(string keyId, CancellationToken cancellationToken = default)
    {
        var holder = await GetKeyHolderAsync(keyId, cancellationToken).ConfigureAwait(false);
        return holder.Info;
    }

    /// <summary>
    /// A signer over the key: it signs inside this wallet object (the private key never leaves it) and stops working
    /// when the wallet is disposed. The JWS <c>kid</c> is the key's verification method in <paramref name="did"/>
    /// (default: its <c>did:key</c>).
    /// </summary>
    public async Task<ISigner> GetSignerAsync(string keyId, string? did = null, CancellationToken cancellationToken = default)
    {
        var holder = await GetKeyHolderAsync(keyId, cancellationToken).ConfigureAwait(false);
        return new WalletSigner(this, holder, holder.Info.VerificationMethodId(did ?? holder.Info.DidKey));
    }

    /// <summary>Exports the private key as a private JWK, only for a key generated exportable.</summary>
    /// <exception cref="WalletException"><see cref="WalletProblemCodes.KeyNotExportable"/>.</exception>
    public async Task<Jwk> ExportPrivateKeyAsync(string keyId, CancellationToken cancellationToken = default)
    {
        var holder = await GetKeyHolderAsync(keyId, cancellationToken).ConfigureAwait(false);
        if (!holder.Info.Exportable)
        {
            throw new WalletException(WalletProblemCodes.KeyNotExportable, "The key was generated as not exportable.", keyId);
        }

        return Jwk.FromPrivateKey(holder.Key);
    }

    /// <summary>Deletes a key; <see langword="false"/> when there was none with that id.</summary>
    public async Task<bool> DeleteKeyAsync(string keyId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(keyId);
        await EnterAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var deleted = await DeleteRecordAsync(KindKey, keyId, cancellationToken).ConfigureAwait(false);
            lock (_keyCache)
            {
                if (_keyCache.Remove(keyId, out var holder))
                {
                    holder.Dispose();
                }
            }

            return deleted;
        }
        finally
        {
            _gate.Release();
        }
    }

    internal void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed, this);

    internal async Task<PrivateKeyHolder> GetKeyHolderAsync(string keyId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(keyId);
        await EnterAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            lock (_keyCache)
            {
                if (_keyCache.TryGetValue(keyId, out var cached))
                {
                    return cached;
                }
            }

            var rows = await ReadRowsAsync(KindKey, keyId, null, cancellationToken).ConfigureAwait(false);
            if (rows.Count == 0)
            {
                throw new WalletException(WalletProblemCodes.NotFound, "No key with that id.", keyId);
            }

            return LoadKey(rows[0]);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>All keys, decrypted into the cache (for finding the holder of a credential).</summary>
    internal async Task<IReadOnlyList<PrivateKeyHolder>> LoadAllKeysAsync(CancellationToken cancellationToken)
    {
        await EnterAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var rows = await ReadRowsAsync(KindKey, null, null, cancellationToken).ConfigureAwait(false);
            return [.. rows.Select(LoadKey)];
        }
        finally
        {
            _gate.Release();
        }
    }

    private PrivateKeyHolder LoadKey(RecordRow row)
    {
        lock (_keyCache)
        {
            if (_keyCache.TryGetValue(row.Id, out var cached))
            {
                return cached;
            }
        }

        var payload = OpenRecord(row);
        try
        {
            if (payload.Length < 4 || payload[0] != KeyPayloadVersion || payload[2] > 1
                || (KeyType)payload[1] is not (KeyType.Ed25519 or KeyType.Secp256k1 or KeyType.P256))
            {
                throw new WalletException(WalletProblemCodes.RecordTampered, $"Key record '{row.Id}' is not readable.", row.Id);
            }

            var keyType = (KeyType)payload[1];
            var exportable = payload[2] == 1;
            PrivateKey key;
            try
            {
                key = PrivateKey.Import(keyType, payload.AsSpan(3), exportable ? PrivateKeyExportPolicy.AllowPlaintextExport : PrivateKeyExportPolicy.None);
            }
            catch (ArgumentException ex)
            {
                throw new WalletException(WalletProblemCodes.RecordTampered, $"Key record '{row.Id}' is not readable.", row.Id, ex);
            }

            var holder = new PrivateKeyHolder(key, new WalletKey(row.Id, key.PublicKey, exportable, DateTimeOffset.FromUnixTimeSeconds(row.Created)));
            lock (_keyCache)
            {
                if (_keyCache.TryGetValue(row.Id, out var raced))
                {
                    holder.Dispose();
                    return raced;
                }

                _keyCache[row.Id] = holder;
            }

            return holder;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(payload);
        }
    }
}
