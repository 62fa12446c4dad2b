using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using DidSdk.Core.Dids;
using DidSdk.Core.Resolution;
using DidSdk.Crypto;
using DidSdk.Ethereum.Ethr;
using DidSdk.Ethereum.Registry;
using DidSdk.Ethereum.Rpc;
using DidSdk.Ethereum.Transactions;
using DidSdk.Testing;

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

        var rpc = new EthereumRpcClient(httpClient, new EthereumRpcOptions { Endpoint = new Uri(rpcUrl) });
        var registry = new EthereumDidRegistry(rpc, registryAddress);

        // Registrar: every account is a DID; publish an Ed25519 assertion key (did/pub/Ed25519/veriKey/base64) for a year.
        var did = EthrDidRegistrar.Create(bankKey.PublicKey, chainId);
        var owner = EthrDidWriter.Direct(new TransactionSender(rpc, new KeyTransactionSigner(bankKey)));
        var write = await new EthrDidRegistrar(registry).AddKeyAsync(owner, did, assertionKey.PublicKey, EthrKeyPurpose.VeriKey, EthrKeyEncoding.Base64, TimeSpan.FromDays(365));
        // A relayer can pay instead: EthrDidWriter.Relayed(relayerSender, ownerKey) sends the *Signed meta-transactions.

        // Resolver: no default network; name networks by name or hex chain id.
        var resolver = new EthrDidResolver(new EthrDidResolverOptions
        {
            Networks = [new EthrNetwork { Name = "consortium", ChainId = chainId, Rpc = rpc, Registry = registryAddress }],
        });
        var result = await resolver.ResolveAsync(did);                     // or with DidResolutionOptions { VersionId = "1234" } / VersionTime

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
        var readme = File.ReadAllText(Path.Combine(RepoPaths.Root, "src", "DidSdk.Ethereum", "README.md"));
        var blocks = CodeBlock().Matches(readme);
        Assert.That(blocks, Is.Not.Empty, "README has no csharp block");
        var thisFile = File.ReadAllText(SourcePath());
        foreach (var line in blocks.SelectMany(b => b.Groups[1].Value.Split('\n')).Select(l => l.Trim()).Where(l => l.Length > 0))
        {
            Assert.That(thisFile, Does.Contain(line), "README line not exercised by this test");
        }
    }

    private static string SourcePath([CallerFilePath] string path = "") => path;

    [GeneratedRegex("```csharp\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex CodeBlock();
}
