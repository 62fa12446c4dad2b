using System.Text.Json.Nodes;
using DidSdk.Testing;

namespace DidSdk.Interop.Tests;

/// <summary>The local chain the Ethereum tests and the demo rely on: a real anvil with the ERC-1056 registry deployed.</summary>
[Category("Integration")]
public sealed class DevChainTests
{
    [Test]
    public async Task AnvilNode_StartAndDeployRegistry_ContractCodeIsOnChain()
    {
        await using var node = await AnvilNode.StartAsync();
        Assert.That(node.RpcUrl.Host, Is.EqualTo("127.0.0.1"));
        Assert.That(node.Accounts, Has.Count.EqualTo(10));

        var registry = await RegistryDeployer.DeployAsync(node);
        var code = (await node.RpcAsync("eth_getCode", [registry, "latest"])).GetValue<string>();
        var artifact = JsonNode.Parse(File.ReadAllText(RegistryDeployer.ArtifactPath))!["deployedBytecode"]!.GetValue<string>();

        Assert.That(code, Is.EqualTo(artifact).IgnoreCase, "the deployed runtime code is the artifact's");
    }

    [Test]
    public async Task AnvilNode_Dispose_StopsTheProcess()
    {
        var node = await AnvilNode.StartAsync();
        var pid = node.ProcessId;
        await node.DisposeAsync();

        Assert.That(() => System.Diagnostics.Process.GetProcessById(pid).HasExited, Throws.ArgumentException.Or.True);
    }
}
