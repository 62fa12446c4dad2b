using System.Security.Cryptography;
using Microsoft.Data.Sqlite;

namespace DidSdk.Wallet;

public sealed partial class Wallet
{
    private const string RecordColumns = "id, kind, created, format, issuer, types, valid_from, valid_until, status_ref, status, checked_at, nonce, ciphertext";

    internal static string NewRecordId(string prefix) => prefix + "-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>Seals the payload and writes the row in one transaction (insert, or replace when <paramref name="replace"/>).</summary>
    private async Task WriteRecordAsync(RecordRow row, byte[] plaintext, bool replace, CancellationToken cancellationToken)
    {
        try
        {
            var (nonce, ciphertext) = WalletCrypto.Seal(_dataKey, _walletId, row, plaintext);
            row = row with { Nonce = nonce, Ciphertext = ciphertext };
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }

        try
        {
            await using var tx = (SqliteTransaction)await _connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (var command = _connection.CreateCommand())
            {
                command.Transaction = tx;
                command.CommandText = (replace ? "INSERT OR REPLACE" : "INSERT") + $" INTO records ({RecordColumns}) VALUES ($id, $kind, $created, $format, $issuer, $types, $vf, $vu, $sref, $status, $checked, $nonce, $ct);";
                command.Parameters.AddWithValue("$id", row.Id);
                command.Parameters.AddWithValue("$kind", row.Kind);
                command.Parameters.AddWithValue("$created", row.Created);
                command.Parameters.AddWithValue("$format", (object?)row.Format ?? DBNull.Value);
                command.Parameters.AddWithValue("$issuer", (object?)row.Issuer ?? DBNull.Value);
                command.Parameters.AddWithValue("$types", (object?)row.Types ?? DBNull.Value);
                command.Parameters.AddWithValue("$vf", (object?)row.ValidFrom ?? DBNull.Value);
                command.Parameters.AddWithValue("$vu", (object?)row.ValidUntil ?? DBNull.Value);
                command.Parameters.AddWithValue("$sref", (object?)row.StatusReference ?? DBNull.Value);
                command.Parameters.AddWithValue("$status", (object?)row.Status ?? DBNull.Value);
                command.Parameters.AddWithValue("$checked", (object?)row.CheckedAt ?? DBNull.Value);
                command.Parameters.AddWithValue("$nonce", row.Nonce);
                command.Parameters.AddWithValue("$ct", row.Ciphertext);
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (SqliteException ex)
        {
            throw new WalletException(WalletProblemCodes.StorageFailure, "The record could not be written.", row.Id, ex);
        }
    }

    private async Task<List<RecordRow>> ReadRowsAsync(string kind, string? id, IReadOnlyCollection<string>? formats, CancellationToken cancellationToken)
    {
        var rows = new List<RecordRow>();
        try
        {
            await using var command = _connection.CreateCommand();
            var sql = $"SELECT {RecordColumns} FROM records WHERE kind = $kind";
            command.Parameters.AddWithValue("$kind", kind);
            if (id is not null)
            {
                sql += " AND id = $id";
                command.Parameters.AddWithValue("$id", id);
            }

            if (formats is not null)
            {
                var names = new List<string>();
                var i = 0;
                foreach (var format in formats)
                {
                    names.Add("$f" + i);
                    command.Parameters.AddWithValue("$f" + i, format);
                    i++;
                }

                sql += names.Count == 0 ? " AND 0" : $" AND format IN ({string.Join(", ", names)})";
            }

            command.CommandText = sql + " ORDER BY created, id;";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                rows.Add(ReadRow(reader));
            }
        }
        catch (SqliteException ex)
        {
            throw new WalletException(WalletProblemCodes.StorageFailure, "The wallet could not be read.", id, ex);
        }

        return rows;
    }

    private static RecordRow ReadRow(SqliteDataReader reader)
    {
        static string? Text(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : r.GetValue(i) as string;
        static long? Integer(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : r.GetValue(i) is long l ? l : null;
        static byte[] Blob(SqliteDataReader r, int i) => r.IsDBNull(i) ? [] : r.GetValue(i) as byte[] ?? [];
        return new RecordRow
        {
            Id = Text(reader, 0) ?? string.Empty,
            Kind = Text(reader, 1) ?? string.Empty,
            Created = Integer(reader, 2) ?? 0,
            Format = Text(reader, 3),
            Issuer = Text(reader, 4),
            Types = Text(reader, 5),
            ValidFrom = Integer(reader, 6),
            ValidUntil = Integer(reader, 7),
            StatusReference = Text(reader, 8),
            Status = Text(reader, 9),
            CheckedAt = Integer(reader, 10),
            Nonce = Blob(reader, 11),
            Ciphertext = Blob(reader, 12),
        };
    }

    /// <summary>Decrypts a row or throws <see cref="WalletProblemCodes.RecordTampered"/> naming it. The caller zeroes the result.</summary>
    private byte[] OpenRecord(in RecordRow row) =>
        WalletCrypto.Open(_dataKey, _walletId, row)
        ?? throw new WalletException(WalletProblemCodes.RecordTampered, $"Record '{row.Id}' failed authentication: it was altered, moved or copied from another wallet.", row.Id);

    private async Task<bool> DeleteRecordAsync(string kind, string id, CancellationToken cancellationToken)
    {
        try
        {
            await using var tx = (SqliteTransaction)await _connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            int count;
            await using (var command = _connection.CreateCommand())
            {
                command.Transaction = tx;
                command.CommandText = "DELETE FROM records WHERE kind = $kind AND id = $id;";
                command.Parameters.AddWithValue("$kind", kind);
                command.Parameters.AddWithValue("$id", id);
                count = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
            return count > 0;
        }
        catch (SqliteException ex)
        {
            throw new WalletException(WalletProblemCodes.StorageFailure, "The record could not be deleted.", id, ex);
        }
    }
}
