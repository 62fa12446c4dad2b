using DidSdk.Testing;

namespace DidSdk.OpenId4Vc.PostgreSql.Tests;

[Category("Integration")]
public sealed class PostgreSqlServerTests
{
    [Test]
    public async Task Dispose_StopsThePostmasterByProcessIdAndDeletesItsDirectory()
    {
        var server = await PostgreSqlServer.StartAsync();
        var processId = server.ProcessId;
        using var process = System.Diagnostics.Process.GetProcessById(processId);

        // This server's own directory, not a count of them all: other test assemblies start and stop servers meanwhile.
        var directory = server.TempDirectory;
        Assert.That(Directory.GetDirectories(Path.GetTempPath(), "didsdk-pg-*"), Does.Contain(directory));
        await server.DisposeAsync();

        Assert.That(process.WaitForExit(TimeSpan.FromSeconds(10)), Is.True, "postmaster exited");
        Assert.That(Directory.Exists(directory), Is.False, "its directory is deleted");
        Assert.That(Directory.Exists(PostgreSqlFixture.Server.TempDirectory), Is.True, "the shared server's directory is kept");
        Assert.That(PostgreSqlFixture.Server.ProcessId, Is.Not.EqualTo(processId), "the shared server is another one and still runs");
    }
}
