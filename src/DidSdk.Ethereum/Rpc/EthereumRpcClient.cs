using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DidSdk.Core.Json;

namespace DidSdk.Ethereum.Rpc;

/// <summary>
/// JSON-RPC 2.0 over HTTP with an injected <see cref="HttpClient"/>: batches, a per-round-trip timeout, retries with
/// exponential backoff and jitter for transient failures only, a reply size limit enforced while reading, and strict
/// reply checks (version, ids, one of result/error). Counts round trips for monitoring.
/// </summary>
public sealed class EthereumRpcClient : IEthereumRpc
{
    private readonly HttpClient _httpClient;
    private readonly EthereumRpcOptions _options;
    private readonly TimeProvider _timeProvider;
    private long _nextId;
    private long _roundTrips;

    /// <summary>The deepest JSON nesting accepted in a reply.</summary>
    internal const int MaxDepth = 64;

    /// <summary>Creates a client for <see cref="EthereumRpcOptions.Endpoint"/>.</summary>
    /// <param name="httpClient">The client (from <c>IHttpClientFactory</c> or the caller); not disposed.</param>
    /// <param name="options">The endpoint and limits.</param>
    /// <param name="timeProvider">The clock for timeouts and retry delays; <see langword="null"/> means <see cref="TimeProvider.System"/>.</param>
    public EthereumRpcClient(HttpClient httpClient, EthereumRpcOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(options.Endpoint);
        ArgumentOutOfRangeException.ThrowIfNegative(options.MaxRetries, nameof(options));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.MaxRetries, EthereumRpcOptions.MaxRetriesLimit, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.Timeout, TimeSpan.Zero, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.CallTimeout, TimeSpan.Zero, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxBatchSize, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxResponseBytes, 1024, nameof(options));
        this._httpClient = httpClient;
        this._options = options;
        this._timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>HTTP round trips made so far (a batch counts once; retries count).</summary>
    public long RoundTrips => Interlocked.Read(ref _roundTrips);

    /// <inheritdoc/>
    public async Task<JsonElement> SendAsync(string method, JsonArray parameters, CancellationToken cancellationToken = default)
    {
        var results = await SendBatchAsync([new RpcRequest(method, parameters)], cancellationToken).ConfigureAwait(false);
        return results[0].GetResultOrThrow(method);
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<RpcResult>> SendBatchAsync(IReadOnlyList<RpcRequest> requests, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requests);
        var results = new List<RpcResult>(requests.Count);
        for (var start = 0; start < requests.Count; start += _options.MaxBatchSize)
        {
            var chunk = requests.Skip(start).Take(_options.MaxBatchSize).ToList();
            results.AddRange(await SendChunkAsync(chunk, cancellationToken).ConfigureAwait(false));
        }

        return results;
    }

