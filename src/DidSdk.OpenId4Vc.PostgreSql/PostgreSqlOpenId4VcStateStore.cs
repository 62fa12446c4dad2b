using Npgsql;
using NpgsqlTypes;

namespace DidSdk.OpenId4Vc.PostgreSql;

/// <summary>
/// An <see cref="IOpenId4VcStateStore"/> on PostgreSQL, for several issuer or verifier instances sharing one database.
/// Every operation is one statement or one short transaction under PostgreSQL's row locks: single-use consumption is a
/// <c>DELETE ... RETURNING</c> (of racing instances exactly one gets the row), index allocation an
/// <c>INSERT ... ON CONFLICT DO UPDATE ... RETURNING</c> on one counter row (no index twice, no gaps unless a caller
/// drops what it got). The tables <c>oid4vc_state</c> and <c>oid4vc_counter</c> are created on first use (in the
/// connection's <c>search_path</c>) when missing.
/// </summary>
public sealed class PostgreSqlOpenId4VcStateStore : IOpenId4VcStateStore
{
    // Any constant works: it only serializes the CREATE statements of instances starting at the same moment
    // (concurrent CREATE TABLE IF NOT EXISTS can otherwise fail on PostgreSQL's catalog unique index).
    private const long SchemaLockKey = 0x4f49_4434_5643_0001;

    private readonly NpgsqlDataSource _dataSource;
    private int _initialized;

