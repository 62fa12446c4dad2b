using Microsoft.Extensions.Time.Testing;

namespace DidSdk.Wallet.Tests;

/// <summary>A temporary directory per test and fast (OWASP-minimum) Argon2id costs.</summary>
public abstract class WalletTestBase
{
    protected const string Passphrase = "correct horse battery staple";

    internal static readonly WalletOptions FastOptions = new() { Argon2MemoryKiB = WalletOptions.MinimumArgon2MemoryKiB, Argon2Iterations = WalletOptions.MinimumArgon2Iterations };

    protected FakeTimeProvider Clock { get; private set; } = null!;

    protected string Directory { get; private set; } = null!;

    protected string WalletPath => Path.Combine(Directory, "holder.wallet");

    [SetUp]
    public void CreateDirectory()
    {
        Clock = new FakeTimeProvider(TestIssuer.Now);
        Directory = Path.Combine(Path.GetTempPath(), "didsdk-wallet-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
    }

    [TearDown]
    public void DeleteDirectory()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    protected Task<Wallet> CreateWalletAsync(string? path = null, string passphrase = Passphrase) =>
        Wallet.CreateAsync(path ?? WalletPath, passphrase, FastOptions, Clock);

    protected Task<Wallet> OpenWalletAsync(string? path = null, string passphrase = Passphrase) =>
        Wallet.OpenAsync(path ?? WalletPath, passphrase, FastOptions, Clock);
}
