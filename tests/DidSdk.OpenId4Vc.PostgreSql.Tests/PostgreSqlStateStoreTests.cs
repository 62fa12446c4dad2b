using DidSdk.OpenId4Vc.Tests;
using Npgsql;

namespace DidSdk.OpenId4Vc.PostgreSql.Tests;

[Category("Integration")]
public sealed class PostgreSqlStateStoreTests : StateStoreContractTests
{
    private readonly List<NpgsqlDataSource> _dataSources = [];
    private string _connectionString = "";

    protected override async Task<IOpenId4VcStateStore> CreateStoreAsync()
    {
        _connectionString = await PostgreSqlFixture.NewDatabaseAsync();
        return OpenAnotherInstance();
    }

    protected override IOpenId4VcStateStore OpenAnotherInstance()
    {
        var dataSource = NpgsqlDataSource.Create(_connectionString);
        _dataSources.Add(dataSource);
        return new PostgreSqlOpenId4VcStateStore(dataSource);
    }

    protected override async Task DeleteStoreAsync()
    {
        foreach (var dataSource in _dataSources)
        {
            await dataSource.DisposeAsync();
        }

        _dataSources.Clear();
    }

    [Test]
    public async Task FirstUse_InstancesStartingTogether_CreateTheSchemaOnce()
    {
        // Fresh database: eight instances race through table creation.
        _connectionString = await PostgreSqlFixture.NewDatabaseAsync();
        var stores = Enumerable.Range(0, 8).Select(_ => OpenAnotherInstance()).ToArray();
        var indexes = await Task.WhenAll(stores.Select(s => Task.Run(() => s.AllocateIndexAsync("list"))));
        Assert.That(indexes.Order(), Is.EqualTo(Enumerable.Range(0, 8).Select(i => (long)i)));
    }

    [Test]
    public async Task Fixture_ServerRunsAsItsOwnProcess()
    {
        using var process = System.Diagnostics.Process.GetProcessById(PostgreSqlFixture.Server.ProcessId);
        Assert.That(process.HasExited, Is.False);
        await using var dataSource = NpgsqlDataSource.Create(_connectionString);
        await using var command = dataSource.CreateCommand("SHOW server_version_num");
        Assert.That(int.Parse((string)(await command.ExecuteScalarAsync())!, System.Globalization.CultureInfo.InvariantCulture), Is.GreaterThanOrEqualTo(150000));
    }
}
