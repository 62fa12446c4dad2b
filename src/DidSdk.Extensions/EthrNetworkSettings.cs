using DidSdk.Crypto;

namespace DidSdk.Extensions;

/// <summary>One did:ethr network, bound from configuration (<c>DidSdk:EthrNetworks:NAME</c>).</summary>
public sealed class EthrNetworkSettings
{
    /// <summary>The chain id (EIP-155).</summary>
    public ulong ChainId { get; set; }

    /// <summary>The JSON-RPC endpoint (HTTPS; plain HTTP only for loopback).</summary>
    public Uri? RpcUrl { get; set; }

    /// <summary>The ERC-1056 registry contract address (<c>0x</c> and 40 hex digits).</summary>
    public string? Registry { get; set; }

    /// <summary>The timeout of one JSON-RPC request (default 30 seconds).</summary>
    public TimeSpan RpcTimeout { get; set; } = TimeSpan.FromSeconds(30);

    internal IEnumerable<string> Validate(string name)
    {
        if (ChainId == 0)
        {
            yield return $"DidSdk:EthrNetworks:{name}:ChainId is missing.";
        }

        if (RpcUrl is null || !RpcUrl.IsAbsoluteUri || !(RpcUrl.Scheme == Uri.UriSchemeHttps || (RpcUrl.Scheme == Uri.UriSchemeHttp && RpcUrl.IsLoopback)))
        {
            yield return $"DidSdk:EthrNetworks:{name}:RpcUrl must be an absolute HTTPS URL (HTTP only for loopback).";
        }

        if (!EthereumAddress.TryParse(Registry, out _))
        {
            yield return $"DidSdk:EthrNetworks:{name}:Registry is not an Ethereum address.";
        }

        if (RpcTimeout <= TimeSpan.Zero)
        {
            yield return $"DidSdk:EthrNetworks:{name}:RpcTimeout must be positive.";
        }
    }
}
