using System.Numerics;
using System.Text.Json.Nodes;
using DidSdk.Crypto;
using DidSdk.Ethereum.Abi;
using DidSdk.Testing;

namespace DidSdk.Ethereum.Tests.Abi;

public class AbiCodecTests
{
    private static IEnumerable<TestCaseData> Vectors() =>
        RepoPaths.LoadSpecVector("ethereum", "abi.json")["vectors"]!.AsArray()
            .Select(v => new TestCaseData(v!.AsObject()).SetName("Abi_" + v!["name"]!.GetValue<string>()));

    private static AbiValue ToValue(AbiType type, JsonNode node) => type.Kind switch
    {
        AbiKind.Bool => AbiValue.Bool(node.GetValue<bool>()),
        AbiKind.Uint => AbiValue.Uint(BigInteger.Parse(node.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture), type.Size),
        AbiKind.FixedBytes => AbiValue.FixedBytes(Convert.FromHexString(node.GetValue<string>()[2..])),
        AbiKind.Bytes => AbiValue.Bytes(Convert.FromHexString(node.GetValue<string>()[2..])),
        AbiKind.DynamicArray => AbiValue.Array(type.Element!, [.. node.AsArray().Select(n => ToValue(type.Element!, n!))]),
        AbiKind.FixedArray => AbiValue.FixedArray(type.Element!, [.. node.AsArray().Select(n => ToValue(type.Element!, n!))]),
        _ => throw new NotSupportedException(type.ToString()),
    };

    [TestCaseSource(nameof(Vectors))]
    [Category("SpecVector")]
    public void EncodeCall_SolidityDocsExample_ByteExactAndDecodesBack(JsonObject vector)
    {
        var signature = vector["signature"]!.GetValue<string>();
        var arguments = vector["arguments"]!.AsArray().Select(a => ToValue(AbiType.Parse(a!["type"]!.GetValue<string>()), a["value"]!)).ToList();

        var encoded = AbiCodec.EncodeCall(signature, arguments);

        Assert.That(Hex.FormatData(AbiCodec.Selector(signature)), Is.EqualTo(vector["selector"]!.GetValue<string>()));
        Assert.That(Hex.FormatData(encoded), Is.EqualTo(vector["encoded"]!.GetValue<string>()));
        Assert.That(AbiCodec.TryDecode(AbiCodec.ParameterTypes(signature), encoded.AsSpan(4), out var decoded, out var error), Is.True, error);
        Assert.That(Hex.FormatData(AbiCodec.Encode(decoded!)), Is.EqualTo(Hex.FormatData(encoded.AsSpan(4))));
    }

    [Test]
    public void EventTopic_Erc1056OwnerChanged_IsKeccakOfSignature()
    {
        var topic = AbiCodec.EventTopic("DIDOwnerChanged(address,address,uint256)");
        var expected = new byte[32];
        Hashes.Keccak256("DIDOwnerChanged(address,address,uint256)"u8, expected);

        Assert.That(topic, Is.EqualTo(expected));
    }

    [Test]
    public void Encode_AddressStringAndNegativeInt_RoundTrip()
    {
        var address = EthereumAddress.Parse("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266");
        var values = new[] { AbiValue.Address(address), AbiValue.String("did/svc/KycService — 한국"), AbiValue.Int(-5, 64), AbiValue.Bytes32String("veriKey") };

        var encoded = AbiCodec.Encode(values);

        Assert.That(AbiCodec.TryDecode([AbiType.Address, AbiType.String, AbiType.Int(64), AbiType.Bytes32], encoded, out var decoded, out var error), Is.True, error);
        Assert.That(decoded![0].AsAddress(), Is.EqualTo(address));
        Assert.That(decoded[1].AsString(), Is.EqualTo("did/svc/KycService — 한국"));
        Assert.That(decoded[2].AsInteger(), Is.EqualTo(new BigInteger(-5)));
        Assert.That(decoded[3].AsBytes()[..7], Is.EqualTo("veriKey"u8.ToArray()));
    }

    [Test]
    public void TryDecode_OffsetPastEnd_Fails()
    {
        var data = new byte[64];
        data[31] = 0xFF; // offset 255 of a 64-byte buffer

        Assert.That(AbiCodec.TryDecode([AbiType.Bytes], data, out _, out var error), Is.False);
        Assert.That(error, Is.Not.Null);
    }

    [Test]
    public void TryDecode_LengthPastEnd_Fails()
    {
        var data = new byte[96];
        data[31] = 0x20;
        data[63] = 0x40; // claims 64 bytes, only 32 follow

        Assert.That(AbiCodec.TryDecode([AbiType.Bytes], data, out _, out _), Is.False);
    }

    [Test]
    public void TryDecode_DirtyAddressPadding_Fails()
    {
        var data = new byte[32];
        data[0] = 1;

        Assert.That(AbiCodec.TryDecode([AbiType.Address], data, out _, out _), Is.False);
    }

    [Test]
    public void TryDecode_BoolTwo_Fails()
    {
        var data = new byte[32];
        data[31] = 2;

        Assert.That(AbiCodec.TryDecode([AbiType.Bool], data, out _, out _), Is.False);
    }

    [Test]
    public void TryDecode_Truncated_Fails()
    {
        Assert.That(AbiCodec.TryDecode([AbiType.Uint256], new byte[31], out _, out _), Is.False);
    }

    [Test]
    public void TryDecode_HugeArrayCount_FailsWithoutAllocating()
    {
        var data = new byte[64];
        data[31] = 0x20;
        data[60] = 0x7F; // 2^31-ish elements

        Assert.That(AbiCodec.TryDecode([AbiType.ArrayOf(AbiType.Uint256)], data, out _, out _), Is.False);
    }

    [TestCase("uint7")]
    [TestCase("uint264")]
    [TestCase("bytes33")]
    [TestCase("bytes0")]
    [TestCase("uint08")]
    [TestCase("tuple")]
    [TestCase("address[0]")]
    public void TryParse_InvalidTypeName_Fails(string name)
    {
        Assert.That(AbiType.TryParse(name, out _), Is.False);
    }

    [Test]
    public void EncodeCall_ArgumentsDoNotMatchSignature_Throws()
    {
        Assert.That(() => AbiCodec.EncodeCall("identityOwner(address)", AbiValue.Bool(true)), Throws.ArgumentException);
    }

    [Test]
    public void Uint_ValueDoesNotFit_Throws()
    {
        Assert.That(() => AbiValue.Uint(256, 8), Throws.InstanceOf<ArgumentOutOfRangeException>());
        Assert.That(() => AbiValue.Uint(-1), Throws.InstanceOf<ArgumentOutOfRangeException>());
    }
}