    /// <summary>Creates a store on a data source the caller owns (and disposes).</summary>
    /// <param name="dataSource">The connection pool, for example <c>NpgsqlDataSource.Create(connectionString)</c>.</param>
    public PostgreSqlOpenId4VcStateStore(NpgsqlDataSource dataSource)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        _dataSource = dataSource;
    }

    /// <summary>Creates the tables when missing. Optional: every other operation does it on first use.</summary>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task<bool> TryAddAsync(StateEntry entry, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentException.ThrowIfNullOrEmpty(entry.Kind, nameof(entry));
        ArgumentException.ThrowIfNullOrEmpty(entry.Key, nameof(entry));
        ArgumentNullException.ThrowIfNull(entry.Data, nameof(entry));
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            """
            INSERT INTO oid4vc_state (kind, key, data, expires_at, attempts) VALUES ($1, $2, $3, $4, 0)
            ON CONFLICT (kind, key) DO UPDATE SET data = excluded.data, expires_at = excluded.expires_at, attempts = 0
            WHERE oid4vc_state.expires_at IS NOT NULL AND oid4vc_state.expires_at <= $5
            """, connection);

        // An expired row with the same key is replaced; a live one wins (the conflict update's WHERE fails: 0 rows).
        command.Parameters.Add(Text(entry.Kind));
        command.Parameters.Add(Text(entry.Key));
        command.Parameters.Add(Text(entry.Data));
        command.Parameters.Add(entry.ExpiresAt is { } expires ? Time(expires) : new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.TimestampTz, Value = DBNull.Value });
        command.Parameters.Add(Time(now));
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <inheritdoc/>
    public async Task<StateEntry?> GetAsync(string kind, string key, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = KeyCommand(
            "SELECT data, expires_at, attempts FROM oid4vc_state WHERE kind = $1 AND key = $2 AND (expires_at IS NULL OR expires_at > $3)",
            connection, kind, key, now);
        return await ReadOneAsync(command, kind, key, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task<StateEntry?> TryConsumeAsync(string kind, string key, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);

        // Under READ COMMITTED a second DELETE of the same row waits for the first, then finds it gone: one winner.
        await using var command = KeyCommand(
            "DELETE FROM oid4vc_state WHERE kind = $1 AND key = $2 AND (expires_at IS NULL OR expires_at > $3) RETURNING data, expires_at, attempts",
            connection, kind, key, now);
        return await ReadOneAsync(command, kind, key, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task<int> RecordFailedAttemptAsync(string kind, string key, int maxAttempts, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAttempts, 1);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

        // The UPDATE locks the row until commit, so concurrent failures are counted one after the other.
        await using var update = KeyCommand(
            "UPDATE oid4vc_state SET attempts = attempts + 1 WHERE kind = $1 AND key = $2 AND (expires_at IS NULL OR expires_at > $3) RETURNING attempts",
            connection, kind, key, now);
        update.Transaction = transaction;
        var attempts = await update.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is int count ? count : 0;
        if (attempts >= maxAttempts)
        {
            await using var delete = new NpgsqlCommand("DELETE FROM oid4vc_state WHERE kind = $1 AND key = $2", connection, transaction);
            delete.Parameters.Add(Text(kind));
            delete.Parameters.Add(Text(key));
            await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return attempts;
    }

    /// <inheritdoc/>
    public async Task<bool> TryUpdateAsync(string kind, string key, string data, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = KeyCommand(
            "UPDATE oid4vc_state SET data = $4 WHERE kind = $1 AND key = $2 AND (expires_at IS NULL OR expires_at > $3)",
            connection, kind, key, now);
        command.Parameters.Add(Text(data));
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <inheritdoc/>
    public async Task<long> AllocateIndexAsync(string counter, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(counter);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);

        // ON CONFLICT DO UPDATE takes the counter row's lock and increments the latest committed value.
        await using var command = new NpgsqlCommand(
            """
            INSERT INTO oid4vc_counter (name, next) VALUES ($1, 1)
            ON CONFLICT (name) DO UPDATE SET next = oid4vc_counter.next + 1
            RETURNING next
            """, connection);
        command.Parameters.Add(Text(counter));
        var next = (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        return next - 1;
    }

    /// <inheritdoc/>
    public async Task<int> RemoveExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand("DELETE FROM oid4vc_state WHERE expires_at IS NOT NULL AND expires_at <= $1", connection);
        command.Parameters.Add(Time(now));
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static NpgsqlParameter<string> Text(string value) => new() { NpgsqlDbType = NpgsqlDbType.Text, TypedValue = value };

    // timestamptz takes UTC only; microsecond precision is ample for expiry.
    private static NpgsqlParameter<DateTimeOffset> Time(DateTimeOffset value) => new() { NpgsqlDbType = NpgsqlDbType.TimestampTz, TypedValue = value.ToUniversalTime() };

    private static NpgsqlCommand KeyCommand(string sql, NpgsqlConnection connection, string kind, string key, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrEmpty(kind);
        ArgumentException.ThrowIfNullOrEmpty(key);
        var command = new NpgsqlCommand(sql, connection);
        command.Parameters.Add(Text(kind));
        command.Parameters.Add(Text(key));
        command.Parameters.Add(Time(now));
        return command;
    }

    private static async Task<StateEntry?> ReadOneAsync(NpgsqlCommand command, string kind, string key, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        var expires = reader.IsDBNull(1) ? (DateTimeOffset?)null : reader.GetFieldValue<DateTimeOffset>(1);
        return new StateEntry(kind, key, reader.GetString(0), expires, reader.GetInt32(2));
    }

    private async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
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

    private async Task InitializeAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            $"""
            SELECT pg_advisory_xact_lock({SchemaLockKey});
            CREATE TABLE IF NOT EXISTS oid4vc_state (
                kind text NOT NULL, key text NOT NULL, data text NOT NULL, expires_at timestamptz NULL, attempts integer NOT NULL DEFAULT 0,
                PRIMARY KEY (kind, key));
            CREATE INDEX IF NOT EXISTS oid4vc_state_expires ON oid4vc_state (expires_at) WHERE expires_at IS NOT NULL;
            CREATE TABLE IF NOT EXISTS oid4vc_counter (name text NOT NULL PRIMARY KEY, next bigint NOT NULL);
            """, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        Volatile.Write(ref _initialized, 1);
    }
}
