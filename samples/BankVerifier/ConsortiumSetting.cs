using DidSdk.Crypto;
using DidSdk.Ethereum.Rpc;

namespace BankVerifier;

/// <summary>
/// <c>--consortium ADDRESS --rpc URL [--registry ADDRESS]</c>: the consortium's <c>ConsortiumTrustRegistry</c> at
/// <c>ADDRESS</c> on the chain behind the JSON-RPC endpoint <c>URL</c>, and optionally that chain's ERC-1056
/// <c>EthereumDIDRegistry</c> so that did:ethr issuers resolve (and their signing key is checked at issuance time).
/// </summary>
internal sealed record ConsortiumSetting(EthereumAddress Contract, Uri Rpc, EthereumAddress? DidRegistry)
{
    /// <summary>The chain's id, asked of the node at start (<see cref="ConnectAsync"/>) when did:ethr issuers resolve.</summary>
    public ulong? ChainId { get; private set; }

    /// <summary>The JSON-RPC client on <paramref name="http"/>.</summary>
    public EthereumRpcClient Client(HttpClient http) => new(http, new EthereumRpcOptions { Endpoint = Rpc });

    /// <summary>With <c>--registry</c>, asks the node for its chain id; returns a message when the node does not answer.</summary>
    public async Task<string?> ConnectAsync(HttpClient http, CancellationToken cancellationToken = default)
    {
        if (DidRegistry is null)
        {
            return null;
        }

        try
        {
            ChainId = await Client(http).GetChainIdAsync(cancellationToken);
            return null;
        }
        catch (Exception e) when (e is EthereumRpcException or EthereumTransportException or HttpRequestException or TaskCanceledException)
        {
            return $"--rpc: the chain at {Rpc.GetLeftPart(UriPartial.Authority)} does not answer ({e.Message}).";
        }
    }

    /// <summary>The setting, or <see langword="null"/> when <c>--consortium</c> is not given; bad values are <see cref="ArgumentException"/>s.</summary>
    public static ConsortiumSetting? From(IConfiguration configuration)
    {
        if (configuration["consortium"] is not { } contractText)
        {
            return configuration["rpc"] is null && configuration["registry"] is null
                ? null
                : throw new ArgumentException("--rpc and --registry belong to --consortium ADDRESS.");
        }

        if (!EthereumAddress.TryParse(contractText, out var contract))
        {
            throw new ArgumentException("--consortium needs the trust registry's address (0x and 40 hex digits).");
        }

        if (configuration["rpc"] is not { } rpcText || !Uri.TryCreate(rpcText, UriKind.Absolute, out var rpc) || rpc.Scheme is not ("http" or "https"))
        {
            throw new ArgumentException("--consortium needs --rpc with the chain's JSON-RPC http(s) URL.");
        }

        EthereumAddress? didRegistry = null;
        if (configuration["registry"] is { } registryText && !EthereumAddress.TryParse(registryText, out didRegistry))
        {
            throw new ArgumentException("--registry needs the ERC-1056 registry's address (0x and 40 hex digits).");
        }

        return new ConsortiumSetting(contract, rpc, didRegistry);
    }
}
