using System.Text;
using System.Text.Json.Nodes;
using DidSdk.Core.Jose;
using DidSdk.Crypto;
using static DidSdk.Core.Tests.Jose.JwsTestTokens;

namespace DidSdk.Core.Tests.Jose;

public class JwsTests
{
    private static readonly byte[] Payload = Encoding.UTF8.GetBytes("{\"iss\":\"did:example:issuer\"}");

    private PrivateKey _ed25519 = null!;
    private PrivateKey _secp256k1 = null!;
    private PrivateKey _p256 = null!;
    private PrivateKey _p384 = null!;
    private PrivateKey _p521 = null!;

    [OneTimeSetUp]
    public void CreateKeys()
    {
        _ed25519 = PrivateKey.Generate(KeyType.Ed25519);
        _secp256k1 = PrivateKey.Generate(KeyType.Secp256k1);
        _p256 = PrivateKey.Generate(KeyType.P256);
        _p384 = PrivateKey.Generate(KeyType.P384);
        _p521 = PrivateKey.Generate(KeyType.P521);
    }

    [OneTimeTearDown]
    public void DisposeKeys()
    {
        _ed25519.Dispose();
        _secp256k1.Dispose();
        _p256.Dispose();
        _p384.Dispose();
        _p521.Dispose();
    }

    private PrivateKey KeyFor(KeyType type) => type switch
    {
        KeyType.Ed25519 => _ed25519,
        KeyType.Secp256k1 => _secp256k1,
        KeyType.P384 => _p384,
        KeyType.P521 => _p521,
        _ => _p256,
    };

    [TestCase(KeyType.Ed25519, "EdDSA")]
    [TestCase(KeyType.Secp256k1, "ES256K")]
    [TestCase(KeyType.P256, "ES256")]
    [TestCase(KeyType.P384, "ES384")]
    [TestCase(KeyType.P521, "ES512")]
    public async Task SignCompactAsync_EachAlgorithm_VerifiesWithHeaderAndPayload(KeyType keyType, string alg)
    {
        var key = KeyFor(keyType);
        var signer = new KeySigner(key, "did:example:issuer#key-1");

        var compact = await Jws.SignCompactAsync(new JsonObject { ["typ"] = "vc+jwt" }, Payload, signer);
        var result = Jws.VerifyCompact(compact, key.PublicKey);

        Assert.That(result.Succeeded, Is.True, result.Problem?.ToString());
        var token = result.Token!;
        Assert.Multiple(() =>
        {
            Assert.That(token.Algorithm, Is.EqualTo(alg));
            Assert.That(token.KeyId, Is.EqualTo("did:example:issuer#key-1"));
            Assert.That(token.Type, Is.EqualTo("vc+jwt"));
            Assert.That(token.Payload.ToArray(), Is.EqualTo(Payload));
            Assert.That(token.EncodedHeader, Is.EqualTo(B64("{\"alg\":\"" + alg + "\",\"typ\":\"vc+jwt\",\"kid\":\"did:example:issuer#key-1\"}")));
        });
    }

    [TestCase(KeyType.Ed25519)]
    [TestCase(KeyType.P256)]
    public void ReadCompact_SliceOfLargerText_SameTokenAndVerifies(KeyType keyType)
    {
        var key = keyType == KeyType.Ed25519 ? _ed25519 : _p256;
        var compact = Jws.SignCompact(new JsonObject { ["typ"] = "kb+jwt" }, Payload, new KeySigner(key, "#k"));
        var text = "prefix~" + compact + "~suffix";
        var slice = Jws.ReadCompact(text.AsMemory(7, compact.Length)).Token!;
        var whole = Jws.ReadCompact(compact).Token!;
        Assert.Multiple(() =>
        {
            // Verified before and after the signing input is first read, which builds it as an array.
            Assert.That(Jws.VerifySignature(slice, key.PublicKey), Is.True);
            Assert.That(slice.SigningInput.ToArray(), Is.EqualTo(Encoding.ASCII.GetBytes(compact[..compact.LastIndexOf('.')])));
            Assert.That(slice.SigningInput.ToArray(), Is.EqualTo(whole.SigningInput.ToArray()));
            Assert.That(Jws.VerifySignature(slice, key.PublicKey), Is.True);
            Assert.That(slice.Payload.ToArray(), Is.EqualTo(Payload));
            Assert.That(slice.EncodedHeader, Is.EqualTo(whole.EncodedHeader));
            Assert.That(slice.Type, Is.EqualTo("kb+jwt"));
            Assert.That(Jws.ReadCompact(text.AsMemory()).Succeeded, Is.False);
        });
    }

