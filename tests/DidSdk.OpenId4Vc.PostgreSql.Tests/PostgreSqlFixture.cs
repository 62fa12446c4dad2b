using DidSdk.Testing;

namespace DidSdk.OpenId4Vc.PostgreSql.Tests;

/// <summary>One PostgreSQL server for the whole assembly; each test creates its own database on it.</summary>
[SetUpFixture]
public sealed class PostgreSqlFixture
{
    private static PostgreSqlServer? _server;
    private static int _databases;

    public static PostgreSqlServer Server => _server ?? throw new InvalidOperationException("The PostgreSQL fixture did not start.");

    [OneTimeSetUp]
    public async Task StartServer() => _server = await PostgreSqlServer.StartAsync();

    [OneTimeTearDown]
    public async Task StopServer()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public static async Task<string> NewDatabaseAsync()
    {
        var name = "t" + Interlocked.Increment(ref _databases);
        await Server.CreateDatabaseAsync(name);
        return Server.ConnectionString(name);
    }
}
