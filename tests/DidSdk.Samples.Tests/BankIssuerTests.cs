using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using BankIssuer;
using KycQuickStart;
using Microsoft.Extensions.Configuration;

namespace DidSdk.Samples.Tests;

/// <summary>
/// samples/BankIssuer in process (Kestrel on loopback bound to port 0, state in SQLite or a real PostgreSQL server), the
/// back office making an offer, and the didsdk tool's <c>wallet receive</c> (its own process) taking the credential into
/// a wallet file; bad settings run the program itself.
/// </summary>
[Category("Integration")]
public sealed class BankIssuerTests
{
    private const string Vct = "https://kyc.consortium.example/credentials/kyc/v1";
    private const string Passphrase = "customer passphrase 0d4e";

    private string _directory = "";

    [SetUp]
    public void SetUp() => _directory = Directory.CreateTempSubdirectory("didsdk-bank-issuer-").FullName;

    [TearDown]
    public void TearDown()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Test]
    public async Task BankIssuer_OfferFromBackOffice_WalletReceiveStoresVerifiedCredential()
    {
        await using var bank = await StartBankAsync("sqlite:" + Path.Combine(_directory, "issuer.db"));
        using var http = new HttpClient();

        var offer = await OfferAsync(http, bank.Host.Address);
        var offerUri = offer["credential_offer_uri"]!.GetValue<string>();
        Assert.That(offerUri, Does.StartWith(new Uri(bank.Host.Address, "/oid4vci/credential-offer/").AbsoluteUri));
        Assert.That(offer["tx_code"]!.GetValue<string>(), Does.Match("^[0-9]{6}$"));

        var (wallet, id) = await ReceiveAsync(offerUri, offer["tx_code"]!.GetValue<string>());

        var show = await CliAsync("wallet", "show", "--wallet", wallet, id);
        Assert.That(show.Exit, Is.Zero, show.Stderr);
        var stored = JsonNode.Parse(show.Stdout)!;
        Assert.That(stored["issuer"]!.GetValue<string>(), Is.EqualTo(bank.Settings.IssuerDid));
        Assert.That(stored["claims"]!["nationality"]!.GetValue<string>(), Is.EqualTo("KR"));
        Assert.That(stored["claims"]!["vct"]!.GetValue<string>(), Is.EqualTo(Vct));

        // The offer is single use: the same offer again is refused at the token endpoint.
        var again = await CliAsync("wallet", "receive", "--wallet", wallet, offer["offer"]!.GetValue<string>(), "--tx-code", offer["tx_code"]!.GetValue<string>(), "--allow-loopback-http");
        Assert.That(again.Exit, Is.Not.Zero);

        using var unknownVct = await http.PostAsync(new Uri(bank.Host.Address, "/admin/offers"), Json(new JsonObject { ["vct"] = "https://other.example/vct", ["claims"] = new JsonObject() }));
        Assert.That(unknownVct.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    [Test]
    public async Task BankIssuer_PostgresStore_IssuesAndSecondInstanceSeesTheCodeUsed()
    {
        var store = "postgres:" + await BankSamplesPostgreSql.NewDatabaseAsync();
        await using var first = await StartBankAsync(store);
        await using var second = await StartBankAsync(store);
        using var http = new HttpClient();

        var offer = await OfferAsync(http, first.Host.Address);
        var offerUri = new Uri(offer["credential_offer_uri"]!.GetValue<string>());
        var txCode = offer["tx_code"]!.GetValue<string>();

        // The second instance serves the offer the first one made: the state is in the shared database.
        var offerJson = JsonNode.Parse(await http.GetStringAsync(new Uri(second.Host.Address, offerUri.AbsolutePath)))!;
        var code = offerJson["grants"]!["urn:ietf:params:oauth:grant-type:pre-authorized_code"]!["pre-authorized_code"]!.GetValue<string>();

        var (wallet, id) = await ReceiveAsync(offerUri.AbsoluteUri, txCode);
        var show = await CliAsync("wallet", "show", "--wallet", wallet, id);
        Assert.That(show.Exit, Is.Zero, show.Stderr);
        Assert.That(JsonNode.Parse(show.Stdout)!["issuer"]!.GetValue<string>(), Is.EqualTo(first.Settings.IssuerDid));

        // The code the wallet redeemed at the first instance is used for the second one too.
        using var token = await http.PostAsync(new Uri(second.Host.Address, "/oid4vci/token"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "urn:ietf:params:oauth:grant-type:pre-authorized_code",
            ["pre-authorized_code"] = code,
            ["tx_code"] = txCode,
        }));
        var error = await token.Content.ReadAsStringAsync();
        Assert.That(token.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), error);
        Assert.That(JsonNode.Parse(error)!["error"]!.GetValue<string>(), Is.EqualTo("invalid_grant"));
    }

    [Test]
    public async Task BankIssuer_AdminUrlsGiven_BackOfficeNotOnTheProtocolPort()
    {
        // The back office listens elsewhere (port 9, which this host does not listen on): the protocol port answers 404.
        await using var bank = await StartBankAsync("sqlite:" + Path.Combine(_directory, "issuer.db"), adminUrls: "http://127.0.0.1:9");
        using var http = new HttpClient();

        using var onProtocolPort = await http.PostAsync(new Uri(bank.Host.Address, "/admin/offers"), Json(new JsonObject { ["vct"] = Vct, ["claims"] = new JsonObject { ["age_over_18"] = true } }));

        Assert.That(onProtocolPort.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(bank.Settings.BackOfficePorts, Is.EqualTo(new[] { 9 }));
    }

    [TestCase("--store", "postgres:Host=127.0.0.1;Password=secret-4711;Port=not-a-number", TestName = "BankIssuer_MalformedPostgresConnectionString_ExitTwo")]
    [TestCase("--store", "postgres:Password=secret-4711", TestName = "BankIssuer_PostgresWithoutHost_ExitTwo")]
    [TestCase("--store", "redis:x", TestName = "BankIssuer_UnknownStore_ExitTwo")]
    [TestCase("--urls", "http://192.0.2.1:5080", TestName = "BankIssuer_PlainHttpOffLoopback_ExitTwo")]
    public async Task BankIssuer_BadSettings_ExitTwo(string option, string value)
    {
        // The settings are refused before anything listens: the port is never bound.
        var args = option == "--urls" ? new[] { option, value } : ["--urls", "http://127.0.0.1:9", option, value];
        using var process = Process.Start(Start(args))!;
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        var message = await stderr;
        Assert.That(process.ExitCode, Is.EqualTo(2));
        Assert.That(message, Does.StartWith("BankIssuer: " + option));
        Assert.That(message, Does.Not.Contain("   at "), "a message, not a stack trace");
        Assert.That(message, Does.Not.Contain("secret-4711"), "the connection string's password is never echoed");
    }

    [Test]
    public async Task BankIssuer_PostgresUnreachable_ExitOneWithoutPassword()
    {
        using var process = Process.Start(Start(["--urls", "http://127.0.0.1:9", "--store", "postgres:Host=127.0.0.1;Port=9;Username=bank;Password=secret-4711;Timeout=5"]))!;
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        var message = await stderr;
        Assert.That(process.ExitCode, Is.EqualTo(1), message);
        Assert.That(message, Does.StartWith("BankIssuer: --store postgres: cannot use PostgreSQL database"));
        Assert.That(message, Does.Not.Contain("   at "), "a message, not a stack trace");
        Assert.That(message, Does.Not.Contain("secret-4711"));
    }

    private static StringContent Json(JsonObject body) => new(body.ToJsonString(), Encoding.UTF8, "application/json");

    private static async Task<JsonNode> OfferAsync(HttpClient http, Uri bank)
    {
        using var created = await http.PostAsync(new Uri(bank, "/admin/offers"), Json(new JsonObject
        {
            ["vct"] = Vct,
            ["claims"] = new JsonObject { ["given_name"] = "Ji-woo", ["nationality"] = "KR", ["age_over_18"] = true },
        }));
        var body = await created.Content.ReadAsStringAsync();
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), body);
        return JsonNode.Parse(body)!;
    }

    /// <summary>A new wallet file receives the offer with the PIN; returns the file and the stored credential's id.</summary>
    private async Task<(string Wallet, string Id)> ReceiveAsync(string offerUri, string txCode)
    {
        var wallet = Path.Combine(_directory, $"customer-{Guid.NewGuid():N}.wallet");
        Assert.That((await CliAsync("wallet", "init", "--wallet", wallet)).Exit, Is.Zero);
        var received = await CliAsync("wallet", "receive", "--wallet", wallet, offerUri, "--tx-code", txCode, "--allow-loopback-http");
        Assert.That(received.Exit, Is.Zero, received.Stderr);
        return (wallet, JsonNode.Parse(received.Stdout)!["ids"]![0]!.GetValue<string>());
    }

    /// <summary>The issuer on 127.0.0.1:0 (the bound port read back, then the application configured for it).</summary>
    private static async Task<Bank> StartBankAsync(string store, string? adminUrls = null)
    {
        BankIssuerSettings? settings = null;
        var host = await LoopbackHost.StartAsync(
            (builder, address) =>
            {
                var values = new Dictionary<string, string?> { ["urls"] = address, ["store"] = store, ["admin-urls"] = adminUrls };
                settings = BankIssuerSettings.From(new ConfigurationBuilder().AddInMemoryCollection(values).Build());
                builder.AddBankIssuer(settings);
            },
            app => app.MapBankIssuer(settings!),
            CancellationToken.None);
        return new Bank(host, settings!);
    }

    private static ProcessStartInfo Start(string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "BankIssuer.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return start;
    }

    private static async Task<(int Exit, string Stdout, string Stderr)> CliAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "didsdk.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["DIDSDK_WALLET_PASSPHRASE"] = Passphrase;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }

    private sealed record Bank(LoopbackHost Host, BankIssuerSettings Settings) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Host.DisposeAsync();
            Settings.Dispose();
        }
    }
}
