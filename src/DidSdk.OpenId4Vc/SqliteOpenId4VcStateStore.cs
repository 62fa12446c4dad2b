using Microsoft.Data.Sqlite;

namespace DidSdk.OpenId4Vc;

/// <summary>
/// An <see cref="IOpenId4VcStateStore"/> in one SQLite file (the embedded default, for one service instance or several
/// processes on one machine). Single-use consumption is one <c>DELETE ... RETURNING</c> statement; index allocation one
/// upsert, so both are atomic.
/// </summary>
public sealed class SqliteOpenId4VcStateStore : IOpenId4VcStateStore
{
    private readonly string _connectionString;
    private int _initialized;

    /// <summary>Creates a store on the SQLite database at <paramref name="path"/> (created on first use).</summary>
    /// <param name="path">The database file.</param>
    public SqliteOpenId4VcStateStore(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    /// <inheritdoc/>
    public async Task<bool> TryAddAsync(StateEntry entry, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();

        // An expired row with the same key is replaced; a live one wins.
        command.CommandText = """
            INSERT INTO oid4vc_state (kind, key, data, expires_at, attempts) VALUES ($kind, $key, $data, $exp, 0)
            ON CONFLICT (kind, key) DO UPDATE SET data = excluded.data, expires_at = excluded.expires_at, attempts = 0
            WHERE oid4vc_state.expires_at IS NOT NULL AND oid4vc_state.expires_at <= $now
            """;
        command.Parameters.AddWithValue("$kind", entry.Kind);
        command.Parameters.AddWithValue("$key", entry.Key);
        command.Parameters.AddWithValue("$data", entry.Data);
        command.Parameters.AddWithValue("$exp", (object?)entry.ExpiresAt?.ToUnixTimeMilliseconds() ?? DBNull.Value);
        command.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <inheritdoc/>
    public async Task<StateEntry?> GetAsync(string kind, string key, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT data, expires_at, attempts FROM oid4vc_state WHERE kind = $kind AND key = $key AND (expires_at IS NULL OR expires_at > $now)";
        AddKey(command, kind, key, now);
        return await ReadOneAsync(command, kind, key, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task<StateEntry?> TryConsumeAsync(string kind, string key, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM oid4vc_state WHERE kind = $kind AND key = $key AND (expires_at IS NULL OR expires_at > $now) RETURNING data, expires_at, attempts";
        AddKey(command, kind, key, now);
        return await ReadOneAsync(command, kind, key, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task<int> RecordFailedAttemptAsync(string kind, string key, int maxAttempts, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAttempts, 1);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "UPDATE oid4vc_state SET attempts = attempts + 1 WHERE kind = $kind AND key = $key AND (expires_at IS NULL OR expires_at > $now) RETURNING attempts";
        AddKey(command, kind, key, now);
        var result = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        var attempts = result is long count ? (int)count : 0;
        if (attempts >= maxAttempts)
        {
            command.CommandText = "DELETE FROM oid4vc_state WHERE kind = $kind AND key = $key";
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return attempts;
    }

    /// <inheritdoc/>
    public async Task<bool> TryUpdateAsync(string kind, string key, string data, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE oid4vc_state SET data = $data WHERE kind = $kind AND key = $key AND (expires_at IS NULL OR expires_at > $now)";
        AddKey(command, kind, key, now);
        command.Parameters.AddWithValue("$data", data);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <inheritdoc/>
    public async Task<long> AllocateIndexAsync(string counter, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(counter);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO oid4vc_counter (name, next) VALUES ($name, 1)
            ON CONFLICT (name) DO UPDATE SET next = next + 1
            RETURNING next
            """;
        command.Parameters.AddWithValue("$name", counter);
        var next = (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        return next - 1;
    }

    /// <inheritdoc/>
    public async Task<int> RemoveExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM oid4vc_state WHERE expires_at IS NOT NULL AND expires_at <= $now";
        command.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static void AddKey(SqliteCommand command, string kind, string key, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrEmpty(kind);
        ArgumentException.ThrowIfNullOrEmpty(key);
        command.Parameters.AddWithValue("$kind", kind);
        command.Parameters.AddWithValue("$key", key);
        command.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
    }

    private static async Task<StateEntry?> ReadOneAsync(SqliteCommand command, string kind, string key, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        var expires = reader.IsDBNull(1) ? (DateTimeOffset?)null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1));
        return new StateEntry(kind, key, reader.GetString(0), expires, reader.GetInt32(2));
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using (var pragma = connection.CreateCommand())
            {
                pragma.CommandText = "PRAGMA busy_timeout = 30000;";
                await pragma.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            if (Volatile.Read(ref _initialized) == 0)
            {
                await InitializeAsync(connection, cancellationToken).ConfigureAwait(false);
            }

            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    // CREATE ... IF NOT EXISTS is idempotent, so instances racing on first use need no lock.
    private async Task InitializeAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = """
            PRAGMA journal_mode = WAL;
            CREATE TABLE IF NOT EXISTS oid4vc_state (
                kind TEXT NOT NULL, key TEXT NOT NULL, data TEXT NOT NULL, expires_at INTEGER NULL, attempts INTEGER NOT NULL DEFAULT 0,
                PRIMARY KEY (kind, key)) WITHOUT ROWID;
            CREATE INDEX IF NOT EXISTS oid4vc_state_expires ON oid4vc_state (expires_at) WHERE expires_at IS NOT NULL;
            CREATE TABLE IF NOT EXISTS oid4vc_counter (name TEXT NOT NULL PRIMARY KEY, next INTEGER NOT NULL) WITHOUT ROWID;
            """;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        Volatile.Write(ref _initialized, 1);
    }
}