    [Test]
    public void VerifySignature_SlicedTokenTampered_False()
    {
        var compact = Jws.SignCompact(null, Payload, new KeySigner(_ed25519));
        var i = compact.Length - 10;
        var tampered = compact[..i] + (compact[i] == 'A' ? "B" : "A") + compact[(i + 1)..];
        var token = Jws.ReadCompact(("x" + tampered).AsMemory(1)).Token!;
        Assert.That(Jws.VerifySignature(token, _ed25519.PublicKey), Is.False);
        Assert.That(Jws.VerifySignature(Jws.ReadCompact(("x" + compact).AsMemory(1)).Token!, _p256.PublicKey), Is.False);
    }

    [Test]
    public void SignCompact_KidWithPlusAndHash_IsWrittenUnescaped()
    {
        var compact = Jws.SignCompact(null, Payload, new KeySigner(_ed25519, "did:key:z6Mk+x#z6Mk+x"));
        Assert.That(compact.Split('.')[0], Is.EqualTo(B64("{\"alg\":\"EdDSA\",\"kid\":\"did:key:z6Mk+x#z6Mk+x\"}")));
    }

    [Test]
    public async Task SignCompactAsync_HeaderKid_OverridesSignerKeyId()
    {
        var compact = await Jws.SignCompactAsync(new JsonObject { ["kid"] = "#other" }, Payload, new KeySigner(_ed25519, "#signer"));
        Assert.That(Jws.ReadCompact(compact).Token!.KeyId, Is.EqualTo("#other"));
    }

    [Test]
    public async Task SignCompactAsync_NoKeyId_HeaderHasOnlyAlg()
    {
        var compact = await Jws.SignCompactAsync(null, Payload, new KeySigner(_ed25519));
        Assert.That(compact.Split('.')[0], Is.EqualTo(B64("{\"alg\":\"EdDSA\"}")));
    }

    [Test]
    public async Task SignCompactAsync_JsonPayload_SameTokenAsItsUtf8Bytes()
    {
        // Ed25519 is deterministic, so the two overloads must produce the very same token.
        var claims = new JsonObject { ["iss"] = "did:example:issuer", ["name"] = "Jos\u00e9 <b>", ["n"] = 1.5, ["list"] = new JsonArray(1, "two") };
        var signer = new KeySigner(_ed25519, "#k");
        var fromNode = await Jws.SignCompactAsync(new JsonObject { ["typ"] = "JWT" }, claims, signer);
        var fromBytes = await Jws.SignCompactAsync(new JsonObject { ["typ"] = "JWT" }, Encoding.UTF8.GetBytes(claims.ToJsonString()), signer);
        Assert.That(fromNode, Is.EqualTo(fromBytes));
    }

    [Test]
    public async Task SignCompactAsync_LargeThenSmallJsonPayload_EachSignsItsOwnBytes()
    {
        // The per-thread scratch buffer must neither keep a large payload's bytes nor leak them into the next token.
        var signer = new KeySigner(_ed25519);
        var large = new JsonObject { ["blob"] = new string('x', 100_000) };
        var small = new JsonObject { ["a"] = 1 };
        var first = Jws.ReadCompact(await Jws.SignCompactAsync(null, large, signer), new JwsReaderOptions { MaxTokenLength = 1_000_000 }).Token!;
        var second = Jws.ReadCompact(await Jws.SignCompactAsync(null, small, signer)).Token!;
        Assert.Multiple(() =>
        {
            Assert.That(first.Payload.Length, Is.EqualTo(large.ToJsonString().Length));
            Assert.That(Encoding.UTF8.GetString(second.Payload.Span), Is.EqualTo("{\"a\":1}"));
            Assert.That(Jws.VerifySignature(first, _ed25519.PublicKey) && Jws.VerifySignature(second, _ed25519.PublicKey), Is.True);
        });
    }

    [Test]
    public async Task SignCompactAsync_PayloadWriter_SameTokenAsTheTree()
    {
        var signer = new KeySigner(_ed25519, "#k");
        var fromWriter = await Jws.SignCompactAsync(null, "did:example:issuer", static (writer, iss) =>
        {
            writer.WriteStartObject();
            writer.WriteString("iss", iss);
            writer.WriteNumber("exp", 1_700_000_000);
            writer.WriteEndObject();
        }, signer);
        var fromTree = await Jws.SignCompactAsync(null, new JsonObject { ["iss"] = "did:example:issuer", ["exp"] = 1_700_000_000 }, signer);
        Assert.That(fromWriter, Is.EqualTo(fromTree));
    }

