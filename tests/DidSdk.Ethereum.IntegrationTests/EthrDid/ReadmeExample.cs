using DidSdk.Core.Resolution;
using DidSdk.Crypto;
using DidSdk.Ethereum.Ethr;
using DidSdk.Ethereum.Registry;
using DidSdk.Ethereum.Rpc;
using DidSdk.Ethereum.Transactions;

namespace MyBank.Identity;

public static class ReadmeExample
{
    public static async Task<(RegistryWriteResult Write, DidResolutionResult Result)> PublishAndResolveAsync(
        HttpClient httpClient, Uri rpcUrl, EthereumAddress registryAddress, ulong chainId, PrivateKey bankKey, PrivateKey assertionKey)
    {
        var rpc = new EthereumRpcClient(httpClient, new EthereumRpcOptions { Endpoint = rpcUrl });
        var registry = new EthereumDidRegistry(rpc, registryAddress);

        // Registrar: every account is a DID; publish an Ed25519 assertion key (did/pub/Ed25519/veriKey/base64) for a year.
        var did = EthrDidRegistrar.Create(bankKey.PublicKey, chainId);
        var owner = EthrDidWriter.Direct(new TransactionSender(rpc, new KeyTransactionSigner(bankKey)));
        var write = await new EthrDidRegistrar(registry).AddKeyAsync(owner, did, assertionKey.PublicKey, EthrKeyPurpose.VeriKey, EthrKeyEncoding.Base64, TimeSpan.FromDays(365));
        // A relayer can pay instead: EthrDidWriter.Relayed(relayerSender, ownerKey) sends the *Signed meta-transactions.

        // Resolver: no default network; name networks by name or hex chain id. Each resolution has a deadline (Timeout).
        var resolver = new EthrDidResolver(new EthrDidResolverOptions
        {
            Networks = [new EthrNetwork { Name = "consortium", ChainId = chainId, Rpc = rpc, Registry = registryAddress }],
            Timeout = TimeSpan.FromSeconds(5),
        });
        var result = await resolver.ResolveAsync(did); // or with DidResolutionOptions { VersionId = "1234" } / VersionTime
        return (write, result);
    }
}
