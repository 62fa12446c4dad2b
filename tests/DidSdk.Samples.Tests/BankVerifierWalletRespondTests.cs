using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using BankVerifier;
using DidSdk.Core.Jose;
using DidSdk.Core.Methods;
using DidSdk.Crypto;
using DidSdk.OpenId4Vc;
using DidSdk.SdJwt;
using DidSdk.Wallet;

namespace DidSdk.Samples.Tests;

/// <summary>
/// samples/BankVerifier as its own process (<c>--urls http://127.0.0.1:0</c>, the bound origin read from its start line)
/// and the didsdk tool's <c>wallet respond</c> as another: the back office asks for the teller's KYC query, the wallet
/// answers the request URI with <c>--yes</c>, and the back office reads the verified result. Both are stopped by their
/// process ids.
/// </summary>
[Category("Integration")]
public sealed class BankVerifierWalletRespondTests
{
    private const string Passphrase = "customer passphrase 7c21";
    private static readonly TimeSpan StartWait = TimeSpan.FromSeconds(60);

    private string _directory = "";
    private PrivateKey _issuerKey = null!;
    private string _issuerDid = "";

    [SetUp]
    public void SetUp()
    {
        _directory = Directory.CreateTempSubdirectory("didsdk-bank-verifier-respond-").FullName;
        _issuerKey = PrivateKey.Generate(KeyType.Ed25519);
        _issuerDid = DidKey.Create(_issuerKey.PublicKey);
    }

    [TearDown]
    public void TearDown()
    {
        _issuerKey.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Test]
    public async Task WalletRespond_TellerQueryFromBankVerifierProcess_VerifiedWithOnlyTheRequestedClaims()
    {
        var wallet = await WalletWithAsync(TellerPage.KycVct);
        await using var bank = await BankProcess.StartAsync(_directory, _issuerDid);
        using var http = new HttpClient();
        var request = await CreateRequestAsync(http, bank.Origin);

        var run = await CliAsync("wallet", "respond", request["wallet_uri"]!.GetValue<string>(), "--yes", "--allow-loopback-http", "--wallet", wallet);

        Assert.That(run.Exit, Is.Zero, run.ToString());
        Assert.That(JsonNode.Parse(run.Stdout)!["verified"]!.GetValue<bool>(), Is.True, run.ToString());
        var result = await ResultAsync(http, bank.Origin, request["id"]!.GetValue<string>(), until: r => r["status"]!.GetValue<string>() != "pending");
        Assert.That(result["status"]!.GetValue<string>(), Is.EqualTo("verified"), result.ToJsonString());
        Assert.That(result["verified"]!.GetValue<bool>(), Is.True);
        Assert.That(result["problems"]!.AsArray(), Is.Empty);
        var presented = result["claims"]![TellerPage.QueryId]!.AsArray().Single()!["claims"]!.AsObject();
        Assert.That(presented.Select(c => c.Key).Intersect(Kyc().Select(c => c.Key)), Is.EquivalentTo(TellerPage.Requested), "the wallet disclosed the requested claims and withheld the others: " + presented.ToJsonString());
        Assert.That(presented["age_over_18"]!.GetValue<bool>(), Is.True);
        Assert.That(presented["nationality"]!.GetValue<string>(), Is.EqualTo("KR"));
        Assert.That(presented["kyc_level"]!.GetValue<string>(), Is.EqualTo("enhanced"));
        Assert.That(presented["iss"]!.GetValue<string>(), Is.EqualTo(_issuerDid));
    }

