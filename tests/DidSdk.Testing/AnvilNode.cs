using System.Collections.Concurrent;
using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace DidSdk.Testing;

/// <summary>One of anvil's funded development accounts (the well-known "test … junk" mnemonic).</summary>
/// <param name="Index">The account's index in anvil's list.</param>
/// <param name="Address">The EIP-55 address anvil printed.</param>
/// <param name="PrivateKeyHex">The private key as anvil printed it (0x-prefixed hex).</param>
public sealed record DevAccount(int Index, string Address, string PrivateKeyHex)
{
    /// <summary>The 32-byte private key. A fresh copy each time.</summary>
    public byte[] PrivateKey => Convert.FromHexString(PrivateKeyHex.AsSpan(2));
}

/// <summary>Options for a local anvil node.</summary>
public sealed class AnvilOptions
{
    /// <summary>The chain id (<c>--chain-id</c>). Default 31337, anvil's own default.</summary>
    public ulong ChainId { get; init; } = 31337;

    /// <summary>Seconds between blocks (<c>--block-time</c>); null mines one block per transaction.</summary>
    public int? BlockTimeSeconds { get; init; }

    /// <summary>Further command-line arguments.</summary>
    public IReadOnlyList<string> ExtraArguments { get; init; } = [];

    /// <summary>How long to wait for the node to answer <c>eth_chainId</c>.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(30);
}

