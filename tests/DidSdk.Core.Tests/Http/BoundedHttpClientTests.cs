using System.Text;
using DidSdk.Core.Http;
using DidSdk.Testing;

namespace DidSdk.Core.Tests.Http;

public sealed class BoundedHttpClientTests
{
    private static readonly HttpClient Client = new();
    private LoopbackHttpServer _server = null!;

    [SetUp]
    public void Start() => _server = LoopbackHttpServer.Start();

    [TearDown]
    public async Task Stop() => await _server.DisposeAsync();

    private static BoundedHttpOptions Limit(int bytes) => new() { MaxResponseBytes = bytes, Timeout = TimeSpan.FromSeconds(5), Accept = ["application/statuslist+jwt"] };

    [Test]
    public async Task GetAsync_BodyWithinLimit_ReturnsBodyAndMediaType()
    {
        _server.Map("/list", LoopbackResponse.Text(200, "eyJ.abc.def", "application/statuslist+jwt"));

        var response = await BoundedHttpClient.GetAsync(Client, _server.Url("/list"), Limit(100));

        Assert.That(response.Outcome, Is.EqualTo(BoundedHttpOutcome.Success));
        Assert.That(Encoding.UTF8.GetString(response.Body.Span), Is.EqualTo("eyJ.abc.def"));
        Assert.That(response.MediaType, Is.EqualTo("application/statuslist+jwt"));
    }

    [Test]
    public async Task GetAsync_AcceptHeader_Sent()
    {
        string? accept = null;
        _server.Map("/list", (request, _) =>
        {
            accept = request.Headers.GetValueOrDefault("accept");
            return Task.FromResult(LoopbackResponse.Text(200, "{}"));
        });

        await BoundedHttpClient.GetAsync(Client, _server.Url("/list"), Limit(100));

        Assert.That(accept, Is.EqualTo("application/statuslist+jwt"));
    }

    [TestCase(false)]
    [TestCase(true)]
    public async Task GetAsync_BodyOverLimit_TooLargeWithoutBody(bool chunked)
    {
        _server.Map("/big", new LoopbackResponse(200, new byte[5000]) { Chunked = chunked });

        var response = await BoundedHttpClient.GetAsync(Client, _server.Url("/big"), Limit(4096));

        Assert.That(response.Outcome, Is.EqualTo(BoundedHttpOutcome.TooLarge));
        Assert.That(response.Body.Length, Is.Zero);
    }

    [TestCase(404, BoundedHttpOutcome.NotFound)]
    [TestCase(410, BoundedHttpOutcome.NotFound)]
    [TestCase(500, BoundedHttpOutcome.HttpError)]
    [TestCase(429, BoundedHttpOutcome.HttpError)]
    public async Task GetAsync_ErrorStatus_MapsToOutcome(int status, BoundedHttpOutcome expected)
    {
        _server.Map("/x", LoopbackResponse.Text(status, "{}"));

        var response = await BoundedHttpClient.GetAsync(Client, _server.Url("/x"), Limit(100));

        Assert.That(response.Outcome, Is.EqualTo(expected));
        Assert.That(response.StatusCode, Is.EqualTo(status));
    }

    [Test]
    public async Task GetAsync_RedirectToAnotherOrigin_Refused()
    {
        await using var other = LoopbackHttpServer.Start();
        other.Map("/list", LoopbackResponse.Text(200, "stolen"));
        _server.Map("/list", LoopbackResponse.Text(302, string.Empty) with { Headers = new Dictionary<string, string> { ["Location"] = other.Url("/list").ToString() } });
        using var noAutoRedirect = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });

        var response = await BoundedHttpClient.GetAsync(noAutoRedirect, _server.Url("/list"), Limit(100));

        Assert.That(response.Outcome, Is.EqualTo(BoundedHttpOutcome.CrossOriginRedirect));
        Assert.That(other.RequestCount("/list"), Is.Zero);
    }

    [Test]
    public async Task GetAsync_SlowServer_Timeout()
    {
        _server.Map("/slow", LoopbackResponse.Text(200, "{}") with { Delay = TimeSpan.FromSeconds(3) });

        var response = await BoundedHttpClient.GetAsync(Client, _server.Url("/slow"), new BoundedHttpOptions { Timeout = TimeSpan.FromMilliseconds(200) });

        Assert.That(response.Outcome, Is.EqualTo(BoundedHttpOutcome.Timeout));
    }

    [Test]
    public async Task GetAsync_ConnectionRefused_NetworkError()
    {
        var url = _server.Url("/gone");
        await _server.DisposeAsync();

        var response = await BoundedHttpClient.GetAsync(Client, url, Limit(100));

        Assert.That(response.Outcome, Is.EqualTo(BoundedHttpOutcome.NetworkError));
        _server = LoopbackHttpServer.Start();
    }

    [Test]
    public void GetAsync_NotHttpUrl_Throws()
    {
        Assert.That(() => BoundedHttpClient.GetAsync(Client, new Uri("file:///etc/passwd"), Limit(100)), Throws.ArgumentException);
    }
}
