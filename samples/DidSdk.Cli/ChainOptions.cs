using System.CommandLine;
using DidSdk.Core.Methods;
using DidSdk.Core.Resolution;
using DidSdk.Crypto;
using DidSdk.Ethereum.Ethr;
using DidSdk.Ethereum.Rpc;

namespace DidSdk.Cli;

/// <summary>The chain options of every command that touches did:ethr: <c>--rpc URL --registry ADDRESS [--chain-id N]</c>.</summary>
internal sealed class ChainOptions
{
    public Option<string?> Rpc { get; } = new("--rpc") { Description = "JSON-RPC URL of the chain holding the ERC-1056 registry" };

    public Option<string?> Registry { get; } = new("--registry") { Description = "Address of the ERC-1056 EthereumDIDRegistry" };

    public Option<ulong?> ChainId { get; } = new("--chain-id") { Description = "Chain id (default: asked of the node)" };

    public void AddTo(Command command)
    {
        command.Options.Add(Rpc);
        command.Options.Add(Registry);
        command.Options.Add(ChainId);
    }

    public bool IsSet(ParseResult parse) => parse.GetValue(Rpc) is not null;

    /// <summary>The node, registry and chain id; bad or missing values are usage errors.</summary>
    public async Task<(EthereumRpcClient Rpc, EthereumAddress Registry, ulong ChainId)> ConnectAsync(ParseResult parse, HttpClient http, CancellationToken cancellationToken)
    {
        if (parse.GetValue(Rpc) is not { } rpcText || !Uri.TryCreate(rpcText, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            throw new CliException("badUsage", "did:ethr needs --rpc with an http(s) URL.");
        }

        if (parse.GetValue(Registry) is not { } registryText || !EthereumAddress.TryParse(registryText, out var registry))
        {
            throw new CliException("badUsage", "did:ethr needs --registry with the registry's address.");
        }

        var rpc = new EthereumRpcClient(http, new EthereumRpcOptions { Endpoint = url });
        var chainId = parse.GetValue(ChainId) ?? await rpc.GetChainIdAsync(cancellationToken).ConfigureAwait(false);
        return (rpc, registry, chainId);
    }

    public async Task<EthrDidResolver> ResolverAsync(ParseResult parse, HttpClient http, CancellationToken cancellationToken)
    {
        var (rpc, registry, chainId) = await ConnectAsync(parse, http, cancellationToken).ConfigureAwait(false);
        return new EthrDidResolver(new EthrDidResolverOptions { Networks = [new EthrNetwork { ChainId = chainId, Rpc = rpc, Registry = registry }] });
    }

    /// <summary>did:key, did:jwk and did:web always; did:ethr when the chain options are given.</summary>
    public async Task<CompositeDidResolver> DidResolverAsync(ParseResult parse, HttpClient http, CancellationToken cancellationToken)
    {
        var methods = new List<IDidMethodResolver> { new DidKeyResolver(), new DidJwkResolver(), new DidWebResolver(http) };
        if (IsSet(parse))
        {
            methods.Add(await ResolverAsync(parse, http, cancellationToken).ConfigureAwait(false));
        }

        return new CompositeDidResolver(methods);
    }
}
