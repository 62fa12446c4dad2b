using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Numerics;
using DidSdk.Core.Dids;
using DidSdk.Core.Resolution;
using DidSdk.Ethereum.Abi;
using DidSdk.Ethereum.Registry;
using DidSdk.Ethereum.Rpc;

namespace DidSdk.Ethereum.Ethr;

/// <summary>
/// Resolves did:ethr DIDs from ERC-1056 registries (did:ethr method specification). Unlike the reference resolver,
/// which walks the <c>previousChange</c> list with two calls per change block, this reads a DID's whole history with
/// one topic-filtered ranged <c>eth_getLogs</c> between batched calls: at most three JSON-RPC round trips however many
/// changes a DID has (changed + head blocks, logs, block timestamps). When a node refuses large ranges (an error object,
/// HTTP 413, or a reply over the client's size limit) it falls back to windows that follow the <c>previousChange</c> pointers. Histories are cached up to the last finalized block (least recently used evicted first).
/// Supports <c>versionId</c> (a block number) and <c>versionTime</c>. Never throws for invalid input or node failures.
/// </summary>
public sealed class EthrDidResolver : IDidMethodResolver
{
    /// <summary>The error for a DID naming a network this resolver was not configured for.</summary>
    public const string UnknownNetworkError = "unknownNetwork";

    /// <summary>
    /// The error when the node(s) did not finish answering within <see cref="EthrDidResolverOptions.Timeout"/> (a silent,
    /// dripping or overloaded node). Problem code DIDSDK5001.
    /// </summary>
    public const string DeadlineExceededError = "deadlineExceeded";

    /// <summary>The error when a DID has more registry events than <see cref="EthrDidResolverOptions.MaxEvents"/>. Problem code DIDSDK5002.</summary>
    public const string TooManyEventsError = "tooManyEvents";

    /// <summary>
    /// The error when the nodes of a <see cref="QuorumEthereumRpc"/> network gave different answers and no quorum agreed.
    /// Problem code DIDSDK5003.
    /// </summary>
    public const string NodesDisagreeError = "nodesDisagree";

    private readonly EthrDidResolverOptions _options;
    private readonly ConcurrentDictionary<(ulong Chain, string Registry, string Identity), History> _histories = new();
    private readonly ConcurrentDictionary<(ulong Chain, ulong Block), long> _timestamps = new();
    private readonly TimeProvider _timeProvider;
    private long _historyClock;

    /// <summary>Creates a resolver for the configured networks.</summary>
    /// <param name="options">The networks and limits.</param>
    /// <param name="timeProvider">The clock for <see cref="EthrDidResolverOptions.Timeout"/>; the system clock by default.</param>
    /// <exception cref="ArgumentException">No network is configured, or two share a name or chain id, or a limit is below 1.</exception>
    public EthrDidResolver(EthrDidResolverOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Networks.Count == 0)
        {
            throw new ArgumentException("Configure at least one network; did:ethr has no default.", nameof(options));
        }