    [Test]
    public async Task SignCompactAsync_NestedSigningInsidePayloadWriter_EachTokenIntact()
    {
        // A payload writer that itself signs (on the same thread) must not share the outer call's scratch writer.
        var signer = new KeySigner(_ed25519);
        string? inner = null;
        var outer = await Jws.SignCompactAsync(null, signer, (writer, s) =>
        {
            writer.WriteStartObject();
            writer.WriteString("before", "x");
            inner = Jws.SignCompactAsync(null, new JsonObject { ["inner"] = true }, s).AsTask().GetAwaiter().GetResult();
            writer.WriteString("after", "y");
            writer.WriteEndObject();
        }, signer);

        var outerToken = Jws.ReadCompact(outer).Token!;
        var innerToken = Jws.ReadCompact(inner!).Token!;
        Assert.Multiple(() =>
        {
            Assert.That(Encoding.UTF8.GetString(outerToken.Payload.Span), Is.EqualTo("{\"before\":\"x\",\"after\":\"y\"}"));
            Assert.That(Encoding.UTF8.GetString(innerToken.Payload.Span), Is.EqualTo("{\"inner\":true}"));
            Assert.That(Jws.VerifySignature(outerToken, _ed25519.PublicKey) && Jws.VerifySignature(innerToken, _ed25519.PublicKey), Is.True);
        });
    }

    [Test]
    public void SignCompactAsync_PayloadWriterWritesNothing_Throws()
    {
        Assert.ThrowsAsync<ArgumentException>(async () => await Jws.SignCompactAsync(null, 0, static (_, _) => { }, new KeySigner(_ed25519)));
    }

    [TestCase("none")]
    [TestCase("HS256")]
    [TestCase("ES256")]
    public void SignCompactAsync_HeaderAlgDiffersFromSigner_Throws(string alg)
    {
        Assert.ThrowsAsync<ArgumentException>(async () =>
            await Jws.SignCompactAsync(new JsonObject { ["alg"] = alg }, Payload, new KeySigner(_ed25519)));
    }

    [Test]
    public void SignCompactAsync_HeaderB64_Throws()
    {
        Assert.ThrowsAsync<ArgumentException>(async () =>
            await Jws.SignCompactAsync(new JsonObject { ["b64"] = false }, Payload, new KeySigner(_ed25519)));
    }