    [Test]
    public async Task WalletRespond_WalletWithoutAKycCredential_CliFailsAndBankSeesNothingVerified()
    {
        var wallet = await WalletWithAsync("https://other.example/credentials/membership/v1");
        await using var bank = await BankProcess.StartAsync(_directory, _issuerDid);
        using var http = new HttpClient();
        var request = await CreateRequestAsync(http, bank.Origin);

        var run = await CliAsync("wallet", "respond", request["wallet_uri"]!.GetValue<string>(), "--yes", "--allow-loopback-http", "--wallet", wallet);

        Assert.That(run.Exit, Is.EqualTo(1), run.ToString());
        Assert.That(run.Stdout, Is.Empty, run.ToString());
        var error = JsonNode.Parse(run.Stderr)!.AsObject();
        Assert.That(error.Select(p => p.Key), Is.EqualTo(new[] { "error" }), run.ToString());
        Assert.That(error["error"]!["code"]!.GetValue<string>(), Is.EqualTo(OpenId4VpProblemCodes.NoMatchingCredentials), run.ToString());
        Assert.That(error["error"]!["message"]!.GetValueKind(), Is.EqualTo(JsonValueKind.String));
        Assert.That(run.Stderr, Does.Not.Contain("   at "), "a message, not a stack trace");
        var result = await ResultAsync(http, bank.Origin, request["id"]!.GetValue<string>(), until: _ => true);
        Assert.That(result["verified"]!.GetValue<bool>(), Is.False, result.ToJsonString());
        Assert.That(result["status"]!.GetValue<string>(), Is.EqualTo("pending"), result.ToJsonString());
        Assert.That(result["claims"], Is.Null);
    }

    private static JsonObject Kyc() => new()
    {
        ["given_name"] = "Ji-woo",
        ["family_name"] = "Kim",
        ["birthdate"] = "1990-04-12",
        ["nationality"] = "KR",
        ["kyc_level"] = "enhanced",
        ["age_over_18"] = true,
    };

    /// <summary>A wallet file holding one SD-JWT VC of type <paramref name="vct"/> from the test issuer, every claim disclosable.</summary>
    private async Task<string> WalletWithAsync(string vct)
    {
        var file = Path.Combine(_directory, "customer.wallet");
        await using var wallet = await Wallet.Wallet.CreateAsync(file, Passphrase.AsMemory(),
            new WalletOptions { Argon2MemoryKiB = WalletOptions.MinimumArgon2MemoryKiB, Argon2Iterations = WalletOptions.MinimumArgon2Iterations });
        var holder = await wallet.GenerateKeyAsync(KeyType.Ed25519);
        var claims = Kyc();
        var credential = await new SdJwtVcIssuer(new KeySigner(_issuerKey, DidKey.GetVerificationMethodId(_issuerKey.PublicKey))).IssueAsync(new SdJwtVcIssuanceRequest
        {
            Issuer = _issuerDid,
            Vct = vct,
            Claims = claims,
            Disclosable = [.. claims.Select(c => "/" + c.Key)],
            HolderPublicKey = holder.PublicKey,
            ExpiresAt = DateTimeOffset.UtcNow.AddDays(30),
        });
        var imported = await wallet.ImportCredentialAsync(credential.ToCompact());
        Assert.That(imported.Succeeded, Is.True, () => string.Join("; ", imported.Problems));
        return file;
    }

