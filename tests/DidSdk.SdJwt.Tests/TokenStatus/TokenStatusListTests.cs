using System.IO.Compression;
using System.Text.Json.Nodes;
using DidSdk.Core.Json;
using DidSdk.SdJwt.TokenStatus;
using DidSdk.Testing;

namespace DidSdk.SdJwt.Tests.TokenStatus;

public class TokenStatusListTests
{
    private static IEnumerable<TestCaseData> Vectors() =>
        RepoPaths.LoadSpecVector("token-status-list", "status-list-encoding.json")["vectors"]!.AsArray()
            .Select(v => new TestCaseData(v!.AsObject()).SetName("TokenStatusList_" + v!["name"]!.GetValue<string>()));

    [TestCaseSource(nameof(Vectors))]
    [Category("SpecVector")]
    public void TryDecode_DraftExample_BytesAndStatusesMatch(JsonObject vector)
    {
        var bits = vector["bits"]!.GetValue<int>();
        var statuses = vector["statuses"]!.AsArray().Select(s => s!.GetValue<byte>()).ToArray();

        Assert.That(TokenStatusList.TryDecode(bits, vector["lst"]!.GetValue<string>(), 1024, out var list, out var problem), Is.True, problem?.ToString());
        Assert.That(Convert.ToHexStringLower(list!.Bytes), Is.EqualTo(vector["bytesHex"]!.GetValue<string>()));
        for (var i = 0; i < statuses.Length; i++)
        {
            Assert.That(list.Get(i), Is.EqualTo(statuses[i]), $"status[{i}]");
        }
    }

