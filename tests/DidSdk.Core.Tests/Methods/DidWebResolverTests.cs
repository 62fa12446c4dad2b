using System.Diagnostics;
using System.Text;
using DidSdk.Core.Dids;
using DidSdk.Core.Methods;
using DidSdk.Core.Resolution;
using DidSdk.Crypto;

namespace DidSdk.Core.Tests.Methods;

[Category("Integration")]
public class DidWebResolverTests
{
    private LoopbackHttpServer _server = null!;
    private HttpClient _followingClient = null!;
    private HttpClient _plainClient = null!;
    private string _host = null!;

    private static readonly DidWebOptions Loopback = new() { AllowHttpForLoopback = true, Timeout = TimeSpan.FromSeconds(5) };

    [OneTimeSetUp]
    public void StartServer()
    {
        _server = new LoopbackHttpServer(HandleAsync);
        _host = $"127.0.0.1%3A{_server.Port}";
        _followingClient = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = true });
        _plainClient = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false });
    }

    [OneTimeTearDown]
    public async Task StopServer()
    {
        _followingClient.Dispose();
        _plainClient.Dispose();
        await _server.DisposeAsync();
    }

    private string Did(string? path = null) => path is null ? $"did:web:{_host}" : $"did:web:{_host}:{path.Replace('/', ':')}";

    private static string Document(string id) => $$"""
        {
          "@context": ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"],
          "id": "{{id}}",
          "verificationMethod": [{ "id": "#key-0", "type": "Multikey", "controller": "{{id}}", "publicKeyMultibase": "z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK" }],
          "assertionMethod": ["#key-0"]
        }
        """;

    private async Task HandleAsync(string path, Stream stream, CancellationToken ct)
    {
        switch (path)
        {
            case "/.well-known/did.json":
                await LoopbackHttpServer.WriteAsync(stream, 200, "OK", Document(Did()), ct: ct);
                break;
            case "/users/alice/did.json":
                await LoopbackHttpServer.WriteAsync(stream, 200, "OK", Document(Did("users/alice")), "application/json", ct: ct);
                break;
            case "/samehost-target/did.json":
                await LoopbackHttpServer.WriteAsync(stream, 200, "OK", Document(Did("samehost")), ct: ct);
                break;
            case "/notfound/did.json":
                await LoopbackHttpServer.WriteAsync(stream, 404, "Not Found", "nope", "text/plain", ct: ct);
                break;
            case "/gone/did.json":
                await LoopbackHttpServer.WriteAsync(stream, 410, "Gone", null, ct: ct);
                break;
            case "/error/did.json":
                await LoopbackHttpServer.WriteAsync(stream, 500, "Internal Server Error", null, ct: ct);
                break;
            case "/oversized/did.json":
                await LoopbackHttpServer.WriteAsync(stream, 200, "OK", Document(Did("oversized")).Replace("\"id\"", "\"pad\":\"" + new string('a', 2 * 1024 * 1024) + "\",\"id\"", StringComparison.Ordinal), ct: ct);
                break;
            case "/streamed/did.json":
                // No Content-Length: only the streaming limit can stop this.
                await stream.WriteAsync("HTTP/1.1 200 OK\r\nContent-Type: application/did+json\r\nConnection: close\r\n\r\n"u8.ToArray(), ct);
                var chunk = Encoding.ASCII.GetBytes(new string(' ', 64 * 1024));
                for (var i = 0; i < 40; i++)
                {
                    await stream.WriteAsync(chunk, ct);
                }

                break;
            case "/slow/did.json":
                await Task.Delay(TimeSpan.FromSeconds(20), ct);
                await LoopbackHttpServer.WriteAsync(stream, 200, "OK", Document(Did("slow")), ct: ct);
                break;
            case "/wrongid/did.json":
                await LoopbackHttpServer.WriteAsync(stream, 200, "OK", Document("did:web:evil.example"), ct: ct);
                break;
            case "/malformed/did.json":
                await LoopbackHttpServer.WriteAsync(stream, 200, "OK", "{\"id\": \"" + Did("malformed") + "\",", ct: ct);
                break;
            case "/ldnocontext/did.json":
                await LoopbackHttpServer.WriteAsync(stream, 200, "OK", $$"""{"id":"{{Did("ldnocontext")}}"}""", "application/did+ld+json", ct: ct);
                break;
            case "/crosshost/did.json":
                await LoopbackHttpServer.WriteAsync(stream, 302, "Found", null, headers: [$"Location: http://localhost:{_server.Port}/.well-known/did.json"], ct: ct);
                break;
            case "/samehost/did.json":
                await LoopbackHttpServer.WriteAsync(stream, 302, "Found", null, headers: ["Location: /samehost-target/did.json"], ct: ct);
                break;
            default:
                await LoopbackHttpServer.WriteAsync(stream, 404, "Not Found", null, ct: ct);
                break;
        }
    }

    [Test]
    public async Task ResolveAsync_WellKnown_Document()
    {
        var result = await new DidWebResolver(_plainClient, Loopback).ResolveAsync(Did());
        Assert.That(result.Succeeded, Is.True, result.DidResolutionMetadata.ErrorMessage);
        var doc = result.DidDocument!;
        Assert.That(doc.Id, Is.EqualTo(Did()));
        Assert.That(doc.TryGetAuthorizedVerificationMethod("#key-0", VerificationRelationship.AssertionMethod, out var method), Is.True);
        Assert.That(method!.TryGetPublicKey(out var key, out _), Is.True);
        Assert.That(key!.KeyType, Is.EqualTo(KeyType.Ed25519));
    }

    [Test]
    public async Task ResolveAsync_PathDid_Document()
    {
        var result = await new DidWebResolver(_plainClient, Loopback).ResolveAsync(Did("users/alice"));
        Assert.That(result.Succeeded, Is.True, result.DidResolutionMetadata.ErrorMessage);
    }

    [TestCase("notfound", DidResolutionErrors.NotFound)]
    [TestCase("gone", DidResolutionErrors.NotFound)]
    [TestCase("error", DidResolutionErrors.InternalError)]
    [TestCase("oversized", DidResolutionErrors.InvalidDidDocument)]
    [TestCase("streamed", DidResolutionErrors.InvalidDidDocument)]
    [TestCase("wrongid", DidResolutionErrors.InvalidDidDocument)]
    [TestCase("malformed", DidResolutionErrors.InvalidDidDocument)]
    [TestCase("ldnocontext", DidResolutionErrors.InvalidDidDocument)]
    public async Task ResolveAsync_BadServerAnswer_Error(string path, string error)
    {
        var result = await new DidWebResolver(_plainClient, Loopback).ResolveAsync(Did(path));
        Assert.That(result.DidResolutionMetadata.Error, Is.EqualTo(error), result.DidResolutionMetadata.ErrorMessage);
        Assert.That(result.DidDocument, Is.Null);
    }

    [Test]
    public async Task ResolveAsync_SmallerLimit_RejectsNormalDocument()
    {
        var result = await new DidWebResolver(_plainClient, new DidWebOptions { AllowHttpForLoopback = true, MaxDocumentBytes = 100 }).ResolveAsync(Did());
        Assert.That(result.DidResolutionMetadata.Error, Is.EqualTo(DidResolutionErrors.InvalidDidDocument));
    }

    [Test]
    public async Task ResolveAsync_SlowServer_TimesOut()
    {
        var stopwatch = Stopwatch.StartNew();
        var result = await new DidWebResolver(_plainClient, new DidWebOptions { AllowHttpForLoopback = true, Timeout = TimeSpan.FromMilliseconds(300) }).ResolveAsync(Did("slow"));
        Assert.That(result.DidResolutionMetadata.Error, Is.EqualTo(DidResolutionErrors.InternalError));
        Assert.That(stopwatch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(5)));
    }

    [Test]
    public void ResolveAsync_CallerCancels_Throws()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        Assert.That(async () => await new DidWebResolver(_plainClient, Loopback).ResolveAsync(Did("slow"), null, cts.Token), Throws.InstanceOf<OperationCanceledException>());
    }

    [Test]
    public async Task ResolveAsync_CrossHostRedirectFollowedByClient_Refused()
    {
        var result = await new DidWebResolver(_followingClient, Loopback).ResolveAsync(Did("crosshost"));
        Assert.That(result.DidResolutionMetadata.Error, Is.EqualTo(DidResolutionErrors.InternalError));
        Assert.That(result.DidDocument, Is.Null);
    }

    [Test]
    public async Task ResolveAsync_CrossHostRedirect_NotFollowed()
    {
        var before = _server.Requests;
        var result = await new DidWebResolver(_plainClient, Loopback).ResolveAsync(Did("crosshost"));
        Assert.That(result.DidResolutionMetadata.Error, Is.EqualTo(DidResolutionErrors.InternalError));
        Assert.That(_server.Requests - before, Is.EqualTo(1));
    }

    [Test]
    public async Task ResolveAsync_SameHostRedirect_Followed()
    {
        var result = await new DidWebResolver(_plainClient, Loopback).ResolveAsync(Did("samehost"));
        Assert.That(result.Succeeded, Is.True, result.DidResolutionMetadata.ErrorMessage);
    }

    [Test]
    public async Task ResolveAsync_DefaultOptions_RefusesHttpAndIpWithoutRequest()
    {
        var before = _server.Requests;
        var result = await new DidWebResolver(_plainClient).ResolveAsync(Did());
        Assert.That(result.DidResolutionMetadata.Error, Is.EqualTo(DidResolutionErrors.InvalidDid));
        Assert.That(_server.Requests, Is.EqualTo(before));
    }

    [Test]
    public async Task ResolveAsync_ConnectionRefused_InternalError()
    {
        // A socket bound to a port the system assigned but never listening: the port stays ours for the whole test
        // (no other process can take it, as it could after "probe, close"), and a connection to it is refused.
        using var bound = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.InterNetwork, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
        bound.Bind(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0));
        var closedPort = ((System.Net.IPEndPoint)bound.LocalEndPoint!).Port;
        var result = await new DidWebResolver(_plainClient, Loopback).ResolveAsync($"did:web:127.0.0.1%3A{closedPort}");
        Assert.That(result.DidResolutionMetadata.Error, Is.EqualTo(DidResolutionErrors.InternalError));
    }

    [Test]
    public async Task CachingResolver_ConcurrentDidWeb_OneHttpRequest()
    {
        var cache = new CachingDidResolver(new CompositeDidResolver(new DidWebResolver(_plainClient, Loopback)));
        var before = _server.Requests;
        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => cache.ResolveAsync(Did("users/alice"))));
        Assert.That(results.All(r => r.Succeeded), Is.True);
        await cache.ResolveAsync(Did("users/alice"));
        Assert.That(_server.Requests - before, Is.EqualTo(1));
        Assert.That(cache.UnderlyingCalls, Is.EqualTo(1));
    }
}

