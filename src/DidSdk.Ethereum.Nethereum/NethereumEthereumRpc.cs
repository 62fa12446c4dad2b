using System.Text.Json;
using System.Text.Json.Nodes;
using DidSdk.Ethereum.Rpc;
using Nethereum.JsonRpc.Client;
using Nethereum.JsonRpc.Client.RpcMessages;
using NethereumRpcRequest = Nethereum.JsonRpc.Client.RpcRequest;
using RpcRequest = DidSdk.Ethereum.Rpc.RpcRequest;

namespace DidSdk.Ethereum.Nethereum;

/// <summary>
/// <see cref="IEthereumRpc"/> over a Nethereum <see cref="IClient"/> (for example <c>web3.Client</c>), so the did:ethr
/// resolver, the registrar and the ERC-1056 client use the caller's transport, authentication and request interceptor.
/// </summary>
/// <remarks>
/// Single calls go through <see cref="IClient.SendRequestAsync{T}(NethereumRpcRequest, string)"/>, where an
/// <see cref="IBaseClient.OverridingRequestInterceptor"/> applies. Batches use
/// <see cref="IClient.SendBatchRequestAsync"/> (one round trip per <see cref="NethereumEthereumRpcOptions.MaxBatchSize"/>
/// calls); Nethereum's interceptors have no batch hook, so when the client has an interceptor each call of a batch is sent
/// on its own instead. Nethereum's calls take no <see cref="CancellationToken"/>: cancelling stops the wait at once, and
/// the request itself ends at the client's own timeout. The size limit and retries of <see cref="EthereumRpcClient"/> do
/// not apply: they are the Nethereum client's business here.
/// </remarks>
public sealed class NethereumEthereumRpc : IEthereumRpc
{
    private readonly IClient _client;
    private readonly int _maxBatchSize;
    private long _nextId;

    /// <summary>Creates the adapter.</summary>
    /// <param name="client">The Nethereum client (for example <c>new Web3(url).Client</c>); not disposed.</param>
    /// <param name="options">Batch settings; defaults when <see langword="null"/>.</param>
    public NethereumEthereumRpc(IClient client, NethereumEthereumRpcOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        options ??= new NethereumEthereumRpcOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxBatchSize, 1, nameof(options));
        _client = client;
        _maxBatchSize = options.MaxBatchSize;
    }

    /// <summary>The Nethereum client calls go through.</summary>
    public IClient Client => _client;

    /// <inheritdoc/>
    public async Task<JsonElement> SendAsync(string method, JsonArray parameters, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(method);
        ArgumentNullException.ThrowIfNull(parameters);
        cancellationToken.ThrowIfCancellationRequested();
        var request = new NethereumRpcRequest(Interlocked.Increment(ref _nextId), method, NethereumJson.ToParameters(parameters));
        object? result;
        try
        {
            result = await _client.SendRequestAsync<object>(request).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (NethereumJson.Translate(method, e) is { } translated)
        {
            throw translated;
        }

        return NethereumJson.ToElement(result);
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<RpcResult>> SendBatchAsync(IReadOnlyList<RpcRequest> requests, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requests);
        var results = new List<RpcResult>(requests.Count);
        if (_client.OverridingRequestInterceptor is not null)
        {
            foreach (var request in requests)
            {
                results.Add(await SendOneAsync(request, cancellationToken).ConfigureAwait(false));
            }

            return results;
        }

        for (var start = 0; start < requests.Count; start += _maxBatchSize)
        {
            var chunk = requests.Skip(start).Take(_maxBatchSize).ToList();
            results.AddRange(await SendChunkAsync(chunk, cancellationToken).ConfigureAwait(false));
        }

        return results;
    }

    private async Task<RpcResult> SendOneAsync(RpcRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return RpcResult.Success(await SendAsync(request.Method, request.Parameters, cancellationToken).ConfigureAwait(false));
        }
        catch (EthereumRpcException e)
        {
            return RpcResult.Failure(e.Error);
        }
    }

    private async Task<IReadOnlyList<RpcResult>> SendChunkAsync(List<RpcRequest> chunk, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var items = chunk
            .Select(r => new NethereumBatchItem(new RpcRequestMessage(Interlocked.Increment(ref _nextId), r.Method, NethereumJson.ToParameters(r.Parameters))))
            .ToList();
        var batch = new RpcRequestResponseBatch { AcceptPartiallySuccessful = true };
        batch.BatchItems.AddRange(items);
        try
        {
            await _client.SendBatchRequestAsync(batch).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (NethereumJson.Translate(chunk[0].Method, e) is { } translated)
        {
            // A node may answer a whole batch with one error object (e.g. "batch too large"): every call gets it.
            if (translated is EthereumRpcException rpcError)
            {
                return [.. chunk.Select(_ => RpcResult.Failure(rpcError.Error))];
            }

            throw translated;
        }
        catch (InvalidOperationException e)
        {
            // Nethereum matches replies to requests by id and fails on a reply it cannot place.
            throw new EthereumTransportException("The batch reply does not match the batch request.", e);
        }

        var results = new List<RpcResult>(items.Count);
        foreach (var item in items)
        {
            if (!item.Answered)
            {
                throw new EthereumTransportException($"The batch reply has no answer for call {item.RpcRequestMessage.Id}.");
            }

            results.Add(item.RpcError is { } error
                ? RpcResult.Failure(NethereumJson.ToError(error.Code, error.Message, error.Data))
                : RpcResult.Success(NethereumJson.ToElement(item.RawResponse)));
        }

        return results;
    }
}
