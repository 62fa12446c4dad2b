using System.Numerics;
using DidSdk.Crypto;
using DidSdk.Ethereum.Rpc;
using DidSdk.Ethereum.Transactions;
using DidSdk.Testing;

namespace DidSdk.Ethereum.Nethereum.Tests.Chain;

/// <summary>One anvil node and one ERC-1056 registry for the whole test assembly. A missing anvil fails every chain test.</summary>
[SetUpFixture]
public sealed class ChainFixture
{
    private static AnvilNode? _node;
    private static EthereumAddress? _registry;
    private static TransactionSender? _funder;
    private static PrivateKey? _funderKey;

    public static AnvilNode Node => _node ?? throw new InvalidOperationException("The chain fixture did not start.");

    public static EthereumAddress Registry => _registry ?? throw new InvalidOperationException("The registry was not deployed.");

    public static ulong ChainId => Node.ChainId;

    public static HttpClient Http { get; } = new();

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _node = await AnvilNode.StartAsync();
        _registry = EthereumAddress.Parse(await RegistryDeployer.DeployAsync(_node));
        _funderKey = PrivateKey.Import(KeyType.Secp256k1, _node.Accounts[9].PrivateKey);
        _funder = Sender(Client(), new KeyTransactionSigner(_funderKey));
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _funderKey?.Dispose();
        if (_node is not null)
        {
            await _node.DisposeAsync();
        }
    }

    /// <summary>Our own JSON-RPC client for the node (the reference the adapter is compared with).</summary>
    public static EthereumRpcClient Client() => new(Http, new EthereumRpcOptions { Endpoint = Node.RpcUrl, RetryBaseDelay = TimeSpan.FromMilliseconds(10) });

    /// <summary>A sender that polls fast (anvil mines on every transaction).</summary>
    public static TransactionSender Sender(IEthereumRpc rpc, ITransactionSigner signer) =>
        new(rpc, signer, new TransactionSenderOptions { PollInterval = TimeSpan.FromMilliseconds(20) });

    /// <summary>A fresh secp256k1 secret whose account holds 1 ETH.</summary>
    public static async Task<byte[]> FundedSecretAsync()
    {
        using var key = PrivateKey.Generate(KeyType.Secp256k1, PrivateKeyExportPolicy.AllowPlaintextExport);
        await _funder!.SendAsync(new TransactionRequest { To = EthereumAddress.FromPublicKey(key.PublicKey), Value = BigInteger.Pow(10, 18), GasLimit = 21_000 });
        return key.ExportPrivateKey();
    }
}
