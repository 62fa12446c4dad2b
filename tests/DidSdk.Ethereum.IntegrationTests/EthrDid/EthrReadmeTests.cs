using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using DidSdk.Core.Dids;
using DidSdk.Crypto;
using DidSdk.Ethereum.Ethr;
using DidSdk.Testing;
using MyBank.Identity;

namespace DidSdk.Ethereum.IntegrationTests.DidEthr;

[Category("Integration")]
public sealed partial class EthrReadmeTests
{
    [Test]
    public async Task ReadmeExample_RunsOnAnvil()
    {
        var httpClient = ChainFixture.Http;
        var rpcUrl = ChainFixture.Node.RpcUrl.ToString();
        var registryAddress = ChainFixture.Registry;
        ulong chainId = 31337;
        using var bankKey = await ChainFixture.FundedKeyAsync();
        using var assertionKey = PrivateKey.Generate(KeyType.Ed25519);

        var (write, result) = await ReadmeExample.PublishAndResolveAsync(httpClient, new Uri(rpcUrl), registryAddress, chainId, bankKey, assertionKey);
        var did = EthrDidRegistrar.Create(bankKey.PublicKey, chainId);

        Assert.That(write.TransactionHash, Does.StartWith("0x").And.Length.EqualTo(66));
        Assert.That(result.Succeeded, Is.True, result.ToJson());
        Assert.That(result.DidDocument!.TryGetAuthorizedVerificationMethod(did + "#delegate-1", VerificationRelationship.AssertionMethod, out var vm), Is.True);
        Assert.That(vm!.TryGetPublicKey(out var published, out _), Is.True);
        Assert.That(published, Is.EqualTo(assertionKey.PublicKey));
        Assert.That(result.DidDocumentMetadata.VersionId, Is.EqualTo(write.BlockNumber.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Test]
    public void ReadmeExample_IsTheCodeThisTestRuns()
    {
        // The README's C# block is ReadmeExample.cs verbatim (using lines included), so it compiles with this project
        // and ReadmeExample_RunsOnAnvil runs it.
        var readme = File.ReadAllText(Path.Combine(RepoPaths.Root, "src", "DidSdk.Ethereum", "README.md")).ReplaceLineEndings("\n");
        var blocks = CodeBlock().Matches(readme);
        Assert.That(blocks, Has.Count.EqualTo(1), "README has one csharp block");
        var example = File.ReadAllText(Path.Combine(Path.GetDirectoryName(SourcePath())!, "ReadmeExample.cs")).ReplaceLineEndings("\n");
        Assert.That(blocks[0].Groups[1].Value, Is.EqualTo(example));
    }

    private static string SourcePath([CallerFilePath] string path = "") => path;

    [GeneratedRegex("```csharp[^\\n]*\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex CodeBlock();
}
