using System.ComponentModel;
using System.Diagnostics;
using System.Text.Json.Nodes;

namespace DidSdk.Testing;

/// <summary>
/// Runs a script from <c>tests/devchain</c> with node: one JSON request on stdin, one JSON reply on stdout.
/// A missing node, a non-zero exit or output that is not JSON is an exception (a failed test, never a skip).
/// </summary>
public static class NodeScript
{
    /// <summary>
    /// Starts <paramref name="script"/> (a file name in tests/devchain) with node in tests/devchain, its standard streams
    /// redirected (shared by <see cref="RunAsync(string, JsonNode, TimeSpan, CancellationToken)"/> and <see cref="NodeProcess"/>).
    /// </summary>
    /// <exception cref="FileNotFoundException">The script does not exist, or the npm packages are not installed.</exception>
    /// <exception cref="InvalidOperationException">node is missing.</exception>
    internal static Process Start(string script)
    {
        var path = Path.Combine(RepoPaths.DevChain, script);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Interop script {path} does not exist.", path);
        }

        _ = RepoPaths.NodeModule(); // the packages must be installed
        var start = new ProcessStartInfo("node", [path])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepoPaths.DevChain,
        };
        try
        {
            return Process.Start(start) ?? throw new InvalidOperationException("node did not start.");
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException("Interop tests need Node.js 20+ on PATH (`node`).", e);
        }
    }

    /// <summary>Runs <paramref name="script"/> (a file name in tests/devchain) with <paramref name="request"/> on stdin.</summary>
    public static Task<JsonNode> RunAsync(string script, JsonNode request, CancellationToken cancellationToken = default)
        => RunAsync(script, request, TimeSpan.FromSeconds(90), cancellationToken);

    /// <summary>Runs <paramref name="script"/> with a time limit.</summary>
    public static async Task<JsonNode> RunAsync(string script, JsonNode request, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var process = Start(script);
        using (process)
        {
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            limit.CancelAfter(timeout);
            try
            {
                var stdout = process.StandardOutput.ReadToEndAsync(limit.Token);
                var stderr = process.StandardError.ReadToEndAsync(limit.Token);
                await process.StandardInput.WriteAsync(request.ToJsonString().AsMemory(), limit.Token).ConfigureAwait(false);
                process.StandardInput.Close();
                await process.WaitForExitAsync(limit.Token).ConfigureAwait(false);
                var output = await stdout.ConfigureAwait(false);
                if (process.ExitCode != 0)
                {
                    throw new InvalidOperationException($"{script} exited with {process.ExitCode}: {await stderr.ConfigureAwait(false)}");
                }

                try
                {
                    return JsonNode.Parse(output) ?? throw new InvalidOperationException($"{script} printed null.");
                }
                catch (System.Text.Json.JsonException e)
                {
                    throw new InvalidOperationException($"{script} did not print JSON: {output}", e);
                }
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"{script} did not finish in time.");
            }
        }
    }
}