    /// <summary>The back office's request for the teller's query (what the teller page asks for, through <c>/admin/requests</c>).</summary>
    private static async Task<JsonNode> CreateRequestAsync(HttpClient http, Uri bank)
    {
        using var created = await http.PostAsync(new Uri(bank, "/admin/requests"),
            new StringContent(new JsonObject { ["dcql_query"] = TellerPage.KycQuery() }.ToJsonString(), Encoding.UTF8, "application/json"));
        var body = await created.Content.ReadAsStringAsync();
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), body);
        var request = JsonNode.Parse(body)!;
        Assert.That(request["request_uri"]!.GetValue<string>(), Does.StartWith(new Uri(bank, "/oid4vp/request/").AbsoluteUri));
        return request;
    }

    /// <summary>Polls <c>GET /admin/requests/{id}</c> until <paramref name="until"/> holds (at most 30 s); returns the last answer.</summary>
    private static async Task<JsonNode> ResultAsync(HttpClient http, Uri bank, string id, Func<JsonNode, bool> until)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var result = JsonNode.Parse(await http.GetStringAsync(new Uri(bank, "/admin/requests/" + id)))!;
            if (until(result) || deadline.Elapsed > TimeSpan.FromSeconds(30))
            {
                return result;
            }

            await Task.Delay(200);
        }
    }

    private static async Task<CliResult> CliAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "didsdk.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["DIDSDK_WALLET_PASSPHRASE"] = Passphrase;
        using var process = Process.Start(start)!;
        process.StandardInput.Close(); // consent comes from --yes, never from a prompt
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await process.WaitForExitAsync(timeout.Token);
        return new CliResult(process.ExitCode, await stdout, await stderr);
    }

    private sealed record CliResult(int Exit, string Stdout, string Stderr)
    {
        public override string ToString() => $"exit {Exit}\nstdout: {Stdout}\nstderr: {Stderr}";
    }

    /// <summary>
    /// <c>dotnet BankVerifier.dll --urls http://127.0.0.1:0</c>: the service binds a port the operating system assigns and
    /// prints its origin; the test reads that line. Its output is drained for as long as it runs; disposing stops it by id.
    /// </summary>
    private sealed class BankProcess : IAsyncDisposable
    {
        private const string StartLine = "BankVerifier: verifier ";

        private readonly Process _process;
        private readonly Task _drain;

        private BankProcess(Process process, Uri origin, Task drain)
        {
            _process = process;
            Origin = origin;
            _drain = drain;
        }

        public Uri Origin { get; }

        public static async Task<BankProcess> StartAsync(string directory, string trustedIssuer)
        {
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = directory };
            foreach (var arg in (string[])[Path.Combine(AppContext.BaseDirectory, "BankVerifier.dll"), "--urls", "http://127.0.0.1:0",
                "--trusted-issuer", trustedIssuer, "--store", "sqlite:" + Path.Combine(directory, $"verifier-{Guid.NewGuid():N}.db")])
            {
                start.ArgumentList.Add(arg);
            }

            var process = Process.Start(start)!;
            var stderr = new StringBuilder();
            var stderrDrain = Task.Run(async () =>
            {
                while (await process.StandardError.ReadLineAsync() is { } line)
                {
                    lock (stderr)
                    {
                        stderr.AppendLine(line);
                    }
                }
            });
            try
            {
                using var timeout = new CancellationTokenSource(StartWait);
                string? origin = null;
                while (origin is null)
                {
                    var line = await process.StandardOutput.ReadLineAsync(timeout.Token);
                    if (line is null)
                    {
                        await process.WaitForExitAsync(timeout.Token);
                        await stderrDrain;
                        Assert.Fail($"BankVerifier exited {process.ExitCode} before it listened: {stderr}");
                    }

                    if (line!.StartsWith(StartLine, StringComparison.Ordinal))
                    {
                        origin = line[StartLine.Length..line.IndexOf(BankVerifierSettings.BasePath + " as ", StringComparison.Ordinal)];
                    }
                }

                Assert.That(origin, Does.Match(@"^http://127\.0\.0\.1:[1-9][0-9]*$"), "the origin names the port the operating system assigned");
                var stdoutDrain = process.StandardOutput.ReadToEndAsync();
                return new BankProcess(process, new Uri(origin!), Task.WhenAll(stdoutDrain, stderrDrain));
            }
            catch
            {
                Stop(process.Id);
                process.Dispose();
                throw;
            }
        }

        public async ValueTask DisposeAsync()
        {
            Stop(_process.Id);
            using var timeout = new CancellationTokenSource(StartWait);
            await _process.WaitForExitAsync(timeout.Token);
            await _drain;
            _process.Dispose();
        }

        private static void Stop(int id)
        {
            try
            {
                using var process = Process.GetProcessById(id);
                process.Kill();
            }
            catch (ArgumentException)
            {
                // It has exited already.
            }
        }
    }
}
