using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using DidSdk.Ethereum.Tests.EthrDid;

using static DidSdk.Ethereum.Tests.EthrDid.ScriptedNode;

namespace DidSdk.Ethereum.Tests.Hostile;

/// <summary>
/// A node whose <c>eth_getLogs</c> reply holds <c>count</c> valid logs about <see cref="ScriptedNode.Identity"/>,
/// generated while the client reads (so the test's own memory does not hide the client's); other calls are answered
/// by a <see cref="ScriptedNode"/> whose identity last changed in block 100.
/// </summary>
internal sealed class StreamingLogsHandler(int count) : HttpMessageHandler
{
    private static readonly byte[] Log = Encoding.UTF8.GetBytes(DelegateLog(100, 0, Delegate1, 0).ToJsonString());

    /// <summary>The size of one log in the reply, with its comma.</summary>
    public static int LogBytes => Log.Length + 1;

    private readonly ScriptedNode _node = new(100);

    public long BytesSent { get; private set; }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var sent = JsonNode.Parse(await request.Content!.ReadAsStringAsync(cancellationToken))!;
        if (sent is JsonArray batch)
        {
            var replies = new JsonArray();
            foreach (var call in batch)
            {
                var result = await _node.SendAsync(call!["method"]!.GetValue<string>(), call["params"]!.AsArray(), cancellationToken);
                replies.Add(new JsonObject { ["jsonrpc"] = "2.0", ["id"] = call["id"]!.DeepClone(), ["result"] = JsonNode.Parse(result.GetRawText()) });
            }

            return Reply(new StringContent(replies.ToJsonString(), Encoding.UTF8, "application/json"));
        }

        var id = sent["id"]!.ToJsonString();
        if (sent["method"]!.GetValue<string>() != "eth_getLogs")
        {
            var result = await _node.SendAsync(sent["method"]!.GetValue<string>(), sent["params"]!.AsArray(), cancellationToken);
            return Reply(new StringContent($"{{\"jsonrpc\":\"2.0\",\"id\":{id},\"result\":{result.GetRawText()}}}", Encoding.UTF8, "application/json"));
        }

        return Reply(new StreamContent(new LogStream(this, Encoding.UTF8.GetBytes($"{{\"jsonrpc\":\"2.0\",\"id\":{id},\"result\":["), count)));
    }

    private static HttpResponseMessage Reply(HttpContent content) => new(HttpStatusCode.OK) { Content = content };

    private sealed class LogStream(StreamingLogsHandler owner, byte[] head, int count) : Stream
    {
        private static readonly byte[] Tail = "]}"u8.ToArray();
        private byte[] _current = head;
        private int _offset;
        private int _emitted;
        private bool _done;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var written = 0;
            while (written < buffer.Length)
            {
                if (this._offset == _current.Length)
                {
                    if (!Next())
                    {
                        break;
                    }
                }

                var n = Math.Min(buffer.Length - written, _current.Length - this._offset);
                _current.AsSpan(this._offset, n).CopyTo(buffer[written..]);
                this._offset += n;
                written += n;
            }

            owner.BytesSent += written;
            return written;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => ValueTask.FromResult(Read(buffer.Span));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => Task.FromResult(Read(buffer.AsSpan(offset, count)));

        private bool Next()
        {
            if (_done)
            {
                return false;
            }

            _offset = 0;
            if (_emitted < count)
            {
                _current = _emitted == 0 ? Log : Comma;
                if (_emitted > 0 && _current == Comma)
                {
                    // a comma then the log: emit them as one chunk
                    _current = CommaLog;
                }

                _emitted++;
                return true;
            }

            _current = Tail;
            _done = true;
            return true;
        }

        private static readonly byte[] Comma = ","u8.ToArray();
        private static readonly byte[] CommaLog = [.. Comma, .. Log];

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
