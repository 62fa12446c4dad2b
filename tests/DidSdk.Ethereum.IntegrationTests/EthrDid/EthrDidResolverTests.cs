using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using DidSdk.Core.Dids;
using DidSdk.Core.Resolution;
using DidSdk.Crypto;
using DidSdk.Ethereum.Ethr;
using DidSdk.Ethereum.Registry;
using DidSdk.Ethereum.Rpc;
using DidSdk.Ethereum.Transactions;

namespace DidSdk.Ethereum.IntegrationTests.DidEthr;

[Category("Integration")]
public sealed class EthrDidResolverTests
{
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);

    private static (EthrDidResolver Resolver, EthereumRpcClient Rpc) Resolver(HttpMessageHandler? handler = null, int maxEvents = 10_000, bool cache = true)
    {
        var rpc = ChainFixture.Client(handler);
        var resolver = new EthrDidResolver(new EthrDidResolverOptions
        {
            Networks = [new EthrNetwork { Name = "dev", ChainId = 31337, Rpc = rpc, Registry = ChainFixture.Registry }],
            MaxEvents = maxEvents,
            CacheHistory = cache,
        });
        return (resolver, rpc);
    }

    private static async Task<(PrivateKey PrivateKey, string Did, EthrDidWriter Writer, EthrDidRegistrar Registrar)> NewDidAsync()
    {
        var key = await ChainFixture.FundedKeyAsync();
        var rpc = ChainFixture.Client();
        var did = EthrDidRegistrar.Create(key.PublicKey, 31337);
        return (key, did, EthrDidWriter.Direct(ChainFixture.Sender(rpc, key)), new EthrDidRegistrar(new EthereumDidRegistry(rpc, ChainFixture.Registry)));
    }

    private static JsonObject Json(DidResolutionResult result) => JsonNode.Parse(result.ToJson())!.AsObject();

    [Test]
    public async Task ResolveAsync_NoChanges_ControllerOnlyInOneRoundTrip()
    {
        using var key = PrivateKey.Generate(KeyType.Secp256k1);
        var did = EthrDidRegistrar.Create(key.PublicKey, 31337);
        var (resolver, rpc) = Resolver();

        var result = await resolver.ResolveAsync(did);

        Assert.That(result.Succeeded, Is.True, result.ToJson());
        var vm = result.DidDocument!.VerificationMethod.Single();
        Assert.That(vm.Id, Is.EqualTo(did + "#controller"));
        Assert.That(vm.Type, Is.EqualTo("EcdsaSecp256k1RecoveryMethod2020"));
        Assert.That(vm.BlockchainAccountId, Is.EqualTo($"eip155:31337:{EthereumAddress.FromPublicKey(key.PublicKey)}"));
        Assert.That(result.DidDocument.Context, Does.Contain("https://w3id.org/security/suites/secp256k1recovery-2020/v2"));
        Assert.That(result.DidDocumentMetadata.VersionId, Is.Null);
        Assert.That(rpc.RoundTrips, Is.EqualTo(1));
    }

    [Test]
    public async Task ResolveAsync_PublicKeyDid_HasControllerKey()
    {
        using var key = PrivateKey.Generate(KeyType.Secp256k1);
        var did = EthrDid.Create(key.PublicKey, 31337);

        var result = await Resolver().Resolver.ResolveAsync(did);

        var controllerKey = result.DidDocument!.VerificationMethod.Single(m => m.Id == did + "#controllerKey");
        Assert.That(controllerKey.PublicKeyHex, Is.EqualTo(Convert.ToHexStringLower(key.PublicKey.Bytes)));
        Assert.That(result.DidDocument.AssertionMethod.Select(r => r.Id), Does.Contain(did + "#controllerKey"));
    }

    [Test]
    public async Task ResolveAsync_NetworkByNameAndHexChainId_SameDocument_UnknownNetworkRejected()
    {
        using var key = PrivateKey.Generate(KeyType.Secp256k1);
        var address = EthereumAddress.FromPublicKey(key.PublicKey);
        var (resolver, _) = Resolver();

        var byName = await resolver.ResolveAsync($"did:ethr:dev:{address}");
        var byChain = await resolver.ResolveAsync($"did:ethr:0x7a69:{address}");
        var mainnet = await resolver.ResolveAsync($"did:ethr:{address}");

        Assert.That(byName.Succeeded && byChain.Succeeded, Is.True);
        Assert.That(mainnet.DidResolutionMetadata.Error, Is.EqualTo(EthrDidResolver.UnknownNetworkError), "no silent mainnet default");
    }

    [TestCase("did:ethr:0x7a69:0x123")]
    [TestCase("did:ethr:0x7a69:0xF39FD6E51AAD88F6F4CE6AB8827279CFFFB92266x")]
    [TestCase("did:ethr:0x7a69:0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92267")]
    public async Task ResolveAsync_MalformedIdentifier_InvalidDid(string did)
    {
        var result = await Resolver().Resolver.ResolveAsync(did);

        Assert.That(result.DidResolutionMetadata.Error, Is.EqualTo(DidResolutionErrors.InvalidDid));
    }

    [Test]
    public async Task AddKey_Ed25519Base64Attribute_PublishedAsAssertionMethodAndVerifiesSignatures()
    {
        var (key, did, writer, registrar) = await NewDidAsync();
        using var owned = key;
        using var ed = PrivateKey.Generate(KeyType.Ed25519);

        var write = await registrar.AddKeyAsync(writer, did, ed.PublicKey, EthrKeyPurpose.VeriKey, EthrKeyEncoding.Base64, Day);
        var (resolver, _) = Resolver();
        var result = await resolver.ResolveAsync(did);

        Assert.That(write.TransactionHash, Does.StartWith("0x"));
        var vm = result.DidDocument!.VerificationMethod.Single(m => m.Id == did + "#delegate-1");
        Assert.That(vm.Type, Is.EqualTo("Ed25519VerificationKey2018"));
        Assert.That(vm.TryGetPublicKey(out var published, out _), Is.True);
        Assert.That(published, Is.EqualTo(ed.PublicKey));
        Assert.That(result.DidDocumentMetadata.VersionId, Is.EqualTo(write.BlockNumber.ToString(System.Globalization.CultureInfo.InvariantCulture)));

        var data = Encoding.UTF8.GetBytes("kyc credential");
        var verification = await new DidSignatureVerifier(new CompositeDidResolver(resolver))
            .VerifyAsync(did, "#delegate-1", VerificationRelationship.AssertionMethod, SigningAlgorithm.Ed25519, data, SigningAlgorithm.Ed25519.Sign(ed, data));
        Assert.That(verification.Succeeded, Is.True, verification.Problem?.ToString());
    }

    [Test]
    public async Task AddKey_X25519Enc_InKeyAgreementOnly()
    {
        var (key, did, writer, registrar) = await NewDidAsync();
        using var owned = key;
        using var x = PrivateKey.Generate(KeyType.X25519);

        await registrar.AddKeyAsync(writer, did, x.PublicKey, EthrKeyPurpose.Enc, EthrKeyEncoding.Base58, Day);
        var doc = (await Resolver().Resolver.ResolveAsync(did)).DidDocument!;

        Assert.That(doc.KeyAgreement.Select(r => r.Id), Is.EqualTo(new[] { did + "#delegate-1" }));
        Assert.That(doc.AssertionMethod.Select(r => r.Id), Does.Not.Contain(did + "#delegate-1"));
        Assert.That(doc.VerificationMethod.Single(m => m.Id == did + "#delegate-1").Type, Is.EqualTo("X25519KeyAgreementKey2019"));
    }

    [Test]
    public async Task Delegates_SigAuthAndVeriKey_NumberedAndRevokedKeepNumbering()
    {
        var (key, did, writer, registrar) = await NewDidAsync();
        using var owned = key;
        var a = EthereumAddress.FromPublicKey(PrivateKey.Generate(KeyType.Secp256k1).PublicKey);
        var b = EthereumAddress.FromPublicKey(PrivateKey.Generate(KeyType.Secp256k1).PublicKey);

        await registrar.AddDelegateAsync(writer, did, "veriKey", a, Day);
        await registrar.AddDelegateAsync(writer, did, "sigAuth", b, Day);
        await registrar.RevokeDelegateAsync(writer, did, "veriKey", a);
        await registrar.AddServiceAsync(writer, did, "KycService", "https://bank-a.example/kyc", Day);
        var doc = (await Resolver().Resolver.ResolveAsync(did)).DidDocument!;

        Assert.That(doc.VerificationMethod.Select(m => m.Id), Is.EqualTo(new[] { did + "#controller", did + "#delegate-2" }));
        Assert.That(doc.VerificationMethod[1].BlockchainAccountId, Is.EqualTo($"eip155:31337:{b}"));
        Assert.That(doc.Authentication.Select(r => r.Id), Does.Contain(did + "#delegate-2"));
        Assert.That(doc.Service.Single().Id, Is.EqualTo(did + "#service-1"));
        Assert.That(doc.Service.Single().Type, Is.EqualTo(new[] { "KycService" }));
        Assert.That(doc.Service.Single().ServiceEndpoint.GetString(), Is.EqualTo("https://bank-a.example/kyc"));
        Assert.That(await new EthereumDidRegistry(ChainFixture.Client(), ChainFixture.Registry).ValidDelegateAsync(EthrDid.TryParse(did, out var p) ? p.Address : null!, "sigAuth", b), Is.True);
    }

    [Test]
    public async Task Attribute_AfterValidityExpires_RemovedButCounted()
    {
        var (key, did, writer, registrar) = await NewDidAsync();
        using var owned = key;
        using var short1 = PrivateKey.Generate(KeyType.Ed25519);
        using var long1 = PrivateKey.Generate(KeyType.Ed25519);

        await registrar.AddKeyAsync(writer, did, short1.PublicKey, EthrKeyPurpose.VeriKey, EthrKeyEncoding.Hex, TimeSpan.FromSeconds(30));
        await registrar.AddKeyAsync(writer, did, long1.PublicKey, EthrKeyPurpose.VeriKey, EthrKeyEncoding.Hex, Day);
        var before = (await Resolver().Resolver.ResolveAsync(did)).DidDocument!;
        await ChainFixture.Node.IncreaseTimeAsync(TimeSpan.FromMinutes(5));
        var after = (await Resolver().Resolver.ResolveAsync(did)).DidDocument!;

        Assert.That(before.VerificationMethod.Select(m => m.Id), Is.EqualTo(new[] { did + "#controller", did + "#delegate-1", did + "#delegate-2" }));
        Assert.That(after.VerificationMethod.Select(m => m.Id), Is.EqualTo(new[] { did + "#controller", did + "#delegate-2" }));
    }

    [Test]
    public async Task ChangeOwner_ControllerIsNewOwner_OldOwnerCannotWrite()
    {
        var (key, did, writer, registrar) = await NewDidAsync();
        using var owned = key;
        using var next = await ChainFixture.FundedKeyAsync();
        var nextAddress = EthereumAddress.FromPublicKey(next.PublicKey);

        await registrar.ChangeOwnerAsync(writer, did, nextAddress);
        var doc = (await Resolver().Resolver.ResolveAsync(did)).DidDocument!;

        Assert.That(doc.VerificationMethod[0].BlockchainAccountId, Is.EqualTo($"eip155:31337:{nextAddress}"));
        Assert.That(() => registrar.AddServiceAsync(writer, did, "X", "https://x.example", Day), Throws.InstanceOf<TransactionRevertedException>());
        Assert.That(await registrar.AddServiceAsync(EthrDidWriter.Direct(ChainFixture.Sender(ChainFixture.Client(), next)), did, "X", "https://x.example", Day), Is.Not.Null);
    }

    [Test]
    public async Task SignedVariants_RelayerPays_OwnerWithoutEtherControlsDid()
    {
        using var owner = PrivateKey.Generate(KeyType.Secp256k1); // no ether at all
        using var relayerKey = await ChainFixture.FundedKeyAsync();
        var rpc = ChainFixture.Client();
        var did = EthrDidRegistrar.Create(owner.PublicKey, 31337);
        var registrar = new EthrDidRegistrar(new EthereumDidRegistry(rpc, ChainFixture.Registry));
        var relayed = EthrDidWriter.Relayed(ChainFixture.Sender(rpc, relayerKey), owner);
        using var ed = PrivateKey.Generate(KeyType.Ed25519);
        var delegateAddress = EthereumAddress.FromPublicKey(PrivateKey.Generate(KeyType.Secp256k1).PublicKey);

        await registrar.AddKeyAsync(relayed, did, ed.PublicKey, EthrKeyPurpose.SigAuth, EthrKeyEncoding.Base64, Day);
        await registrar.AddDelegateAsync(relayed, did, "veriKey", delegateAddress, Day);
        await registrar.RevokeDelegateAsync(relayed, did, "veriKey", delegateAddress);
        await registrar.AddServiceAsync(relayed, did, "Hub", "https://hub.example", Day);
        await registrar.RevokeServiceAsync(relayed, did, "Hub", "https://hub.example");
        var doc = (await Resolver().Resolver.ResolveAsync(did)).DidDocument!;

        Assert.That(await rpc.GetBalanceAsync(EthereumAddress.FromPublicKey(owner.PublicKey)), Is.EqualTo(System.Numerics.BigInteger.Zero));
        Assert.That(doc.VerificationMethod.Select(m => m.Id), Is.EqualTo(new[] { did + "#controller", did + "#delegate-1" }));
        Assert.That(doc.Authentication.Select(r => r.Id), Does.Contain(did + "#delegate-1"));
        Assert.That(doc.Service, Is.Empty);
        Assert.That(await new EthereumDidRegistry(rpc, ChainFixture.Registry).NonceAsync(EthereumAddress.FromPublicKey(owner.PublicKey)), Is.EqualTo(new System.Numerics.BigInteger(5)));

        await registrar.ChangeOwnerAsync(relayed, did, delegateAddress);
        Assert.That((await Resolver().Resolver.ResolveAsync(did)).DidDocument!.VerificationMethod[0].BlockchainAccountId, Does.EndWith(delegateAddress.ToString()));
    }

    [Test]
    public async Task Signed_WrongOwnerKey_RevertsBadSignature()
    {
        using var owner = PrivateKey.Generate(KeyType.Secp256k1);
        using var thief = PrivateKey.Generate(KeyType.Secp256k1);
        using var relayerKey = await ChainFixture.FundedKeyAsync();
        var rpc = ChainFixture.Client();
        var did = EthrDidRegistrar.Create(owner.PublicKey, 31337);
        var registrar = new EthrDidRegistrar(new EthereumDidRegistry(rpc, ChainFixture.Registry));

        var e = Assert.ThrowsAsync<TransactionRevertedException>(() => registrar.AddServiceAsync(EthrDidWriter.Relayed(ChainFixture.Sender(rpc, relayerKey), thief), did, "X", "https://x.example", Day));

        Assert.That(e!.Reason.Message, Is.EqualTo("bad_signature"));
    }

    [Test]
    public async Task Deactivate_DocumentEmptiedAndFlagged()
    {
        var (key, did, writer, registrar) = await NewDidAsync();
        using var owned = key;
        await registrar.AddServiceAsync(writer, did, "KycService", "https://bank-a.example/kyc", Day);

        await registrar.DeactivateAsync(writer, did);
        var result = await Resolver().Resolver.ResolveAsync(did);

        Assert.That(result.DidDocumentMetadata.Deactivated, Is.True);
        Assert.That(result.DidDocument!.VerificationMethod, Is.Empty);
        Assert.That(result.DidDocument.Service, Is.Empty);
        var verification = await new DidSignatureVerifier(Resolver().Resolver).VerifyAsync(did, "#controller", VerificationRelationship.AssertionMethod, SigningAlgorithm.Secp256k1, new byte[] { 1 }, SigningAlgorithm.Secp256k1.Sign(key, new byte[] { 1 }));
        Assert.That(verification.Problem!.Code, Is.EqualTo(DidProblemCodes.DidDeactivated));
    }

    [Test]
    public async Task ResolveAsync_VersionId_HistoricDocumentWithNextVersionMetadata()
    {
        var (key, did, writer, registrar) = await NewDidAsync();
        using var owned = key;
        var first = await registrar.AddServiceAsync(writer, did, "One", "https://one.example", Day);
        var second = await registrar.AddServiceAsync(writer, did, "Two", "https://two.example", Day);
        var (resolver, _) = Resolver();

        var atFirst = await resolver.ResolveAsync(did, new DidResolutionOptions { VersionId = first.BlockNumber.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        var latest = await resolver.ResolveAsync(did);

        Assert.That(atFirst.DidDocument!.Service.Select(s => s.Id), Is.EqualTo(new[] { did + "#service-1" }));
        Assert.That(atFirst.DidDocumentMetadata.VersionId, Is.EqualTo(first.BlockNumber.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.That(atFirst.DidDocumentMetadata.NextVersionId, Is.EqualTo(second.BlockNumber.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.That(atFirst.DidDocumentMetadata.NextUpdate, Is.Not.Null);
        Assert.That(atFirst.DidDocumentMetadata.Updated, Is.LessThanOrEqualTo(atFirst.DidDocumentMetadata.NextUpdate));
        Assert.That(latest.DidDocument!.Service, Has.Count.EqualTo(2));
        Assert.That(latest.DidDocumentMetadata.NextVersionId, Is.Null);
    }

    [Test]
    public async Task ResolveAsync_VersionTime_DocumentAsOfThatTime()
    {
        var (key, did, writer, registrar) = await NewDidAsync();
        using var owned = key;
        await registrar.AddServiceAsync(writer, did, "One", "https://one.example", Day);
        var between = (await ChainFixture.Client().GetBlockAsync())!.Timestamp;
        await ChainFixture.Node.IncreaseTimeAsync(TimeSpan.FromSeconds(100));
        await registrar.AddServiceAsync(writer, did, "Two", "https://two.example", Day);

        var result = await Resolver().Resolver.ResolveAsync(did, new DidResolutionOptions { VersionTime = between });

        Assert.That(result.DidDocument!.Service.Select(s => s.Type[0]), Is.EqualTo(new[] { "One" }));
    }

    [TestCase(10)]
    [TestCase(100)]
    public async Task ResolveAsync_ManyChanges_AtMostFourRoundTrips(int changes)
    {
        var (key, did, writer, registrar) = await NewDidAsync();
        using var owned = key;
        var sender = writer.Sender;
        var registry = new EthereumDidRegistry(ChainFixture.Client(), ChainFixture.Registry);
        var identity = EthereumAddress.FromPublicKey(key.PublicKey);
        var calldata = Enumerable.Range(0, changes).Select(i => DidSdk.Ethereum.Abi.AbiCodec.EncodeCall(
            "setAttribute(address,bytes32,bytes,uint256)",
            DidSdk.Ethereum.Abi.AbiValue.Address(identity),
            DidSdk.Ethereum.Abi.AbiValue.Bytes32String("did/svc/S" + i),
            DidSdk.Ethereum.Abi.AbiValue.Bytes(Encoding.UTF8.GetBytes($"https://s{i}.example")),
            DidSdk.Ethereum.Abi.AbiValue.Uint(86400))).ToList();
        string last = string.Empty;
        foreach (var data in calldata)
        {
            last = await sender.SendWithoutWaitingAsync(new TransactionRequest { To = registry.Address, Data = data, GasLimit = 200_000 });
        }

        await sender.WaitForReceiptAsync(last);
        var (resolver, rpc) = Resolver();

        var result = await resolver.ResolveAsync(did);

        Assert.That(result.DidDocument!.Service, Has.Count.EqualTo(changes));
        Assert.That(result.DidDocument.Service[^1].Id, Is.EqualTo($"{did}#service-{changes}"));
        Assert.That(rpc.RoundTrips, Is.LessThanOrEqualTo(4));
        TestContext.Out.WriteLine($"{changes} changes: {rpc.RoundTrips} JSON-RPC round trips");
    }

    [TestCase(false, TestName = "ResolveAsync_NodeLimitsLogRanges_WindowedFallbackSameDocument(JSON-RPC error)")]
    [TestCase(true, TestName = "ResolveAsync_NodeLimitsLogRanges_WindowedFallbackSameDocument(HTTP 413)")]
    public async Task ResolveAsync_NodeLimitsLogRanges_WindowedFallbackSameDocument(bool http413)
    {
        var (key, did, writer, registrar) = await NewDidAsync();
        using var owned = key;
        await registrar.AddServiceAsync(writer, did, "One", "https://one.example", Day);
        await ChainFixture.Node.MineAsync(50);
        await registrar.AddServiceAsync(writer, did, "Two", "https://two.example", Day);
        await ChainFixture.Node.MineAsync(50);
        await registrar.AddServiceAsync(writer, did, "Three", "https://three.example", Day);
        var limiter = new RangeLimitingHandler(maxRange: 20, http413);

        var limited = await Resolver(limiter).Resolver.ResolveAsync(did);
        var unlimited = await Resolver().Resolver.ResolveAsync(did);

        Assert.That(limiter.Rejected, Is.GreaterThan(0), "the node did refuse the whole-history range");
        Assert.That(limited.Succeeded, Is.True, limited.ToJson());
        Assert.That(limited.DidDocument!.ToJson(DidRepresentation.JsonLd), Is.EqualTo(unlimited.DidDocument!.ToJson(DidRepresentation.JsonLd)));
    }

    [Test]
    public async Task ResolveAsync_MoreEventsThanBound_ClearError()
    {
        var (key, did, writer, registrar) = await NewDidAsync();
        using var owned = key;
        for (var i = 0; i < 3; i++)
        {
            await registrar.AddServiceAsync(writer, did, "S" + i, "https://s.example", Day);
        }

        var result = await Resolver(maxEvents: 2).Resolver.ResolveAsync(did);

        Assert.That(result.Succeeded, Is.False);
        Assert.That(result.DidResolutionMetadata.Error, Is.EqualTo(EthrDidResolver.TooManyEventsError));
    }

    [Test]
    public async Task ResolveAsync_CachedHistory_SecondResolutionSkipsFinalizedLogs()
    {
        var (key, did, writer, registrar) = await NewDidAsync();
        using var owned = key;
        await registrar.AddServiceAsync(writer, did, "One", "https://one.example", Day);
        await ChainFixture.Node.MineAsync(70); // anvil reports finalized = head - 64
        var counter = new MethodCountingHandler();
        var (resolver, _) = Resolver(counter);

        var first = await resolver.ResolveAsync(did);
        var second = await resolver.ResolveAsync(did);

        Assert.That(first.DidDocument!.ToJson(DidRepresentation.JsonLd), Is.EqualTo(second.DidDocument!.ToJson(DidRepresentation.JsonLd)));
        Assert.That(counter.Count("eth_getLogs"), Is.EqualTo(1), "the finalized history is reused");

        var change = await registrar.AddServiceAsync(writer, did, "Two", "https://two.example", Day);
        var third = await resolver.ResolveAsync(did);

        Assert.That(third.DidDocument!.Service, Has.Count.EqualTo(2));
        Assert.That(counter.Count("eth_getLogs"), Is.EqualTo(2));
        Assert.That(counter.LastLogsFromBlock, Is.GreaterThan(0UL).And.LessThanOrEqualTo(change.BlockNumber), "only blocks after the finalized history are read");
    }

    /// <summary>
    /// Answers eth_getLogs spanning more than <c>maxRange</c> blocks with a JSON-RPC error, as rate-limited nodes do, or
    /// with HTTP 413, as some gateways in front of nodes do.
    /// </summary>
    private sealed class RangeLimitingHandler(ulong maxRange, bool http413 = false) : DelegatingHandler(new HttpClientHandler())
    {
        public int Rejected { get; private set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = JsonNode.Parse(await request.Content!.ReadAsStringAsync(cancellationToken))!;
            if (body is JsonObject call && call["method"]!.GetValue<string>() == "eth_getLogs")
            {
                var filter = call["params"]![0]!;
                if (Hex.TryParseQuantity(filter["fromBlock"]!.GetValue<string>(), out ulong from)
                    && Hex.TryParseQuantity(filter["toBlock"]!.GetValue<string>(), out ulong to)
                    && to - from + 1 > maxRange)
                {
                    Rejected++;
                    if (http413)
                    {
                        return new HttpResponseMessage(HttpStatusCode.RequestEntityTooLarge);
                    }

                    var error = $"{{\"jsonrpc\":\"2.0\",\"id\":{call["id"]!.ToJsonString()},\"error\":{{\"code\":-32005,\"message\":\"block range too large\"}}}}";
                    return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(error, Encoding.UTF8, "application/json") };
                }
            }

            return await base.SendAsync(request, cancellationToken);
        }
    }

    private sealed class MethodCountingHandler() : DelegatingHandler(new HttpClientHandler())
    {
        private readonly List<string> _methods = [];

        public ulong LastLogsFromBlock { get; private set; }

        public int Count(string method)
        {
            lock (_methods)
            {
                return _methods.Count(m => m == method);
            }
        }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = JsonNode.Parse(await request.Content!.ReadAsStringAsync(cancellationToken))!;
            lock (_methods)
            {
                _methods.AddRange(body is JsonArray batch ? batch.Select(c => c!["method"]!.GetValue<string>()) : [body["method"]!.GetValue<string>()]);
                if (body is JsonObject call && call["method"]!.GetValue<string>() == "eth_getLogs"
                    && Hex.TryParseQuantity(call["params"]![0]!["fromBlock"]!.GetValue<string>(), out ulong from))
                {
                    LastLogsFromBlock = from;
                }
            }

            return await base.SendAsync(request, cancellationToken);
        }
    }
}
