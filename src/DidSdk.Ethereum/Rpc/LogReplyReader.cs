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

    private readonly Stream _stream;
    private readonly long _id;
    private readonly int _maxLogs;
    private readonly int _maxBytes;
    private readonly List<EthereumLog> _logs = [];
    private readonly HashSet<string> _members = new(StringComparer.Ordinal);
    private byte[] _buffer = new byte[InitialBuffer];
    private int _start;
    private int _end;
    private long _total;
    private bool _final;
    private JsonReaderState _state = new(ReaderOptions);
    private Phase _phase = Phase.Start;
    private string? _member;
    private bool _hasResult;
    private RpcError? _error;
    private long? _replyId;

    private LogReplyReader(Stream stream, long id, int maxLogs, int maxBytes)
    {
        this._stream = stream;
        this._id = id;
        this._maxLogs = maxLogs;
        this._maxBytes = maxBytes;
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
        while (reader._phase != Phase.Done)
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
            catch (InvalidOperationException)
            {
                // Utf8JsonReader.GetString on a name or string that is not valid UTF-8 (found by fuzzing).
                throw new EthereumTransportException("The node's reply is not valid UTF-8 JSON.");
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
        if (_hasResult == (_error is not null))
        {
            throw new EthereumTransportException("A reply must have exactly one of result and error.");
        }

        if (_replyId != _id && !(_error is not null && _replyId is null))
        {
            throw new EthereumTransportException("The reply's id does not match the request.");
        }

        if (!_members.Contains("jsonrpc"))
        {
            throw new EthereumTransportException("A reply is not a JSON-RPC 2.0 response object.");
        }

        return _error is not null ? throw new EthereumRpcException("eth_getLogs", _error) : _logs;
    }

    private async Task FillAsync(CancellationToken cancellationToken)
    {
        if (_final)
        {
            throw new EthereumTransportException("The node's reply ended early.");
        }

        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            // One JSON value (a log, an error object) is larger than the buffer: grow it, within the reply limit.
            Array.Resize(ref _buffer, (int)Math.Min((long)_buffer.Length * 2, _maxBytes + 1L));
        }

        var read = await _stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false);
        _total += read;
        if (_total > _maxBytes)
        {
            throw new EthereumTransportException($"The node's reply is larger than {_maxBytes} bytes.", null, 200, responseTooLarge: true);
        }

        _end += read;
        _final = read == 0;
    }

    // One token (or one complete value) from the buffer; false when the buffer does not hold enough yet.
    private bool Step()
    {
        var reader = new Utf8JsonReader(_buffer.AsSpan(_start, _end - _start), _final, _state);
        if (!reader.Read())
        {
            if (_final && _phase == Phase.End)
            {
                _phase = Phase.Done;
                return true;
            }

            return false;
        }

        switch (_phase)
        {
            case Phase.Start:
                Expect(reader.TokenType == JsonTokenType.StartObject, "A reply is not a JSON-RPC 2.0 response object.");
                _phase = Phase.Member;
                break;
            case Phase.Member:
                if (reader.TokenType == JsonTokenType.EndObject)
                {
                    _phase = Phase.End;
                    break;
                }

                _member = reader.GetString()!;
                Expect(_members.Add(_member), "A reply repeats a member.");
                _phase = Phase.Value;
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
                    _phase = Phase.Member;
                    break;
                }

                Expect(reader.TokenType == JsonTokenType.StartObject, "A log is malformed.");
                if (!TryTakeValue(ref reader, out var log))
                {
                    return false;
                }

                if (_logs.Count == _maxLogs)
                {
                    throw new EthereumResultLimitException("eth_getLogs", _maxLogs);
                }

                _logs.Add(Parse(log, EthereumRpcRequests.ParseLog));
                break;
            case Phase.End:
                throw new EthereumTransportException("The node's reply has data after the response object.");
        }

        Commit(ref reader);
        return true;
    }

    private bool ReadValue(ref Utf8JsonReader reader)
    {
        switch (_member)
        {
            case "jsonrpc":
                Expect(reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("2.0"u8), "A reply is not a JSON-RPC 2.0 response object.");
                break;
            case "id":
                _replyId = reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var n) ? n : null;
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && !reader.TrySkip())
                {
                    return false;
                }

                break;
            case "result":
                Expect(reader.TokenType == JsonTokenType.StartArray, "eth_getLogs did not return an array.");
                _hasResult = true;
                _phase = Phase.Logs;
                return true;
            case "error":
                Expect(reader.TokenType == JsonTokenType.StartObject, "A reply's error object is malformed.");
                if (!TryTakeValue(ref reader, out var value))
                {
                    return false;
                }

                _error = Parse(value, EthereumRpcClient.ParseError);
                break;
            default:
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && !reader.TrySkip())
                {
                    return false;
                }

                break;
        }

        _phase = Phase.Member;
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

        value = _buffer.AsMemory(_start + from, (int)reader.BytesConsumed - from);
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
        _start += (int)reader.BytesConsumed;
        _state = reader.CurrentState;
    }

    private static void Expect(bool condition, string message)
    {
        if (!condition)
        {
            throw new EthereumTransportException(message);
        }
    }
}
