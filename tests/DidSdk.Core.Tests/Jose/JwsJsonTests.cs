using System.Text.Json.Nodes;
using DidSdk.Core.Jose;
using DidSdk.Crypto;
using static DidSdk.Core.Tests.Jose.JwsTestTokens;

namespace DidSdk.Core.Tests.Jose;

public class JwsJsonTests
{
    private PrivateKey _ed25519 = null!;
    private PrivateKey _secp256k1 = null!;

    [OneTimeSetUp]
    public void CreateKeys()
    {
        _ed25519 = PrivateKey.Generate(KeyType.Ed25519);
        _secp256k1 = PrivateKey.Generate(KeyType.Secp256k1);
    }

    [OneTimeTearDown]
    public void DisposeKeys()
    {
        _ed25519.Dispose();
        _secp256k1.Dispose();
    }

    private static JsonObject Entry(string compact, JsonObject? unprotected = null)
    {
        var parts = compact.Split('.');
        var entry = new JsonObject { ["protected"] = parts[0], ["signature"] = parts[2] };
        if (unprotected is not null)
        {
            entry["header"] = unprotected;
        }

        return entry;
    }

    private static string PayloadOf(string compact) => compact.Split('.')[1];

    [Test]
    public void ReadJson_GeneralWithTwoSignatures_EachVerifiesWithItsKey()
    {
        var ed = Sign("{\"alg\":\"EdDSA\",\"kid\":\"#ed\"}", "{\"a\":1}", _ed25519);
        var k1 = Sign("{\"alg\":\"ES256K\",\"kid\":\"#k1\"}", "{\"a\":1}", _secp256k1);
        var json = new JsonObject { ["payload"] = PayloadOf(ed), ["signatures"] = new JsonArray(Entry(ed), Entry(k1)) };

        var result = Jws.ReadJson(json.ToJsonString());

        Assert.That(result.Succeeded, Is.True, result.Problem?.ToString());
        Assert.That(result.Tokens.Select(t => t.KeyId), Is.EqualTo(new[] { "#ed", "#k1" }));
        Assert.That(Jws.VerifySignature(result.Tokens[0], _ed25519.PublicKey), Is.True);
        Assert.That(Jws.VerifySignature(result.Tokens[1], _secp256k1.PublicKey), Is.True);
        Assert.That(Jws.VerifySignature(result.Tokens[1], _ed25519.PublicKey), Is.False);
    }

    [Test]
    public void ReadJson_FlattenedWithUnprotectedHeader_ExposesItSeparately()
    {
        var ed = Sign("{\"alg\":\"EdDSA\"}", "{}", _ed25519);
        var entry = Entry(ed, new JsonObject { ["kid"] = "#unprotected" });
        entry["payload"] = PayloadOf(ed);

        var result = Jws.ReadJson(entry.ToJsonString());

        Assert.That(result.Succeeded, Is.True, result.Problem?.ToString());
        Assert.That(result.Token!.KeyId, Is.Null, "kid from the unprotected header is not integrity protected");
        Assert.That(result.Token.UnprotectedHeader!["kid"]!.GetValue<string>(), Is.EqualTo("#unprotected"));
        Assert.That(Jws.VerifySignature(result.Token, _ed25519.PublicKey), Is.True);
    }

    [Test]
    public void ReadJson_ParameterInBothHeaders_DuplicateHeaderParameter()
    {
        var ed = Sign("{\"alg\":\"EdDSA\",\"kid\":\"#a\"}", "{}", _ed25519);
        var entry = Entry(ed, new JsonObject { ["kid"] = "#b" });
        entry["payload"] = PayloadOf(ed);
        Assert.That(Jws.ReadJson(entry.ToJsonString()).Problem?.Code, Is.EqualTo(JoseProblemCodes.DuplicateHeaderParameter));
    }

    [Test]
    public void ReadJson_AlgOnlyInUnprotectedHeader_Rejected()
    {
        var ed = Sign("{\"kid\":\"#a\"}", "{}", _ed25519);
        var entry = Entry(ed, new JsonObject { ["alg"] = "EdDSA" });
        entry["payload"] = PayloadOf(ed);
        Assert.That(Jws.ReadJson(entry.ToJsonString()).Problem?.Code, Is.EqualTo(JoseProblemCodes.InvalidHeaderParameter));
    }

    [Test]
    public void ReadJson_CritInUnprotectedHeader_CriticalHeaderMalformed()
    {
        var ed = Sign("{\"alg\":\"EdDSA\",\"exp\":1}", "{}", _ed25519);
        var entry = Entry(ed, new JsonObject { ["crit"] = new JsonArray("exp") });
        entry["payload"] = PayloadOf(ed);
        var options = new JwsReaderOptions { SupportedCriticalHeaders = ["exp"] };
        Assert.That(Jws.ReadJson(entry.ToJsonString(), options).Problem?.Code, Is.EqualTo(JoseProblemCodes.CriticalHeaderMalformed));
    }

    [Test]
    public void ReadJson_UnprotectedKidNotString_InvalidHeaderParameter()
    {
        var ed = Sign("{\"alg\":\"EdDSA\"}", "{}", _ed25519);
        var entry = Entry(ed, new JsonObject { ["kid"] = 5 });
        entry["payload"] = PayloadOf(ed);
        Assert.That(Jws.ReadJson(entry.ToJsonString()).Problem?.Code, Is.EqualTo(JoseProblemCodes.InvalidHeaderParameter));
    }