/// <summary>
/// A real anvil node (from the npm package <c>@foundry-rs/anvil-linux-amd64</c> in tests/devchain) on a free
/// 127.0.0.1 port. <see cref="StartAsync"/> returns when the node answers JSON-RPC; disposing kills the process
/// tree. A missing binary is an exception naming the set-up command: tests fail loudly, they never skip.
/// </summary>
public sealed partial class AnvilNode : IAsyncDisposable
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lastOutput;
    private int _requestId;
    private int _disposed;

    private AnvilNode(Process process, Uri rpcUrl, ulong chainId, IReadOnlyList<DevAccount> accounts, ConcurrentQueue<string> lastOutput)
    {
        this._process = process;
        this._lastOutput = lastOutput;
        RpcUrl = rpcUrl;
        ChainId = chainId;
        Accounts = accounts;
    }

    /// <summary>The node's HTTP JSON-RPC endpoint, e.g. <c>http://127.0.0.1:34587/</c>.</summary>
    public Uri RpcUrl { get; }

    /// <summary>The chain id the node was started with.</summary>
    public ulong ChainId { get; }

    /// <summary>The 10 funded development accounts, in anvil's order.</summary>
    public IReadOnlyList<DevAccount> Accounts { get; }

    /// <summary>The operating-system process id of the node.</summary>
    public int ProcessId => _process.Id;

    /// <summary>The path of the anvil binary in tests/devchain/node_modules; throws when npm packages are missing.</summary>
    public static string BinaryPath => RepoPaths.NodeModule("@foundry-rs", "anvil-linux-amd64", "bin", "anvil");

    /// <summary>Starts anvil on a free loopback port and waits until it answers.</summary>
    public static async Task<AnvilNode> StartAsync(AnvilOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new AnvilOptions();
        var start = new ProcessStartInfo(BinaryPath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "--host", "127.0.0.1", "--port", "0", "--chain-id", options.ChainId.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(arg);
        }

        if (options.BlockTimeSeconds is { } blockTime)
        {
            start.ArgumentList.Add("--block-time");
            start.ArgumentList.Add(blockTime.ToString(CultureInfo.InvariantCulture));
        }

        foreach (var arg in options.ExtraArguments)
        {
            start.ArgumentList.Add(arg);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("anvil did not start.");
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException($"anvil could not be started from {start.FileName}: {e.Message}. Run `./build.sh test` (npm ci in tests/devchain).", e);
        }

        var lastOutput = new ConcurrentQueue<string>();
        try
        {
            var (url, addresses, keys) = await ReadBannerAsync(process, lastOutput, options.StartTimeout, cancellationToken).ConfigureAwait(false);
            if (addresses.Count != keys.Count || addresses.Count == 0)
            {
                throw new InvalidOperationException("anvil printed no development accounts.");
            }

            var accounts = addresses.Select((a, i) => new DevAccount(i, a, keys[i])).ToArray();
            _ = DrainAsync(process.StandardOutput, lastOutput);
            _ = DrainAsync(process.StandardError, lastOutput);
            var node = new AnvilNode(process, url, options.ChainId, accounts, lastOutput);
            var chainId = await node.RpcAsync("eth_chainId", [], cancellationToken).ConfigureAwait(false);
            if (ulong.Parse(chainId.GetValue<string>().AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture) != options.ChainId)
            {
                throw new InvalidOperationException($"anvil answered chain id {chainId}, expected {options.ChainId}.");
            }

            return node;
        }
        catch
        {
            Kill(process);
            process.Dispose();
            throw;
        }
    }

    /// <summary>Sends one raw JSON-RPC request (independent of the SDK's client) and returns <c>result</c>; an error object throws.</summary>
    public async Task<JsonNode> RpcAsync(string method, JsonArray parameters, CancellationToken cancellationToken = default)
    {
        var request = new JsonObject
        {
            ["jsonrpc"] = "2.0",
            ["id"] = Interlocked.Increment(ref _requestId),
            ["method"] = method,
            ["params"] = parameters,
        };
        using var content = new StringContent(request.ToJsonString(), Encoding.UTF8, "application/json");
        using var response = await Http.PostAsync(RpcUrl, content, cancellationToken).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        var reply = JsonNode.Parse(text)?.AsObject() ?? throw new InvalidOperationException($"{method}: empty reply");
        if (reply["error"] is { } error)
        {
            throw new InvalidOperationException($"{method} failed: {error.ToJsonString()}");
        }

        return reply["result"] ?? JsonValue.Create((string?)null)!;
    }

    /// <summary>The latest block number.</summary>
    public async Task<ulong> GetBlockNumberAsync(CancellationToken cancellationToken = default)
        => ParseQuantity(await RpcAsync("eth_blockNumber", [], cancellationToken).ConfigureAwait(false));

    /// <summary>Mines <paramref name="blocks"/> empty blocks (<c>anvil_mine</c>).</summary>
    public Task MineAsync(int blocks = 1, CancellationToken cancellationToken = default)
        => RpcAsync("anvil_mine", [$"0x{blocks:x}"], cancellationToken);

    /// <summary>Moves the chain's clock forward (<c>evm_increaseTime</c>) and mines a block so the new time is visible.</summary>
    public async Task IncreaseTimeAsync(TimeSpan by, CancellationToken cancellationToken = default)
    {
        await RpcAsync("evm_increaseTime", [(long)by.TotalSeconds], cancellationToken).ConfigureAwait(false);
        await MineAsync(1, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Takes a state snapshot (<c>evm_snapshot</c>) and returns its id.</summary>
    public async Task<string> SnapshotAsync(CancellationToken cancellationToken = default)
        => (await RpcAsync("evm_snapshot", [], cancellationToken).ConfigureAwait(false)).GetValue<string>();

    /// <summary>Reverts to a snapshot (<c>evm_revert</c>).</summary>
    public Task RevertAsync(string snapshotId, CancellationToken cancellationToken = default)
        => RpcAsync("evm_revert", [snapshotId], cancellationToken);

    /// <summary>Sends a transaction from an unlocked dev account (<c>eth_sendTransaction</c>) and waits for its receipt.</summary>
    public async Task<JsonObject> SendTransactionAsync(JsonObject transaction, CancellationToken cancellationToken = default)
    {
        var hash = (await RpcAsync("eth_sendTransaction", [transaction], cancellationToken).ConfigureAwait(false)).GetValue<string>();
        return await WaitForReceiptAsync(hash, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Polls <c>eth_getTransactionReceipt</c> until the transaction is mined (30 s at most).</summary>
    public async Task<JsonObject> WaitForReceiptAsync(string transactionHash, CancellationToken cancellationToken = default)
    {
        for (var attempt = 0; attempt < 300; attempt++)
        {
            var receipt = await RpcAsync("eth_getTransactionReceipt", [transactionHash], cancellationToken).ConfigureAwait(false);
            if (receipt is JsonObject mined)
            {
                return mined;
            }

            await Task.Delay(100, cancellationToken).ConfigureAwait(false);
        }

        throw new TimeoutException($"Transaction {transactionHash} was not mined within 30 s.");
    }

    /// <summary>The last lines anvil wrote, for diagnosing a failed test.</summary>
    public string RecentOutput() => string.Join('\n', _lastOutput);

    /// <summary>Kills the node and its children.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        Kill(_process);
        try
        {
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _process.WaitForExitAsync(wait.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The kill was requested; a process that lingers is reported by the OS, not by the test.
        }

        _process.Dispose();
    }

    internal static ulong ParseQuantity(JsonNode node)
        => ulong.Parse(node.GetValue<string>().AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    private static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    private static async Task<(Uri Url, List<string> Addresses, List<string> Keys)> ReadBannerAsync(
        Process process, ConcurrentQueue<string> lastOutput, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        var addresses = new List<string>();
        var keys = new List<string>();
        var section = string.Empty;
        while (true)
        {
            string? line;
            try
            {
                line = await process.StandardOutput.ReadLineAsync(limit.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"anvil did not start listening within {timeout}. Output:\n{string.Join('\n', lastOutput)}");
            }

            if (line is null)
            {
                var stderr = await process.StandardError.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
                throw new InvalidOperationException($"anvil exited before listening. Output:\n{string.Join('\n', lastOutput)}\n{stderr}");
            }

            Remember(lastOutput, line);
            if (line.StartsWith("Available Accounts", StringComparison.Ordinal) || line.StartsWith("Private Keys", StringComparison.Ordinal))
            {
                section = line;
                continue;
            }

            var item = ItemLine().Match(line);
            if (item.Success)
            {
                (section.StartsWith("Private", StringComparison.Ordinal) ? keys : section.StartsWith("Available", StringComparison.Ordinal) ? addresses : null)?.Add(item.Groups[1].Value);
                continue;
            }

            var listening = ListeningLine().Match(line);
            if (listening.Success)
            {
                return (new Uri($"http://{listening.Groups[1].Value}/"), addresses, keys);
            }
        }
    }

    private static async Task DrainAsync(StreamReader reader, ConcurrentQueue<string> lastOutput)
    {
        try
        {
            while (await reader.ReadLineAsync().ConfigureAwait(false) is { } line)
            {
                Remember(lastOutput, line);
            }
        }
        catch (ObjectDisposedException)
        {
            // The process was disposed.
        }
        catch (IOException)
        {
            // The pipe closed when the process was killed.
        }
    }

    private static void Remember(ConcurrentQueue<string> lastOutput, string line)
    {
        lastOutput.Enqueue(line);
        while (lastOutput.Count > 200 && lastOutput.TryDequeue(out _))
        {
        }
    }

    [GeneratedRegex(@"^\(\d+\) (0x[0-9a-fA-F]{40,64})\b")]
    private static partial Regex ItemLine();

    [GeneratedRegex(@"^Listening on (127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningLine();
}
