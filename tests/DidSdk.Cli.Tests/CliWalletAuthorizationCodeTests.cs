using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using DidSdk.OpenId4Vc;

namespace DidSdk.Cli.Tests;

/// <summary>
/// <c>didsdk wallet receive --client-id</c> with an offer that carries only the authorization_code grant: the tool
/// listens on a loopback port (RFC 8252 §7.3), prints the authorization URL on stderr, and a browser (an HttpClient
/// that logs in at the bank and follows the redirects) comes back to it.
/// </summary>
[Category("Integration")]
public sealed class CliWalletAuthorizationCodeTests() : CliWalletFixture("didsdk-cli-authcode-", Passphrase)
{
    private const string Passphrase = "wallet passphrase 9c41";
    private static readonly string Tool = Path.Combine(AppContext.BaseDirectory, "didsdk.dll");

    /// <summary>
    /// Runs <c>wallet receive</c>, waits for the authorization URL on stderr, and lets <paramref name="browse"/> play
    /// the browser with it; returns the run once the tool exited.
    /// </summary>
    private async Task<CliRun> ReceiveWithBrowserAsync(string offerUri, Func<Uri, string, Task> browse)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var arg in new[] { Tool, "wallet", "receive", "--wallet", WalletFile, "--passphrase-file", PassphraseFile, offerUri, "--client-id", LoopbackIssuer.CliClientId, "--allow-loopback-http", "--auth-timeout", "60" })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = new List<string>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try
        {
            while (await process.StandardError.ReadLineAsync(timeout.Token) is { } line)
            {
                stderr.Add(line);
                if (line.StartsWith("{\"authorizationUrl\"", StringComparison.Ordinal))
                {
                    var printed = JsonNode.Parse(line)!;
                    await browse(new Uri(printed["authorizationUrl"]!.GetValue<string>()), printed["redirectUri"]!.GetValue<string>());
                }
            }

            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"wallet receive did not exit within 90 s; stderr: {string.Join('\n', stderr)}");
        }

        return new CliRun(process.ExitCode, (await stdout).Trim(), string.Join('\n', stderr).Trim());
    }

    /// <summary>
    /// The user's browser: opens <paramref name="start"/>, logs in as <paramref name="user"/> at the bank, follows the
    /// redirects and finally loads the tool's callback page; returns that page's status and text.
    /// </summary>
    private static async Task<(HttpStatusCode Status, string Page)> BrowseAsync(Uri start, string redirectUri, string user, Func<Uri, Uri>? tamper = null)
    {
        using var browser = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() });
        var next = start;
        HttpContent? form = null;
        for (var hop = 0; hop < 10; hop++)
        {
            using var response = form is null ? await browser.GetAsync(next) : await browser.PostAsync(next, form);
            form = null;
            if (response.StatusCode is not (HttpStatusCode.Found or HttpStatusCode.SeeOther) || response.Headers.Location is not { } location)
            {
                Assert.Fail($"The browser stopped at {response.StatusCode} before the redirect to the tool.");
                return default;
            }

            if (location.OriginalString.StartsWith(redirectUri + "?", StringComparison.Ordinal))
            {
                using var page = await browser.GetAsync(tamper?.Invoke(location) ?? location);
                return (page.StatusCode, await page.Content.ReadAsStringAsync());
            }

            if (location.AbsolutePath == "/bank/login")
            {
                Assert.That(FormUrlEncoded.TryParse(location.Query.TrimStart('?'), out var query), Is.True);
                form = new FormUrlEncodedContent([new("user", user), new("return", query!["return"])]);
                next = new Uri(location.GetLeftPart(UriPartial.Path));
                continue;
            }

            next = location;
        }

        Assert.Fail("The browser was redirected too often.");
        return default;
    }

    [Test]
    public async Task Receive_AuthorizationCodeOffer_UserLogsInInTheBrowserAndCredentialIsStored()
    {
        await using var issuer = await LoopbackIssuer.StartAsync(Material.Directory);
        var offer = await issuer.AuthorizationCodeOfferAsync();
        Assert.That(offer.Offer.PreAuthorizedCode, Is.Null);
        (HttpStatusCode Status, string Page) callback = default;
        string? redirectUri = null;

        var run = await ReceiveWithBrowserAsync(offer.ReferenceUri, async (url, redirect) =>
        {
            redirectUri = redirect;
            callback = await BrowseAsync(url, redirect, "customer-42");
        });

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(redirectUri, Does.Match(@"^http://127\.0\.0\.1:[0-9]+/callback$"));
        Assert.That(callback.Status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(callback.Page, Does.Contain("close this window"));
        var ids = run.Json["ids"]!.AsArray().Select(i => i!.GetValue<string>()).ToArray();
        Assert.That(ids, Has.Length.EqualTo(1));
        Assert.That(run.Json["credentials"]![0]!["issuer"]!.GetValue<string>(), Is.EqualTo(issuer.Did));
        var show = await WalletAsync("show", ids[0]);
        Assert.That(show.ExitCode, Is.Zero, show.ToString());
        Assert.That(show.Json["claims"]!["customer"]!.GetValue<string>(), Is.EqualTo("customer-42"), "issued to the user who logged in");
        Assert.That(await CountsAsync(), Is.EqualTo((1, 1)));
    }

    [TestCase(LoopbackIssuer.RefusingUser, false, TestName = "Receive_UserDenies_AuthorizationFailedNothingStored")]
    [TestCase("customer-42", true, TestName = "Receive_StateTampered_AuthorizationFailedNothingStored")]
    public async Task Receive_AuthorizationNotCompleted_AuthorizationFailedNothingStored(string user, bool tamperState)
    {
        await using var issuer = await LoopbackIssuer.StartAsync(Material.Directory);
        var offer = await issuer.AuthorizationCodeOfferAsync();
        Func<Uri, Uri>? tamper = tamperState ? u => new Uri(u.OriginalString.Replace("state=", "state=x", StringComparison.Ordinal)) : null;

        var run = await ReceiveWithBrowserAsync(offer.ReferenceUri, (url, redirect) => BrowseAsync(url, redirect, user, tamper));

        CliAssert.NoStackTrace(run);
        Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
        Assert.That(run.Stdout, Is.Empty);
        var error = JsonNode.Parse(run.Stderr.Split('\n')[^1])!["error"]!;
        Assert.That(error["code"]!.GetValue<string>(), Is.EqualTo(OpenId4VcProblemCodes.AuthorizationFailed));
        Assert.That(await CountsAsync(), Is.EqualTo((0, 0)), "neither the credential nor the key made for it stays");
    }

    [Test]
    public async Task Receive_AuthorizationCodeOfferWithoutClientId_ClearBadUsageNothingStored()
    {
        await using var issuer = await LoopbackIssuer.StartAsync(Material.Directory);
        var offer = await issuer.AuthorizationCodeOfferAsync();

        var run = await WalletAsync("receive", offer.ReferenceUri, "--allow-loopback-http");

        CliAssert.BadInput(run, "clientIdRequired");
        Assert.That(run.Stderr, Does.Contain("--client-id"));
        Assert.That(await CountsAsync(), Is.EqualTo((0, 0)));
    }

    [Test]
    public async Task Receive_PreAuthorizedOfferWithClientId_PreAuthorizedFlowNoBrowser()
    {
        await using var issuer = await LoopbackIssuer.StartAsync(Material.Directory);
        var offer = await issuer.OfferAsync();

        var run = await WalletAsync("receive", offer.ReferenceUri, "--tx-code", offer.TxCode!, "--client-id", LoopbackIssuer.CliClientId, "--allow-loopback-http");

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(run.Stderr, Does.Not.Contain("authorizationUrl"));
        Assert.That(await CountsAsync(), Is.EqualTo((1, 1)));
    }
}
