using System.Text.Json;
using System.Text.Json.Nodes;

namespace DidSdk.Testing;

/// <summary>
/// Deploys the ERC-1056 <c>EthereumDIDRegistry</c> from the compiled artifact of the npm package
/// <c>ethr-did-registry</c> (tests/devchain), sent from anvil's unlocked account 0.
/// </summary>
public static class RegistryDeployer
{
    /// <summary>The artifact JSON (abi, bytecode) shipped by <c>ethr-did-registry</c>.</summary>
    public static string ArtifactPath => RepoPaths.NodeModule(
        "ethr-did-registry", "artifacts", "contracts", "EthereumDIDRegistry.sol", "EthereumDIDRegistry.json");

    /// <summary>The contract's creation bytecode (0x-prefixed hex) from the artifact.</summary>
    public static string CreationBytecode()
    {
        using var artifact = JsonDocument.Parse(File.ReadAllBytes(ArtifactPath));
        return artifact.RootElement.GetProperty("bytecode").GetString()
            ?? throw new InvalidOperationException("The registry artifact has no bytecode.");
    }

    /// <summary>The contract's ABI from the artifact.</summary>
    public static JsonArray Abi()
    {
        var artifact = JsonNode.Parse(File.ReadAllBytes(ArtifactPath))!.AsObject();
        return artifact["abi"]!.AsArray();
    }

    /// <summary>Deploys a fresh registry and returns its address (lower-case hex as the node reports it).</summary>
    public static async Task<string> DeployAsync(AnvilNode node, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(node);
        var receipt = await node.SendTransactionAsync(
            new JsonObject
            {
                ["from"] = node.Accounts[0].Address,
                ["data"] = CreationBytecode(),
                ["gas"] = "0x2dc6c0",
            },
            cancellationToken).ConfigureAwait(false);
        if (receipt["status"]?.GetValue<string>() != "0x1")
        {
            throw new InvalidOperationException($"Registry deployment failed: {receipt.ToJsonString()}");
        }

        return receipt["contractAddress"]?.GetValue<string>()
            ?? throw new InvalidOperationException("The deployment receipt has no contract address.");
    }
}