public class DidWebUrlTests
{
    [TestCase("did:web:w3c-ccg.github.io", "https://w3c-ccg.github.io/.well-known/did.json")]
    [TestCase("did:web:w3c-ccg.github.io:user:alice", "https://w3c-ccg.github.io/user/alice/did.json")]
    [TestCase("did:web:example.com%3A3000:user:alice", "https://example.com:3000/user/alice/did.json")]
    [TestCase("did:web:example.com%3a3000", "https://example.com:3000/.well-known/did.json")]
    [TestCase("did:web:localhost%3A8443", "https://localhost:8443/.well-known/did.json")]
    public void TryGetDocumentUrl_Valid_Maps(string did, string url)
    {
        Assert.That(DidWeb.TryGetDocumentUrl(did, out var mapped, out var message), Is.True, message);
        Assert.That(mapped!.AbsoluteUri, Is.EqualTo(url));
    }

    [TestCase("did:web:1.2.3.4", TestName = "TryGetDocumentUrl_IpAddress_Rejected")]
    [TestCase("did:web:127.0.0.1%3A8080", TestName = "TryGetDocumentUrl_LoopbackIpByDefault_Rejected")]
    [TestCase("did:web:example.com:..:x", TestName = "TryGetDocumentUrl_DotDotSegment_Rejected")]
    [TestCase("did:web:example.com:a%2Fb", TestName = "TryGetDocumentUrl_EncodedSlash_Rejected")]
    [TestCase("did:web:example.com:a%3Fb", TestName = "TryGetDocumentUrl_EncodedQuery_Rejected")]
    [TestCase("did:web:example.com%3A99999", TestName = "TryGetDocumentUrl_PortOutOfRange_Rejected")]
    [TestCase("did:web:example.com%3A", TestName = "TryGetDocumentUrl_EmptyPort_Rejected")]
    [TestCase("did:web:user%40example.com", TestName = "TryGetDocumentUrl_UserInfo_Rejected")]
    [TestCase("did:web:example.com%2Fevil.com", TestName = "TryGetDocumentUrl_SlashInHost_Rejected")]
    [TestCase("did:web:intranet", TestName = "TryGetDocumentUrl_SingleLabelHost_Rejected")]
    [TestCase("did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK", TestName = "TryGetDocumentUrl_OtherMethod_Rejected")]
    public void TryGetDocumentUrl_Invalid_Rejected(string did)
    {
        Assert.That(DidWeb.TryGetDocumentUrl(did, out var url, out var message), Is.False);
        Assert.That(url, Is.Null);
        Assert.That(message, Is.Not.Empty);
    }
}

