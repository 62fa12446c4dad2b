using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using NSecKey = NSec.Cryptography.Key;

namespace DidSdk.Wallet;

/// <summary>
/// A holder wallet in one SQLite file: keys and credentials encrypted at rest under a random data key, which is
/// wrapped by a key derived from the passphrase with Argon2id. Every write is one SQLite transaction in WAL mode with
/// full synchronisation, so a process killed at any point leaves either the old or the new state.
/// </summary>
/// <remarks>
/// Create or open with <see cref="CreateAsync(string, string, WalletOptions?, TimeProvider?, CancellationToken)"/> /
/// <see cref="OpenAsync(string, string, WalletOptions?, TimeProvider?, CancellationToken)"/>, then generate keys
/// (<see cref="GenerateKeyAsync"/>), import credentials (<see cref="ImportCredentialAsync"/>), evaluate DCQL
/// (<see cref="QueryAsync(string, CancellationToken)"/>) and present (<see cref="PresentAsync"/>). One instance is safe
/// for concurrent use; one file should be opened by one instance at a time.
/// </remarks>
public sealed partial class Wallet : IDisposable, IAsyncDisposable
{
    internal const int FormatVersion = 1;
    internal const string KindKey = "key";
    internal const string KindCredential = "credential";

    private readonly SqliteConnection _connection;
    private readonly NSecKey _dataKey;
    private readonly byte[] _walletId;
    private readonly TimeProvider _timeProvider;
    private readonly WalletOptions _options;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, PrivateKeyHolder> _keyCache = new(StringComparer.Ordinal);
    private bool _disposed;

    private Wallet(string path, SqliteConnection connection, NSecKey dataKey, byte[] walletId, WalletOptions options, TimeProvider timeProvider)
    {
        Path = path;
        this._connection = connection;
        this._dataKey = dataKey;
        this._walletId = walletId;
        this._options = options;
        this._timeProvider = timeProvider;
    }

    /// <summary>The wallet file.</summary>
    public string Path { get; }

    /// <summary>Creates a new wallet file (it must not exist) protected by <paramref name="passphrase"/>.</summary>
    /// <exception cref="WalletException"><see cref="WalletProblemCodes.AlreadyExists"/> when the file exists.</exception>
    public static Task<Wallet> CreateAsync(string path, string passphrase, WalletOptions? options = null, TimeProvider? timeProvider = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(passphrase);
        return CreateAsync(path, passphrase.AsMemory(), options, timeProvider, cancellationToken);
    }

