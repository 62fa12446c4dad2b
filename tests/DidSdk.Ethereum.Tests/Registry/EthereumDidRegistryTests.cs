using System.Globalization;
using System.Numerics;
using System.Text.Json;
using System.Text.Json.Nodes;
using DidSdk.Crypto;
using DidSdk.Ethereum.Abi;
using DidSdk.Ethereum.Registry;
using DidSdk.Ethereum.Rpc;
using DidSdk.Testing;

namespace DidSdk.Ethereum.Tests.Registry;

public class EthereumDidRegistryTests
{
    private static readonly JsonObject MetaHashes = RepoPaths.LoadSpecVector("ethereum", "ethr-meta-transaction-hash.json");
    private static readonly EthereumAddress Identity = EthereumAddress.Parse("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266");
    private static readonly EthereumAddress Other = EthereumAddress.Parse("0x70997970C51812dc3A010C7d01b50e0d17dc79C8");

    private static IEnumerable<TestCaseData> MetaHashVectors() =>
        MetaHashes["vectors"]!.AsArray().Select(v => new TestCaseData(v!.AsObject()).SetName("MetaTransactionHash_" + v!["name"]!.GetValue<string>()));

    private static EthereumDidRegistry Registry() =>
        new(new NoRpc(), EthereumAddress.Parse(MetaHashes["registry"]!.GetValue<string>()));

    private static string Text(JsonNode bytes32Hex)
    {
        var bytes = Convert.FromHexString(bytes32Hex.GetValue<string>()[2..]);
        return System.Text.Encoding.UTF8.GetString(bytes).TrimEnd('\0');
    }

    [TestCaseSource(nameof(MetaHashVectors))]
    [Category("SpecVector")]
    public void TypedHash_ContractPackedEncoding_MatchesEthersSolidityPackedKeccak(JsonObject vector)
    {
        var registry = Registry();
        var identity = EthereumAddress.Parse(MetaHashes["identity"]!.GetValue<string>());
        var nonce = BigInteger.Parse(vector["nonce"]!.GetValue<string>(), CultureInfo.InvariantCulture);
        var a = vector["arguments"]!.AsArray().Select(x => x!["value"]!).ToArray();
        byte[] Bytes(int i) => Convert.FromHexString(a[i].GetValue<string>()[2..]);
        TimeSpan Seconds(int i) => TimeSpan.FromSeconds(long.Parse(a[i].GetValue<string>(), CultureInfo.InvariantCulture));

        var hash = vector["functionName"]!.GetValue<string>() switch
        {
            "changeOwner" => registry.ChangeOwnerHash(nonce, identity, EthereumAddress.Parse(a[0].GetValue<string>())),
            "addDelegate" => registry.AddDelegateHash(nonce, identity, Text(a[0]), EthereumAddress.Parse(a[1].GetValue<string>()), Seconds(2)),
            "revokeDelegate" => registry.RevokeDelegateHash(nonce, identity, Text(a[0]), EthereumAddress.Parse(a[1].GetValue<string>())),
            "setAttribute" => registry.SetAttributeHash(nonce, identity, Text(a[0]), Bytes(1), Seconds(2)),
            "revokeAttribute" => registry.RevokeAttributeHash(nonce, identity, Text(a[0]), Bytes(1)),
            var other => throw new InvalidDataException(other),
        };

        Assert.That(Hex.FormatData(hash), Is.EqualTo(vector["hash"]!.GetValue<string>()));
    }

    [Test]
    public void ChangeOwnerHash_DifferentNonce_DiffersSoSignaturesCannotBeReplayed()
    {
        var registry = Registry();

        Assert.That(registry.ChangeOwnerHash(1, Identity, Other), Is.Not.EqualTo(registry.ChangeOwnerHash(0, Identity, Other)));
    }

    [Test]
    public void ChangeOwnerHash_OtherRegistry_DiffersSoSignaturesCannotBeReplayedElsewhere()
    {
        var other = new EthereumDidRegistry(new NoRpc(), Other);

        Assert.That(other.ChangeOwnerHash(0, Identity, Other), Is.Not.EqualTo(Registry().ChangeOwnerHash(0, Identity, Other)));
    }

    [Test]
    public void AddDelegateHash_ZeroValidity_Throws() =>
        Assert.That(() => Registry().AddDelegateHash(0, Identity, "veriKey", Other, TimeSpan.Zero), Throws.InstanceOf<ArgumentOutOfRangeException>());

    [Test]
    public void SetAttributeHash_NameLongerThan32Bytes_Throws() =>
        Assert.That(() => Registry().SetAttributeHash(0, Identity, new string('a', 33), [1], TimeSpan.FromDays(1)), Throws.ArgumentException);

    [Test]
    public void MetaTransactionHash_NegativeNonce_Throws() =>
        Assert.That(() => Registry().MetaTransactionHash(-1, Identity, "changeOwner", Other.Bytes.ToArray()), Throws.InstanceOf<ArgumentOutOfRangeException>());

    private static EthereumLog Log(byte[] topic0, byte[] data, byte[]? identityTopic = null) =>
        new(Other, [topic0, identityTopic ?? Erc1056EventDecoder.IdentityTopic(Identity)], data, 7, "0x" + new string('1', 64), 2);