public class DidWebCreateTests
{
    [TestCase("example.com", null, new string[0], "did:web:example.com")]
    [TestCase("Example.COM", 8443, new[] { "users", "alice" }, "did:web:example.com%3A8443:users:alice")]
    [TestCase("bank.example", null, new[] { "issuers", "caf\u00e9" }, "did:web:bank.example:issuers:caf%C3%A9")]
    public void Create_Valid_RoundTripsToUrl(string host, int? port, string[] path, string expected)
    {
        var did = DidWeb.Create(host, port, path);
        Assert.That(did, Is.EqualTo(expected));
        Assert.That(DidWeb.TryGetDocumentUrl(did, out var url, out _), Is.True);
        Assert.That(url!.Host, Is.EqualTo(host.ToLowerInvariant()));
    }

    [TestCase("1.2.3.4", null, new string[0], TestName = "Create_IpAddress_Throws")]
    [TestCase("example.com", 70000, new string[0], TestName = "Create_BadPort_Throws")]
    [TestCase("example.com", null, new[] { ".." }, TestName = "Create_DotDotSegment_Throws")]
    [TestCase("example.com", null, new[] { "a/b" }, TestName = "Create_SlashInSegment_Throws")]
    [TestCase("example.com", null, new[] { "" }, TestName = "Create_EmptySegment_Throws")]
    [TestCase("example.com", null, new[] { "a b" }, TestName = "Create_SpaceInSegment_Throws")]
    public void Create_Invalid_Throws(string host, int? port, string[] path)
    {
        Assert.That(() => DidWeb.Create(host, port, path), Throws.InstanceOf<ArgumentException>());
    }
}
