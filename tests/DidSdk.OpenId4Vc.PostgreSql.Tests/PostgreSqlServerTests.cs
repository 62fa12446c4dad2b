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
        var directories = Directory.GetDirectories(Path.GetTempPath(), "didsdk-pg-*").ToHashSet();
        await server.DisposeAsync();

        Assert.That(process.WaitForExit(TimeSpan.FromSeconds(10)), Is.True, "postmaster exited");
        Assert.That(Directory.GetDirectories(Path.GetTempPath(), "didsdk-pg-*"), Has.Length.EqualTo(directories.Count - 1));
        Assert.That(PostgreSqlFixture.Server.ProcessId, Is.Not.EqualTo(processId), "the shared server is another one and still runs");
    }
}
