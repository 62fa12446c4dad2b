using System.Text.Json;
using DidSdk.Core.Json;

namespace DidSdk.Ethereum.Rpc;

/// <summary>
/// Reads an <c>eth_getLogs</c> reply from the network as it arrives (a JSON-RPC 2.0 response object, members in any
/// order): each log is parsed as soon as it is complete, the log limit and the byte limit are enforced while reading, and
/// the buffer only ever holds the log being read. A reply with more logs than allowed is abandoned at the first log too
/// many instead of after it has been read, parsed and materialised.
/// </summary>
internal sealed class LogReplyReader
{
    private const int InitialBuffer = 64 * 1024;
    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = EthereumRpcClient.MaxDepth };

    private readonly Stream stream;
    private readonly long id;
    private readonly int maxLogs;
    private readonly int maxBytes;
    private readonly List<EthereumLog> logs = [];
    private readonly HashSet<string> members = new(StringComparer.Ordinal);
    private byte[] buffer = new byte[InitialBuffer];
    private int start;
    private int end;
    private long total;
    private bool final;
    private JsonReaderState state = new(ReaderOptions);
    private Phase phase = Phase.Start;
    private string? member;
    private bool hasResult;
    private RpcError? error;
    private long? replyId;

    private LogReplyReader(Stream stream, long id, int maxLogs, int maxBytes)
    {
        this.stream = stream;
        this.id = id;
        this.maxLogs = maxLogs;
        this.maxBytes = maxBytes;
    }

    private enum Phase
    {
        Start,
        Member,
        Value,
        Logs,
        End,
        Done,
    }

    public static async Task<IReadOnlyList<EthereumLog>> ReadAsync(Stream stream, long id, int maxLogs, int maxBytes, CancellationToken cancellationToken)
    {
        var reader = new LogReplyReader(stream, id, maxLogs, maxBytes);
        while (reader.phase != Phase.Done)
        {
            bool progressed;
            try
            {
                progressed = reader.Step();
            }
            catch (JsonException)
            {
                throw new EthereumTransportException("The node's reply is not valid JSON.");
            }

            if (!progressed)
            {
                await reader.FillAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        return reader.Finish();
    }

    private List<EthereumLog> Finish()
    {
        if (hasResult == (error is not null))
        {
            throw new EthereumTransportException("A reply must have exactly one of result and error.");
        }

        if (replyId != id && !(error is not null && replyId is null))
        {
            throw new EthereumTransportException("The reply's id does not match the request.");
        }

        if (!members.Contains("jsonrpc"))
        {
            throw new EthereumTransportException("A reply is not a JSON-RPC 2.0 response object.");
        }

        return error is not null ? throw new EthereumRpcException("eth_getLogs", error) : logs;
    }

    private async Task FillAsync(CancellationToken cancellationToken)
    {
        if (final)
        {
            throw new EthereumTransportException("The node's reply ended early.");
        }

        if (start > 0)
        {
            Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
            end -= start;
            start = 0;
        }

        if (end == buffer.Length)
        {
            // One JSON value (a log, an error object) is larger than the buffer: grow it, within the reply limit.
            Array.Resize(ref buffer, (int)Math.Min((long)buffer.Length * 2, maxBytes + 1L));
        }

        var read = await stream.ReadAsync(buffer.AsMemory(end), cancellationToken).ConfigureAwait(false);
        total += read;
        if (total > maxBytes)
        {
            throw new EthereumTransportException($"The node's reply is larger than {maxBytes} bytes.", null, 200, responseTooLarge: true);
        }

        end += read;
        final = read == 0;
    }

    // One token (or one complete value) from the buffer; false when the buffer does not hold enough yet.
    private bool Step()
    {
        var reader = new Utf8JsonReader(buffer.AsSpan(start, end - start), final, state);
        if (!reader.Read())
        {
            if (final && phase == Phase.End)
            {
                phase = Phase.Done;
                return true;
            }

            return false;
        }

        switch (phase)
        {
            case Phase.Start:
                Expect(reader.TokenType == JsonTokenType.StartObject, "A reply is not a JSON-RPC 2.0 response object.");
                phase = Phase.Member;
                break;
            case Phase.Member:
                if (reader.TokenType == JsonTokenType.EndObject)
                {
                    phase = Phase.End;
                    break;
                }

                member = reader.GetString()!;
                Expect(members.Add(member), "A reply repeats a member.");
                phase = Phase.Value;
                break;
            case Phase.Value:
                if (!ReadValue(ref reader))
                {
                    return false;
                }

                break;
            case Phase.Logs:
                if (reader.TokenType == JsonTokenType.EndArray)
                {
                    phase = Phase.Member;
                    break;
                }

                Expect(reader.TokenType == JsonTokenType.StartObject, "A log is malformed.");
                if (!TryTakeValue(ref reader, out var log))
                {
                    return false;
                }

                if (logs.Count == maxLogs)
                {
                    throw new EthereumResultLimitException("eth_getLogs", maxLogs);
                }

                logs.Add(Parse(log, EthereumRpcRequests.ParseLog));
                break;
            case Phase.End:
                throw new EthereumTransportException("The node's reply has data after the response object.");
        }

        Commit(ref reader);
        return true;
    }

    private bool ReadValue(ref Utf8JsonReader reader)
    {
        switch (member)
        {
            case "jsonrpc":
                Expect(reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("2.0"u8), "A reply is not a JSON-RPC 2.0 response object.");
                break;
            case "id":
                replyId = reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var n) ? n : null;
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && !reader.TrySkip())
                {
                    return false;
                }

                break;
            case "result":
                Expect(reader.TokenType == JsonTokenType.StartArray, "eth_getLogs did not return an array.");
                hasResult = true;
                phase = Phase.Logs;
                return true;
            case "error":
                Expect(reader.TokenType == JsonTokenType.StartObject, "A reply's error object is malformed.");
                if (!TryTakeValue(ref reader, out var value))
                {
                    return false;
                }

                error = Parse(value, EthereumRpcClient.ParseError);
                break;
            default:
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && !reader.TrySkip())
                {
                    return false;
                }

                break;
        }

        phase = Phase.Member;
        return true;
    }

    // The whole object or array starting at the current token, when the buffer holds all of it.
    private bool TryTakeValue(ref Utf8JsonReader reader, out ReadOnlyMemory<byte> value)
    {
        var from = (int)reader.TokenStartIndex;
        if (!reader.TrySkip())
        {
            value = default;
            return false;
        }

        value = buffer.AsMemory(start + from, (int)reader.BytesConsumed - from);
        return true;
    }

    private static T Parse<T>(ReadOnlyMemory<byte> json, Func<JsonElement, T> convert)
    {
        // Strict (no duplicate members) and depth-limited like every other reply. The document reads the shared buffer
        // in place, so it is converted and disposed before the buffer moves.
        if (StrictJson.TryParseDocument(json, EthereumRpcClient.MaxDepth, out var document) != StrictJsonStatus.Ok)
        {
            throw new EthereumTransportException("The node's reply is not valid JSON.");
        }

        using (document)
        {
            return convert(document!.RootElement);
        }
    }

    private void Commit(ref Utf8JsonReader reader)
    {
        start += (int)reader.BytesConsumed;
        state = reader.CurrentState;
    }

    private static void Expect(bool condition, string message)
    {
        if (!condition)
        {
            throw new EthereumTransportException(message);
        }
    }
}
