using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json.Nodes;
using DidSdk.Core.Dids;
using DidSdk.Core.Resolution;
using DidSdk.Crypto;
using DidSdk.Ethereum.Ethr;
using DidSdk.Ethereum.Registry;
using DidSdk.Ethereum.Rpc;
using DidSdk.Ethereum.Transactions;
using DidSdk.Testing;

namespace DidSdk.Interop.Tests.Ethr;

/// <summary>did:ethr both ways with the reference ethr-did-resolver 11 and ethr-did 3, on one anvil chain.</summary>
[Category("Interop")]
public sealed class EthrInteropTests
{
    private const string ResolveScript = "ethr-resolve.mjs";

    private const string WriteScript = "ethr-write.mjs";
    private static readonly HttpClient Http = new();
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);
    private AnvilNode _node = null!;
    private EthereumAddress _registry = null!;
    private EthereumRpcClient _rpc = null!;
    private PrivateKey _funder = null!;
    private TransactionSender _funding = null!;

    [OneTimeSetUp]
    public async Task StartChainAsync()
    {
        _node = await AnvilNode.StartAsync();
        _registry = EthereumAddress.Parse(await RegistryDeployer.DeployAsync(_node));
        _rpc = new EthereumRpcClient(Http, new EthereumRpcOptions { Endpoint = _node.RpcUrl });
        _funder = PrivateKey.Import(KeyType.Secp256k1, _node.Accounts[8].PrivateKey);
        _funding = Sender(_funder);
    }

    [OneTimeTearDown]
    public async Task StopChainAsync()
    {
        _funder.Dispose();
        await _node.DisposeAsync();
    }

    private TransactionSender Sender(PrivateKey key) => new(_rpc, new KeyTransactionSigner(key), new TransactionSenderOptions { PollInterval = TimeSpan.FromMilliseconds(20) });

    private async Task<PrivateKey> FundedKeyAsync()
    {
        var key = PrivateKey.Generate(KeyType.Secp256k1, PrivateKeyExportPolicy.AllowPlaintextExport);
        await _funding.SendAsync(new TransactionRequest { To = EthereumAddress.FromPublicKey(key.PublicKey), Value = BigInteger.Pow(10, 18), GasLimit = 21_000 });
        return key;
    }

    private EthrDidResolver OurResolver() => new(new EthrDidResolverOptions { Networks = [new EthrNetwork { ChainId = 31337, Rpc = _rpc, Registry = _registry }] });

    private async Task<JsonObject> TheirResolutionAsync(string did, ulong? versionId = null)
    {
        // The reference resolver compares validTo with the wall clock using >=, so within the second of a revocation it
        // still shows the revoked key; the contract (and we) use the block time with >. Step past that second.
        await Task.Delay(1100);
        var request = new JsonObject { ["did"] = did, ["rpcUrl"] = _node.RpcUrl.ToString(), ["registry"] = _registry.ToLowerHexString(), ["chainId"] = 31337 };
        if (versionId is { } v)
        {
            request["versionId"] = v.ToString(CultureInfo.InvariantCulture);
        }

        return (await NodeScript.RunAsync(ResolveScript, request)).AsObject();
    }

    private async Task<JsonArray> TheirWritesAsync(PrivateKey identity, PrivateKey? relayer, params JsonObject[] ops)
    {
        var request = new JsonObject
        {
            ["rpcUrl"] = _node.RpcUrl.ToString(),
            ["registry"] = _registry.ToLowerHexString(),
            ["chainId"] = 31337,
            ["identityPrivateKey"] = "0x" + Convert.ToHexStringLower(identity.ExportPrivateKey()),
            ["ops"] = new JsonArray([.. ops]),
        };
        if (relayer is not null)
        {
            request["relayerPrivateKey"] = "0x" + Convert.ToHexStringLower(relayer.ExportPrivateKey());
        }

        return (await NodeScript.RunAsync(WriteScript, request))["results"]!.AsArray();
    }

    /// <summary>Key order, empty arrays and ISO-8601 spellings differ between serializers, not between documents.</summary>
    private static JsonNode? Normalize(JsonNode? node) => node switch
    {
        JsonObject obj => new JsonObject(obj
            .Where(p => p.Value is not JsonArray { Count: 0 })
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => KeyValuePair.Create(p.Key, Normalize(p.Value)))),
        JsonArray array => new JsonArray([.. array.Select(Normalize)]),
        _ => node?.DeepClone(),
    };

    private static void AssertSameDocument(DidResolutionResult ours, JsonObject theirs)
    {
        Assert.That(ours.Succeeded, Is.True, ours.ToJson());
        Assert.That(theirs["didResolutionMetadata"]!["error"], Is.Null, theirs.ToJsonString());
        var our = Normalize(JsonNode.Parse(ours.DidDocument!.ToJson(DidRepresentation.JsonLd)))!.ToJsonString();
        var their = Normalize(theirs["didDocument"])!.ToJsonString();
        Assert.That(our, Is.EqualTo(their));

        var metadata = theirs["didDocumentMetadata"]!.AsObject();
        Assert.That(ours.DidDocumentMetadata.VersionId, Is.EqualTo(metadata["versionId"]?.GetValue<string>()));
        Assert.That(ours.DidDocumentMetadata.NextVersionId, Is.EqualTo(metadata["nextVersionId"]?.GetValue<string>()));
        Assert.That(ours.DidDocumentMetadata.Updated, Is.EqualTo(metadata["updated"] is { } u ? DateTimeOffset.Parse(u.GetValue<string>(), CultureInfo.InvariantCulture) : null));
        Assert.That(ours.DidDocumentMetadata.Deactivated ?? false, Is.EqualTo(metadata["deactivated"]?.GetValue<bool>() ?? false));
    }

    [Test]
    public async Task WrittenByUs_ResolvedByReference_SameDocument()
    {
        using var identity = await FundedKeyAsync();
        var did = EthrDidRegistrar.Create(identity.PublicKey, 31337);
        var writer = EthrDidWriter.Direct(Sender(identity));
        var registrar = new EthrDidRegistrar(new EthereumDidRegistry(_rpc, _registry));
        using var ed = PrivateKey.Generate(KeyType.Ed25519);
        using var x = PrivateKey.Generate(KeyType.X25519);
        using var k1 = PrivateKey.Generate(KeyType.Secp256k1);
        var delegateA = EthereumAddress.FromPublicKey(PrivateKey.Generate(KeyType.Secp256k1).PublicKey);
        var delegateB = EthereumAddress.FromPublicKey(PrivateKey.Generate(KeyType.Secp256k1).PublicKey);

        await registrar.AddKeyAsync(writer, did, ed.PublicKey, EthrKeyPurpose.VeriKey, EthrKeyEncoding.Base64, Day);
        await registrar.AddKeyAsync(writer, did, x.PublicKey, EthrKeyPurpose.Enc, EthrKeyEncoding.Base58, Day);
        await registrar.AddKeyAsync(writer, did, k1.PublicKey, EthrKeyPurpose.SigAuth, EthrKeyEncoding.Hex, Day);
        await registrar.AddDelegateAsync(writer, did, "veriKey", delegateA, Day);
        await registrar.AddDelegateAsync(writer, did, "sigAuth", delegateB, Day);
        await registrar.RevokeDelegateAsync(writer, did, "veriKey", delegateA);
        await registrar.AddServiceAsync(writer, did, "KycService", "https://bank-a.example/kyc", Day);
        await registrar.AddServiceAsync(writer, did, "Hub", "{\"uri\":\"https://hub.example\",\"accept\":[\"didcomm/v2\"]}", Day);
        await _node.MineAsync(1);

        AssertSameDocument(await OurResolver().ResolveAsync(did), await TheirResolutionAsync(did));
    }

    [Test]
    public async Task WrittenByReferenceIncludingSignedMetaTransactions_ResolvedByUs_SameDocument()
    {
        using var identity = await FundedKeyAsync();
        using var relayer = await FundedKeyAsync();
        var did = EthrDid.Create(EthereumAddress.FromPublicKey(identity.PublicKey), 31337);
        using var ed = PrivateKey.Generate(KeyType.Ed25519);
        using var x = PrivateKey.Generate(KeyType.X25519);
        using var k1 = PrivateKey.Generate(KeyType.Secp256k1);
        var delegateA = EthereumAddress.FromPublicKey(PrivateKey.Generate(KeyType.Secp256k1).PublicKey).ToString();
        var delegateB = EthereumAddress.FromPublicKey(PrivateKey.Generate(KeyType.Secp256k1).PublicKey).ToString();
        static string Hex(ReadOnlySpan<byte> b) => "0x" + Convert.ToHexStringLower(b);

        await TheirWritesAsync(identity, relayer,
            new JsonObject { ["op"] = "setAttribute", ["key"] = "did/pub/Ed25519/veriKey/base64", ["value"] = Convert.ToBase64String(ed.PublicKey.Bytes), ["expiresIn"] = 86400 },
            new JsonObject { ["op"] = "setAttribute", ["key"] = "did/pub/X25519/enc/base64", ["value"] = Hex(x.PublicKey.Bytes), ["expiresIn"] = 86400, ["signed"] = true },
            new JsonObject { ["op"] = "setAttribute", ["key"] = "did/pub/Secp256k1/veriKey/hex", ["value"] = Hex(k1.PublicKey.Bytes), ["expiresIn"] = 86400 },
            new JsonObject { ["op"] = "addDelegate", ["delegate"] = delegateA, ["delegateType"] = "veriKey", ["expiresIn"] = 86400, ["signed"] = true },
            new JsonObject { ["op"] = "addDelegate", ["delegate"] = delegateB, ["delegateType"] = "sigAuth", ["expiresIn"] = 86400 },
            new JsonObject { ["op"] = "revokeDelegate", ["delegate"] = delegateA, ["delegateType"] = "veriKey", ["signed"] = true },
            new JsonObject { ["op"] = "setAttribute", ["key"] = "did/svc/KycService", ["value"] = Hex(Encoding.UTF8.GetBytes("https://bank-a.example/kyc")), ["expiresIn"] = 86400, ["signed"] = true },
            new JsonObject { ["op"] = "revokeAttribute", ["key"] = "did/pub/Secp256k1/veriKey/hex", ["value"] = Hex(k1.PublicKey.Bytes), ["signed"] = true });
        await _node.MineAsync(1);

        var ours = await OurResolver().ResolveAsync(did);
        AssertSameDocument(ours, await TheirResolutionAsync(did));
        Assert.That(ours.DidDocument!.VerificationMethod.Any(m => m.TryGetPublicKey(out var k, out _) && k == ed.PublicKey), Is.True);
    }

    [Test]
    public async Task OwnerChangeAndDeactivationByReference_ResolvedByUs_Same()
    {
        using var identity = await FundedKeyAsync();
        using var relayer = await FundedKeyAsync();
        var did = EthrDid.Create(EthereumAddress.FromPublicKey(identity.PublicKey), 31337);
        var newOwner = EthereumAddress.FromPublicKey(PrivateKey.Generate(KeyType.Secp256k1).PublicKey).ToString();

        await TheirWritesAsync(identity, relayer, new JsonObject { ["op"] = "changeOwner", ["newOwner"] = newOwner, ["signed"] = true });
        AssertSameDocument(await OurResolver().ResolveAsync(did), await TheirResolutionAsync(did));

        using var second = await FundedKeyAsync();
        var deactivatedDid = EthrDid.Create(EthereumAddress.FromPublicKey(second.PublicKey), 31337);
        await TheirWritesAsync(second, null, new JsonObject { ["op"] = "changeOwner", ["newOwner"] = "0x0000000000000000000000000000000000000000" });
        AssertSameDocument(await OurResolver().ResolveAsync(deactivatedDid), await TheirResolutionAsync(deactivatedDid));
    }

    [Test]
    public async Task HistoricVersionId_BothResolversAgree()
    {
        using var identity = await FundedKeyAsync();
        var did = EthrDidRegistrar.Create(identity.PublicKey, 31337);
        var writer = EthrDidWriter.Direct(Sender(identity));
        var registrar = new EthrDidRegistrar(new EthereumDidRegistry(_rpc, _registry));
        var first = await registrar.AddServiceAsync(writer, did, "One", "https://one.example", Day);
        await registrar.AddServiceAsync(writer, did, "Two", "https://two.example", Day);
        await registrar.AddServiceAsync(writer, did, "Three", "https://three.example", Day);

        var ours = await OurResolver().ResolveAsync(did, new DidResolutionOptions { VersionId = first.BlockNumber.ToString(CultureInfo.InvariantCulture) });

        AssertSameDocument(ours, await TheirResolutionAsync(did, first.BlockNumber));
        Assert.That(ours.DidDocument!.Service, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task PublicKeyDid_BothResolversAgree()
    {
        using var key = PrivateKey.Generate(KeyType.Secp256k1);
        var did = EthrDid.Create(key.PublicKey, 31337);

        AssertSameDocument(await OurResolver().ResolveAsync(did), await TheirResolutionAsync(did));
    }
}