    private async Task<IReadOnlyList<RpcResult>> SendChunkAsync(List<RpcRequest> chunk, CancellationToken cancellationToken)
    {
        var ids = new long[chunk.Count];
        var single = chunk.Count == 1;
        JsonNode body;
        if (single)
        {
            ids[0] = Interlocked.Increment(ref _nextId);
            body = Envelope(chunk[0], ids[0]);
        }
        else
        {
            var array = new JsonArray();
            for (var i = 0; i < chunk.Count; i++)
            {
                ids[i] = Interlocked.Increment(ref _nextId);
                array.Add((JsonNode)Envelope(chunk[i], ids[i]));
            }

            body = array;
        }

        var payload = Encoding.UTF8.GetBytes(body.ToJsonString());
        return await WithRetriesAsync(
            single ? chunk[0].Method : "batch",
            payload,
            async (response, token) =>
            {
                var bytes = await ReadBoundedAsync(response, token).ConfigureAwait(false);
                if (StrictJson.TryParseDocument(bytes, MaxDepth, out var document) != StrictJsonStatus.Ok)
                {
                    throw new EthereumTransportException("The node's reply is not valid JSON.", null, (int)response.StatusCode);
                }

                using (document)
                {
                    return Match(document!.RootElement, ids, single);
                }
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// <c>eth_getLogs</c> read as a stream: each log is parsed as it arrives and the reply is abandoned as soon as it holds
    /// more than <paramref name="maxLogs"/> logs, so memory stays proportional to the limit, not to what the node sends.
    /// </summary>
    /// <exception cref="EthereumResultLimitException">The reply holds more than <paramref name="maxLogs"/> logs.</exception>
    public async Task<IReadOnlyList<EthereumLog>> GetLogsAsync(LogFilter filter, int maxLogs, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentOutOfRangeException.ThrowIfNegative(maxLogs);
        var request = EthereumRpcRequests.GetLogs(filter);
        var id = Interlocked.Increment(ref _nextId);
        var payload = Encoding.UTF8.GetBytes(Envelope(request, id).ToJsonString());
        return await WithRetriesAsync(
            request.Method,
            payload,
            async (response, token) =>
            {
                var stream = await response.Content.ReadAsStreamAsync(token).ConfigureAwait(false);
                await using (stream.ConfigureAwait(false))
                {
                    return await LogReplyReader.ReadAsync(stream, id, maxLogs, _options.MaxResponseBytes, token).ConfigureAwait(false);
                }
            },
            cancellationToken).ConfigureAwait(false);
    }

    private async Task<T> WithRetriesAsync<T>(string method, byte[] payload, Func<HttpResponseMessage, CancellationToken, Task<T>> read, CancellationToken cancellationToken)
    {
        // One deadline for the call: attempts and backoff share it, so MaxRetries cannot multiply the wait.
        using var callDeadline = new CancellationTokenSource(_options.CallTimeout, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, callDeadline.Token);
        try
        {
            for (var attempt = 0; ; attempt++)
            {
                try
                {
                    return await PostAsync(method, payload, read, linked.Token).ConfigureAwait(false);
                }
                catch (EthereumTransportException e) when (e.IsTransient && attempt < _options.MaxRetries && !linked.IsCancellationRequested)
                {
                    // The caller's token (e.g. a resolution deadline) and the call deadline also bound the backoff.
                    var backoff = _options.RetryBaseDelay * Math.Pow(2, attempt) * (0.5 + Random.Shared.NextDouble());
                    await Task.Delay(backoff, _timeProvider, linked.Token).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException e) when (callDeadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new EthereumTransportException($"The node did not complete the call within {_options.CallTimeout}.", e);
        }
    }

    private static JsonObject Envelope(RpcRequest request, long id) => new()
    {
        ["jsonrpc"] = "2.0",
        ["id"] = id,
        ["method"] = request.Method,
        ["params"] = request.Parameters.DeepClone(),
    };

    private async Task<T> PostAsync<T>(string method, byte[] payload, Func<HttpResponseMessage, CancellationToken, Task<T>> read, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _roundTrips);
        using var activity = EthereumTelemetry.StartRpc(method);
        using var timeout = new CancellationTokenSource(_options.Timeout, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            using var content = new ByteArrayContent(payload);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var request = new HttpRequestMessage(HttpMethod.Post, _options.Endpoint) { Content = content };
            using var response = await _httpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            if (!response.IsSuccessStatusCode)
            {
                throw new EthereumTransportException($"The node answered HTTP {status}.", null, status);
            }

            return await read(response, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new EthereumTransportException($"The node did not answer within {_options.Timeout}.", e);
        }
        catch (HttpRequestException e)
        {
            throw new EthereumTransportException("The node could not be reached.", e);
        }
        catch (IOException e)
        {
            throw new EthereumTransportException("The connection to the node broke.", e);
        }
    }

    private async Task<ReadOnlyMemory<byte>> ReadBoundedAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var max = _options.MaxResponseBytes;
        if (response.Content.Headers.ContentLength > max)
        {
            throw new EthereumTransportException($"The node's reply is larger than {max} bytes.", null, 200, responseTooLarge: true);
        }

        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            // With a declared length the reply is read into one array of that size (a node that sends more is refused);
            // otherwise the buffer doubles, so the peak stays below twice the reply.
            var declared = response.Content.Headers.ContentLength;
            var buffer = new byte[declared is { } length ? (int)length + 1 : 16 * 1024];
            var filled = 0;
            while (true)
            {
                if (filled == buffer.Length)
                {
                    if (declared is not null || buffer.Length > max)
                    {
                        throw new EthereumTransportException($"The node's reply is larger than {(declared is null ? max : declared)} bytes.", null, 200, responseTooLarge: declared is null);
                    }

                    Array.Resize(ref buffer, (int)Math.Min((long)buffer.Length * 2, max + 1L));
                }

                var read = await stream.ReadAsync(buffer.AsMemory(filled), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                filled += read;
            }

            if (filled > max)
            {
                throw new EthereumTransportException($"The node's reply is larger than {max} bytes.", null, 200, responseTooLarge: true);
            }

            return buffer.AsMemory(0, filled);
        }
    }

    private static List<RpcResult> Match(JsonElement reply, long[] ids, bool single)
    {
        var byId = new Dictionary<long, RpcResult>();
        if (reply.ValueKind == JsonValueKind.Object)
        {
            // A node may answer a whole batch with one error object (e.g. "batch too large").
            var (id, result) = ParseEnvelope(reply);
            if (single || id is null)
            {
                if (id is not null && id != ids[0])
                {
                    throw new EthereumTransportException("The reply's id does not match the request.");
                }

                return [.. ids.Select(_ => result)];
            }

            byId[id.Value] = result;
        }
        else if (reply.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in reply.EnumerateArray())
            {
                var (id, result) = ParseEnvelope(item);
                if (id is null || !byId.TryAdd(id.Value, result))
                {
                    throw new EthereumTransportException("A batch reply has a missing or duplicate id.");
                }
            }
        }
        else
        {
            throw new EthereumTransportException("The reply is neither an object nor an array.");
        }

        var results = new List<RpcResult>(ids.Length);
        foreach (var id in ids)
        {
            results.Add(byId.TryGetValue(id, out var r) ? r : throw new EthereumTransportException($"The batch reply has no answer for call {id}."));
        }

        return results;
    }

    private static (long? Id, RpcResult Result) ParseEnvelope(JsonElement item)
    {
        if (item.ValueKind != JsonValueKind.Object
            || !item.TryGetProperty("jsonrpc", out var version) || version.ValueKind != JsonValueKind.String || version.GetString() != "2.0")
        {
            throw new EthereumTransportException("A reply is not a JSON-RPC 2.0 response object.");
        }

        long? id = item.TryGetProperty("id", out var idElement) && idElement.ValueKind == JsonValueKind.Number && idElement.TryGetInt64(out var n) ? n : null;
        var hasResult = item.TryGetProperty("result", out var result);
        var hasError = item.TryGetProperty("error", out var error);
        if (hasResult == hasError)
        {
            throw new EthereumTransportException("A reply must have exactly one of result and error.");
        }

        if (hasError)
        {
            return (id, new RpcResult(null, ParseError(error)));
        }

        return (id, new RpcResult(result.Clone(), null));
    }

    /// <summary>An error object (JSON-RPC 2.0 §5.1); its message is the node's text, so it is cleaned and shortened.</summary>
    internal static RpcError ParseError(JsonElement error)
    {
        if (error.ValueKind != JsonValueKind.Object || !error.TryGetProperty("code", out var code) || code.ValueKind != JsonValueKind.Number || !code.TryGetInt64(out var c))
        {
            throw new EthereumTransportException("A reply's error object is malformed.");
        }

        var message = error.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? UntrustedText.Sanitize(m.GetString()) : string.Empty;
        JsonElement? data = error.TryGetProperty("data", out var d) ? d.Clone() : null;
        return new RpcError(c, message, data);
    }
}
