namespace DidSdk.Cli.Tests;

/// <summary>
/// What the <c>wallet receive</c> fixtures share: a fresh directory with a passphrase file, a wallet initialized there
/// through the tool before each test, and helpers to run <c>wallet</c> subcommands on it and count what it holds.
/// </summary>
public abstract class CliWalletFixture
{
    private readonly string _directoryPrefix;
    private readonly string _passphrase;
    private TestMaterial? _material;
    private string? _passphraseFile;

    /// <param name="directoryPrefix">The prefix of the test's temporary directory.</param>
    /// <param name="passphrase">The wallet's passphrase (written to <see cref="PassphraseFile"/>).</param>
    protected CliWalletFixture(string directoryPrefix, string passphrase)
    {
        _directoryPrefix = directoryPrefix;
        _passphrase = passphrase;
    }

    /// <summary>The test's directory, keys and credentials.</summary>
    private protected TestMaterial Material => _material ?? throw new InvalidOperationException("The fixture is not set up.");

    /// <summary>The file the tool reads the passphrase from.</summary>
    protected string PassphraseFile => _passphraseFile ?? throw new InvalidOperationException("The fixture is not set up.");

    /// <summary>The wallet, initialized before each test.</summary>
    protected string WalletFile => Material.PathOf("holder.wallet");

    [SetUp]
    public async Task SetUpWalletAsync()
    {
        _material = TestMaterial.Create(_directoryPrefix);
        _passphraseFile = _material.Write("passphrase.txt", _passphrase + "\n");
        var init = await WalletAsync("init");
        Assert.That(init.ExitCode, Is.Zero, init.ToString());
    }

    [TearDown]
    public void TearDownWallet() => _material?.Dispose();

    /// <summary>Runs <c>didsdk wallet SUBCOMMAND --wallet WALLET --passphrase-file FILE REST...</c>.</summary>
    private protected Task<CliRun> WalletAsync(string subcommand, params string[] rest) =>
        CliRunner.RunAsync(["wallet", subcommand, "--wallet", WalletFile, "--passphrase-file", PassphraseFile, .. rest]);

    /// <summary>How many keys and credentials the wallet holds (<c>wallet list</c>).</summary>
    protected async Task<(int Keys, int Credentials)> CountsAsync()
    {
        var list = await WalletAsync("list");
        Assert.That(list.ExitCode, Is.Zero, list.ToString());
        return (list.Json["keys"]!.AsArray().Count, list.Json["credentials"]!.AsArray().Count);
    }
}
