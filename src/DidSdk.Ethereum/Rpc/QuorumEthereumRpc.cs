using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DidSdk.Core.Json;

namespace DidSdk.Ethereum.Rpc;

/// <summary>
/// An <see cref="IEthereumRpc"/> over several independent nodes (the did:ethr specification recommends asking more than
/// one): every call goes to all of them at once and an answer is accepted only when <see cref="Quorum"/> nodes gave the
/// identical answer (JSON compared in its RFC 8785 canonical form; an error object counts as an answer by its code). It
/// returns as soon as a quorum agrees, without waiting for slow nodes. A node that cannot be reached is not a vote:
/// calls succeed while a quorum of the others agree, and fail with <see cref="EthereumTransportException"/> when fewer than
/// a quorum answered. Answers that differ with no quorum among them fail with <see cref="EthereumQuorumException"/>.
/// </summary>
/// <remarks>
/// A quorum protects against a minority of nodes that lie, are compromised, serve a fork or are misconfigured (wrong
/// chain, pruned history): to forge a DID document an attacker must control a quorum of the nodes. It does not protect
/// against a chain whose majority of validators misbehaves, and it costs one request per node per call.
/// <para>
/// Nodes are rarely at the same head, so a call that names a moving block (<c>latest</c>, <c>pending</c>, <c>safe</c>,
/// <c>finalized</c>, an <c>eth_getLogs</c> range open at the top) is first pinned: every node is asked for its head and
/// finalized block, and the moving tags are replaced by the highest block that a quorum of the nodes that answered
/// have reached (the stragglers get <see cref="QuorumEthereumRpcOptions.HeadGrace"/> to answer). The answers then
/// describe the same block and can be compared. A minority of nodes cannot move the pin below what the others report
/// unless the others are silent.
/// </para>
/// </remarks>
public sealed class QuorumEthereumRpc : IEthereumRpc
{
    private static readonly string[] MovingTags = [BlockTags.Latest, BlockTags.Pending, BlockTags.Finalized, "safe"];

    private readonly IEthereumRpc[] _nodes;
    private readonly TimeSpan _headGrace;

