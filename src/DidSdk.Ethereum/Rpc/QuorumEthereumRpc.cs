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
/// against a chain whose majority of validators misbehaves, and it costs one request per node per call. Nodes that are at
/// different heads disagree about <c>latest</c> for a moment; such a call fails rather than trust one of them.
/// </remarks>
public sealed class QuorumEthereumRpc : IEthereumRpc
{
    private readonly IEthereumRpc[] _nodes;

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
    public Task<JsonElement> SendAsync(string method, JsonArray parameters, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(parameters);
        return AgreeAsync(method, (node, token) => node.SendAsync(method, (JsonArray)parameters.DeepClone(), token), Fingerprint, cancellationToken);
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<RpcResult>> SendBatchAsync(IReadOnlyList<RpcRequest> requests, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requests);
        return AgreeAsync(
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
            cancellationToken);
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<EthereumLog>> GetLogsAsync(LogFilter filter, int maxLogs, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentOutOfRangeException.ThrowIfNegative(maxLogs);
        return AgreeAsync("eth_getLogs", (node, token) => node.GetLogsAsync(filter, maxLogs, token), Fingerprint, cancellationToken);
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
