namespace DidSdk.Crypto.Tests;

public class EthereumAddressTests
{
    // Well-known addresses of the secp256k1 private keys 1 and 2.
    [TestCase("0000000000000000000000000000000000000000000000000000000000000001", "0x7E5F4552091A69125d5DfCb7b8C2659029395Bdf")]
    [TestCase("0000000000000000000000000000000000000000000000000000000000000002", "0x2B5AD5c4795c026514f8317c7a215E218DcCD6cF")]
    public void FromPublicKey_KnownPrivateKey_GivesKnownAddress(string privateHex, string expected)
    {
        using var key = PrivateKey.Import(KeyType.Secp256k1, Convert.FromHexString(privateHex));
        var address = EthereumAddress.FromPublicKey(key.PublicKey);
        Assert.That(address.ToString(), Is.EqualTo(expected));
        Assert.That(address.ToLowerHexString(), Is.EqualTo(expected.ToLowerInvariant()));
        Assert.That(address.Bytes.Length, Is.EqualTo(EthereumAddress.Size));
    }

    [Test]
    public void TryParse_AllUppercaseOfMixedAddress_AcceptedWithoutChecksum()
    {
        Assert.That(EthereumAddress.TryParse("0x7E5F4552091A69125D5DFCB7B8C2659029395BDF", out var upper), Is.True);
        Assert.That(EthereumAddress.TryParse("0x7e5f4552091a69125d5dfcb7b8c2659029395bdf", out var lower), Is.True);
        Assert.That(upper, Is.EqualTo(lower));
        Assert.That(upper == lower, Is.True);
        Assert.That(upper!.GetHashCode(), Is.EqualTo(lower!.GetHashCode()));
        Assert.That(upper.ToString(), Is.EqualTo("0x7E5F4552091A69125d5DfCb7b8C2659029395Bdf"));
    }

    [TestCase(null, TestName = "TryParse_Null_False")]
    [TestCase("", TestName = "TryParse_Empty_False")]
    [TestCase("7E5F4552091A69125d5DfCb7b8C2659029395Bdf", TestName = "TryParse_NoPrefix_False")]
    [TestCase("0X7E5F4552091A69125d5DfCb7b8C2659029395Bdf", TestName = "TryParse_UppercasePrefix_False")]
    [TestCase("0x7E5F4552091A69125d5DfCb7b8C2659029395Bd", TestName = "TryParse_39Digits_False")]
    [TestCase("0x7E5F4552091A69125d5DfCb7b8C2659029395Bdff", TestName = "TryParse_41Digits_False")]
    [TestCase("0x7E5F4552091A69125d5DfCb7b8C2659029395Bdg", TestName = "TryParse_NonHex_False")]
    [TestCase("0x7e5F4552091A69125d5DfCb7b8C2659029395Bdf", TestName = "TryParse_BadChecksum_False")]
    [TestCase(" 0x7E5F4552091A69125d5DfCb7b8C2659029395Bdf", TestName = "TryParse_LeadingSpace_False")]
    public void TryParse_Invalid_ReturnsFalse(string? text)
    {
        Assert.That(EthereumAddress.TryParse(text, out var address), Is.False);
        Assert.That(address, Is.Null);
    }

    [Test]
    public void Parse_BadChecksum_Throws() =>
        Assert.That(() => EthereumAddress.Parse("0x7e5F4552091A69125d5DfCb7b8C2659029395Bdf"), Throws.TypeOf<FormatException>());

    [Test]
    public void FromPublicKey_NotSecp256k1_Throws()
    {
        using var key = PrivateKey.Generate(KeyType.P256);
        Assert.That(() => EthereumAddress.FromPublicKey(key.PublicKey), Throws.ArgumentException);
    }

    [Test]
    public void FromBytes_WrongLength_Throws() =>
        Assert.That(() => EthereumAddress.FromBytes(new byte[19]), Throws.ArgumentException);

    [Test]
    public void FromBytes_RoundTrips()
    {
        var bytes = Enumerable.Range(1, 20).Select(i => (byte)i).ToArray();
        var address = EthereumAddress.FromBytes(bytes);
        Assert.That(address.ToArray(), Is.EqualTo(bytes));
        Assert.That(EthereumAddress.Parse(address.ToString()), Is.EqualTo(address));
        Assert.That(address.Equals(EthereumAddress.FromBytes(new byte[20])), Is.False);
    }
}
