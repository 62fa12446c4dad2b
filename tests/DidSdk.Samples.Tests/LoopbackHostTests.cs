using KycQuickStart;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace DidSdk.Samples.Tests;

[Category("Integration")]
public sealed class LoopbackHostTests
{
    private sealed record OwnUrl(string Value);

    [Test]
    public async Task StartAsync_PortZero_ServiceConfiguredWithTheBoundAddressAnswersThere()
    {
        string? configuredWith = null;
        await using var host = await LoopbackHost.StartAsync(
            (builder, address) =>
            {
                configuredWith = address;
                builder.Services.AddSingleton(new OwnUrl(address + "/self"));
            },
            app => app.MapGet("/self", (OwnUrl url) => url.Value),
            CancellationToken.None);
        using var http = new HttpClient();

        var answer = await http.GetStringAsync(new Uri(host.Address, "/self"));

        Assert.That(host.Address.Host, Is.EqualTo("127.0.0.1"));
        Assert.That(host.Address.Port, Is.Not.Zero);
        Assert.That(configuredWith, Is.EqualTo($"http://127.0.0.1:{host.Address.Port}"), "the service was configured with the address Kestrel bound");
        Assert.That(answer, Is.EqualTo(configuredWith + "/self"));
    }

    [Test]
    public async Task StartAsync_TwoHosts_DifferentPortsBothServe()
    {
        await using var first = await LoopbackHost.StartAsync((_, _) => { }, app => app.MapGet("/", () => "first"), CancellationToken.None);
        await using var second = await LoopbackHost.StartAsync((_, _) => { }, app => app.MapGet("/", () => "second"), CancellationToken.None);
        using var http = new HttpClient();

        Assert.That(second.Address.Port, Is.Not.EqualTo(first.Address.Port));
        Assert.That(await http.GetStringAsync(first.Address), Is.EqualTo("first"));
        Assert.That(await http.GetStringAsync(second.Address), Is.EqualTo("second"));
    }

    [Test]
    public async Task DisposeAsync_Stopped_PortNoLongerAnswers()
    {
        var host = await LoopbackHost.StartAsync((_, _) => { }, app => app.MapGet("/", () => "up"), CancellationToken.None);
        var address = host.Address;

        await host.DisposeAsync();

        using var http = new HttpClient();
        Assert.That(async () => await http.GetStringAsync(address), Throws.InstanceOf<HttpRequestException>());
    }
}
