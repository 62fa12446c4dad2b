using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;

namespace DidSdk.Crypto.Tests;

public partial class ReadmeTests
{
    [Test]
    public void ReadmeExample_Runs()
    {
        using var key = PrivateKey.Generate(KeyType.Ed25519);
        var signature = SigningAlgorithm.Ed25519.Sign(key, "hello"u8);
        var valid = SigningAlgorithm.Ed25519.Verify(key.PublicKey, "hello"u8, signature);

        var multikey = Multikey.Encode(key.PublicKey); // "z6Mk..."
        var jwk = Jwk.FromPublicKey(key.PublicKey);
        var thumbprint = jwk.ComputeThumbprint(); // RFC 7638, base64url SHA-256
        var keyAgreementKey = Ed25519ToX25519.ConvertPublicKey(key.PublicKey);

        Assert.That(valid, Is.True);
        Assert.That(multikey, Does.StartWith("z6Mk"));
        Assert.That(thumbprint, Has.Length.EqualTo(43));
        Assert.That(keyAgreementKey.KeyType, Is.EqualTo(KeyType.X25519));
    }

    [Test]
    public void ReadmeExample_IsTheCodeThisTestRuns()
    {
        var readme = File.ReadAllText(Path.Combine(RepoRoot(), "src", "DidSdk.Crypto", "README.md"));
        var block = CodeBlock().Match(readme);
        Assert.That(block.Success, Is.True, "README has no csharp block");
        var thisFile = File.ReadAllText(SourcePath());
        foreach (var line in block.Groups[1].Value.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && (!l.StartsWith("using ", StringComparison.Ordinal) || l.StartsWith("using var ", StringComparison.Ordinal))))
        {
            Assert.That(thisFile, Does.Contain(line), "README line not exercised by this test");
        }
    }

    private static string RepoRoot() => SpecVectors.VectorFiles.RepoRoot;

    private static string SourcePath([CallerFilePath] string path = "") => path;

    [GeneratedRegex("```csharp\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex CodeBlock();
}
