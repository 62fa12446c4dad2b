using System.Security.Cryptography;
using System.Text.Json.Nodes;
using BankVerifier;
using DidSdk.Core.Jose;
using DidSdk.Core.Methods;
using DidSdk.Core.Resolution;
using DidSdk.Credentials;
using DidSdk.Crypto;
using DidSdk.OpenId4Vc;
using DidSdk.SdJwt;
using KycQuickStart;
using Microsoft.Extensions.Configuration;
using OpenQA.Selenium;
using OpenQA.Selenium.Support.UI;

namespace DidSdk.Samples.Tests;

/// <summary>
/// samples/BankVerifier's teller page in headless Chromium (Debian's chromium and chromium-driver, driven by Selenium):
/// the teller starts a KYC check, the page shows the request as a QR code, a DidSdk wallet answers the request over real
/// HTTP on loopback (Kestrel bound to port 0), and the page shows what the bank verified or why it refused.
/// </summary>
[Category("Integration")]
public sealed class BankVerifierTellerPageTests
{
    private static readonly TimeSpan PageWait = TimeSpan.FromSeconds(30);

    private string _directory = "";
    private PrivateKey _issuerKey = null!;
    private string _issuerDid = "";
    private Wallet.Wallet _wallet = null!;

    [SetUp]
    public async Task SetUp()
    {
        _directory = Directory.CreateTempSubdirectory("didsdk-bank-verifier-").FullName;
        _issuerKey = PrivateKey.Generate(KeyType.Ed25519);
        _issuerDid = DidKey.Create(_issuerKey.PublicKey);
        _wallet = await Wallet.Wallet.CreateAsync(Path.Combine(_directory, "customer.wallet"), Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)));
        var holder = await _wallet.GenerateKeyAsync(KeyType.Ed25519);
        var kyc = new JsonObject
        {
            ["given_name"] = "Ji-woo",
            ["family_name"] = "Kim",
            ["birthdate"] = "1990-04-12",
            ["nationality"] = "KR",
            ["kyc_level"] = "enhanced",
            ["age_over_18"] = true,
        };
        var credential = await new SdJwtVcIssuer(new KeySigner(_issuerKey, DidKey.GetVerificationMethodId(_issuerKey.PublicKey))).IssueAsync(new SdJwtVcIssuanceRequest
        {
            Issuer = _issuerDid,
            Vct = TellerPage.KycVct,
            Claims = kyc,
            Disclosable = [.. kyc.Select(c => "/" + c.Key)],
            HolderPublicKey = holder.PublicKey,
            ExpiresAt = DateTimeOffset.UtcNow.AddDays(30),
        });
        var imported = await _wallet.ImportCredentialAsync(credential.ToCompact());
        Assert.That(imported.Succeeded, Is.True, () => string.Join("; ", imported.Problems));
    }

    [TearDown]
    public async Task TearDown()
    {
        await _wallet.DisposeAsync();
        _issuerKey.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Test]
    public async Task TellerPage_WalletAnswersTrustedCredential_ShowsTheThreeVerifiedClaims()
    {
        await using var bank = await StartBankAsync(trustedIssuer: _issuerDid);
        using var chromium = await HeadlessChromium.StartAsync();
        var browser = chromium.Browser;

        var walletUri = StartCheck(browser, bank.Address);
        var answer = await AnswerAsync(walletUri);
        var verdict = WaitForVerdict(browser);

        Assert.That(answer.Succeeded, Is.True, () => string.Join("; ", answer.Problems));
        Assert.That(verdict.Text, Is.EqualTo("Verified"));
        Assert.That(verdict.GetAttribute("data-verified"), Is.EqualTo("true"));
        Assert.That(Claims(browser), Is.EqualTo(new Dictionary<string, string> { ["age_over_18"] = "true", ["nationality"] = "KR", ["kyc_level"] = "enhanced" }), "exactly the requested claims, nothing the wallet withheld");
        Assert.That(browser.FindElement(By.Id("issuer")).Text, Does.Contain(_issuerDid));
        Assert.That(browser.FindElements(By.CssSelector("#problems li")), Is.Empty);
    }

    [Test]
    public async Task TellerPage_IssuerNotTrustedByTheBank_ShowsRejectionWithReason()
    {
        using var otherKey = PrivateKey.Generate(KeyType.Ed25519);
        await using var bank = await StartBankAsync(trustedIssuer: DidKey.Create(otherKey.PublicKey));
        using var chromium = await HeadlessChromium.StartAsync();
        var browser = chromium.Browser;

        var walletUri = StartCheck(browser, bank.Address);
        await AnswerAsync(walletUri);
        var verdict = WaitForVerdict(browser);

        Assert.That(verdict.Text, Is.EqualTo("Rejected"));
        Assert.That(verdict.GetAttribute("data-verified"), Is.EqualTo("false"));
        Assert.That(Claims(browser), Is.Empty, "nothing from a rejected presentation is shown as verified");
        var codes = browser.FindElements(By.CssSelector("#problems li")).Select(li => li.GetAttribute("data-code")).ToList();
        Assert.That(codes, Is.Not.Empty);
        var reasons = string.Join("\n", browser.FindElements(By.CssSelector("#problems li")).Select(li => li.Text));
        Assert.That(reasons, Does.Contain(CredentialProblemCodes.UntrustedIssuer), "the trust policy's reason reaches the teller");
    }

    [Test]
    public async Task TellerPage_OnlyOnBackOfficePorts_ProtocolPortGets404()
    {
        await using var bank = await StartBankAsync(trustedIssuer: _issuerDid, backOfficeElsewhere: true);
        using var http = new HttpClient();

        using var page = await http.GetAsync(new Uri(bank.Address, "/teller"));
        using var create = await http.PostAsync(new Uri(bank.Address, "/teller/requests"), null);

        Assert.That((int)page.StatusCode, Is.EqualTo(404));
        Assert.That((int)create.StatusCode, Is.EqualTo(404));
    }

    [Test]
    public async Task AdminRequests_DcqlQuery_CreatedThenPendingAndBadQueryRefused()
    {
        await using var bank = await StartBankAsync(trustedIssuer: _issuerDid);
        using var http = new HttpClient();

        using var created = await http.PostAsync(new Uri(bank.Address, "/admin/requests"), Json(new JsonObject { ["dcql_query"] = TellerPage.KycQuery() }));
        var body = JsonNode.Parse(await created.Content.ReadAsStringAsync())!;
        var result = JsonNode.Parse(await http.GetStringAsync(new Uri(bank.Address, "/admin/requests/" + body["id"]!.GetValue<string>())))!;
        using var unknown = await http.GetAsync(new Uri(bank.Address, "/admin/requests/no-such-session"));
        using var badQuery = await http.PostAsync(new Uri(bank.Address, "/admin/requests"), Json(new JsonObject { ["dcql_query"] = new JsonObject { ["credentials"] = new JsonArray() } }));
        using var notJson = await http.PostAsync(new Uri(bank.Address, "/admin/requests"), new StringContent("{", System.Text.Encoding.UTF8, "application/json"));

        Assert.That((int)created.StatusCode, Is.EqualTo(201));
        Assert.That(body["request_uri"]!.GetValue<string>(), Does.StartWith(bank.Address.AbsoluteUri + "oid4vp/request/"));
        Assert.That(body["wallet_uri"]!.GetValue<string>(), Does.StartWith("openid4vp://?client_id=decentralized_identifier%3Adid%3Akey%3A"));
        Assert.That(result["status"]!.GetValue<string>(), Is.EqualTo("pending"));
        Assert.That(result["verified"]!.GetValue<bool>(), Is.False);
        Assert.That((int)unknown.StatusCode, Is.EqualTo(404));
        Assert.That((int)badQuery.StatusCode, Is.EqualTo(400));
        Assert.That((int)notJson.StatusCode, Is.EqualTo(400));
    }

    [TestCase(TestName = "BankVerifier_NoTrustedIssuer_ExitTwo")]
    [TestCase("--consortium", "0x0000000000000000000000000000000000000001", TestName = "BankVerifier_ConsortiumWithoutRpc_ExitTwo")]
    [TestCase("--consortium", "0x0000000000000000000000000000000000000001", "--rpc", "ftp://127.0.0.1:8545", TestName = "BankVerifier_ConsortiumRpcNotHttp_ExitTwo")]
    [TestCase("--consortium", "not-an-address", "--rpc", "http://127.0.0.1:8545", TestName = "BankVerifier_ConsortiumNotAnAddress_ExitTwo")]
    [TestCase("--trusted-issuer", "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK", "--store", "postgres:Host=127.0.0.1;Password=secret-4711;Port=not-a-number", TestName = "BankVerifier_MalformedPostgresConnectionString_ExitTwo")]
    [TestCase("--trusted-issuer", "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK", "--store", "redis:x", TestName = "BankVerifier_UnknownStore_ExitTwo")]
    [TestCase("--trusted-issuer", "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK", "--urls", "https://127.0.0.1:0", TestName = "BankVerifier_PortZeroOverHttps_ExitTwo")]
    [TestCase("--trusted-issuer", "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK", "--urls", "http://127.0.0.1:0;http://127.0.0.1:9", TestName = "BankVerifier_PortZeroWithAnotherUrl_ExitTwo")]
    [TestCase("--trusted-issuer", "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK", "--urls", "http://127.0.0.1:0", "--admin-urls", "http://127.0.0.1:0", TestName = "BankVerifier_PortZeroAdminUrlPortZero_ExitTwo")]
    [TestCase("--trusted-issuer", "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK", "--admin-urls", "http://127.0.0.1:0", TestName = "BankVerifier_FixedUrlsAdminUrlPortZero_ExitTwo")]
    public async Task BankVerifier_BadSettings_ExitTwo(params string[] more)
    {
        var start = new System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "BankVerifier.dll"));
        foreach (var arg in (string[])["--urls", "http://127.0.0.1:9", .. more])
        {
            start.ArgumentList.Add(arg);
        }

        using var process = System.Diagnostics.Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);

        Assert.That(process.ExitCode, Is.EqualTo(2));
        var message = await stderr;
        Assert.That(message, Does.StartWith("BankVerifier: --"));
        Assert.That(message, Does.Not.Contain("   at "), "a message, not a stack trace");
        Assert.That(message, Does.Not.Contain("secret-4711"), "the connection string's password is never echoed");
    }

    [Test]
    public async Task BankVerifier_ChainDoesNotAnswer_ExitOne()
    {
        var start = new System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "BankVerifier.dll"));
        foreach (var arg in (string[])["--urls", "http://127.0.0.1:9", "--consortium", "0x0000000000000000000000000000000000000001", "--rpc", "http://127.0.0.1:9", "--registry", "0x0000000000000000000000000000000000000002"])
        {
            start.ArgumentList.Add(arg);
        }

        using var process = System.Diagnostics.Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await process.WaitForExitAsync(timeout.Token);
        var message = await stderr;

        Assert.That(process.ExitCode, Is.EqualTo(1), message);
        Assert.That(message, Does.StartWith("BankVerifier: --rpc: the chain at http://127.0.0.1:9 does not answer"));
        Assert.That(message, Does.Not.Contain("   at "));
    }

    private static StringContent Json(JsonObject body) => new(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json");

    private async Task<LoopbackHost> StartBankAsync(string trustedIssuer, bool backOfficeElsewhere = false)
    {
        BankVerifierSettings? settings = null;
        var store = Path.Combine(_directory, $"verifier-{Guid.NewGuid():N}.db");
        var host = await LoopbackHost.StartAsync(
            (builder, address) =>
            {
                var values = new Dictionary<string, string?> { ["urls"] = address, ["store"] = "sqlite:" + store };
                if (backOfficeElsewhere)
                {
                    values["admin-urls"] = "http://127.0.0.1:9"; // a port this host does not listen on
                }

                settings = BankVerifierSettings.From(new ConfigurationBuilder().AddInMemoryCollection(values).Build(), [trustedIssuer]);
                builder.AddBankVerifier(settings);
            },
            app => app.MapBankVerifier(settings!),
            CancellationToken.None);
        return host;
    }

    /// <summary>The teller opens the page and starts a check; returns the wallet URI behind the QR code.</summary>
    private static string StartCheck(WebDriver browser, Uri bank)
    {
        browser.Navigate().GoToUrl(new Uri(bank, "/teller"));
        browser.FindElement(By.Id("start")).Click();
        var wait = new WebDriverWait(browser, PageWait);
        var walletUri = wait.Until(b => b.FindElement(By.Id("wallet-link")).GetAttribute("data-wallet-uri") is { Length: > 0 } uri ? uri : null);
        var qr = browser.FindElement(By.Id("qr"));
        Assert.That(qr.GetAttribute("src"), Does.StartWith("data:image/png;base64,"), "the request is shown as a QR code");
        Assert.That(wait.Until(_ => qr.Displayed && qr.Size.Width > 0), Is.True);
        Assert.That(walletUri, Does.StartWith("openid4vp://?client_id=decentralized_identifier%3Adid%3Akey%3A"));
        return walletUri!;
    }

    private async Task<OpenId4VpResponseResult> AnswerAsync(string walletUri)
    {
        using var http = new HttpClient();
        var client = new OpenId4VpWalletClient(http, new CompositeDidResolver(new DidKeyResolver()), new OpenId4VpWalletClientOptions { AllowLoopbackHttp = true });
        var (request, problem) = await client.ResolveRequestAsync(walletUri);
        Assert.That(request, Is.Not.Null, () => problem?.Code ?? "");
        Assert.That(request!.SignatureVerified, Is.True, "the request is signed by the bank's DID");
        return await client.RespondAsync(request, _wallet, (consent, _) => ValueTask.FromResult(
            consent.Disclosures[TellerPage.QueryId].Claims.Select(c => c.Key).Intersect(TellerPage.Requested).Count() == TellerPage.Requested.Length));
    }

    private static IWebElement WaitForVerdict(WebDriver browser) =>
        new WebDriverWait(browser, PageWait).Until<IWebElement?>(b => b.FindElement(By.Id("verdict")) is { Displayed: true } v && v.Text.Length > 0 ? v : null)!;

    private static Dictionary<string, string> Claims(WebDriver browser) =>
        browser.FindElements(By.CssSelector("#claims tbody tr")).ToDictionary(r => r.GetAttribute("data-claim")!, r => r.FindElements(By.TagName("td"))[1].Text);
}