    [TestCaseSource(nameof(Vectors))]
    [Category("SpecVector")]
    public void Set_DraftExampleStatuses_ProducesDraftBytesAndRoundTrips(JsonObject vector)
    {
        var bits = vector["bits"]!.GetValue<int>();
        var statuses = vector["statuses"]!.AsArray().Select(s => s!.GetValue<byte>()).ToArray();
        var list = new TokenStatusList(bits, statuses.Length);
        for (var i = 0; i < statuses.Length; i++)
        {
            list.Set(i, statuses[i]);
        }

        Assert.That(Convert.ToHexStringLower(list.Bytes), Is.EqualTo(vector["bytesHex"]!.GetValue<string>()));
        Assert.That(TokenStatusList.TryDecode(bits, list.Encode(), 1024, out var decoded, out _), Is.True);
        Assert.That(decoded!.Bytes.ToArray(), Is.EqualTo(list.Bytes.ToArray()));
    }

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(4)]
    [TestCase(8)]
    public void Set_ThenClear_OnlyThatEntryChanges(int bits)
    {
        var list = new TokenStatusList(bits, 1000);
        var max = list.MaxStatus;
        list.Set(500, max);
        list.Set(501, 1);

        Assert.That(list.Get(499), Is.Zero);
        Assert.That(list.Get(500), Is.EqualTo(max));
        Assert.That(list.Get(501), Is.EqualTo(1));
        list.Set(500, 0);
        Assert.That(list.Get(500), Is.Zero);
        Assert.That(list.Get(501), Is.EqualTo(1));
    }

    [Test]
    public void Set_StatusNeedsMoreBits_Throws()
    {
        var list = new TokenStatusList(1, 8);
        Assert.That(() => list.Set(0, TokenStatusTypes.Suspended), Throws.InstanceOf<ArgumentOutOfRangeException>());
    }

    [TestCase(0)]
    [TestCase(3)]
    [TestCase(16)]
    public void Constructor_BitsNotAllowed_Throws(int bits)
    {
        Assert.That(() => new TokenStatusList(bits, 8), Throws.InstanceOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public void TryDecode_ZlibBomb_StopsAtLimit()
    {
        using var output = new MemoryStream();
        using (var zlib = new ZLibStream(output, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            zlib.Write(new byte[10 * 1024 * 1024]);
        }

        var lst = StrictBase64Url.Encode(output.ToArray());
        Assert.That(lst.Length, Is.LessThan(20_000), "a small token that inflates to 10 MiB");

        Assert.That(TokenStatusList.TryDecode(1, lst, 1024 * 1024, out _, out var problem), Is.False);
        Assert.That(problem!.Code, Is.EqualTo(TokenStatusProblemCodes.StatusListTooLarge));
    }

    [Test]
    public void TryDecode_TruncatedOrTrailingZlib_InvalidStatusList()
    {
        var list = new TokenStatusList(1, 4096);
        list.Set(17, 1);
        Assert.That(StrictBase64Url.TryDecode(list.Encode(), out var whole), Is.True);
        Assert.That(whole, Is.Not.Null);

        foreach (var cut in new[] { whole!.Length - 1, whole.Length - 4, whole.Length / 2 })
        {
            Assert.That(TokenStatusList.TryDecode(1, StrictBase64Url.Encode(whole.AsSpan(0, cut)), 1024 * 1024, out _, out var problem), Is.False, $"cut at {cut}");
            Assert.That(problem!.Code, Is.EqualTo(TokenStatusProblemCodes.InvalidStatusList));
        }

        Assert.That(TokenStatusList.TryDecode(1, StrictBase64Url.Encode([.. whole, 0]), 1024 * 1024, out _, out var trailing), Is.False, "bytes after the trailer");
        Assert.That(trailing!.Code, Is.EqualTo(TokenStatusProblemCodes.InvalidStatusList));
        Assert.That(TokenStatusList.TryDecode(1, list.Encode(), 1024 * 1024, out var decoded, out _), Is.True);
        Assert.That(decoded!.Get(17), Is.EqualTo(1));
    }

    [Test]
    public void TryDecode_LimitIntMaxValue_NoOverflow()
    {
        var list = new TokenStatusList(8, 100);

        Assert.That(TokenStatusList.TryDecode(8, list.Encode(), int.MaxValue, out var decoded, out var problem), Is.True, problem?.ToString());
        Assert.That(decoded!.Size, Is.EqualTo(100));
    }

    [TestCase("not base64url!")]
    [TestCase("AAAA")]
    [TestCase("")]
    public void TryDecode_NotZlibBase64Url_InvalidStatusList(string lst)
    {
        Assert.That(TokenStatusList.TryDecode(1, lst, 1024, out _, out var problem), Is.False);
        Assert.That(problem!.Code, Is.EqualTo(TokenStatusProblemCodes.InvalidStatusList));
    }

    [TestCase("{\"bits\":3,\"lst\":\"eNrbuRgAAhcBXQ\"}")]
    [TestCase("{\"bits\":\"1\",\"lst\":\"eNrbuRgAAhcBXQ\"}")]
    [TestCase("{\"bits\":1}")]
    [TestCase("{\"bits\":1,\"lst\":5}")]
    [TestCase("[]")]
    public void TryParse_MalformedStatusListObject_InvalidStatusList(string json)
    {
        Assert.That(TokenStatusList.TryParse(JsonNode.Parse(json), 1024, out _, out var problem), Is.False);
        Assert.That(problem!.Code, Is.EqualTo(TokenStatusProblemCodes.InvalidStatusList));
    }

    [TestCase("{\"status_list\":{\"idx\":0,\"uri\":\"https://example.com/statuslists/1\"}}", true)]
    [TestCase("{\"status_list\":{\"idx\":-1,\"uri\":\"https://example.com/statuslists/1\"}}", false)]
    [TestCase("{\"status_list\":{\"idx\":1.5,\"uri\":\"https://example.com/statuslists/1\"}}", false)]
    [TestCase("{\"status_list\":{\"idx\":\"0\",\"uri\":\"https://example.com/statuslists/1\"}}", false)]
    [TestCase("{\"status_list\":{\"idx\":0,\"uri\":\"statuslists/1\"}}", false)]
    [TestCase("{\"status_list\":{\"idx\":0}}", false)]
    [TestCase("{\"other\":{}}", false)]
    public void StatusListReference_TryParse_FollowsSection6(string json, bool valid)
    {
        var ok = StatusListReference.TryParse(JsonNode.Parse(json), out var reference, out var problem);

        Assert.That(ok, Is.EqualTo(valid));
        if (!valid)
        {
            Assert.That(problem!.Code, Is.EqualTo(TokenStatusProblemCodes.InvalidStatusClaim));
        }
        else
        {
            Assert.That(reference!.ToStatusClaim().ToJsonString(), Is.EqualTo(json));
        }
    }
}
