using DidSdk.AspNetCore;
using DidSdk.OpenId4Vc;
using DidSdk.OpenId4Vc.PostgreSql;
using Npgsql;

namespace BankSamples;

/// <summary>
/// <c>--store sqlite:FILE</c> (one instance) or <c>--store postgres:CONNSTRING</c> (an Npgsql connection string; every
/// instance behind the load balancer shares the database). Shared by samples/BankIssuer and samples/BankVerifier.
/// </summary>
internal sealed class StateStoreSetting
{
    private const string Sqlite = "sqlite:";
    private const string Postgres = "postgres:";

    private StateStoreSetting(string? sqlitePath, string? postgresConnectionString, string description)
    {
        SqlitePath = sqlitePath;
        PostgresConnectionString = postgresConnectionString;
        Description = description;
    }

    /// <summary>The SQLite file, or <see langword="null"/> for PostgreSQL.</summary>
    public string? SqlitePath { get; }

    /// <summary>The PostgreSQL connection string, or <see langword="null"/> for SQLite.</summary>
    public string? PostgresConnectionString { get; }

    /// <summary>Where the state is, for the start line: the file, or the database and host (never the password).</summary>
    public string Description { get; }

    /// <summary>Parses <paramref name="value"/>; <see langword="null"/> is SQLite in <paramref name="defaultFile"/>.</summary>
    public static StateStoreSetting Parse(string? value, string defaultFile)
    {
        value ??= Sqlite + defaultFile;
        if (value.StartsWith(Sqlite, StringComparison.Ordinal) && value.Length > Sqlite.Length)
        {
            var path = Path.GetFullPath(value[Sqlite.Length..]);
            return new StateStoreSetting(path, null, path);
        }

        if (!value.StartsWith(Postgres, StringComparison.Ordinal))
        {
            throw new ArgumentException("--store is sqlite:FILE or postgres:CONNSTRING.");
        }

        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(value[Postgres.Length..]);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidCastException or OverflowException or KeyNotFoundException)
        {
            // Npgsql's message may quote a value of the string, which can be the password: say only what is wrong in general.
            throw new ArgumentException("--store postgres: the connection string is malformed; use Npgsql's keyword form, e.g. postgres:Host=db.internal;Database=issuer;Username=bank;Password=...");
        }

        if (string.IsNullOrEmpty(builder.Host))
        {
            throw new ArgumentException("--store postgres: the connection string needs Host=.");
        }

        return new StateStoreSetting(null, builder.ConnectionString, $"PostgreSQL database {builder.Database ?? builder.Username ?? "(default)"} on {builder.Host}");
    }

    /// <summary>Registers the <see cref="IOpenId4VcStateStore"/> (and for PostgreSQL its connection pool, disposed with the container).</summary>
    public void AddTo(IServiceCollection services)
    {
        if (SqlitePath is not null)
        {
            services.AddOpenId4VcSqliteStateStore(SqlitePath);
            return;
        }

        services.AddSingleton(_ => NpgsqlDataSource.Create(PostgresConnectionString!));
        services.AddSingleton<IOpenId4VcStateStore>(sp => new PostgreSqlOpenId4VcStateStore(sp.GetRequiredService<NpgsqlDataSource>()));
    }

    /// <summary>
    /// For PostgreSQL, opens the database and creates the tables before the service takes requests; returns a message
    /// when that fails (unreachable, refused credentials), <see langword="null"/> when the store is ready.
    /// </summary>
    public async Task<string?> PrepareAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        if (services.GetRequiredService<IOpenId4VcStateStore>() is not PostgreSqlOpenId4VcStateStore store)
        {
            return null;
        }

        try
        {
            await store.EnsureCreatedAsync(cancellationToken);
            return null;
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            return $"--store postgres: cannot use {Description}: {e.Message}";
        }
    }
}