    [Test]
    public void SignCompactAsync_Cancelled_ThrowsOperationCanceled()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.CatchAsync<OperationCanceledException>(async () =>
            await Jws.SignCompactAsync(null, Payload, new KeySigner(_ed25519), cts.Token));
    }

    [Test]
    public void ReadCompact_AlgNone_AlgorithmNone()
    {
        var token = B64("{\"alg\":\"none\"}") + "." + B64("{}") + ".";
        Assert.That(Jws.ReadCompact(token).Problem?.Code, Is.EqualTo(JoseProblemCodes.AlgorithmNone));
    }

    [TestCase("HS256")]
    [TestCase("RS256")]
    [TestCase("PS256")]
    [TestCase("NONE")]
    [TestCase("eddsa")]
    public void ReadCompact_UnsupportedAlg_AlgorithmNotAllowed(string alg)
    {
        var token = B64("{\"alg\":\"" + alg + "\"}") + "." + B64("{}") + "." + B64(new byte[32]);
        Assert.That(Jws.ReadCompact(token).Problem?.Code, Is.EqualTo(JoseProblemCodes.AlgorithmNotAllowed));
    }

    [Test]
    public void ReadCompact_HmacListedInAllowList_StillNotAllowed()
    {
        var options = new JwsReaderOptions { AllowedAlgorithms = ["HS256", "none", "EdDSA"] };
        var hs = B64("{\"alg\":\"HS256\"}") + "." + B64("{}") + "." + B64(new byte[32]);
        var none = B64("{\"alg\":\"none\"}") + "." + B64("{}") + ".";
        Assert.That(Jws.ReadCompact(hs, options).Problem?.Code, Is.EqualTo(JoseProblemCodes.AlgorithmNotAllowed));
        Assert.That(Jws.ReadCompact(none, options).Problem?.Code, Is.EqualTo(JoseProblemCodes.AlgorithmNone));
    }

    [Test]
    public void ReadCompact_AlgOutsideCallerAllowList_AlgorithmNotAllowed()
    {
        var token = Sign("{\"alg\":\"ES256\"}", "{}", _p256);
        var options = new JwsReaderOptions { AllowedAlgorithms = ["EdDSA"] };
        Assert.That(Jws.ReadCompact(token, options).Problem?.Code, Is.EqualTo(JoseProblemCodes.AlgorithmNotAllowed));
        Assert.That(Jws.ReadCompact(token).Succeeded, Is.True);
    }

    [TestCase("{\"typ\":\"JWT\"}")]
    [TestCase("{\"alg\":null}")]
    [TestCase("{\"alg\":1}")]
    [TestCase("{\"alg\":[\"EdDSA\"]}")]
    public void ReadCompact_NoAlgString_AlgorithmMissing(string header)
    {
        var token = B64(header) + "." + B64("{}") + "." + B64(new byte[64]);
        Assert.That(Jws.ReadCompact(token).Problem?.Code, Is.EqualTo(JoseProblemCodes.AlgorithmMissing));
    }

    [TestCase("{\"alg\":\"EdDSA\",\"kid\":1}")]
    [TestCase("{\"alg\":\"EdDSA\",\"typ\":{}}")]
    [TestCase("{\"alg\":\"EdDSA\",\"cty\":true}")]
    [TestCase("{\"alg\":\"EdDSA\",\"jwk\":\"x\"}")]
    [TestCase("{\"alg\":\"EdDSA\",\"x5c\":\"x\"}")]
    [TestCase("{\"alg\":\"EdDSA\",\"b64\":\"false\"}")]
    public void ReadCompact_RegisteredParameterWrongType_InvalidHeaderParameter(string header)
    {
        var token = Sign(header, "{}", _ed25519);
        Assert.That(Jws.ReadCompact(token).Problem?.Code, Is.EqualTo(JoseProblemCodes.InvalidHeaderParameter));
    }

    [Test]
    public void ReadCompact_UnknownCriticalHeader_CriticalHeaderUnsupported()
    {
        var token = Sign("{\"alg\":\"EdDSA\",\"exp\":1,\"crit\":[\"exp\"]}", "{}", _ed25519);
        Assert.That(Jws.ReadCompact(token).Problem?.Code, Is.EqualTo(JoseProblemCodes.CriticalHeaderUnsupported));
    }

    [Test]
    public void ReadCompact_CriticalHeaderUnderstoodByCaller_Valid()
    {
        var token = Sign("{\"alg\":\"EdDSA\",\"exp\":1,\"crit\":[\"exp\"]}", "{}", _ed25519);
        var result = Jws.ReadCompact(token, new JwsReaderOptions { SupportedCriticalHeaders = ["exp"] });
        Assert.That(result.Succeeded, Is.True, result.Problem?.ToString());
        Assert.That(result.Token!.Critical, Is.EqualTo(new[] { "exp" }));
    }

    [Test]
    public void ReadCompact_CriticalNamesAbsentHeader_CriticalHeaderMissing()
    {
        var token = Sign("{\"alg\":\"EdDSA\",\"crit\":[\"exp\"]}", "{}", _ed25519);
        var options = new JwsReaderOptions { SupportedCriticalHeaders = ["exp"] };
        Assert.That(Jws.ReadCompact(token, options).Problem?.Code, Is.EqualTo(JoseProblemCodes.CriticalHeaderMissing));
    }

    [TestCase("[]", TestName = "ReadCompact_CritEmpty_CriticalHeaderMalformed")]
    [TestCase("\"exp\"", TestName = "ReadCompact_CritNotArray_CriticalHeaderMalformed")]
    [TestCase("[1]", TestName = "ReadCompact_CritNonString_CriticalHeaderMalformed")]
    [TestCase("[\"alg\"]", TestName = "ReadCompact_CritListsRegisteredAlg_CriticalHeaderMalformed")]
    [TestCase("[\"kid\"]", TestName = "ReadCompact_CritListsRegisteredKid_CriticalHeaderMalformed")]
    [TestCase("[\"exp\",\"exp\"]", TestName = "ReadCompact_CritDuplicateName_CriticalHeaderMalformed")]
    public void ReadCompact_BadCrit_CriticalHeaderMalformed(string crit)
    {
        var token = Sign("{\"alg\":\"EdDSA\",\"kid\":\"k\",\"exp\":1,\"crit\":" + crit + "}", "{}", _ed25519);
        var options = new JwsReaderOptions { SupportedCriticalHeaders = ["exp"] };
        Assert.That(Jws.ReadCompact(token, options).Problem?.Code, Is.EqualTo(JoseProblemCodes.CriticalHeaderMalformed));
    }

    [Test]
    public void ReadCompact_UnencodedPayloadByDefault_UnencodedPayloadNotAllowed()
    {
        var token = SignUnencoded("{\"alg\":\"EdDSA\",\"b64\":false,\"crit\":[\"b64\"]}", "$02", _ed25519);
        var problem = Jws.ReadCompact(token).Problem;

        // Without the option b64 is not understood, so crit rejects it first; either way the token is refused.
        Assert.That(problem?.Code, Is.AnyOf(JoseProblemCodes.UnencodedPayloadNotAllowed, JoseProblemCodes.CriticalHeaderUnsupported));
        var noCrit = SignUnencoded("{\"alg\":\"EdDSA\",\"b64\":false}", "$02", _ed25519);
        Assert.That(Jws.ReadCompact(noCrit).Problem?.Code, Is.EqualTo(JoseProblemCodes.UnencodedPayloadNotAllowed));
    }

    [Test]
    public void ReadCompact_UnencodedPayloadAllowed_VerifiesRfc7797SigningInput()
    {
        var token = SignUnencoded("{\"alg\":\"EdDSA\",\"b64\":false,\"crit\":[\"b64\"]}", "$02", _ed25519);
        var result = Jws.VerifyCompact(token, _ed25519.PublicKey, new JwsReaderOptions { AllowUnencodedPayload = true });
        Assert.That(result.Succeeded, Is.True, result.Problem?.ToString());
        Assert.That(result.Token!.IsPayloadEncoded, Is.False);
        Assert.That(Encoding.ASCII.GetString(result.Token.Payload.Span), Is.EqualTo("$02"));
    }

    [Test]
    public void ReadCompact_UnencodedPayloadAllowedButNotCritical_UnencodedPayloadNotAllowed()
    {
        var token = SignUnencoded("{\"alg\":\"EdDSA\",\"b64\":false}", "$02", _ed25519);
        var result = Jws.ReadCompact(token, new JwsReaderOptions { AllowUnencodedPayload = true });
        Assert.That(result.Problem?.Code, Is.EqualTo(JoseProblemCodes.UnencodedPayloadNotAllowed));
    }

    [Test]
    public void ReadCompact_TokenLongerThanLimit_TooLarge()
    {
        var token = Sign("{\"alg\":\"EdDSA\"}", new string('a', 2000), _ed25519);
        Assert.That(Jws.ReadCompact(token, new JwsReaderOptions { MaxTokenLength = 1000 }).Problem?.Code, Is.EqualTo(JoseProblemCodes.TooLarge));
        Assert.That(Jws.ReadCompact(token, new JwsReaderOptions { MaxTokenLength = token.Length }).Succeeded, Is.True);
    }

    [Test]
    public void ReadCompact_DefaultLimit_Is256KiB()
    {
        var token = new string('a', (256 * 1024) + 1);
        Assert.That(Jws.ReadCompact(token).Problem?.Code, Is.EqualTo(JoseProblemCodes.TooLarge));
    }

    [Test]
    public void ReadCompact_HeaderNestedTooDeep_JsonTooDeep()
    {
        var deep = new string('[', 40) + new string(']', 40);
        var token = Sign("{\"alg\":\"EdDSA\",\"x\":" + deep + "}", "{}", _ed25519);
        Assert.That(Jws.ReadCompact(token).Problem?.Code, Is.EqualTo(JoseProblemCodes.JsonTooDeep));
        Assert.That(Jws.ReadCompact(token, new JwsReaderOptions { MaxJsonDepth = 64 }).Succeeded, Is.True);
    }

    [TestCase(0, "=", TestName = "ReadCompact_PaddedHeader_InvalidBase64Url")]
    [TestCase(1, "=", TestName = "ReadCompact_PaddedPayload_InvalidBase64Url")]
    [TestCase(0, " ", TestName = "ReadCompact_WhitespaceInHeader_InvalidBase64Url")]
    [TestCase(1, "\n", TestName = "ReadCompact_LineBreakInPayload_InvalidBase64Url")]
    [TestCase(1, "+", TestName = "ReadCompact_StandardAlphabetInPayload_InvalidBase64Url")]
    [TestCase(2, "=", TestName = "ReadCompact_PaddedSignature_InvalidBase64Url")]
    public void ReadCompact_NonCanonicalBase64Url_InvalidBase64Url(int part, string insert)
    {
        var parts = Sign("{\"alg\":\"EdDSA\"}", "{\"a\":1}", _ed25519).Split('.');
        parts[part] += insert;
        Assert.That(Jws.ReadCompact(string.Join('.', parts)).Problem?.Code, Is.EqualTo(JoseProblemCodes.InvalidBase64Url));
    }

    [Test]
    public void ReadCompact_PayloadWithNonZeroTrailingBits_InvalidBase64Url()
    {
        // The payload is checked when read even though it is decoded only on use: "e30" is "{}", "e31" has a stray bit.
        var parts = Sign("{\"alg\":\"EdDSA\"}", "{}", _ed25519).Split('.');
        Assert.That(parts[1], Is.EqualTo("e30"));
        parts[1] = "e31";
        Assert.That(Jws.ReadCompact(string.Join('.', parts)).Problem?.Code, Is.EqualTo(JoseProblemCodes.InvalidBase64Url));
    }

    [Test]
    public void Payload_ReadTwice_SameMemoryAndBytes()
    {
        var token = Jws.ReadCompact(Sign("{\"alg\":\"EdDSA\"}", "{\"iss\":\"did:example:issuer\",\"n\":1}", _ed25519)).Token!;
        var first = token.Payload;
        Assert.That(token.PayloadLength, Is.EqualTo(first.Length));
        Assert.That(Encoding.UTF8.GetString(first.Span), Is.EqualTo("{\"iss\":\"did:example:issuer\",\"n\":1}"));
        Assert.That(token.Payload.Equals(first), Is.True);
    }

    [Test]
    public void Payload_ReadConcurrently_OneMemory()
    {
        var token = Jws.ReadCompact(Sign("{\"alg\":\"EdDSA\"}", "{\"a\":1}", _ed25519)).Token!;
        var seen = new ReadOnlyMemory<byte>[8];
        Parallel.For(0, seen.Length, i => seen[i] = token.Payload);
        Assert.That(seen.All(m => m.Equals(seen[0])), Is.True);
    }

    [Test]
    public void TryCopyPayload_BeforeAndAfterPayload_SameBytes()
    {
        var compact = Sign("{\"alg\":\"EdDSA\"}", "{\"a\":\"\u00e9\"}", _ed25519);
        var token = Jws.ReadCompact(compact).Token!;
        var copy = new byte[token.PayloadLength + 3];
        Assert.That(token.TryCopyPayload(copy, out var written), Is.True);
        Assert.That(written, Is.EqualTo(token.PayloadLength));
        Assert.That(copy.AsSpan(0, written).SequenceEqual(token.Payload.Span), Is.True);
        Assert.That(token.TryCopyPayload(copy, out written), Is.True);
        Assert.That(copy.AsSpan(0, written).SequenceEqual(token.Payload.Span), Is.True);
        Assert.That(token.TryCopyPayload(new byte[token.PayloadLength - 1], out written), Is.False);
        Assert.That(written, Is.Zero);
    }

    [Test]
    public void ReadCompact_SignatureWithNonZeroTrailingBits_InvalidBase64Url()
    {
        // 64 bytes encode to 86 characters whose last character carries 4 unused bits; 'B' sets one of them.
        var parts = Sign("{\"alg\":\"EdDSA\"}", "{}", _ed25519).Split('.');
        var last = parts[2][^1];
        parts[2] = parts[2][..^1] + (char)(last == 'A' ? 'B' : last + 1);
        var result = Jws.ReadCompact(string.Join('.', parts));
        Assert.That(result.Problem?.Code, Is.EqualTo(JoseProblemCodes.InvalidBase64Url));
    }

    [TestCase("", TestName = "ReadCompact_EmptyString_WrongSegmentCount")]
    [TestCase("abc", TestName = "ReadCompact_OneSegment_WrongSegmentCount")]
    [TestCase("a.b", TestName = "ReadCompact_TwoSegments_WrongSegmentCount")]
    [TestCase("a.b.c.d", TestName = "ReadCompact_FourSegments_WrongSegmentCount")]
    [TestCase("a.b.c.d.e", TestName = "ReadCompact_FiveSegmentsJwe_WrongSegmentCount")]
    public void ReadCompact_WrongNumberOfParts_WrongSegmentCount(string token)
    {
        Assert.That(Jws.ReadCompact(token).Problem?.Code, Is.EqualTo(JoseProblemCodes.WrongSegmentCount));
    }

    [TestCase("{\"alg\":\"EdDSA\",\"alg\":\"none\"}")]
    [TestCase("{\"alg\":\"EdDSA\",\"\\u0061lg\":\"EdDSA\"}")]
    [TestCase("{\"alg\":\"EdDSA\",\"kid\":\"a\",\"kid\":\"b\"}")]
    public void ReadCompact_DuplicateHeaderMember_DuplicateHeaderParameter(string header)
    {
        var token = Sign(header, "{}", _ed25519);
        Assert.That(Jws.ReadCompact(token).Problem?.Code, Is.EqualTo(JoseProblemCodes.DuplicateHeaderParameter));
    }

    [TestCase("[\"EdDSA\"]")]
    [TestCase("\"EdDSA\"")]
    [TestCase("{\"alg\":\"EdDSA\"")]
    [TestCase("{\"alg\":\"EdDSA\",}")]
    [TestCase("{'alg':'EdDSA'}")]
    [TestCase("{\"alg\":\"EdDSA\",\"x\":\"\\ud800\"}")]
    public void ReadCompact_HeaderNotJsonObject_InvalidHeader(string header)
    {
        var token = Sign(header, "{}", _ed25519);
        Assert.That(Jws.ReadCompact(token).Problem?.Code, Is.EqualTo(JoseProblemCodes.InvalidHeader));
    }

    [Test]
    public void ReadCompact_HeaderInvalidUtf8_InvalidHeader()
    {
        var header = B64([.. "{\"alg\":\"EdDSA\",\"x\":\""u8, 0xC3, 0x28, .. "\"}"u8]);
        var token = header + "." + B64("{}") + "." + B64(new byte[64]);
        Assert.That(Jws.ReadCompact(token).Problem?.Code, Is.EqualTo(JoseProblemCodes.InvalidHeader));
    }

    [Test]
    public void ReadCompact_EmptyHeader_InvalidHeader()
    {
        Assert.That(Jws.ReadCompact("." + B64("{}") + "." + B64(new byte[64])).Problem?.Code, Is.EqualTo(JoseProblemCodes.InvalidHeader));
    }

    [TestCase(63)]
    [TestCase(65)]
    [TestCase(0)]
    [TestCase(72)]
    public void ReadCompact_SignatureNot64Bytes_InvalidSignatureLength(int length)
    {
        var token = B64("{\"alg\":\"ES256\"}") + "." + B64("{}") + "." + B64(new byte[length]);
        Assert.That(Jws.ReadCompact(token).Problem?.Code, Is.EqualTo(JoseProblemCodes.InvalidSignatureLength));
    }

    [Test]
    public void VerifyCompact_KeyTypeDoesNotFitAlg_AlgorithmKeyMismatch()
    {
        var token = Jws.SignCompact(null, Payload, new KeySigner(_ed25519));
        Assert.That(Jws.VerifyCompact(token, _p256.PublicKey).Problem?.Code, Is.EqualTo(JoseProblemCodes.AlgorithmKeyMismatch));
        Assert.That(Jws.VerifySignature(Jws.ReadCompact(token).Token!, _p256.PublicKey), Is.False);
    }

    [Test]
    public void VerifyCompact_Es256kTokenWithP256Key_AlgorithmKeyMismatch()
    {
        var token = Jws.SignCompact(null, Payload, new KeySigner(_secp256k1));
        Assert.That(Jws.VerifyCompact(token, _p256.PublicKey).Problem?.Code, Is.EqualTo(JoseProblemCodes.AlgorithmKeyMismatch));
    }

    [Test]
    public void VerifyCompact_OtherKeyOfSameType_InvalidSignature()
    {
        using var other = PrivateKey.Generate(KeyType.Ed25519);
        var token = Jws.SignCompact(null, Payload, new KeySigner(_ed25519));
        Assert.That(Jws.VerifyCompact(token, other.PublicKey).Problem?.Code, Is.EqualTo(JoseProblemCodes.InvalidSignature));
    }

    [Test]
    public void VerifyCompact_PayloadSwapped_InvalidSignature()
    {
        var parts = Jws.SignCompact(null, Payload, new KeySigner(_ed25519)).Split('.');
        parts[1] = B64("{\"iss\":\"did:example:attacker\"}");
        Assert.That(Jws.VerifyCompact(string.Join('.', parts), _ed25519.PublicKey).Problem?.Code, Is.EqualTo(JoseProblemCodes.InvalidSignature));
    }

    [Test]
    public void VerifyCompact_HeaderChangedAfterSigning_InvalidSignature()
    {
        var parts = Jws.SignCompact(new JsonObject { ["typ"] = "vc+jwt" }, Payload, new KeySigner(_ed25519)).Split('.');
        parts[0] = B64("{\"alg\":\"EdDSA\",\"typ\":\"vp+jwt\"}");
        Assert.That(Jws.VerifyCompact(string.Join('.', parts), _ed25519.PublicKey).Problem?.Code, Is.EqualTo(JoseProblemCodes.InvalidSignature));
    }

    [Test]
    public void ReadCompact_DetachedEmptyPayload_ReadsEmptyPayload()
    {
        var token = Sign("{\"alg\":\"EdDSA\"}", "", _ed25519);
        var result = Jws.VerifyCompact(token, _ed25519.PublicKey);
        Assert.That(result.Succeeded, Is.True, result.Problem?.ToString());
        Assert.That(result.Token!.Payload.Length, Is.Zero);
    }
}