        if (options.Networks.GroupBy(n => n.ChainId).Any(g => g.Count() > 1)
            || options.Networks.Where(n => n.Name is not null).GroupBy(n => n.Name, StringComparer.Ordinal).Any(g => g.Count() > 1))
        {
            throw new ArgumentException("Network names and chain ids must be unique.", nameof(options));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxEvents, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxCachedHistories, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.LogWindowBlocks, 1UL, nameof(options));
        if (options.Timeout <= TimeSpan.Zero && options.Timeout != System.Threading.Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "Timeout must be positive or Timeout.InfiniteTimeSpan.");
        }

        this._options = options;
        this._timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <inheritdoc/>
    public string Method => EthrDid.MethodName;

    /// <inheritdoc/>
    public async Task<DidResolutionResult> ResolveAsync(string did, DidResolutionOptions? options = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (!DidResolution.TryBegin(did, EthrDid.MethodName, options, out _, out var representation, out var failure))
        {
            return failure;
        }

        if (!EthrDid.TryParse(did, out var parsed))
        {
            return DidResolutionResult.Failure(DidResolutionErrors.InvalidDid, "Not a did:ethr DID: the identifier must be an address or a compressed secp256k1 public key.");
        }

        var network = FindNetwork(parsed.Network);
        if (network is null)
        {
            return DidResolutionResult.Failure(UnknownNetworkError, $"The resolver has no configuration for network '{parsed.Network ?? "mainnet"}'.");
        }

        ulong? versionBlock = null;
        if (options?.VersionId is { } versionId)
        {
            if (!ulong.TryParse(versionId, NumberStyles.None, CultureInfo.InvariantCulture, out var block))
            {
                return DidResolutionResult.Failure(DidResolutionErrors.InvalidOptions, "versionId must be a block number.");
            }

            versionBlock = block;
        }

        // One deadline for the whole resolution: every round trip, retry and backoff of every node shares it.
        using var deadline = new CancellationTokenSource(this._options.Timeout, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            return await ResolveCoreAsync(did, parsed, network, versionBlock, options?.VersionTime, representation, options?.NoCache ?? false, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return DidResolutionResult.Failure(DeadlineExceededError, $"The Ethereum node did not answer within {this._options.Timeout.TotalSeconds:0.###} s.");
        }
        catch (EthereumResultLimitException)
        {
            return DidResolutionResult.Failure(TooManyEventsError, $"The DID has more than {this._options.MaxEvents} registry events; raise EthrDidResolverOptions.MaxEvents to resolve it.");
        }
        catch (EthereumQuorumException e)
        {
            return DidResolutionResult.Failure(NodesDisagreeError, e.Message);
        }
        catch (EthereumTransportException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return DidResolutionResult.Failure(DeadlineExceededError, $"The Ethereum node did not answer within {this._options.Timeout.TotalSeconds:0.###} s.");
        }
        catch (EthereumTransportException e)
        {
            return DidResolutionResult.Failure(DidResolutionErrors.InternalError, $"The Ethereum node failed: {e.Message}");
        }
        catch (EthereumRpcException e)
        {
            return DidResolutionResult.Failure(DidResolutionErrors.InternalError, $"The Ethereum node refused a call: {e.Message}");
        }
        catch (HistoryException e)
        {
            return DidResolutionResult.Failure(DidResolutionErrors.InternalError, e.Message);
        }
    }

    private EthrNetwork? FindNetwork(string? name)
    {
        name ??= "mainnet";
        if (name.StartsWith("0x", StringComparison.Ordinal) && Hex.TryParseQuantity(name, out ulong chainId))
        {
            return _options.Networks.FirstOrDefault(n => n.ChainId == chainId);
        }

        return _options.Networks.FirstOrDefault(n => string.Equals(n.Name, name, StringComparison.Ordinal));
    }

    private async Task<DidResolutionResult> ResolveCoreAsync(string did, EthrDid parsed, EthrNetwork network, ulong? versionBlock, DateTimeOffset? versionTime, DidRepresentation representation, bool noCache, CancellationToken cancellationToken)
    {
        var rpc = network.Rpc;

        // Round trip 1: when the identity last changed, the head, the finalized block and (for versionId) the target block.
        var changedCall = EthereumRpcRequests.Call(new CallRequest { To = network.Registry, Data = AbiCodec.EncodeCall("changed(address)", AbiValue.Address(parsed.Address)) });
        var batch = new List<RpcRequest> { changedCall, EthereumRpcRequests.GetBlockByNumber(BlockTags.Latest), EthereumRpcRequests.GetBlockByNumber(BlockTags.Finalized) };
        if (versionBlock is { } vb)
        {
            batch.Add(EthereumRpcRequests.GetBlockByNumber(BlockTags.Number(vb)));
        }

        var first = await rpc.SendBatchAsync(batch, cancellationToken).ConfigureAwait(false);
        var changedData = EthereumRpcRequests.ParseData(first[0].GetResultOrThrow("eth_call"));
        if (!AbiCodec.TryDecode([AbiType.Uint256], changedData, out var changedValues, out _) || changedValues[0].AsInteger() > ulong.MaxValue)
        {
            throw new HistoryException("The registry's changed() answer is malformed; is the registry address right?");
        }

        var changed = (ulong)changedValues[0].AsInteger();
        var head = EthereumRpcRequests.ParseBlock(first[1].GetResultOrThrow("eth_getBlockByNumber")) ?? throw new HistoryException("The node has no latest block.");
        var finalized = first[2].Succeeded && first[2].Result is { } f && EthereumRpcRequests.ParseBlock(f) is { } fb
            ? fb.Number
            : head.Number > _options.FallbackFinalityDepth ? head.Number - _options.FallbackFinalityDepth : 0;
        BigInteger now = head.Timestamp.ToUnixTimeSeconds();
        if (versionBlock is not null)
        {
            var target = EthereumRpcRequests.ParseBlock(first[3].GetResultOrThrow("eth_getBlockByNumber"));
            if (target is null)
            {
                return DidResolutionResult.Failure(DidResolutionErrors.NotFound, "The versionId block does not exist yet.");
            }

            now = target.Timestamp.ToUnixTimeSeconds();
            Remember(network.ChainId, target.Number, target.Timestamp.ToUnixTimeSeconds(), finalized);
        }

        // Round trip 2: the identity's events, by one ranged, topic-filtered eth_getLogs (or windows, if refused).
        var history = await GetHistoryAsync(network, parsed, changed, finalized, noCache, cancellationToken).ConfigureAwait(false);

        // Round trip 3 (only when needed): timestamps of the blocks the metadata or versionTime need.
        var times = new Dictionary<ulong, long>();
        ulong? atBlock = versionBlock;
        if (versionTime is { } time)
        {
            await LoadTimestampsAsync(network, history.Select(e => e.BlockNumber), finalized, times, cancellationToken).ConfigureAwait(false);
            atBlock = history.Where(e => times[e.BlockNumber] <= time.ToUnixTimeSeconds()).Select(e => (ulong?)e.BlockNumber).Max() ?? 0;
            now = time.ToUnixTimeSeconds();
        }

        var state = EthrDidDocumentBuilder.Build(did, parsed, network.ChainId, history, now, atBlock, representation == DidRepresentation.JsonLd);
        var metadataBlocks = new List<ulong>();
        if (state.VersionId != 0)
        {
            metadataBlocks.Add(state.VersionId);
        }

        if (state.NextVersionId is { } next)
        {
            metadataBlocks.Add(next);
        }

        await LoadTimestampsAsync(network, metadataBlocks, finalized, times, cancellationToken).ConfigureAwait(false);
        var metadata = new DidDocumentMetadata
        {
            Deactivated = state.Deactivated ? true : null,
            VersionId = state.VersionId != 0 ? state.VersionId.ToString(CultureInfo.InvariantCulture) : null,
            Updated = state.VersionId != 0 ? DateTimeOffset.FromUnixTimeSeconds(times[state.VersionId]) : null,
            NextVersionId = state.NextVersionId?.ToString(CultureInfo.InvariantCulture),
            NextUpdate = state.NextVersionId is { } n2 ? DateTimeOffset.FromUnixTimeSeconds(times[n2]) : null,
        };
        return DidResolutionResult.Success(state.Document, metadata, representation);
    }

    private async Task<IReadOnlyList<Erc1056Event>> GetHistoryAsync(EthrNetwork network, EthrDid parsed, ulong changed, ulong finalized, bool noCache, CancellationToken cancellationToken)
    {
        if (changed == 0)
        {
            return [];
        }

        var key = (network.ChainId, network.Registry.ToLowerHexString(), parsed.Address.ToLowerHexString());
        var cached = _options.CacheHistory && !noCache && _histories.TryGetValue(key, out var h) ? h : null;
        var known = cached?.Events ?? [];
        var from = cached is null ? 0 : cached.CompleteThrough + 1;
        if (cached is not null)
        {
            cached.LastUsed = Interlocked.Increment(ref _historyClock);
            if (changed <= cached.CompleteThrough)
            {
                return known;
            }
        }

        var logs = await FetchLogsAsync(network, parsed, from, changed, cancellationToken).ConfigureAwait(false);
        var events = new List<Erc1056Event>(known);
        var seen = new HashSet<(ulong Block, ulong Index)>();
        foreach (var log in logs.OrderBy(l => l.BlockNumber).ThenBy(l => l.LogIndex))
        {
            // The node's filter is not trusted: a log from another contract or about another identity, or one repeated,
            // would add keys or shift the #delegate-N numbering.
            if (IsOwnEvent(network, parsed, log, out var decoded, out _) && seen.Add((log.BlockNumber, log.LogIndex)) && log.BlockNumber >= from)
            {
                events.Add(decoded);
            }
        }

        if (events.Count == 0 || events[^1].BlockNumber != changed)
        {
            throw new HistoryException($"The registry says the DID changed in block {changed}, but the node returned no event there; an archive node may be needed.");
        }

        if (_options.CacheHistory)
        {
            if (_histories.Count >= _options.MaxCachedHistories && !_histories.ContainsKey(key))
            {
                EvictLeastRecentlyUsed();
            }

            _histories[key] = new History([.. events.Where(e => e.BlockNumber <= finalized)], Math.Min(finalized, changed))
            {
                LastUsed = Interlocked.Increment(ref _historyClock),
            };
        }

        return events;
    }

    private async Task<List<EthereumLog>> FetchLogsAsync(EthrNetwork network, EthrDid parsed, ulong from, ulong to, CancellationToken cancellationToken)
    {
        var topic = Erc1056EventDecoder.IdentityTopic(parsed.Address);
        LogFilter Filter(ulong start, ulong end) => new() { Address = network.Registry, FromBlock = start, ToBlock = end, Topics = [null, topic] };
        try
        {
            // The limit is enforced while the reply is read: a node sending 200,000 logs costs MaxEvents logs, not 200,000.
            return [.. await network.Rpc.GetLogsAsync(Filter(from, to), _options.MaxEvents, cancellationToken).ConfigureAwait(false)];
        }
        catch (Exception e) when (IsRangeRefusal(e))
        {
            // The node limits ranges or results (an error object, HTTP 413, or a reply over the client's size limit):
            // follow the previousChange pointers window by window.
        }

        var collected = new List<EthereumLog>();
        var window = _options.LogWindowBlocks;
        var end = to;
        while (true)
        {
            var start = end - from + 1 > window ? end - window + 1 : from;
            IReadOnlyList<EthereumLog> logs;
            try
            {
                logs = await network.Rpc.GetLogsAsync(Filter(start, end), _options.MaxEvents - collected.Count, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (window > 1 && IsRangeRefusal(e))
            {
                window /= 2;
                continue;
            }

            collected.AddRange(logs);
            ulong next = 0;
            foreach (var log in logs)
            {
                if (IsOwnEvent(network, parsed, log, out _, out var previous) && previous >= from && previous < start && previous > next)
                {
                    next = previous;
                }
            }

            if (next == 0)
            {
                return collected;
            }

            end = next;
        }
    }

    private static bool IsRangeRefusal(Exception e) => e is EthereumRpcException or EthereumTransportException { IsResponseTooLarge: true };

    private static bool IsOwnEvent(EthrNetwork network, EthrDid parsed, EthereumLog log, [NotNullWhen(true)] out Erc1056Event? decoded, out ulong previousChange)
    {
        decoded = null;
        previousChange = 0;
        return log.Address == network.Registry
            && Erc1056EventDecoder.TryDecode(log, out decoded, out previousChange)
            && decoded.Identity == parsed.Address;
    }

    private async Task LoadTimestampsAsync(EthrNetwork network, IEnumerable<ulong> blocks, ulong finalized, Dictionary<ulong, long> times, CancellationToken cancellationToken)
    {
        var missing = new List<ulong>();
        foreach (var block in blocks.Distinct())
        {
            if (times.ContainsKey(block))
            {
                continue;
            }

            if (_timestamps.TryGetValue((network.ChainId, block), out var known))
            {
                times[block] = known;
            }
            else
            {
                missing.Add(block);
            }
        }

        if (missing.Count == 0)
        {
            return;
        }

        var results = await network.Rpc.SendBatchAsync([.. missing.Select(b => EthereumRpcRequests.GetBlockByNumber(BlockTags.Number(b)))], cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < missing.Count; i++)
        {
            var block = EthereumRpcRequests.ParseBlock(results[i].GetResultOrThrow("eth_getBlockByNumber")) ?? throw new HistoryException($"Block {missing[i]} is missing.");
            times[missing[i]] = block.Timestamp.ToUnixTimeSeconds();
            Remember(network.ChainId, missing[i], times[missing[i]], finalized);
        }
    }

    private void Remember(ulong chainId, ulong block, long timestamp, ulong finalized)
    {
        // Timestamps of finalized blocks never change; newer ones are kept only for this resolution.
        if (block <= finalized && _timestamps.Count < 100_000)
        {
            _timestamps[(chainId, block)] = timestamp;
        }
    }

    // Drops the least recently used eighth of the histories (at least one), so a full cache sorts once per many misses
    // rather than once per miss. Concurrent misses may overshoot the bound by a few entries; the cache is an
    // optimisation, never a source of truth.
    private void EvictLeastRecentlyUsed()
    {
        var count = Math.Max(1, _options.MaxCachedHistories / 8);
        foreach (var key in _histories.OrderBy(p => p.Value.LastUsed).Take(count).Select(p => p.Key).ToList())
        {
            _histories.TryRemove(key, out _);
        }
    }

    private sealed record History(IReadOnlyList<Erc1056Event> Events, ulong CompleteThrough)
    {
        // A tick of historyClock; a lost update between racing readers only makes eviction slightly less exact.
        public long LastUsed { get; set; }
    }

    private sealed class HistoryException(string message) : Exception(message);
}