    [Test]
    public void TryDecode_OwnerChanged_TypedRecord()
    {
        var data = AbiCodec.Encode([AbiValue.Address(Other), AbiValue.Uint(5)]);

        Assert.That(Erc1056EventDecoder.TryDecode(Log(Erc1056EventDecoder.OwnerChangedTopic, data), out var decoded, out var previous), Is.True);
        Assert.That(decoded, Is.TypeOf<DidOwnerChanged>());
        var owner = (DidOwnerChanged)decoded!;
        Assert.That(owner.Owner, Is.EqualTo(Other));
        Assert.That(owner.Identity, Is.EqualTo(Identity));
        Assert.That((owner.PreviousChange, previous, owner.BlockNumber, owner.LogIndex), Is.EqualTo((5UL, 5UL, 7UL, 2UL)));
    }

    [Test]
    public void TryDecode_DelegateChanged_TypedRecord()
    {
        var data = AbiCodec.Encode([AbiValue.Bytes32String("sigAuth"), AbiValue.Address(Other), AbiValue.Uint(1_700_000_000), AbiValue.Uint(3)]);

        Assert.That(Erc1056EventDecoder.TryDecode(Log(Erc1056EventDecoder.DelegateChangedTopic, data), out var decoded, out _), Is.True);
        var change = (DidDelegateChanged)decoded!;
        Assert.That((change.DelegateType, change.Delegate, change.ValidTo, change.PreviousChange), Is.EqualTo(("sigAuth", Other, new BigInteger(1_700_000_000), 3UL)));
    }

    [Test]
    public void TryDecode_AttributeChanged_TypedRecord()
    {
        var data = AbiCodec.Encode([AbiValue.Bytes32String("did/svc/HubService"), AbiValue.Bytes("https://hub.example"u8), AbiValue.Uint(0), AbiValue.Uint(0)]);

        Assert.That(Erc1056EventDecoder.TryDecode(Log(Erc1056EventDecoder.AttributeChangedTopic, data), out var decoded, out _), Is.True);
        var change = (DidAttributeChanged)decoded!;
        Assert.That((change.Name, change.ValidTo), Is.EqualTo(("did/svc/HubService", BigInteger.Zero)));
        Assert.That(change.Value, Is.EqualTo("https://hub.example"u8.ToArray()));
    }

    [Test]
    public void TryDecode_UnknownTopic_False()
    {
        var data = AbiCodec.Encode([AbiValue.Address(Other), AbiValue.Uint(5)]);

        Assert.That(Erc1056EventDecoder.TryDecode(Log(AbiCodec.EventTopic("Transfer(address,address,uint256)"), data), out _, out _), Is.False);
    }

    [Test]
    public void TryDecode_IdentityTopicWithHighBytes_False()
    {
        var topic = Erc1056EventDecoder.IdentityTopic(Identity);
        topic[0] = 1;
        var data = AbiCodec.Encode([AbiValue.Address(Other), AbiValue.Uint(5)]);

        Assert.That(Erc1056EventDecoder.TryDecode(Log(Erc1056EventDecoder.OwnerChangedTopic, data, topic), out _, out _), Is.False);
    }

    [Test]
    public void TryDecode_TruncatedData_FalseNotThrow()
    {
        var data = AbiCodec.Encode([AbiValue.Bytes32String("did/svc/HubService"), AbiValue.Bytes("https://hub.example"u8), AbiValue.Uint(0), AbiValue.Uint(0)]);

        Assert.That(Erc1056EventDecoder.TryDecode(Log(Erc1056EventDecoder.AttributeChangedTopic, data[..^40]), out _, out _), Is.False);
    }

    [Test]
    public void TryDecode_AttributeValueOffsetOutOfBounds_False()
    {
        var data = AbiCodec.Encode([AbiValue.Bytes32String("did/svc/HubService"), AbiValue.Bytes("https://hub.example"u8), AbiValue.Uint(0), AbiValue.Uint(0)]);
        data[63] = 0xff; // the offset of the dynamic `value`

        Assert.That(Erc1056EventDecoder.TryDecode(Log(Erc1056EventDecoder.AttributeChangedTopic, data), out _, out _), Is.False);
    }

    [Test]
    public void TryDecode_NameNotUtf8_False()
    {
        var name = new byte[32];
        name[0] = 0xff;
        var data = AbiCodec.Encode([AbiValue.FixedBytes(name), AbiValue.Address(Other), AbiValue.Uint(1), AbiValue.Uint(0)]);

        Assert.That(Erc1056EventDecoder.TryDecode(Log(Erc1056EventDecoder.DelegateChangedTopic, data), out _, out _), Is.False);
    }

    [Test]
    public void TryDecode_PreviousChangeBeyondUlong_False()
    {
        var data = AbiCodec.Encode([AbiValue.Address(Other), AbiValue.Uint(BigInteger.One << 70)]);

        Assert.That(Erc1056EventDecoder.TryDecode(Log(Erc1056EventDecoder.OwnerChangedTopic, data), out _, out _), Is.False);
    }

    private sealed class NoRpc : IEthereumRpc
    {
        public Task<JsonElement> SendAsync(string method, JsonArray parameters, CancellationToken cancellationToken = default) =>
            throw new AssertionException("Hashing must not touch the chain.");

        public Task<IReadOnlyList<RpcResult>> SendBatchAsync(IReadOnlyList<RpcRequest> requests, CancellationToken cancellationToken = default) =>
            throw new AssertionException("Hashing must not touch the chain.");
    }
}