    [Test]
    public void ReadJson_NoProtectedHeader_AlgorithmMissing()
    {
        var ed = Sign("{\"alg\":\"EdDSA\"}", "{}", _ed25519);
        var json = new JsonObject { ["payload"] = PayloadOf(ed), ["header"] = new JsonObject { ["alg"] = "EdDSA" }, ["signature"] = ed.Split('.')[2] };
        Assert.That(Jws.ReadJson(json.ToJsonString()).Problem?.Code, Is.EqualTo(JoseProblemCodes.AlgorithmMissing));
    }

    [Test]
    public void ReadJson_GeneralWithTopLevelSignature_Malformed()
    {
        var ed = Sign("{\"alg\":\"EdDSA\"}", "{}", _ed25519);
        var json = new JsonObject { ["payload"] = PayloadOf(ed), ["signatures"] = new JsonArray(Entry(ed)), ["signature"] = ed.Split('.')[2] };
        Assert.That(Jws.ReadJson(json.ToJsonString()).Problem?.Code, Is.EqualTo(JoseProblemCodes.Malformed));
    }

    [TestCase("{\"payload\":\"e30\",\"signatures\":[]}", TestName = "ReadJson_EmptySignatures_Malformed")]
    [TestCase("{\"payload\":\"e30\",\"signatures\":{}}", TestName = "ReadJson_SignaturesNotArray_Malformed")]
    [TestCase("{\"payload\":\"e30\",\"signatures\":[1]}", TestName = "ReadJson_SignatureEntryNotObject_Malformed")]
    [TestCase("{\"signatures\":[]}", TestName = "ReadJson_NoPayload_Malformed")]
    [TestCase("{\"payload\":1}", TestName = "ReadJson_PayloadNotString_Malformed")]
    [TestCase("[]", TestName = "ReadJson_NotObject_Malformed")]
    [TestCase("{\"payload\":\"e30\",\"payload\":\"e30\"}", TestName = "ReadJson_DuplicateMember_Malformed")]
    [TestCase("{\"payload\":\"e30\",\"protected\":\"eyJhbGciOiJFZERTQSJ9\"}", TestName = "ReadJson_NoSignature_Malformed")]
    public void ReadJson_BadStructure_Malformed(string json)
    {
        Assert.That(Jws.ReadJson(json).Problem?.Code, Is.EqualTo(JoseProblemCodes.Malformed));
    }

    [Test]
    public void ReadJson_MoreSignaturesThanLimit_TooManySignatures()
    {
        var ed = Sign("{\"alg\":\"EdDSA\"}", "{}", _ed25519);
        var json = new JsonObject { ["payload"] = PayloadOf(ed), ["signatures"] = new JsonArray(Entry(ed), Entry(ed), Entry(ed)) };
        var result = Jws.ReadJson(json.ToJsonString(), new JwsReaderOptions { MaxSignatures = 2 });
        Assert.That(result.Problem?.Code, Is.EqualTo(JoseProblemCodes.TooManySignatures));
    }

    [Test]
    public void ReadJson_OneBadEntryAmongGood_WholeJwsRejected()
    {
        var ed = Sign("{\"alg\":\"EdDSA\"}", "{}", _ed25519);
        var none = Entry(B64("{\"alg\":\"none\"}") + ".e30.");
        var json = new JsonObject { ["payload"] = PayloadOf(ed), ["signatures"] = new JsonArray(Entry(ed), none) };
        Assert.That(Jws.ReadJson(json.ToJsonString()).Problem?.Code, Is.EqualTo(JoseProblemCodes.AlgorithmNone));
    }

    [Test]
    public void ReadJson_TooLarge_TooLarge()
    {
        var json = "{\"payload\":\"" + new string('A', 200) + "\"}";
        Assert.That(Jws.ReadJson(json, new JwsReaderOptions { MaxTokenLength = 100 }).Problem?.Code, Is.EqualTo(JoseProblemCodes.TooLarge));
    }

    [Test]
    public void ReadJson_NestedTooDeep_JsonTooDeep()
    {
        var json = "{\"payload\":\"e30\",\"x\":" + new string('[', 50) + new string(']', 50) + "}";
        Assert.That(Jws.ReadJson(json).Problem?.Code, Is.EqualTo(JoseProblemCodes.JsonTooDeep));
    }

    [Test]
    public void ReadJson_UnencodedPayloadAllowed_VerifiesOverRawPayload()
    {
        var header = "{\"alg\":\"EdDSA\",\"b64\":false,\"crit\":[\"b64\"]}";
        var compact = SignUnencoded(header, "$02", _ed25519);
        var json = new JsonObject { ["payload"] = "$02", ["protected"] = B64(header), ["signature"] = compact.Split('.')[2] };

        var allowed = Jws.ReadJson(json.ToJsonString(), new JwsReaderOptions { AllowUnencodedPayload = true });
        var refused = Jws.ReadJson(json.ToJsonString());

        Assert.That(allowed.Succeeded, Is.True, allowed.Problem?.ToString());
        Assert.That(Jws.VerifySignature(allowed.Token!, _ed25519.PublicKey), Is.True);
        Assert.That(refused.Succeeded, Is.False);
    }
}
