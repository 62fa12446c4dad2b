using System.Diagnostics;
using System.Text.Json.Nodes;

namespace DidSdk.Interop.Tests;

/// <summary>Runs a script from tests/devchain with node: one JSON request on stdin, one JSON reply on stdout. A missing node fails the test.</summary>
internal static class NodeScript
{
    public static async Task<JsonNode> RunAsync(string script, JsonNode request, CancellationToken cancellationToken = default)
    {
        var path = Path.Combine(RepoRoot(), "tests", "devchain", script);
        var start = new ProcessStartInfo("node", [path])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("Interop tests need Node.js 20+ on PATH (`node`).", e);
        }

        using (process)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(60));
            await process.StandardInput.WriteAsync(request.ToJsonString());
            process.StandardInput.Close();
            var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
            var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
            await process.WaitForExitAsync(timeout.Token);
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"{script} exited with {process.ExitCode}: {await stderr}");
            }

            return JsonNode.Parse(await stdout) ?? throw new InvalidOperationException($"{script} printed no JSON.");
        }
    }

    public static string RepoRoot([System.Runtime.CompilerServices.CallerFilePath] string sourceFile = "")
    {
        // The build output may live outside the repository (--artifacts-path), so the source location is the fallback.
        foreach (var start in new[] { AppContext.BaseDirectory, Path.GetDirectoryName(sourceFile) ?? string.Empty })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "DidSdk.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException("DidSdk.sln not found above the test directory.");
    }
}
