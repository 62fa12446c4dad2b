using System.Security.Cryptography;
using Microsoft.Data.Sqlite;

namespace DidSdk.Wallet;

public sealed partial class Wallet
{
    /// <summary>
    /// Writes an encrypted backup: a consistent snapshot of the wallet (<c>VACUUM INTO</c>, committed data only) in one
    /// file, whose data key is wrapped under <paramref name="backupPassphrase"/> (Argon2id with a fresh salt). Records
    /// stay sealed as in the wallet; nothing is decrypted. The file must not exist.
    /// </summary>
    /// <exception cref="WalletException"><see cref="WalletProblemCodes.AlreadyExists"/>.</exception>
    public async Task ExportBackupAsync(string backupPath, string backupPassphrase, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(backupPath);
        ArgumentException.ThrowIfNullOrEmpty(backupPassphrase);
        backupPath = System.IO.Path.GetFullPath(backupPath);
        if (File.Exists(backupPath))
        {
            throw new WalletException(WalletProblemCodes.AlreadyExists, "A file already exists at the backup path.");
        }

        var temporary = backupPath + "." + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)) + ".exporting";
        await EnterAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using (var command = _connection.CreateCommand())
            {
                command.CommandText = "VACUUM INTO $path;";
                command.Parameters.AddWithValue("$path", temporary);
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await RewrapFileAsync(temporary, backupPassphrase.AsMemory(), cancellationToken).ConfigureAwait(false);
            File.Move(temporary, backupPath, overwrite: false);
        }
        catch (SqliteException ex)
        {
            DeleteQuietly(temporary);
            throw new WalletException(WalletProblemCodes.StorageFailure, "The backup could not be written.", null, ex);
        }
        catch (IOException ex)
        {
            DeleteQuietly(temporary);
            throw new WalletException(WalletProblemCodes.AlreadyExists, "A file already exists at the backup path.", null, ex);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Restores a backup into a new wallet file (it must not exist) protected by <paramref name="newPassphrase"/>.
    /// Every record of the backup must authenticate first; a wrong backup passphrase or a damaged backup is
    /// <see cref="WalletProblemCodes.BackupInvalid"/> and nothing is written.
    /// </summary>
    public static async Task<Wallet> RestoreBackupAsync(string backupPath, string backupPassphrase, string walletPath, string newPassphrase, WalletOptions? options = null, TimeProvider? timeProvider = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(backupPath);
        ArgumentException.ThrowIfNullOrEmpty(backupPassphrase);
        ArgumentException.ThrowIfNullOrEmpty(walletPath);
        ArgumentException.ThrowIfNullOrEmpty(newPassphrase);
        walletPath = System.IO.Path.GetFullPath(walletPath);
        if (File.Exists(walletPath))
        {
            throw new WalletException(WalletProblemCodes.AlreadyExists, "A file already exists at the wallet path.");
        }

        var temporary = walletPath + "." + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)) + ".restoring";
        try
        {
            // Copy first: the backup itself is never opened for writing.
            File.Copy(backupPath, temporary, overwrite: false);
            Wallet backup;
            try
            {
                backup = await OpenAsync(temporary, backupPassphrase, options, timeProvider, cancellationToken).ConfigureAwait(false);
            }
            catch (WalletException ex) when (ex.Code is WalletProblemCodes.WrongPassphrase or WalletProblemCodes.NotAWallet or WalletProblemCodes.UnsupportedVersion)
            {
                throw new WalletException(WalletProblemCodes.BackupInvalid, "The backup passphrase is wrong or the file is not a wallet backup.", null, ex);
            }

            await using (backup)
            {
                await backup.ListKeysAsync(cancellationToken).ConfigureAwait(false);
                var list = await backup.ListCredentialsAsync(cancellationToken).ConfigureAwait(false);
                if (list.Problems.Count > 0)
                {
                    throw new WalletException(WalletProblemCodes.BackupInvalid, "A record of the backup failed authentication.", list.Problems[0].RecordId);
                }

                await backup.ChangePassphraseAsync(newPassphrase.AsMemory(), cancellationToken).ConfigureAwait(false);
            }

            File.Move(temporary, walletPath, overwrite: false);
        }
        catch (WalletException ex) when (ex.Code == WalletProblemCodes.RecordTampered)
        {
            DeleteQuietly(temporary);
            throw new WalletException(WalletProblemCodes.BackupInvalid, "A record of the backup failed authentication.", ex.RecordId, ex);
        }
        catch
        {
            DeleteQuietly(temporary);
            throw;
        }

        return await OpenAsync(walletPath, newPassphrase, options, timeProvider, cancellationToken).ConfigureAwait(false);
    }

    private async Task RewrapFileAsync(string path, ReadOnlyMemory<char> passphrase, CancellationToken cancellationToken)
    {
        var salt = RandomNumberGenerator.GetBytes(WalletCrypto.SaltSize);
        var kdf = WalletCrypto.KdfDescription(_options.Argon2MemoryKiB, _options.Argon2Iterations);
        var kek = GC.AllocateUninitializedArray<byte>(WalletCrypto.KeySize, pinned: true);
        try
        {
            WalletCrypto.DeriveKeyEncryptionKey(passphrase.Span, salt, _options.Argon2MemoryKiB, _options.Argon2Iterations, kek);
            var wrapped = WalletCrypto.WrapDataKey(_dataKey, kek, _walletId, kdf);
            await using var db = await OpenConnectionAsync(path, create: false, cancellationToken).ConfigureAwait(false);
            await WriteHeaderKeyAsync(db, salt, kdf, wrapped, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(kek);
        }
    }
}
