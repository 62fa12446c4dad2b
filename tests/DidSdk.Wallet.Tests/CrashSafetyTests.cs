using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using DidSdk.Core.Json;
using DidSdk.Crypto;
using DidSdk.Testing;

namespace DidSdk.Wallet.Tests;

/// <summary>
/// A child process writes to the wallet in a loop and is killed (SIGKILL) at random points; after every kill the wallet
/// must open with one of the two passphrases, every record must authenticate, and the counts must be those of the
/// last state the child reported or of the one write it may have had in flight. The database, its WAL and journal are
/// then scanned for plaintext key bytes, the data key and claim values.
/// </summary>
[Category("Integration")]
public sealed class CrashSafetyTests : WalletTestBase
{
    private const int Runs = 100;
    private const string PassphraseB = "second passphrase for the crash test";

    [Test]
    public async Task KilledWriter_AtRandomPoints_WalletOpensConsistentAndFilesHoldNoPlaintext()
    {
        using var issuer = new TestIssuer();
        var markers = new List<string>();
        var credentials = new List<string>();
        using (var holder = PrivateKey.Generate(KeyType.Ed25519))
        {
            for (var i = 0; i < 4; i++)
            {
                var marker = "Marker" + Convert.ToHexString(RandomNumberGenerator.GetBytes(8));
                markers.Add(marker);
                credentials.Add(await issuer.IssueSdJwtAsync(holder.PublicKey, claims: TestIssuer.KycClaims(marker)));
            }
        }

        var credentialFile = Path.Combine(Directory, "credentials.txt");
        await File.WriteAllLinesAsync(credentialFile, credentials);
        (await CreateWalletAsync()).Dispose();

        var snapshots = new List<byte[]>();
        var killedMidRun = 0;
        for (var run = 0; run < Runs; run++)
        {
            var (last, sawState) = await RunAndKillAsync(credentialFile, TimeSpan.FromMilliseconds(RandomNumberGenerator.GetInt32(150, 1200)));
            Assert.That(sawState, Is.True, "the helper never reported its state");
            if (last.Steps > 0)
            {
                killedMidRun++;
            }

            foreach (var suffix in new[] { "", "-wal", "-journal" })
            {
                if (File.Exists(WalletPath + suffix))
                {
                    snapshots.Add(await File.ReadAllBytesAsync(WalletPath + suffix));
                }
            }

            var (wallet, passphraseIndex) = await OpenEitherAsync();
            await using (wallet)
            {
                var list = await wallet.ListCredentialsAsync();
                var keys = await wallet.ListKeysAsync();
                Assert.That(list.Problems, Is.Empty, $"run {run}: a record failed authentication");
                Assert.That(list.Credentials.Count, Is.InRange(last.Credentials - 1, last.Credentials + 1), $"run {run}: credentials");
                Assert.That(keys.Count, Is.InRange(last.Keys, last.Keys + 1), $"run {run}: keys");
                if (passphraseIndex != last.Passphrase)
                {
                    // Only the passphrase change in flight may have committed after the last report.
                    Assert.That(list.Credentials.Count == last.Credentials && keys.Count == last.Keys, Is.True, $"run {run}: passphrase");
                }

                foreach (var credential in list.Credentials)
                {
                    Assert.That(credential.Claims["given_name"], Is.Not.Null);
                }
            }
        }

        Assert.That(killedMidRun, Is.GreaterThan(Runs / 2), "most kills should land after the child started writing");

        // Every secret the wallet ever held must be absent from every file it ever wrote.
        var secrets = new List<(string What, byte[] Bytes)>();
        var (final, _) = await OpenEitherAsync();
        await using (final)
        {
            foreach (var key in await final.ListKeysAsync())
            {
                var jwk = await final.ExportPrivateKeyAsync(key.Id);
                Assert.That(StrictBase64Url.TryDecode(jwk.D, out var d), Is.True);
                secrets.Add(("private key " + key.Id, d!));
            }

            secrets.Add(("data key", final.ExportDataKeyForTests()));
        }

        Assert.That(secrets, Has.Count.GreaterThan(1));
        secrets.AddRange(markers.Select(m => ("claim value", Encoding.UTF8.GetBytes(m))));
        secrets.Add(("passphrase", Encoding.UTF8.GetBytes(Passphrase)));
        secrets.Add(("passphrase", Encoding.UTF8.GetBytes(PassphraseB)));
        foreach (var snapshot in snapshots)
        {
            foreach (var (what, bytes) in secrets)
            {
                Assert.That(snapshot.AsSpan().IndexOf(bytes), Is.EqualTo(-1), $"{what} found in a wallet file");
            }
        }
    }

    private async Task<(Wallet Wallet, int Index)> OpenEitherAsync()
    {
        try
        {
            return (await OpenWalletAsync(), 0);
        }
        catch (WalletException e) when (e.Code == WalletProblemCodes.WrongPassphrase)
        {
            return (await OpenWalletAsync(passphrase: PassphraseB), 1);
        }
    }

    private sealed record State(int Credentials, int Keys, int Passphrase, int Steps);

    private async Task<(State Last, bool SawState)> RunAndKillAsync(string credentialFile, TimeSpan delay)
    {
        var start = new ProcessStartInfo("dotnet", [HelperPath, WalletPath, Passphrase, PassphraseB, credentialFile])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("The crash helper did not start.");
        var last = new State(0, 0, 0, -1);
        var first = new TaskCompletionSource();
        var stateLock = new object();
        var reader = Task.Run(async () =>
        {
            while (await process.StandardOutput.ReadLineAsync() is { } line)
            {
                var parts = line.Split(' ');
                if (parts is ["state", var c, var k, var p])
                {
                    lock (stateLock)
                    {
                        last = new State(int.Parse(c, System.Globalization.CultureInfo.InvariantCulture), int.Parse(k, System.Globalization.CultureInfo.InvariantCulture), int.Parse(p, System.Globalization.CultureInfo.InvariantCulture), last.Steps + 1);
                    }

                    first.TrySetResult();
                }
            }
        });
        var stderr = process.StandardError.ReadToEndAsync();
        var started = await Task.WhenAny(first.Task, Task.Delay(TimeSpan.FromSeconds(60)));
        if (started != first.Task)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("The crash helper did not start within 60 s: " + await stderr);
        }

        await Task.Delay(delay);
        if (process.HasExited)
        {
            Assert.Fail($"The crash helper exited by itself ({process.ExitCode}): " + await stderr);
        }

        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
        await reader;
        lock (stateLock)
        {
            return (last, last.Steps >= 0);
        }
    }

    private static string HelperPath
    {
        get
        {
            var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
            var path = Path.Combine(RepoPaths.Root, "tests", "DidSdk.Wallet.CrashHelper", "bin", configuration, "net10.0", "DidSdk.Wallet.CrashHelper.dll");
            return File.Exists(path) ? path : throw new FileNotFoundException("Build tests/DidSdk.Wallet.CrashHelper first (the test project references it).", path);
        }
    }
}
