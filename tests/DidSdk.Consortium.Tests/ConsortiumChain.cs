using DidSdk.Crypto;
using DidSdk.Ethereum.Rpc;
using DidSdk.Ethereum.Transactions;
using DidSdk.Testing;

namespace DidSdk.Consortium.Tests;

/// <summary>One anvil node for the test assembly; each test deploys its own registry. A missing anvil fails every test.</summary>
[SetUpFixture]
public sealed class ConsortiumChain
{
    private static AnvilNode? _node;
    private static PrivateKey[]? _keys;

    public static AnvilNode Node => _node ?? throw new InvalidOperationException("The chain fixture did not start.");

    public static HttpClient Http { get; } = new();

    /// <summary>anvil's funded accounts 0..5 as keys: 0-2 are the founding banks, 3 an outsider, 4-5 spare.</summary>
    public static IReadOnlyList<PrivateKey> Keys => _keys ?? throw new InvalidOperationException("The chain fixture did not start.");

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _node = await AnvilNode.StartAsync();
        _keys = [.. _node.Accounts.Take(6).Select(a => PrivateKey.Import(KeyType.Secp256k1, a.PrivateKey))];
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        foreach (var key in _keys ?? [])
        {
            key.Dispose();
        }

        if (_node is not null)
        {
            await _node.DisposeAsync();
        }
    }

    public static EthereumRpcClient Client() =>
        new(Http, new EthereumRpcOptions { Endpoint = Node.RpcUrl, RetryBaseDelay = TimeSpan.FromMilliseconds(10) });

    public static EthereumAddress AddressOf(int account) => EthereumAddress.FromPublicKey(Keys[account].PublicKey);

    public static TransactionSender Sender(int account, IEthereumRpc? rpc = null) =>
        new(rpc ?? Client(), new KeyTransactionSigner(Keys[account]), new TransactionSenderOptions { PollInterval = TimeSpan.FromMilliseconds(20) });

    public static ConsortiumMember Member(int account, string name) =>
        new(AddressOf(account), $"did:ethr:0x7a69:{AddressOf(account).ToLowerHexString()}", name);

    /// <summary>Deploys a registry of banks 0..2 (threshold 2 unless told) and returns its client.</summary>
    public static async Task<ConsortiumTrustRegistry> DeployAsync(int threshold = 2, int members = 3, TimeSpan? lifetime = null, IEthereumRpc? rpc = null)
    {
        var seed = Enumerable.Range(0, members).Select(i => Member(i, $"Bank {(char)('A' + i)}")).ToArray();
        var deployment = await ConsortiumTrustRegistry.DeployAsync(Sender(0, rpc), seed, threshold, lifetime ?? TimeSpan.FromDays(7));
        return new ConsortiumTrustRegistry(rpc ?? Client(), deployment.Contract);
    }
}
