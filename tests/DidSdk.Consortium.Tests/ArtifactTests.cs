using System.Diagnostics;
using DidSdk.Testing;

namespace DidSdk.Consortium.Tests;

[TestFixture]
public sealed class ArtifactTests
{
    [Test]
    public async Task CompiledArtifact_RecompiledFromSource_ByteForByteEqual()
    {
        var start = new ProcessStartInfo("node") { RedirectStandardError = true, RedirectStandardOutput = true, WorkingDirectory = RepoPaths.Root };
        start.ArgumentList.Add(Path.Combine(RepoPaths.DevChain, "compile-contracts.mjs"));
        start.ArgumentList.Add("--check");
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.That(process.ExitCode, Is.Zero, await stderr);
    }
}