public class JwsReaderOptionsTests
{
    [Test]
    public void Defaults_AreTheSecureOnes()
    {
        var options = JwsReaderOptions.Default;
        Assert.Multiple(() =>
        {
            Assert.That(options.AllowedAlgorithms, Is.EquivalentTo(new[] { "EdDSA", "ES256K", "ES256", "ES384", "ES512" }));
            Assert.That(options.MaxTokenLength, Is.EqualTo(256 * 1024));
            Assert.That(options.MaxJsonDepth, Is.EqualTo(32));
            Assert.That(options.SupportedCriticalHeaders, Is.Empty);
            Assert.That(options.AllowUnencodedPayload, Is.False);
        });
    }

    [Test]
    public void Init_OutOfRangeLimits_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new JwsReaderOptions { MaxTokenLength = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new JwsReaderOptions { MaxJsonDepth = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new JwsReaderOptions { MaxJsonDepth = 257 });
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new JwsReaderOptions { MaxSignatures = 0 });
        Assert.Throws<ArgumentNullException>(() => _ = new JwsReaderOptions { AllowedAlgorithms = null! });
    }

    [Test]
    public async Task VerifyCompact_Es256kHighSTwin_RejectedUnlessNamedRelaxation()
    {
        using var key = PrivateKey.Generate(KeyType.Secp256k1);
        var token = await Jws.SignCompactAsync(null, "{}"u8.ToArray(), new KeySigner(key, "did:example:k#1"));
        var parts = token.Split('.');
        var encoded = parts[2].Replace('-', '+').Replace('_', '/');
        var signature = Convert.FromBase64String(encoded + new string('=', (4 - (encoded.Length % 4)) % 4));
        var n = System.Numerics.BigInteger.Parse("0fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141", System.Globalization.NumberStyles.HexNumber);
        var s = new System.Numerics.BigInteger(signature.AsSpan(32), isUnsigned: true, isBigEndian: true);
        var twin = signature[..32].Concat((n - s).ToByteArray(isUnsigned: true, isBigEndian: true)).ToArray();
        var twinToken = $"{parts[0]}.{parts[1]}.{Convert.ToBase64String(twin).TrimEnd('=').Replace('+', '-').Replace('/', '_')}";

        var strict = Jws.ReadCompact(twinToken);
        var relaxed = Jws.ReadCompact(twinToken, new JwsReaderOptions { AllowHighSSecp256k1Signatures = true });
        Assert.Multiple(() =>
        {
            Assert.That(Jws.VerifyCompact(token, key.PublicKey).Succeeded, Is.True, "the low-S original");
            Assert.That(strict.Succeeded && Jws.VerifySignature(strict.Token, key.PublicKey), Is.False, "the high-S twin by default");
            Assert.That(relaxed.Succeeded && Jws.VerifySignature(relaxed.Token, key.PublicKey), Is.True, "the high-S twin with the named relaxation");
        });
    }
}
