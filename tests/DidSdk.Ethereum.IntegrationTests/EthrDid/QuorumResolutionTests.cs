using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using DidSdk.Crypto;
using DidSdk.Ethereum.Ethr;
using DidSdk.Ethereum.Registry;
using DidSdk.Ethereum.Rpc;
using DidSdk.Testing;

namespace DidSdk.Ethereum.IntegrationTests.DidEthr;

/// <summary>
/// Multi-node resolution on three real anvil nodes: the fixture's node and two forks of it at the same block. One node
/// is reached through a loopback proxy that rewrites its <c>eth_getLogs</c> replies.
/// </summary>
[Category("Integration")]
[NonParallelizable]
public sealed class QuorumResolutionTests
{
    private static EthrDidResolver Resolver(IEthereumRpc rpc) => new(new EthrDidResolverOptions
    {
        Networks = [new EthrNetwork { ChainId = 31337, Rpc = rpc, Registry = ChainFixture.Registry }],
        CacheHistory = false,
        Timeout = TimeSpan.FromSeconds(30),
    });

    private static EthereumRpcClient Client(Uri url) => new(ChainFixture.Http, new EthereumRpcOptions { Endpoint = url });

    /// <summary>A proxy to <paramref name="upstream"/> that passes every call through and lets <paramref name="rewrite"/> change eth_getLogs results.</summary>
    private static LoopbackHttpServer LyingProxy(Uri upstream, Action<JsonArray> rewrite)
    {
        var server = LoopbackHttpServer.Start();
        server.Map("/", async (request, cancellationToken) =>
        {
            using var content = new ByteArrayContent(request.Body);
            content.Headers.ContentType = new("application/json");
            using var response = await ChainFixture.Http.PostAsync(upstream, content, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            var call = JsonNode.Parse(request.BodyText);
            if (call is JsonObject && call["method"]?.GetValue<string>() == "eth_getLogs")
            {
                var reply = JsonNode.Parse(body)!;
                if (reply["result"] is JsonArray logs)
                {
                    rewrite(logs);
                    body = reply.ToJsonString();
                }
            }

            return new LoopbackResponse((int)response.StatusCode, Encoding.UTF8.GetBytes(body));
        });
        return server;
    }

    [Test]
    public async Task ResolveAsync_ThreeAnvilNodesOneLies_QuorumDocumentEqualsHonestDocument()
    {
        using var key = await ChainFixture.FundedKeyAsync();
        var did = EthrDidRegistrar.Create(key.PublicKey, 31337);
        var address = EthereumAddress.FromPublicKey(key.PublicKey);
        var registry = new EthereumDidRegistry(ChainFixture.Client(), ChainFixture.Registry);
        var sender = ChainFixture.Sender(ChainFixture.Client(), key);
        await registry.AddDelegateAsync(sender, address, "veriKey", EthereumAddress.Parse("0x70997970C51812dc3A010C7d01b50e0d17dc79C8"), TimeSpan.FromDays(1));
        await registry.AddDelegateAsync(sender, address, "veriKey", EthereumAddress.Parse("0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC"), TimeSpan.FromDays(1));
        var block = await ChainFixture.Node.GetBlockNumberAsync();
        string[] fork = ["--fork-url", ChainFixture.Node.RpcUrl.ToString(), "--fork-block-number", block.ToString(CultureInfo.InvariantCulture)];
        await using var forkB = await AnvilNode.StartAsync(new AnvilOptions { ExtraArguments = fork });
        await using var forkC = await AnvilNode.StartAsync(new AnvilOptions { ExtraArguments = fork });
        await using var dropsALog = LyingProxy(forkC.RpcUrl, logs => logs.RemoveAt(0));
        await using var changesAKey = LyingProxy(forkB.RpcUrl, logs => logs[0]!["data"] = logs[1]!["data"]!.GetValue<string>());

        var honest = await Resolver(ChainFixture.Client()).ResolveAsync(did);
        var lied = await Resolver(Client(dropsALog.BaseUri)).ResolveAsync(did);
        var quorum = await Resolver(new QuorumEthereumRpc([ChainFixture.Client(), Client(forkB.RpcUrl), Client(dropsALog.BaseUri)])).ResolveAsync(did);
        var disagreement = await Resolver(new QuorumEthereumRpc([ChainFixture.Client(), Client(changesAKey.BaseUri), Client(dropsALog.BaseUri)])).ResolveAsync(did);

        Assert.That(honest.Succeeded, Is.True, honest.ToJson());
        Assert.That(honest.DidDocument!.VerificationMethod, Has.Count.EqualTo(3));
        Assert.That(lied.ToJson(), Is.Not.EqualTo(honest.ToJson()), "the proxy's lie must change the document");
        Assert.That(quorum.ToJson(), Is.EqualTo(honest.ToJson()));
        Assert.That(disagreement.DidResolutionMetadata.Error, Is.EqualTo(EthrDidResolver.NodesDisagreeError));
    }
}
