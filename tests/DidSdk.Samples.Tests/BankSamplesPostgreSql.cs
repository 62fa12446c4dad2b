using DidSdk.Testing;

namespace DidSdk.Samples.Tests;

/// <summary>
/// One PostgreSQL server for the BankIssuer and BankVerifier store tests, started by the first test that asks for a
/// database (the other sample tests never start it) and stopped when the assembly's tests end.
/// </summary>
[SetUpFixture]
public sealed class BankSamplesPostgreSql
{
    private static readonly Lock Gate = new();
    private static Task<PostgreSqlServer>? _server;
    private static int _databases;

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public static async Task<string> NewDatabaseAsync()
    {
        Task<PostgreSqlServer> starting;
        lock (Gate)
        {
            starting = _server ??= PostgreSqlServer.StartAsync();
        }

        var server = await starting;
        var name = "bank" + Interlocked.Increment(ref _databases);
        await server.CreateDatabaseAsync(name);
        return server.ConnectionString(name);
    }

    [OneTimeTearDown]
    public async Task StopServer()
    {
        if (_server is { IsCompletedSuccessfully: true } started)
        {
            await (await started).DisposeAsync();
        }
    }
}
