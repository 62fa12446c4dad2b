using System.Numerics;
using System.Text;
using System.Text.Json.Nodes;
using DidSdk.Core.Resolution;
using DidSdk.Crypto;
using DidSdk.Ethereum.Ethr;
using DidSdk.Ethereum.Registry;
using DidSdk.Ethereum.Rpc;
using DidSdk.Ethereum.Transactions;
using DidSdk.Testing;
using Nethereum.Contracts;
using Nethereum.Hex.HexTypes;
using Nethereum.Web3;
using Nethereum.Web3.Accounts;

namespace DidSdk.Ethereum.Nethereum.Tests.Chain;

/// <summary>
/// did:ethr across the two stacks on a real anvil node: DIDs written through Nethereum's contract service resolve in
/// our resolver exactly like DIDs written by our registrar, ours read back through Nethereum give the same events and
/// state, and the resolver and registrar run over the Nethereum adapter with the same results as over our client.
/// </summary>
[Category("Integration")]
public sealed class NethereumInteropTests
{
    private const string KeyAttribute = "did/pub/Ed25519/veriKey/base64";
    private const string ServiceAttribute = "did/svc/HubService";
    private const string ServiceEndpoint = "https://hub.example.com/.identity/";
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);

    private static EthrDidResolver Resolver(IEthereumRpc rpc) => new(new EthrDidResolverOptions
    {
        Networks = [new EthrNetwork { Name = "dev", ChainId = ChainFixture.ChainId, Rpc = rpc, Registry = ChainFixture.Registry }],
        CacheHistory = false,
        Timeout = TimeSpan.FromSeconds(30),
    });

    private static Web3 Web3(Account? account = null) =>
        account is null ? new Web3(ChainFixture.Node.RpcUrl.ToString()) : new Web3(account, ChainFixture.Node.RpcUrl.ToString());

    /// <summary>A signer over a Nethereum account attached to the node, as a Nethereum user has it.</summary>
    private static NethereumTransactionSigner Signer(Account account)
    {
        _ = Web3(account);
        return new NethereumTransactionSigner(account);
    }

    private static Contract RegistryContract(Web3 web3) => web3.Eth.GetContract(RegistryDeployer.Abi().ToJsonString(), ChainFixture.Registry.ToString());

    private static byte[] Bytes32(string text)
    {
        var bytes = new byte[32];
        Encoding.UTF8.GetBytes(text, bytes);
        return bytes;
    }

    private static string Did(EthereumAddress address) => EthrDid.Create(address, ChainFixture.ChainId);

    /// <summary>The DID document with the identity's address replaced, so documents of two identities can be compared.</summary>
    private static string Normalized(DidResolutionResult result, EthereumAddress identity)
    {
        Assert.That(result.Succeeded, Is.True, result.ToJson());
        var document = JsonNode.Parse(result.ToJson())!["didDocument"]!.ToJsonString();
        return document.Replace(identity.ToString(), "IDENTITY", StringComparison.Ordinal)
            .Replace(identity.ToLowerHexString(), "IDENTITY", StringComparison.Ordinal);
    }

    [Test]
    public async Task ResolveAsync_DidWrittenThroughNethereumContractService_SameDocumentAsWrittenByOurRegistrar()
    {
        using var assertionKey = PrivateKey.Generate(KeyType.Ed25519);
        var delegateAddress = EthereumAddress.FromBytes(RandomNumbers(20));

        // Through Nethereum: an Account, the contract service, Nethereum's own nonce, gas and fee handling.
        var theirSecret = await ChainFixture.FundedSecretAsync();
        var account = new Account(theirSecret, ChainFixture.ChainId);
        var contract = RegistryContract(Web3(account));
        var gas = new HexBigInteger(300_000);
        foreach (var (function, arguments) in new (string, object[])[]
        {
            ("setAttribute", [account.Address, Bytes32(KeyAttribute), assertionKey.PublicKey.Export(), new BigInteger(Day.TotalSeconds)]),
            ("addDelegate", [account.Address, Bytes32("veriKey"), delegateAddress.ToString(), new BigInteger(Day.TotalSeconds)]),
            ("setAttribute", [account.Address, Bytes32(ServiceAttribute), Encoding.UTF8.GetBytes(ServiceEndpoint), new BigInteger(Day.TotalSeconds)]),
        })
        {
            var receipt = await contract.GetFunction(function).SendTransactionAndWaitForReceiptAsync(account.Address, gas, new HexBigInteger(0), null, arguments);
            Assert.That(receipt.Status.Value, Is.EqualTo(BigInteger.One), function);
        }

        // Through our registrar: the same three changes for another identity.
        using var ourKey = PrivateKey.Import(KeyType.Secp256k1, await ChainFixture.FundedSecretAsync());
        var rpc = ChainFixture.Client();
        var ourDid = EthrDidRegistrar.Create(ourKey.PublicKey, ChainFixture.ChainId);
        var writer = EthrDidWriter.Direct(ChainFixture.Sender(rpc, new KeyTransactionSigner(ourKey)));
        var registrar = new EthrDidRegistrar(new EthereumDidRegistry(rpc, ChainFixture.Registry));
        await registrar.AddKeyAsync(writer, ourDid, assertionKey.PublicKey, EthrKeyPurpose.VeriKey, EthrKeyEncoding.Base64, Day);
        await registrar.AddDelegateAsync(writer, ourDid, "veriKey", delegateAddress, Day);
        await registrar.AddServiceAsync(writer, ourDid, "HubService", ServiceEndpoint, Day);

        var theirAddress = EthereumAddress.Parse(account.Address);
        var theirs = await Resolver(rpc).ResolveAsync(Did(theirAddress));
        var theirsOverAdapter = await Resolver(new NethereumEthereumRpc(Web3().Client)).ResolveAsync(Did(theirAddress));
        var ours = await Resolver(rpc).ResolveAsync(ourDid);

        Assert.That(theirs.DidDocument!.VerificationMethod.Select(v => v.Id), Does.Contain(Did(theirAddress) + "#delegate-1").And.Contain(Did(theirAddress) + "#delegate-2"));
        Assert.That(theirs.DidDocument.Service.Single().ServiceEndpoint.ToString(), Does.Contain(ServiceEndpoint));
        Assert.That(Normalized(theirs, theirAddress), Is.EqualTo(Normalized(ours, EthereumAddress.FromPublicKey(ourKey.PublicKey))));
        Assert.That(theirsOverAdapter.ToJson(), Is.EqualTo(theirs.ToJson()));
    }

    [Test]
    public async Task ReadThroughNethereum_DidWrittenByOurRegistrar_SameStateAndEvents()
    {
        using var ownerKey = PrivateKey.Import(KeyType.Secp256k1, await ChainFixture.FundedSecretAsync());
        using var assertionKey = PrivateKey.Generate(KeyType.Ed25519);
        var identity = EthereumAddress.FromPublicKey(ownerKey.PublicKey);
        var rpc = ChainFixture.Client();
        var registry = new EthereumDidRegistry(rpc, ChainFixture.Registry);
        var registrar = new EthrDidRegistrar(registry);
        var writer = EthrDidWriter.Direct(ChainFixture.Sender(rpc, new KeyTransactionSigner(ownerKey)));
        var did = Did(identity);
        await registrar.AddKeyAsync(writer, did, assertionKey.PublicKey, EthrKeyPurpose.VeriKey, EthrKeyEncoding.Base64, Day);
        var last = await registrar.AddServiceAsync(writer, did, "HubService", ServiceEndpoint, Day);

        var contract = RegistryContract(Web3());
        var changed = await contract.GetFunction("changed").CallAsync<BigInteger>(identity.ToString());
        var owner = await contract.GetFunction("identityOwner").CallAsync<string>(identity.ToString());
        var attributeEvent = contract.GetEvent("DIDAttributeChanged");
        var logs = await attributeEvent.GetAllChangesDefaultAsync(attributeEvent.CreateFilterInput(new object[] { identity.ToString() }, new global::Nethereum.RPC.Eth.DTOs.BlockParameter(0), global::Nethereum.RPC.Eth.DTOs.BlockParameter.CreateLatest()));

        Assert.That((ulong)changed, Is.EqualTo(last.BlockNumber).And.EqualTo(await registry.ChangedAsync(identity)));
        Assert.That(EthereumAddress.Parse(owner), Is.EqualTo(await registry.IdentityOwnerAsync(identity)));
        Assert.That(logs, Has.Count.EqualTo(2));
        Assert.That((byte[])logs[0].Event[1].Result, Is.EqualTo(Bytes32(KeyAttribute)));
        Assert.That((byte[])logs[0].Event[2].Result, Is.EqualTo(assertionKey.PublicKey.Export()));
        Assert.That((byte[])logs[1].Event[1].Result, Is.EqualTo(Bytes32(ServiceAttribute)));
        Assert.That(Encoding.UTF8.GetString((byte[])logs[1].Event[2].Result), Is.EqualTo(ServiceEndpoint));

        // Our event decoder on the logs read through the adapter gives what Nethereum decoded.
        var adapterLogs = await ((IEthereumRpc)new NethereumEthereumRpc(Web3().Client)).GetLogsAsync(
            new LogFilter { Address = ChainFixture.Registry, Topics = [Erc1056EventDecoder.AttributeChangedTopic, Erc1056EventDecoder.IdentityTopic(identity)] }, 100);
        var decoded = adapterLogs.Select(l => Erc1056EventDecoder.TryDecode(l, out var e, out _) ? (DidAttributeChanged)e : null).ToList();
        Assert.That(decoded.Select(e => e!.Value), Is.EqualTo(logs.Select(l => (byte[])l.Event[2].Result)));
        Assert.That(decoded.Select(e => e!.ValidTo), Is.EqualTo(logs.Select(l => (BigInteger)l.Event[3].Result)));
        Assert.That(decoded.Select(e => e!.BlockNumber), Is.EqualTo(logs.Select(l => (ulong)l.Log.BlockNumber.Value)));
    }

    [Test]
    public async Task RegistrarAndResolver_OverNethereumClientAndAccount_SameResultAsOverOurClient()
    {
        var secret = await ChainFixture.FundedSecretAsync();
        using var ownerKey = PrivateKey.Import(KeyType.Secp256k1, secret);
        using var assertionKey = PrivateKey.Generate(KeyType.Ed25519);
        var web3 = Web3();
        var interceptor = new CountingInterceptor();
        web3.Client.OverridingRequestInterceptor = interceptor;
        var adapter = new NethereumEthereumRpc(web3.Client);
        var signer = Signer(new Account(secret, ChainFixture.ChainId));
        var registrar = new EthrDidRegistrar(new EthereumDidRegistry(adapter, ChainFixture.Registry));
        var writer = EthrDidWriter.Direct(ChainFixture.Sender(adapter, signer));
        var did = EthrDidRegistrar.Create(ownerKey.PublicKey, ChainFixture.ChainId);
        var delegateAddress = EthereumAddress.FromBytes(RandomNumbers(20));

        Assert.That(signer.Address, Is.EqualTo(EthereumAddress.FromPublicKey(ownerKey.PublicKey)));
        await registrar.AddKeyAsync(writer, did, assertionKey.PublicKey, EthrKeyPurpose.SigAuth, EthrKeyEncoding.Base64, Day);
        await registrar.AddDelegateAsync(writer, did, "sigAuth", delegateAddress, Day);
        var revoked = await registrar.RevokeDelegateAsync(writer, did, "sigAuth", delegateAddress);

        var overAdapter = await Resolver(adapter).ResolveAsync(did);
        var overOurs = await Resolver(ChainFixture.Client()).ResolveAsync(did);

        Assert.That(overAdapter.Succeeded, Is.True, overAdapter.ToJson());
        Assert.That(overAdapter.ToJson(), Is.EqualTo(overOurs.ToJson()));
        Assert.That(overAdapter.DidDocumentMetadata.VersionId, Is.EqualTo(revoked.BlockNumber.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.That(overAdapter.DidDocument!.Authentication, Has.Count.EqualTo(2), "controller and the sigAuth key; the revoked delegate is gone");
        Assert.That(interceptor.Methods, Does.Contain("eth_sendRawTransaction").And.Contain("eth_getLogs"), "every call went through the user's interceptor");
    }

    [Test]
    public async Task RelayedWrite_RelayerIsNethereumAccount_OwnerChangeResolves()
    {
        var relayerSecret = await ChainFixture.FundedSecretAsync();
        using var ownerKey = PrivateKey.Generate(KeyType.Secp256k1);
        var adapter = new NethereumEthereumRpc(Web3().Client);
        var registrar = new EthrDidRegistrar(new EthereumDidRegistry(adapter, ChainFixture.Registry));
        var relayer = ChainFixture.Sender(adapter, Signer(new Account(relayerSecret, ChainFixture.ChainId)));
        var did = EthrDidRegistrar.Create(ownerKey.PublicKey, ChainFixture.ChainId);
        var newOwner = EthereumAddress.FromBytes(RandomNumbers(20));

        await registrar.ChangeOwnerAsync(EthrDidWriter.Relayed(relayer, ownerKey), did, newOwner);
        var result = await Resolver(adapter).ResolveAsync(did);

        Assert.That(result.Succeeded, Is.True, result.ToJson());
        Assert.That(result.DidDocument!.VerificationMethod[0].BlockchainAccountId, Is.EqualTo($"eip155:{ChainFixture.ChainId}:{newOwner}"));
    }

    [Test]
    public void SignTransactionAsync_AccountForAnotherChain_RefusesInsteadOfSigning()
    {
        var secret = RandomNumbers(32);
        secret[0] = 1;
        var signer = Signer(new Account(secret, 1));
        var transaction = new UnsignedTransaction { ChainId = ChainFixture.ChainId, Nonce = 0, GasLimit = 21_000, MaxFeePerGas = 1, To = signer.Address };

        Assert.That(async () => await signer.SignTransactionAsync(transaction), Throws.InvalidOperationException);
    }

    [Test]
    public async Task SignTransactionAsync_NethereumAccount_SameBytesAsOurSigner()
    {
        var secret = RandomNumbers(32);
        secret[0] = 1;
        using var key = PrivateKey.Import(KeyType.Secp256k1, secret);
        var transaction = new UnsignedTransaction
        {
            ChainId = ChainFixture.ChainId, Nonce = 7, GasLimit = 90_000, MaxFeePerGas = 2_000_000_000, MaxPriorityFeePerGas = 1_000_000,
            To = ChainFixture.Registry, Data = RandomNumbers(100), Value = 5,
        };
        var legacy = transaction with { Type = TransactionType.Legacy, GasPrice = 3_000_000_000 };
        var theirs = Signer(new Account(secret, ChainFixture.ChainId));
        var ours = new KeyTransactionSigner(key);

        Assert.That(await theirs.SignTransactionAsync(transaction), Is.EqualTo(await ours.SignTransactionAsync(transaction)));
        Assert.That(await theirs.SignTransactionAsync(legacy), Is.EqualTo(await ours.SignTransactionAsync(legacy)));
    }

    [Test]
    public async Task SendAsync_Revert_EthereumRpcExceptionWithRevertData()
    {
        var adapter = new NethereumEthereumRpc(Web3().Client);
        // changeOwner from an account that is not the owner reverts with "bad_actor".
        var call = new CallRequest
        {
            From = EthereumAddress.FromBytes(RandomNumbers(20)),
            To = ChainFixture.Registry,
            Data = Abi.AbiCodec.EncodeCall("changeOwner(address,address)", Abi.AbiValue.Address(EthereumAddress.FromBytes(RandomNumbers(20))), Abi.AbiValue.Address(EthereumAddress.FromBytes(RandomNumbers(20)))),
        };
        var request = EthereumRpcRequests.Call(call, BlockTags.Latest);

        var failure = Assert.ThrowsAsync<EthereumRpcException>(async () => await adapter.SendAsync(request.Method, request.Parameters));
        var batch = await adapter.SendBatchAsync([EthereumRpcRequests.ChainId(), request]);

        Assert.That(failure!.Error.Data, Is.Not.Null);
        Assert.That(batch[0].Succeeded, Is.True);
        Assert.That(batch[1].Succeeded, Is.False);
        Assert.That(batch[1].Error!.Code, Is.EqualTo(failure.Code));
    }

    [Test]
    public void Constructor_AccountWithoutClient_ArgumentException()
    {
        var secret = RandomNumbers(32);
        secret[0] = 1;

        Assert.That(() => new NethereumTransactionSigner(new Account(secret, ChainFixture.ChainId)), Throws.ArgumentException);
    }

    [Test]
    public void SendAsync_NodeUnreachable_TransportException()
    {
        var adapter = new NethereumEthereumRpc(new Web3("http://127.0.0.1:9/").Client);

        Assert.That(async () => await adapter.SendAsync("eth_chainId", []), Throws.TypeOf<EthereumTransportException>());
    }

    private static byte[] RandomNumbers(int length) => System.Security.Cryptography.RandomNumberGenerator.GetBytes(length);
}
