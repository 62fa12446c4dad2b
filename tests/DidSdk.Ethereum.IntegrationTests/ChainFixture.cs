using System.Numerics;
using DidSdk.Crypto;
using DidSdk.Ethereum.Rpc;
using DidSdk.Ethereum.Transactions;
using DidSdk.Testing;

namespace DidSdk.Ethereum.IntegrationTests;

/// <summary>One anvil node and one ERC-1056 registry for the whole test assembly. A missing anvil fails every test.</summary>
[SetUpFixture]
public sealed class ChainFixture
{
    private static AnvilNode? _node;
    private static EthereumAddress? _registry;
    private static TransactionSender? _funder;
    private static PrivateKey? _funderKey;

    public static AnvilNode Node => _node ?? throw new InvalidOperationException("The chain fixture did not start.");

    public static EthereumAddress Registry => _registry ?? throw new InvalidOperationException("The registry was not deployed.");

    public static HttpClient Http { get; } = new();

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _node = await AnvilNode.StartAsync();
        _registry = EthereumAddress.Parse(await RegistryDeployer.DeployAsync(_node));
        _funderKey = PrivateKey.Import(KeyType.Secp256k1, _node.Accounts[9].PrivateKey);
        _funder = Sender(Client(), _funderKey);
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

    /// <summary>A JSON-RPC client for the node, optionally through a handler that inspects or limits requests.</summary>
    public static EthereumRpcClient Client(HttpMessageHandler? handler = null) =>
        new(handler is null ? Http : new HttpClient(handler), new EthereumRpcOptions { Endpoint = Node.RpcUrl, RetryBaseDelay = TimeSpan.FromMilliseconds(10) });

    /// <summary>A sender that polls fast (anvil mines on every transaction).</summary>
    public static TransactionSender Sender(IEthereumRpc rpc, PrivateKey key, TransactionSenderOptions? options = null) =>
        new(rpc, new KeyTransactionSigner(key), options ?? new TransactionSenderOptions { PollInterval = TimeSpan.FromMilliseconds(20) });

    /// <summary>A fresh secp256k1 identity funded with 1 ETH, so it can send its own registry transactions.</summary>
    public static async Task<PrivateKey> FundedKeyAsync(decimal ether = 1m)
    {
        var key = PrivateKey.Generate(KeyType.Secp256k1);
        await _funder!.SendAsync(new TransactionRequest { To = EthereumAddress.FromPublicKey(key.PublicKey), Value = new BigInteger(ether * 1_000_000_000_000_000_000m), GasLimit = 21_000 });
        return key;
    }
}