    /// <summary>Creates a new wallet file; the passphrase is given as characters the caller can zero afterwards.</summary>
    /// <exception cref="WalletException"><see cref="WalletProblemCodes.AlreadyExists"/> when the file exists.</exception>
    public static async Task<Wallet> CreateAsync(string path, ReadOnlyMemory<char> passphrase, WalletOptions? options = null, TimeProvider? timeProvider = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (passphrase.IsEmpty)
        {
            throw new ArgumentException("The passphrase must not be empty.", nameof(passphrase));
        }

        options ??= WalletOptions.Default;
        options.Validate();
        path = System.IO.Path.GetFullPath(path);
        if (File.Exists(path))
        {
            throw new WalletException(WalletProblemCodes.AlreadyExists, "A file already exists at the wallet path.");
        }

        // Built under a temporary name and moved into place, so a crash during creation never leaves a half-made
        // wallet at the path.
        var temporary = path + "." + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)) + ".creating";
        var walletId = RandomNumberGenerator.GetBytes(WalletCrypto.WalletIdSize);
        var salt = RandomNumberGenerator.GetBytes(WalletCrypto.SaltSize);
        var kdf = WalletCrypto.KdfDescription(options.Argon2MemoryKiB, options.Argon2Iterations);
        var kek = GC.AllocateUninitializedArray<byte>(WalletCrypto.KeySize, pinned: true);
        try
        {
            WalletCrypto.DeriveKeyEncryptionKey(passphrase.Span, salt, options.Argon2MemoryKiB, options.Argon2Iterations, kek);
            using (var dataKey = NSecKey.Create(WalletCrypto.Aead, new NSec.Cryptography.KeyCreationParameters { ExportPolicy = NSec.Cryptography.KeyExportPolicies.AllowPlaintextExport }))
            {
                var wrapped = WalletCrypto.WrapDataKey(dataKey, kek, walletId, kdf);
                await using var db = await OpenConnectionAsync(temporary, create: true, cancellationToken).ConfigureAwait(false);
                await ExecuteAsync(db, "PRAGMA journal_mode=WAL;", cancellationToken).ConfigureAwait(false);
                await using var tx = (SqliteTransaction)await db.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
                await ExecuteAsync(db, """
                    CREATE TABLE wallet_meta (name TEXT PRIMARY KEY NOT NULL, value BLOB NOT NULL) WITHOUT ROWID;
                    CREATE TABLE records (
                        id TEXT PRIMARY KEY NOT NULL, kind TEXT NOT NULL, created INTEGER NOT NULL,
                        format TEXT, issuer TEXT, types TEXT, valid_from INTEGER, valid_until INTEGER,
                        status_ref TEXT, status TEXT, checked_at INTEGER,
                        nonce BLOB NOT NULL, ciphertext BLOB NOT NULL);
                    CREATE INDEX records_kind_format ON records (kind, format);
                    """, cancellationToken, tx).ConfigureAwait(false);
                await WriteMetaAsync(db, tx, "version", BitConverter.GetBytes(FormatVersion), cancellationToken).ConfigureAwait(false);
                await WriteMetaAsync(db, tx, "wallet_id", walletId, cancellationToken).ConfigureAwait(false);
                await WriteMetaAsync(db, tx, "kdf", System.Text.Encoding.UTF8.GetBytes(kdf), cancellationToken).ConfigureAwait(false);
                await WriteMetaAsync(db, tx, "salt", salt, cancellationToken).ConfigureAwait(false);
                await WriteMetaAsync(db, tx, "wrapped_key", wrapped, cancellationToken).ConfigureAwait(false);
                await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (SqliteException ex)
        {
            DeleteQuietly(temporary);
            throw new WalletException(WalletProblemCodes.StorageFailure, "The wallet file could not be created.", null, ex);
        }
        catch
        {
            DeleteQuietly(temporary);
            throw;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(kek);
        }

        try
        {
            File.Move(temporary, path, overwrite: false);
        }
        catch (IOException ex)
        {
            DeleteQuietly(temporary);
            throw new WalletException(WalletProblemCodes.AlreadyExists, "A file already exists at the wallet path.", null, ex);
        }

        return await OpenAsync(path, passphrase, options, timeProvider, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Opens an existing wallet.</summary>
    /// <exception cref="WalletException">
    /// <see cref="WalletProblemCodes.WrongPassphrase"/> (nothing written), <see cref="WalletProblemCodes.NotAWallet"/>,
    /// <see cref="WalletProblemCodes.NotFound"/> when there is no file.
    /// </exception>
    public static Task<Wallet> OpenAsync(string path, string passphrase, WalletOptions? options = null, TimeProvider? timeProvider = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(passphrase);
        return OpenAsync(path, passphrase.AsMemory(), options, timeProvider, cancellationToken);
    }

    /// <summary>Opens an existing wallet; the passphrase is given as characters the caller can zero afterwards.</summary>
    /// <exception cref="WalletException">See <see cref="OpenAsync(string, string, WalletOptions?, TimeProvider?, CancellationToken)"/>.</exception>
    public static async Task<Wallet> OpenAsync(string path, ReadOnlyMemory<char> passphrase, WalletOptions? options = null, TimeProvider? timeProvider = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (passphrase.IsEmpty)
        {
            throw new ArgumentException("The passphrase must not be empty.", nameof(passphrase));
        }

        options ??= WalletOptions.Default;
        options.Validate();
        path = System.IO.Path.GetFullPath(path);
        if (!File.Exists(path))
        {
            throw new WalletException(WalletProblemCodes.NotFound, "No wallet file at the given path.");
        }

        SqliteConnection? db = null;
        try
        {
            db = await OpenConnectionAsync(path, create: false, cancellationToken).ConfigureAwait(false);
            var header = await ReadHeaderAsync(db, cancellationToken).ConfigureAwait(false);
            var key = UnlockDataKey(header, passphrase.Span)
                ?? throw new WalletException(WalletProblemCodes.WrongPassphrase, "The passphrase does not unlock this wallet.");
            var wallet = new Wallet(path, db, key, header.WalletId, options, timeProvider ?? TimeProvider.System);
            db = null;
            return wallet;
        }
        catch (SqliteException ex)
        {
            throw new WalletException(WalletProblemCodes.NotAWallet, "The file is not a readable wallet.", null, ex);
        }
        finally
        {
            if (db is not null)
            {
                await db.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Changes the passphrase: derives a new key-encryption key (fresh salt, the costs of
    /// <see cref="WalletOptions"/>) and re-wraps the data key in one transaction. Records are not rewritten.
    /// </summary>
    public async Task ChangePassphraseAsync(ReadOnlyMemory<char> newPassphrase, CancellationToken cancellationToken = default)
    {
        if (newPassphrase.IsEmpty)
        {
            throw new ArgumentException("The passphrase must not be empty.", nameof(newPassphrase));
        }

        await EnterAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var salt = RandomNumberGenerator.GetBytes(WalletCrypto.SaltSize);
            var kdf = WalletCrypto.KdfDescription(_options.Argon2MemoryKiB, _options.Argon2Iterations);
            var kek = GC.AllocateUninitializedArray<byte>(WalletCrypto.KeySize, pinned: true);
            try
            {
                WalletCrypto.DeriveKeyEncryptionKey(newPassphrase.Span, salt, _options.Argon2MemoryKiB, _options.Argon2Iterations, kek);
                var wrapped = WalletCrypto.WrapDataKey(_dataKey, kek, _walletId, kdf);
                await WriteHeaderKeyAsync(_connection, salt, kdf, wrapped, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                CryptographicOperations.ZeroMemory(kek);
            }
        }
        catch (SqliteException ex)
        {
            throw new WalletException(WalletProblemCodes.StorageFailure, "The passphrase could not be changed.", null, ex);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Changes the passphrase (see <see cref="ChangePassphraseAsync(ReadOnlyMemory{char}, CancellationToken)"/>).</summary>
    public Task ChangePassphraseAsync(string newPassphrase, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(newPassphrase);
        return ChangePassphraseAsync(newPassphrase.AsMemory(), cancellationToken);
    }

    /// <summary>Closes the file and zeroes the data key and every private key held in memory.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        lock (_keyCache)
        {
            foreach (var holder in _keyCache.Values)
            {
                holder.Dispose();
            }

            _keyCache.Clear();
        }

        _dataKey.Dispose();
        _connection.Dispose();
        _gate.Dispose();
    }

    /// <inheritdoc cref="Dispose"/>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    internal static async Task<SqliteConnection> OpenConnectionAsync(string path, bool create, CancellationToken cancellationToken)
    {
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = create ? SqliteOpenMode.ReadWriteCreate : SqliteOpenMode.ReadWrite,
            Pooling = false,
        };
        var db = new SqliteConnection(builder.ToString());
        try
        {
            await db.OpenAsync(cancellationToken).ConfigureAwait(false);

            // Per connection, nothing written: FULL fsyncs the WAL at each commit (durability across power loss),
            // secure_delete overwrites freed pages, temp_store keeps SQLite's temporary data out of files.
            await ExecuteAsync(db, "PRAGMA synchronous=FULL; PRAGMA secure_delete=ON; PRAGMA temp_store=MEMORY; PRAGMA busy_timeout=5000;", cancellationToken).ConfigureAwait(false);
            return db;
        }
        catch
        {
            await db.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    internal static async Task ExecuteAsync(SqliteConnection db, string sql, CancellationToken cancellationToken, SqliteTransaction? tx = null)
    {
        await using var command = db.CreateCommand();
        command.CommandText = sql;
        command.Transaction = tx;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task WriteMetaAsync(SqliteConnection db, SqliteTransaction tx, string name, byte[] value, CancellationToken cancellationToken)
    {
        await using var command = db.CreateCommand();
        command.Transaction = tx;
        command.CommandText = "INSERT OR REPLACE INTO wallet_meta (name, value) VALUES ($name, $value);";
        command.Parameters.AddWithValue("$name", name);
        command.Parameters.AddWithValue("$value", value);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    internal static async Task WriteHeaderKeyAsync(SqliteConnection db, byte[] salt, string kdf, byte[] wrapped, CancellationToken cancellationToken)
    {
        await using var tx = (SqliteTransaction)await db.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await WriteMetaAsync(db, tx, "salt", salt, cancellationToken).ConfigureAwait(false);
        await WriteMetaAsync(db, tx, "kdf", System.Text.Encoding.UTF8.GetBytes(kdf), cancellationToken).ConfigureAwait(false);
        await WriteMetaAsync(db, tx, "wrapped_key", wrapped, cancellationToken).ConfigureAwait(false);
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    internal sealed record WalletHeader(byte[] WalletId, byte[] Salt, string Kdf, int MemoryKiB, int Iterations, byte[] WrappedKey);

    internal static async Task<WalletHeader> ReadHeaderAsync(SqliteConnection db, CancellationToken cancellationToken)
    {
        var meta = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        await using (var command = db.CreateCommand())
        {
            command.CommandText = "SELECT name, value FROM wallet_meta;";
            try
            {
                await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    if (reader.IsDBNull(1) || reader.GetFieldType(1) != typeof(byte[]))
                    {
                        throw new WalletException(WalletProblemCodes.NotAWallet, "The wallet header is damaged.");
                    }

                    meta[reader.GetString(0)] = (byte[])reader.GetValue(1);
                }
            }
            catch (SqliteException ex)
            {
                throw new WalletException(WalletProblemCodes.NotAWallet, "The file is not a wallet.", null, ex);
            }
        }

        if (!meta.TryGetValue("version", out var version) || version.Length != 4)
        {
            throw new WalletException(WalletProblemCodes.NotAWallet, "The file is not a wallet.");
        }

        if (BitConverter.ToInt32(version) != FormatVersion)
        {
            throw new WalletException(WalletProblemCodes.UnsupportedVersion, "The wallet's format version is not supported.");
        }

        if (!meta.TryGetValue("wallet_id", out var id) || id.Length != WalletCrypto.WalletIdSize
            || !meta.TryGetValue("salt", out var salt) || salt.Length != WalletCrypto.SaltSize
            || !meta.TryGetValue("kdf", out var kdfBytes) || kdfBytes.Length > 100
            || !meta.TryGetValue("wrapped_key", out var wrapped))
        {
            throw new WalletException(WalletProblemCodes.NotAWallet, "The wallet header is damaged.");
        }

        var kdf = System.Text.Encoding.UTF8.GetString(kdfBytes);
        if (!WalletCrypto.TryParseKdf(kdf, out var memory, out var iterations))
        {
            throw new WalletException(WalletProblemCodes.NotAWallet, "The wallet's key derivation parameters are not acceptable.");
        }

        return new WalletHeader(id, salt, kdf, memory, iterations, wrapped);
    }

    internal static NSecKey? UnlockDataKey(WalletHeader header, ReadOnlySpan<char> passphrase)
    {
        var kek = GC.AllocateUninitializedArray<byte>(WalletCrypto.KeySize, pinned: true);
        try
        {
            WalletCrypto.DeriveKeyEncryptionKey(passphrase, header.Salt, header.MemoryKiB, header.Iterations, kek);
            return WalletCrypto.TryUnwrapDataKey(header.WrappedKey, kek, header.WalletId, header.Kdf);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(kek);
        }
    }

    private static void DeleteQuietly(string path)
    {
        foreach (var file in new[] { path, path + "-wal", path + "-shm", path + "-journal" })
        {
            try
            {
                File.Delete(file);
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }

    private async Task EnterAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        if (_disposed)
        {
            _gate.Release();
            throw new ObjectDisposedException(nameof(Wallet));
        }
    }

    /// <summary>A copy of the data key, for tests that scan files for it. Zero it after use.</summary>
    internal byte[] ExportDataKeyForTests() => _dataKey.Export(NSec.Cryptography.KeyBlobFormat.RawSymmetricKey);

    private long Now() => _timeProvider.GetUtcNow().ToUnixTimeSeconds();
}
