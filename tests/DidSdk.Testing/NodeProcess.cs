using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;

namespace DidSdk.Testing;

/// <summary>
/// A script from <c>tests/devchain</c> running in the background with node (a peer server: an issuer, a verifier), the
/// sibling of <see cref="NodeScript"/>: one JSON request on stdin, then one JSON value per line on stdout. It is ready
/// once it printed its first line (<see cref="Started"/>); later lines are read with <see cref="ReadLineAsync(CancellationToken)"/>. Stopped
/// by its process id (with its children) on dispose. A missing node, or a script that ends before a line it owes, is an
/// exception carrying its stderr (a failed test, never a skip).
/// </summary>
public sealed class NodeProcess : IAsyncDisposable
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly string _script;
    private readonly StringBuilder _stderr = new();

    private NodeProcess(Process process, string script)
    {
        _process = process;
        _script = script;
    }

    /// <summary>The first line the script printed: what it says about itself once it is ready (its URLs, offers, ...).</summary>
    public JsonNode Started { get; private set; } = null!;

    /// <summary>The process id.</summary>
    public int Id => _process.Id;

    /// <summary>
    /// Starts <paramref name="script"/> (a file name in tests/devchain), writes <paramref name="request"/> to its stdin and
    /// closes it, and waits (at most 60 s) for its first line.
    /// </summary>
    public static async Task<NodeProcess> StartAsync(string script, JsonNode request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var process = NodeScript.Start(script);
        var node = new NodeProcess(process, script);
        try
        {
            // Drained as it comes, so a chatty script never blocks on a full stderr pipe.
            process.ErrorDataReceived += node.OnStderr;
            process.BeginErrorReadLine();
            await process.StandardInput.WriteAsync(request.ToJsonString().AsMemory(), cancellationToken).ConfigureAwait(false);
            process.StandardInput.Close();
            node.Started = await node.ReadJsonLineAsync("before it was ready", DefaultTimeout, cancellationToken).ConfigureAwait(false);
            return node;
        }
        catch
        {
            await node.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The next line the script prints, as JSON (at most 60 s).</summary>
    public Task<JsonNode> ReadLineAsync(CancellationToken cancellationToken = default) =>
        ReadJsonLineAsync("without the line it owes", DefaultTimeout, cancellationToken);

    /// <summary>Stops the script (and its children) if it still runs.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().ConfigureAwait(false);
        }

        _process.Dispose();
    }

    private async Task<JsonNode> ReadJsonLineAsync(string when, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        string? line;
        try
        {
            line = await _process.StandardOutput.ReadLineAsync(limit.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"{_script} printed nothing in {timeout.TotalSeconds:0} s: {Stderr()}");
        }

        if (line is null)
        {
            await _process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            throw new InvalidOperationException($"{_script} ended {when} (exit code {_process.ExitCode}): {Stderr()}");
        }

        try
        {
            return JsonNode.Parse(line) ?? throw new InvalidOperationException($"{_script} printed null.");
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new InvalidOperationException($"{_script} did not print JSON: {line}", e);
        }
    }

    private void OnStderr(object sender, DataReceivedEventArgs e)
    {
        if (e.Data is not null)
        {
            lock (_stderr)
            {
                _stderr.AppendLine(e.Data);
            }
        }
    }

    private string Stderr()
    {
        lock (_stderr)
        {
            return _stderr.ToString();
        }
    }
}
