using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;

namespace DidSdk.Samples.Tests;

/// <summary>
/// samples/BankIssuer as a process (Kestrel on loopback, SQLite state), the back office making an offer, and the
/// didsdk tool's <c>wallet receive</c> taking the credential into a wallet file.
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
    public void TearDown() => Directory.Delete(_directory, recursive: true);

    [Test]
    public async Task BankIssuer_OfferFromBackOffice_WalletReceiveStoresVerifiedCredential()
    {
        var port = FreePort();
        await using var bank = await BankProcess.StartAsync("--urls", $"http://127.0.0.1:{port}", "--store", "sqlite:" + Path.Combine(_directory, "issuer.db"));
        using var http = new HttpClient();

        using var created = await http.PostAsync(new Uri($"http://127.0.0.1:{port}/admin/offers"), Json(new JsonObject
        {
            ["vct"] = Vct,
            ["claims"] = new JsonObject { ["given_name"] = "Ji-woo", ["nationality"] = "KR", ["age_over_18"] = true },
        }));
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), await created.Content.ReadAsStringAsync());
        var offer = JsonNode.Parse(await created.Content.ReadAsStringAsync())!;
        var offerUri = offer["credential_offer_uri"]!.GetValue<string>();
        Assert.That(offerUri, Does.StartWith($"http://127.0.0.1:{port}/oid4vci/credential-offer/"));
        Assert.That(offer["tx_code"]!.GetValue<string>(), Does.Match("^[0-9]{6}$"));

        var wallet = Path.Combine(_directory, "customer.wallet");
        Assert.That((await CliAsync("wallet", "init", "--wallet", wallet)).Exit, Is.Zero);
        var received = await CliAsync("wallet", "receive", "--wallet", wallet, offerUri, "--tx-code", offer["tx_code"]!.GetValue<string>(), "--allow-loopback-http");
        Assert.That(received.Exit, Is.Zero, received.Stderr);
        var id = JsonNode.Parse(received.Stdout)!["ids"]![0]!.GetValue<string>();

        var show = await CliAsync("wallet", "show", "--wallet", wallet, id);
        Assert.That(show.Exit, Is.Zero, show.Stderr);
        var stored = JsonNode.Parse(show.Stdout)!;
        Assert.That(stored["issuer"]!.GetValue<string>(), Does.StartWith("did:key:"));
        Assert.That(bank.Output, Does.Contain(stored["issuer"]!.GetValue<string>()), "the DID the bank announced at start");
        Assert.That(stored["claims"]!["nationality"]!.GetValue<string>(), Is.EqualTo("KR"));
        Assert.That(stored["claims"]!["vct"]!.GetValue<string>(), Is.EqualTo(Vct));

        // The offer is single use: the same offer again is refused at the token endpoint.
        var again = await CliAsync("wallet", "receive", "--wallet", wallet, offer["offer"]!.GetValue<string>(), "--tx-code", offer["tx_code"]!.GetValue<string>(), "--allow-loopback-http");
        Assert.That(again.Exit, Is.Not.Zero);
    }

    [Test]
    public async Task BankIssuer_AdminUrlsGiven_BackOfficeOnlyThere()
    {
        var port = FreePort();
        var adminPort = FreePort();
        await using var bank = await BankProcess.StartAsync("--urls", $"http://127.0.0.1:{port}", "--admin-urls", $"http://127.0.0.1:{adminPort}", "--store", "sqlite:" + Path.Combine(_directory, "issuer.db"));
        using var http = new HttpClient();
        var body = new JsonObject { ["vct"] = Vct, ["claims"] = new JsonObject { ["age_over_18"] = true } };

        using var onProtocolPort = await http.PostAsync(new Uri($"http://127.0.0.1:{port}/admin/offers"), Json(body));
        using var onAdminPort = await http.PostAsync(new Uri($"http://127.0.0.1:{adminPort}/admin/offers"), Json(body));
        using var unknownVct = await http.PostAsync(new Uri($"http://127.0.0.1:{adminPort}/admin/offers"), Json(new JsonObject { ["vct"] = "https://other.example/vct", ["claims"] = new JsonObject() }));

        Assert.That(onProtocolPort.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(onAdminPort.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(unknownVct.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    [TestCase("--store", "postgres:Host=127.0.0.1", TestName = "BankIssuer_PostgresStoreNotInThisBuild_ExitTwo")]
    [TestCase("--store", "redis:x", TestName = "BankIssuer_UnknownStore_ExitTwo")]
    [TestCase("--urls", "http://192.0.2.1:5080", TestName = "BankIssuer_PlainHttpOffLoopback_ExitTwo")]
    public async Task BankIssuer_BadSettings_ExitTwo(string option, string value)
    {
        var args = option == "--urls" ? new[] { option, value } : ["--urls", $"http://127.0.0.1:{FreePort()}", option, value];
        using var process = Process.Start(Start(args))!;
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        Assert.That(process.ExitCode, Is.EqualTo(2));
        Assert.That(await stderr, Does.Contain(option));
    }

    private static StringContent Json(JsonObject body) => new(body.ToJsonString(), Encoding.UTF8, "application/json");

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
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

    /// <summary>The BankIssuer process: ready once it printed its start line; stopped by its process id.</summary>
    private sealed class BankProcess : IAsyncDisposable
    {
        private readonly Process _process;
        private readonly StringBuilder _output = new();

        private BankProcess(Process process) => _process = process;

        public string Output
        {
            get
            {
                lock (_output)
                {
                    return _output.ToString();
                }
            }
        }

        public static async Task<BankProcess> StartAsync(params string[] args)
        {
            var bank = new BankProcess(Process.Start(Start(args))!);
            var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            void Collect(string? line)
            {
                if (line is null)
                {
                    ready.TrySetException(new InvalidOperationException("BankIssuer ended before it was ready: " + bank.Output));
                    return;
                }

                lock (bank._output)
                {
                    bank._output.AppendLine(line);
                }

                if (line.StartsWith("BankIssuer: credential issuer", StringComparison.Ordinal))
                {
                    ready.TrySetResult();
                }
            }

            bank._process.OutputDataReceived += (_, e) => Collect(e.Data);
            bank._process.ErrorDataReceived += (_, e) =>
            {
                if (e.Data is not null)
                {
                    lock (bank._output)
                    {
                        bank._output.AppendLine(e.Data);
                    }
                }
            };
            bank._process.BeginOutputReadLine();
            bank._process.BeginErrorReadLine();
            await ready.Task.WaitAsync(TimeSpan.FromSeconds(60));
            return bank;
        }

        public async ValueTask DisposeAsync()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }

            _process.Dispose();
        }
    }
}