    /// <summary>Creates the client.</summary>
    /// <param name="nodes">The nodes, each an independent client (e.g. an <see cref="EthereumRpcClient"/> per provider).</param>
    /// <param name="options">The quorum; a majority by default.</param>
    /// <exception cref="ArgumentException">No node, a null node, or a quorum below 1 or above the node count (or not a majority).</exception>
    public QuorumEthereumRpc(IReadOnlyList<IEthereumRpc> nodes, QuorumEthereumRpcOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        if (nodes.Count == 0 || nodes.Any(n => n is null))
        {
            throw new ArgumentException("Configure at least one node, none of them null.", nameof(nodes));
        }

        this._nodes = [.. nodes];
        Quorum = options?.Quorum ?? (nodes.Count / 2) + 1;
        _headGrace = options?.HeadGrace ?? TimeSpan.FromMilliseconds(250);
        ArgumentOutOfRangeException.ThrowIfLessThan(_headGrace, TimeSpan.Zero, nameof(options));

        // A quorum of half or less would let two disjoint groups both "agree".
        if (Quorum > nodes.Count || Quorum * 2 <= nodes.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(options), $"The quorum must be a majority of the {nodes.Count} nodes and at most {nodes.Count}.");
        }
    }

    /// <summary>How many nodes must give the identical answer.</summary>
    public int Quorum { get; }

    /// <summary>How many nodes are configured.</summary>
    public int NodeCount => _nodes.Length;

    /// <inheritdoc/>
    public async Task<JsonElement> SendAsync(string method, JsonArray parameters, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(parameters);
        var pinned = HasMovingTag(parameters) ? Pin(parameters, await AgreeOnHeadAsync(cancellationToken).ConfigureAwait(false)) : parameters;
        return await AgreeAsync(method, (node, token) => node.SendAsync(method, (JsonArray)pinned.DeepClone(), token), Fingerprint, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<RpcResult>> SendBatchAsync(IReadOnlyList<RpcRequest> requests, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requests);
        if (requests.Any(r => HasMovingTag(r.Parameters)))
        {
            var head = await AgreeOnHeadAsync(cancellationToken).ConfigureAwait(false);
            requests = [.. requests.Select(r => HasMovingTag(r.Parameters) ? r with { Parameters = Pin(r.Parameters, head) } : r)];
        }

        return await AgreeAsync(
            requests.Count == 0 ? "batch" : requests[0].Method,
            (node, token) => node.SendBatchAsync(requests, token),
            results =>
            {
                var builder = new StringBuilder();
                foreach (var r in results)
                {
                    builder.Append(r.Succeeded ? Fingerprint(r.Result.Value) : "error:" + r.Error.Code).Append('|');
                }

                return builder.ToString();
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<EthereumLog>> GetLogsAsync(LogFilter filter, int maxLogs, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentOutOfRangeException.ThrowIfNegative(maxLogs);
        if (filter.ToBlock is null)
        {
            var head = await AgreeOnHeadAsync(cancellationToken).ConfigureAwait(false);
            filter = new LogFilter { Address = filter.Address, FromBlock = filter.FromBlock, ToBlock = head.Latest, Topics = filter.Topics };
        }

        return await AgreeAsync("eth_getLogs", (node, token) => node.GetLogsAsync(filter, maxLogs, token), Fingerprint, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The block every moving tag is pinned to: each node reports its head (and finalized block); once a quorum answered,
    /// the rest get the grace period; the pin is the highest block a quorum of the answers reached.
    /// </summary>
    private async Task<PinnedHead> AgreeOnHeadAsync(CancellationToken cancellationToken)
    {
        RpcRequest[] batch = [EthereumRpcRequests.BlockNumber(), EthereumRpcRequests.GetBlockByNumber(BlockTags.Finalized)];
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var pending = _nodes.Select(node => Task.Run(() => node.SendBatchAsync(batch, stop.Token), stop.Token)).ToList();
        var heads = new List<ulong>();
        var finalized = new List<ulong>();
        Task? grace = null;
        try
        {
            while (pending.Count > 0)
            {
                List<Task> waitFor = grace is null ? [.. pending] : [.. pending, grace];
                var done = await Task.WhenAny(waitFor).ConfigureAwait(false);
                if (done == grace)
                {
                    break;
                }

                var answer = (Task<IReadOnlyList<RpcResult>>)done;
                pending.Remove(answer);
                try
                {
                    var results = await answer.ConfigureAwait(false);
                    heads.Add(EthereumRpcRequests.ParseUInt64(results[0].GetResultOrThrow("eth_blockNumber")));
                    if (results.Count > 1 && results[1].Result is { } finalizedBlock && EthereumRpcRequests.ParseBlock(finalizedBlock) is { } block)
                    {
                        finalized.Add(block.Number);
                    }
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    throw;
                }
                catch (Exception e) when (e is EthereumTransportException or EthereumRpcException or OperationCanceledException)
                {
                    // Down or unusable: no say in the head.
                    continue;
                }

                if (heads.Count == Quorum && pending.Count > 0)
                {
                    grace = Task.Delay(_headGrace, stop.Token);
                }
            }
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            foreach (var task in pending)
            {
                _ = task.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        if (heads.Count < Quorum)
        {
            throw new EthereumTransportException($"Only {heads.Count} of {_nodes.Length} nodes reported their head block; {Quorum} must.");
        }

        // The Quorum-th highest value: at least a quorum of the nodes have reached it.
        var latest = heads.OrderDescending().ElementAt(Quorum - 1);
        ulong? final = finalized.Count >= Quorum ? Math.Min(finalized.OrderDescending().ElementAt(Quorum - 1), latest) : null;
        return new PinnedHead(latest, final);
    }

    private static bool IsMovingTag(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) && MovingTags.Contains(text, StringComparer.Ordinal);

    private static bool HasMovingTag(JsonArray parameters) =>
        parameters.Any(p => IsMovingTag(p) || (p is JsonObject o && (IsMovingTag(o["fromBlock"]) || IsMovingTag(o["toBlock"]))));

    private static JsonArray Pin(JsonArray parameters, PinnedHead head)
    {
        var pinned = (JsonArray)parameters.DeepClone();
        for (var i = 0; i < pinned.Count; i++)
        {
            if (IsMovingTag(pinned[i]))
            {
                pinned[i] = head.For(pinned[i]!.GetValue<string>());
            }
            else if (pinned[i] is JsonObject filter)
            {
                foreach (var name in new[] { "fromBlock", "toBlock" })
                {
                    if (IsMovingTag(filter[name]))
                    {
                        filter[name] = head.For(filter[name]!.GetValue<string>());
                    }
                }
            }
        }

        return pinned;
    }

    private sealed record PinnedHead(ulong Latest, ulong? Finalized)
    {
        // Without a finalized block a quorum agrees on, the tag stays: the nodes must then agree on their answers to it.
        public string For(string tag) => tag is BlockTags.Finalized or "safe"
            ? (Finalized is { } f ? BlockTags.Number(f) : tag)
            : BlockTags.Number(Latest);
    }

    private async Task<T> AgreeAsync<T>(string method, Func<IEthereumRpc, CancellationToken, Task<T>> call, Func<T, string> fingerprint, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var pending = _nodes.Select(node => Task.Run(() => call(node, stop.Token), stop.Token)).ToList();
        var votes = new Dictionary<string, (T Value, int Count)>(StringComparer.Ordinal);
        var failures = new List<Exception>();
        var answered = 0;
        try
        {
            while (pending.Count > 0)
            {
                var done = await Task.WhenAny(pending).ConfigureAwait(false);
                pending.Remove(done);
                string key;
                T? value = default;
                try
                {
                    value = await done.ConfigureAwait(false);
                    key = "ok:" + fingerprint(value);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    throw;
                }
                catch (EthereumRpcException e)
                {
                    // An error object is an answer (a revert, a refused range): nodes must agree on it too.
                    key = "error:" + e.Code;
                    failures.Add(e);
                }
                catch (EthereumResultLimitException e)
                {
                    key = "limit:" + e.Limit;
                    failures.Add(e);
                }
                catch (Exception e) when (e is EthereumTransportException or OperationCanceledException)
                {
                    // Down, too slow for its own timeout, or unusable: not a vote.
                    failures.Add(e);
                    if (votes.Values.Select(v => v.Count).DefaultIfEmpty(0).Max() + pending.Count < Quorum)
                    {
                        break;
                    }

                    continue;
                }

                answered++;
                var count = (votes.TryGetValue(key, out var vote) ? vote.Count : 0) + 1;
                votes[key] = (count == 1 ? value! : vote.Value, count);
                if (count >= Quorum)
                {
                    if (key.StartsWith("ok:", StringComparison.Ordinal))
                    {
                        return votes[key].Value;
                    }

                    // A quorum gave the same error: rethrow one of those.
                    throw failures.Last(f => key == (f is EthereumRpcException r ? "error:" + r.Code : f is EthereumResultLimitException l ? "limit:" + l.Limit : null));
                }

                if (votes.Values.Max(v => v.Count) + pending.Count < Quorum)
                {
                    break;
                }
            }
        }
        finally
        {
            // The slower nodes' answers are no longer needed.
            await stop.CancelAsync().ConfigureAwait(false);
            foreach (var task in pending)
            {
                _ = task.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        if (answered < Quorum)
        {
            var tooLarge = failures.Count(f => f is EthereumTransportException { IsResponseTooLarge: true }) >= Quorum;
            throw new EthereumTransportException(
                $"Only {answered} of {_nodes.Length} nodes answered {UntrustedText.Sanitize(method, 64)}; {Quorum} must agree.",
                failures.LastOrDefault(),
                responseTooLarge: tooLarge);
        }

        throw new EthereumQuorumException(method, Quorum, votes.Values.Max(v => v.Count), answered);
    }

    private static string Fingerprint(JsonElement element)
    {
        byte[] canonical;
        try
        {
            canonical = Jcs.Canonicalize(element);
        }
        catch (ArgumentException)
        {
            // Not canonicalizable (a number beyond double range...): compare the exact text instead.
            canonical = Encoding.UTF8.GetBytes(element.GetRawText());
        }

        return Convert.ToHexString(SHA256.HashData(canonical));
    }

    private static string Fingerprint(IReadOnlyList<EthereumLog> logs)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> number = stackalloc byte[8];
        foreach (var log in logs)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(log.Address.ToLowerHexString()));
            Append(hash, number, (ulong)log.Topics.Count);
            foreach (var topic in log.Topics)
            {
                hash.AppendData(topic);
            }

            Append(hash, number, (ulong)log.Data.Length);
            hash.AppendData(log.Data);
            Append(hash, number, log.BlockNumber);
            Append(hash, number, log.LogIndex);
            hash.AppendData(Encoding.UTF8.GetBytes(log.TransactionHash.ToUpperInvariant() + "|"));
        }

        return Convert.ToHexString(hash.GetHashAndReset());
    }

    private static void Append(IncrementalHash hash, Span<byte> scratch, ulong value)
    {
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(scratch, value);
        hash.AppendData(scratch);
    }
}
