namespace DidSdk.OpenId4Vc.Tests;

public sealed class SqliteStateStoreTests : StateStoreContractTests
{
    private string _directory = "";

    protected override Task<IOpenId4VcStateStore> CreateStoreAsync()
    {
        _directory = Directory.CreateTempSubdirectory("didsdk-oid4vc-store-").FullName;
        return Task.FromResult<IOpenId4VcStateStore>(OpenAnotherInstance());
    }

    protected override IOpenId4VcStateStore OpenAnotherInstance() => new SqliteOpenId4VcStateStore(Path.Combine(_directory, "state.db"));

    protected override Task DeleteStoreAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }
}
