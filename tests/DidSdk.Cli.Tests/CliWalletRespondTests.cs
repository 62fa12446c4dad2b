using System.Diagnostics;
using System.Text.Json.Nodes;
using DidSdk.AspNetCore;
using DidSdk.Core.Jose;
using DidSdk.Core.Methods;
using DidSdk.Core.Resolution;
using DidSdk.Credentials;
using DidSdk.Crypto;
using DidSdk.OpenId4Vc;
using DidSdk.SdJwt;
using DidSdk.Testing;
using DidSdk.Wallet;
using Microsoft.Extensions.DependencyInjection;

namespace DidSdk.Cli.Tests;

/// <summary><c>didsdk wallet respond</c> against a real OID4VP verifier (Kestrel on loopback, DidSdk.AspNetCore endpoints).</summary>
[Category("Integration")]
public sealed class CliWalletRespondTests
{
    private const string Passphrase = "correct horse battery staple";
    private const string Vct = "https://kyc.consortium.example/credentials/kyc/v1";
    private string _directory = "";
    private string _walletFile = "";
    private PrivateKey _issuerKey = null!;
    private PrivateKey _verifierKey = null!;
    private LoopbackWebHost _host = null!;

    private OpenId4VpVerifier Verifier => _host.Services.GetRequiredService<OpenId4VpVerifier>();

    [SetUp]
    public async Task SetUpAsync()
    {
        _directory = Directory.CreateTempSubdirectory("didsdk-cli-respond-").FullName;
        _walletFile = Path.Combine(_directory, "holder.wallet");
        _issuerKey = PrivateKey.Generate(KeyType.Ed25519);
        _verifierKey = PrivateKey.Generate(KeyType.Ed25519);
        var resolver = new CompositeDidResolver(new DidKeyResolver(), new DidJwkResolver());
        await using (var wallet = await Wallet.Wallet.CreateAsync(_walletFile, Passphrase.AsMemory(),
            new WalletOptions { Argon2MemoryKiB = WalletOptions.MinimumArgon2MemoryKiB, Argon2Iterations = WalletOptions.MinimumArgon2Iterations }))
        {
            var holder = await wallet.GenerateKeyAsync(KeyType.Ed25519);
            var token = await new SdJwtVcIssuer(new KeySigner(_issuerKey, DidKey.GetVerificationMethodId(_issuerKey.PublicKey))).IssueAsync(new SdJwtVcIssuanceRequest
            {
                Issuer = DidKey.Create(_issuerKey.PublicKey),
                Vct = Vct,
                Claims = new JsonObject { ["given_name"] = "Ji-woo", ["birthdate"] = "1990-04-12", ["kyc_level"] = "enhanced" },
                Disclosable = ["/given_name", "/birthdate", "/kyc_level"],
                HolderPublicKey = holder.PublicKey,
            });
            var imported = await wallet.ImportCredentialAsync(token.ToCompact(), new CredentialVerifier(resolver, new CredentialVerifierOptions { AllowUncheckedStatus = true },
                formatHandlers: [new SdJwtVcFormatHandler(null, null, new SdJwtVerifierOptions { RequireKeyBinding = false, AllowUncheckedStatus = true })]));
            Assert.That(imported.Succeeded, Is.True);
        }

        _host = await LoopbackWebHost.StartAsync(
            (builder, baseUrl) =>
            {
                builder.Services.AddSingleton<IOpenId4VcStateStore>(new SqliteOpenId4VcStateStore(Path.Combine(_directory, "verifier.db")));
                builder.Services.AddSingleton(new SdJwtVcVerifier(new SdJwtVerifierOptions { AllowUncheckedStatus = true }, resolver));
                builder.Services.AddKeyedSingleton<ISigner>(OpenId4VpServiceCollectionExtensions.RequestSignerKey, new KeySigner(_verifierKey, DidKey.GetVerificationMethodId(_verifierKey.PublicKey)));
                builder.Services.AddOpenId4VpVerifier(o =>
                {
                    o.VerifierDid = DidKey.Create(_verifierKey.PublicKey);
                    o.ResponseUri = $"{baseUrl}/oid4vp/response";
                    o.RequestUriBase = $"{baseUrl}/oid4vp/request";
                    o.AllowLoopbackHttp = true;
                });
            },
            (app, _) => app.MapOpenId4VpVerifier("/oid4vp"));
    }

    [TearDown]
    public async Task TearDownAsync()
    {
        await _host.DisposeAsync();
        _issuerKey.Dispose();
        _verifierKey.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    private static JsonObject Query() => new()
    {
        ["credentials"] = new JsonArray(new JsonObject
        {
            ["id"] = "kyc",
            ["format"] = "dc+sd-jwt",
            ["meta"] = new JsonObject { ["vct_values"] = new JsonArray(Vct) },
            ["claims"] = new JsonArray(new JsonObject { ["path"] = new JsonArray("kyc_level") }),
        }),
    };

    [Test]
    public async Task WalletRespond_Yes_VerifierAcceptsAndAnswerPrinted()
    {
        var request = await Verifier.CreateRequestAsync(Query());
        var run = await RunAsync(null, "wallet", "respond", request.WalletUri, "--yes", "--allow-loopback-http", "--wallet", _walletFile);
        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(run.Json["verified"]!.GetValue<bool>(), Is.True);
        var result = await Verifier.GetResultAsync(request.Id);
        Assert.That(result!.Succeeded, Is.True);
        Assert.That(result.Claims!["kyc"]![0]!["claims"]!["kyc_level"]!.GetValue<string>(), Is.EqualTo("enhanced"));
        Assert.That(result.Claims["kyc"]![0]!["claims"]!.AsObject().ContainsKey("birthdate"), Is.False);
    }

    [Test]
    public async Task WalletRespond_ConsentRefusedOnStdin_ExitOneAndVerifierSeesRefusal()
    {
        var request = await Verifier.CreateRequestAsync(Query());
        var run = await RunAsync("n\n", "wallet", "respond", request.WalletUri, "--allow-loopback-http", "--wallet", _walletFile);
        Assert.That(run.ExitCode, Is.EqualTo(1), run.ToString());
        Assert.That(run.Stderr, Does.Contain("\"kyc_level\"").And.Contain(OpenId4VpProblemCodes.ConsentDenied));
        Assert.That(run.Stderr, Does.Not.Contain("birthdate"));
        Assert.That((await Verifier.GetResultAsync(request.Id))!.Status, Is.EqualTo(OpenId4VpSessionResult.Rejected));
    }

    private static async Task<CliRun> RunAsync(string? stdin, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "didsdk.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["DIDSDK_WALLET_PASSPHRASE"] = Passphrase;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
        }

        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await process.WaitForExitAsync(timeout.Token);
        return new CliRun(process.ExitCode, await stdout, await stderr);
    }
}
