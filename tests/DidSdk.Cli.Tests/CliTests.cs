using System.Text.Json.Nodes;
using DidSdk.Crypto;

namespace DidSdk.Cli.Tests;

/// <summary>Runs the real didsdk tool as a process and checks the CLI contract: stdout JSON, stderr errors, exit codes.</summary>
public class CliTests
{
    private string _directory = null!;

    [SetUp]
    public void SetUp() => _directory = Directory.CreateTempSubdirectory("didsdk-cli-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_directory, recursive: true);

    [TestCase("Ed25519", KeyType.Ed25519)]
    [TestCase("ES256K", KeyType.Secp256k1)]
    [TestCase("ES256", KeyType.P256)]
    public async Task KeyGenerate_PrintsAPrivateJwkOfTheRightType(string alg, KeyType keyType)
    {
        var (exit, stdout, _) = await RunAsync("key", "generate", "--alg", alg);

        Assert.That(exit, Is.Zero);
        var jwk = Jwk.Parse(stdout);
        Assert.That(jwk.HasPrivateKey, Is.True);
        using var key = jwk.ToPrivateKey(PrivateKeyExportPolicy.None);
        Assert.That(key.KeyType, Is.EqualTo(keyType));
    }

    [Test]
    public async Task KeyGenerate_WithOut_WritesAPrivateFile0600AndPrintsThePublicJwk()
    {
        var path = Path.Combine(_directory, "key.jwk");
        var (exit, stdout, _) = await RunAsync("key", "generate", "--alg", "Ed25519", "--out", path);

        Assert.That(exit, Is.Zero);
        Assert.That(Jwk.Parse(stdout).HasPrivateKey, Is.False);
        Assert.That(Jwk.Parse(await File.ReadAllTextAsync(path)).ToPublicKey(), Is.EqualTo(Jwk.Parse(stdout).ToPublicKey()));
        if (!OperatingSystem.IsWindows())
        {
            Assert.That(File.GetUnixFileMode(path), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
        }
    }

    [TestCase("key", "did:key:z")]
    [TestCase("jwk", "did:jwk:ey")]
    public async Task DidCreate_ThenResolveAndDereference_GiveTheDocumentAndTheMethod(string method, string prefix)
    {
        var path = Path.Combine(_directory, "key.jwk");
        await RunAsync("key", "generate", "--alg", "ES256", "--out", path);

        var (exit, stdout, _) = await RunAsync("did", "create", "--method", method, "--key", path);
        Assert.That(exit, Is.Zero);
        var created = JsonNode.Parse(stdout)!;
        var did = created["did"]!.GetValue<string>();
        Assert.That(did, Does.StartWith(prefix));

        (exit, stdout, _) = await RunAsync("did", "resolve", did);
        Assert.That(exit, Is.Zero);
        var resolved = JsonNode.Parse(stdout)!;
        Assert.That(resolved["didDocument"]!["id"]!.GetValue<string>(), Is.EqualTo(did));
        var kid = resolved["didDocument"]!["assertionMethod"]![0]!.GetValue<string>();
        kid = kid.StartsWith('#') ? did + kid : kid;

        (exit, stdout, _) = await RunAsync("did", "resolve", kid);
        Assert.That(exit, Is.Zero);
        Assert.That(stdout, Does.Contain("publicKey"));
    }

    [Test]
    public async Task DidResolve_UnresolvableDid_ExitsOneWithTheW3cError()
    {
        // Valid base58btc, but the bytes do not start with a public-key multicodec.
        var (exit, stdout, _) = await RunAsync("did", "resolve", "did:key:zNotAKey");

        Assert.That(exit, Is.EqualTo(1));
        Assert.That(JsonNode.Parse(stdout)!["didResolutionMetadata"]!["error"]!.GetValue<string>(), Is.EqualTo("unsupportedPublicKeyType"));
    }

    [Test]
    public async Task DidResolve_SyntacticallyInvalidDid_ExitsTwo()
    {
        var (exit, _, stderr) = await RunAsync("did", "resolve", "did:KEY:abc");

        Assert.That(exit, Is.EqualTo(2));
        Assert.That(JsonNode.Parse(stderr)!["error"]!["code"]!.GetValue<string>(), Is.EqualTo("invalidDidUrl"));
    }

    [Test]
    public async Task BadUsage_ExitsTwoWithAJsonErrorOnStderr()
    {
        var (exit, stdout, stderr) = await RunAsync("key", "generate", "--alg", "RS256");

        Assert.That(exit, Is.EqualTo(2));
        Assert.That(stdout, Is.Empty);
        Assert.That(JsonNode.Parse(stderr)!["error"]!["code"]!.GetValue<string>(), Is.EqualTo("badUsage"));
    }

    [Test]
    public async Task DidCreate_MissingKeyFile_ExitsTwo()
    {
        var (exit, _, stderr) = await RunAsync("did", "create", "--method", "key", "--key", Path.Combine(_directory, "absent.jwk"));

        Assert.That(exit, Is.EqualTo(2));
        Assert.That(JsonNode.Parse(stderr)!["error"]!["code"]!.GetValue<string>(), Is.EqualTo("fileNotFound"));
    }

    private static Task<CliRun> RunAsync(params string[] args) => CliRunner.RunAsync(args);
}
