using System.Formats.Cbor;
using System.Text;
using DidSdk.Core.Jose;
using DidSdk.Core.Methods;
using DidSdk.Core.Resolution;
using DidSdk.Crypto;
using Microsoft.Extensions.Time.Testing;
using static DidSdk.Credentials.Tests.CoseMessages;

namespace DidSdk.Credentials.Tests.Hostile;

/// <summary>
/// <c>vc+cose</c> under attack: tampering (payload, protected header, signature), key substitution, algorithm
/// confusion, CBOR that is malformed, not canonical, duplicated, too large or too deep, and header misuse.
/// </summary>
public sealed class VcCoseHostileInputTests : HostileInputFixture
{
    private const int EdDsa = -8;

    private byte[] Payload(string? issuer = null) => Encoding.UTF8.GetBytes(Credential(issuer).ToJsonString());

    private Task<byte[]> IssuedAsync() => VcCose.IssueAsync(Credential(), Issuer).AsTask();

    private static CredentialVerifier Verifier(CoseReaderOptions options) => new(
        new CompositeDidResolver(new DidKeyResolver()),
        new CredentialVerifierOptions { CoseReaderOptions = options },
        new FakeTimeProvider(Now));

    private static byte[] Cbor(Action<CborWriter> write)
    {
        var writer = new CborWriter(CborConformanceMode.Lax, convertIndefiniteLengthEncodings: false);
        write(writer);
        return writer.Encode();
    }

    // --- Baseline ---

    [Test]
    public async Task VerifyCoseAsync_HandBuiltLikeTheIssuer_Verified()
    {
        var message = await CoseMessages.SignAsync(Header(EdDsa, Issuer.KeyId), Payload(), Issuer);

        var result = await Verifier().VerifyCoseAsync(message);

        Assert.That(result.Problems, Is.Empty);
        Assert.That(message, Is.EqualTo(await IssuedAsync()), "the issuer writes exactly this canonical form");
    }

    [Test]
    public async Task VerifyCoseAsync_Untagged_Verified()
    {
        var message = await CoseMessages.SignAsync(Header(EdDsa, Issuer.KeyId), Payload(), Issuer, tagged: false);

        Assert.That((await Verifier().VerifyCoseAsync(message)).Problems, Is.Empty);
    }

    // --- Tampering ---

    [Test]
    public async Task VerifyCoseAsync_PayloadTampered_SignatureInvalid()
    {
        var header = Header(EdDsa, Issuer.KeyId);
        var signed = await CoseMessages.SignAsync(header, Payload(), Issuer);
        Assert.That(CoseSign1.TryRead(signed, CoseReaderOptions.Default, out var read, out _), Is.True);
        var forged = Encoding.UTF8.GetBytes(Credential().ToJsonString().Replace("enhanced", "simplified", StringComparison.Ordinal));

        var message = Assemble(header, Map(), forged, read!.Signature.ToArray());

        AssertProblem(await Verifier().VerifyCoseAsync(message), CredentialProblemCodes.SignatureInvalid);
    }

    [Test]
    public async Task VerifyCoseAsync_ProtectedHeaderTampered_SignatureInvalid()
    {
        var signed = await CoseMessages.SignAsync(Header(EdDsa, Issuer.KeyId), Payload(), Issuer);
        Assert.That(CoseSign1.TryRead(signed, CoseReaderOptions.Default, out var read, out _), Is.True);

        // Same alg, kid and types; one more (ignorable) parameter in the signed bucket.
        var message = Assemble(Header(EdDsa, Issuer.KeyId, extra: (99, 1)), Map(), Payload(), read!.Signature.ToArray());

        AssertProblem(await Verifier().VerifyCoseAsync(message), CredentialProblemCodes.SignatureInvalid);
    }

    [Test]
    public async Task VerifyCoseAsync_SignatureBitFlipped_SignatureInvalid()
    {
        var message = await IssuedAsync();
        message[^1] ^= 0x01;

        AssertProblem(await Verifier().VerifyCoseAsync(message), CredentialProblemCodes.SignatureInvalid);
    }

    [TestCase(0)]
    [TestCase(63)]
    [TestCase(65)]
    public async Task VerifyCoseAsync_SignatureOfWrongLength_SignatureInvalid(int length)
    {
        var message = Assemble(Header(EdDsa, Issuer.KeyId), Map(), Payload(), new byte[length]);

        AssertProblem(await Verifier().VerifyCoseAsync(message), CredentialProblemCodes.SignatureInvalid);
    }

    [Test]
    public async Task VerifyCoseAsync_ExternalAadOrOtherContextSigned_SignatureInvalid()
    {
        // A COSE_Sign (multi-signer) context string signed over the same bytes must not pass as Signature1.
        var header = Header(EdDsa, Issuer.KeyId);
        var wrongContext = Cbor(w =>
        {
            w.WriteStartArray(4);
            w.WriteTextString("Signature");
            w.WriteByteString(header);
            w.WriteByteString([]);
            w.WriteByteString(Payload());
            w.WriteEndArray();
        });
        var message = Assemble(header, Map(), Payload(), Issuer.Sign(wrongContext));

        AssertProblem(await Verifier().VerifyCoseAsync(message), CredentialProblemCodes.SignatureInvalid);
    }

    // --- Key substitution ---

    [Test]
    public async Task VerifyCoseAsync_KidOfAnotherDid_KeyIdNotIssuer()
    {
        var message = await CoseMessages.SignAsync(Header(EdDsa, Attacker.KeyId), Payload(), Attacker);

        AssertProblem(await Verifier().VerifyCoseAsync(message), CredentialProblemCodes.KeyIdNotIssuer);
    }

    [Test]
    public async Task VerifyCoseAsync_KidNotInIssuersDocument_VerificationMethodRejected()
    {
        var message = await CoseMessages.SignAsync(Header(EdDsa, IssuerDid + "#attacker-key"), Payload(), Attacker);

        AssertProblem(await Verifier().VerifyCoseAsync(message), CredentialProblemCodes.VerificationMethodRejected);
    }

    [Test]
    public async Task VerifyCoseAsync_AttackerSignsWithIssuersKid_SignatureInvalid()
    {
        var message = await CoseMessages.SignAsync(Header(EdDsa, Issuer.KeyId), Payload(), Attacker);

        AssertProblem(await Verifier().VerifyCoseAsync(message), CredentialProblemCodes.SignatureInvalid);
    }

    [Test]
    public async Task VerifyCoseAsync_NoKid_IssuersAssertionMethodsTried()
    {
        var good = await CoseMessages.SignAsync(Header(EdDsa, null), Payload(), Issuer);
        var forged = await CoseMessages.SignAsync(Header(EdDsa, null), Payload(), Attacker);

        Assert.That((await Verifier().VerifyCoseAsync(good)).Problems, Is.Empty);
        AssertProblem(await Verifier().VerifyCoseAsync(forged), CredentialProblemCodes.SignatureInvalid);
    }

    [Test]
    public async Task VerifyCoseAsync_KidInUnprotectedBucket_StillMustBeTheIssuers()
    {
        var header = Header(EdDsa, null);
        var good = await CoseMessages.SignAsync(header, Payload(), Issuer, Map((4, Encoding.UTF8.GetBytes(Issuer.KeyId!))));
        var swapped = await CoseMessages.SignAsync(header, Payload(), Issuer, Map((4, Encoding.UTF8.GetBytes(Attacker.KeyId!))));

        Assert.That((await Verifier().VerifyCoseAsync(good)).Problems, Is.Empty);
        AssertProblem(await Verifier().VerifyCoseAsync(swapped), CredentialProblemCodes.KeyIdNotIssuer);
    }

    [Test]
    public async Task VerifyCoseAsync_SuppliedKeyForDidIssuer_DidKeyDecides()
    {
        var message = await CoseMessages.SignAsync(Header(EdDsa, null), Payload(), Attacker);

        var result = await Verifier(new Dictionary<string, PublicKeyMaterial> { [IssuerDid] = AttackerKey.PublicKey }).VerifyCoseAsync(message);

        AssertProblem(result, CredentialProblemCodes.SignatureInvalid);
    }

    [Test]
    public async Task VerifyCoseAsync_UrlIssuerWithSuppliedKey_VerifiedAndWithoutKey_IssuerKeyUnavailable()
    {
        var message = await CoseMessages.SignAsync(Header(EdDsa, "https://bank-a.example/keys/1"), Payload("https://bank-a.example"), Issuer);

        Assert.That((await Verifier(new Dictionary<string, PublicKeyMaterial> { ["https://bank-a.example"] = IssuerKey.PublicKey }).VerifyCoseAsync(message)).Problems, Is.Empty);
        AssertProblem(await Verifier().VerifyCoseAsync(message), CredentialProblemCodes.IssuerKeyUnavailable);
    }

    // --- Algorithm confusion ---

    [Test]
    public async Task VerifyCoseAsync_Es256HeaderOnEd25519Method_AlgorithmKeyMismatch()
    {
        using var p256 = PrivateKey.Generate(KeyType.P256);
        var message = await CoseMessages.SignAsync(Header(-7, Issuer.KeyId), Payload(), new KeySigner(p256));

        AssertProblem(await Verifier().VerifyCoseAsync(message), CredentialProblemCodes.AlgorithmKeyMismatch);
    }

    [Test]
    public async Task VerifyCoseAsync_Es384HeaderOverP256Key_AlgorithmKeyMismatch()
    {
        using var p256 = PrivateKey.Generate(KeyType.P256);
        var did = DidKey.Create(p256.PublicKey);
        var message = await CoseMessages.SignAsync(Header(-35, DidKey.GetVerificationMethodId(p256.PublicKey)), Payload(did), new KeySigner(p256));

        AssertProblem(await Verifier().VerifyCoseAsync(message), CredentialProblemCodes.AlgorithmKeyMismatch);
    }

    [TestCase(-257, TestName = "VerifyCoseAsync_Rs256_CoseAlgorithmNotAllowed")]
    [TestCase(5, TestName = "VerifyCoseAsync_Hmac256_CoseAlgorithmNotAllowed")]
    [TestCase(0, TestName = "VerifyCoseAsync_Reserved0_CoseAlgorithmNotAllowed")]
    [TestCase(-65535, TestName = "VerifyCoseAsync_UnknownAlg_CoseAlgorithmNotAllowed")]
    public async Task VerifyCoseAsync_AlgorithmThisSdkCannotVerify_CoseAlgorithmNotAllowed(int alg)
    {
        var message = await CoseMessages.SignAsync(Header(alg, Issuer.KeyId), Payload(), Issuer);

        // Listing an algorithm the SDK cannot verify does not make it acceptable.
        var lenient = new CoseReaderOptions { AllowedAlgorithms = [.. CoseReaderOptions.DefaultAllowedAlgorithms, alg] };
        AssertProblem(await Verifier().VerifyCoseAsync(message), CredentialProblemCodes.CoseAlgorithmNotAllowed);
        AssertProblem(await Verifier(lenient).VerifyCoseAsync(message), CredentialProblemCodes.CoseAlgorithmNotAllowed);
    }

    [Test]
    public async Task VerifyCoseAsync_AlgorithmOffTheConfiguredAllowList_CoseAlgorithmNotAllowed()
    {
        AssertProblem(await Verifier(new CoseReaderOptions { AllowedAlgorithms = [-7] }).VerifyCoseAsync(await IssuedAsync()), CredentialProblemCodes.CoseAlgorithmNotAllowed);
    }

    [Test]
    public async Task VerifyCoseAsync_AlgAsText_CoseAlgorithmNotAllowed()
    {
        var header = Map((1, "EdDSA"), (3, "application/vc"), (4, Encoding.UTF8.GetBytes(Issuer.KeyId!)), (16, "application/vc+cose"));

        AssertProblem(await Verifier().VerifyCoseAsync(await CoseMessages.SignAsync(header, Payload(), Issuer)), CredentialProblemCodes.CoseAlgorithmNotAllowed);
    }

    [Test]
    public async Task VerifyCoseAsync_NoAlg_CoseAlgorithmNotAllowed()
    {
        var header = Map((3, "application/vc"), (4, Encoding.UTF8.GetBytes(Issuer.KeyId!)), (16, "application/vc+cose"));

        AssertProblem(await Verifier().VerifyCoseAsync(await CoseMessages.SignAsync(header, Payload(), Issuer)), CredentialProblemCodes.CoseAlgorithmNotAllowed);
    }

    [Test]
    public async Task VerifyCoseAsync_AlgOnlyUnprotected_CoseAlgorithmNotAllowed()
    {
        var header = Map((3, "application/vc"), (4, Encoding.UTF8.GetBytes(Issuer.KeyId!)), (16, "application/vc+cose"));

        AssertProblem(await Verifier().VerifyCoseAsync(await CoseMessages.SignAsync(header, Payload(), Issuer, Map((1, EdDsa)))), CredentialProblemCodes.CoseAlgorithmNotAllowed);
    }

    [Test]
    public async Task VerifyCoseAsync_EmptyProtectedHeader_CoseAlgorithmNotAllowed()
    {
        var message = await CoseMessages.SignAsync([], Payload(), Issuer, Map((1, EdDsa), (4, Encoding.UTF8.GetBytes(Issuer.KeyId!))));

        AssertProblem(await Verifier().VerifyCoseAsync(message), CredentialProblemCodes.CoseAlgorithmNotAllowed);
    }

    // --- Duplicate labels ---

    [Test]
    public async Task VerifyCoseAsync_AlgTwiceInProtectedHeader_CoseDuplicateLabel()
    {
        var header = Map((1, EdDsa), (1, -7), (3, "application/vc"), (4, Encoding.UTF8.GetBytes(Issuer.KeyId!)), (16, "application/vc+cose"));

        AssertProblem(await Verifier().VerifyCoseAsync(await CoseMessages.SignAsync(header, Payload(), Issuer)), CredentialProblemCodes.CoseDuplicateLabel);
    }

    [Test]
    public async Task VerifyCoseAsync_KidInBothBuckets_CoseDuplicateLabel()
    {
        var message = await CoseMessages.SignAsync(Header(EdDsa, Issuer.KeyId), Payload(), Issuer, Map((4, Encoding.UTF8.GetBytes(Issuer.KeyId!))));

        AssertProblem(await Verifier().VerifyCoseAsync(message), CredentialProblemCodes.CoseDuplicateLabel);
    }

    [Test]
    public async Task VerifyCoseAsync_TextLabelTwiceUnprotected_CoseDuplicateLabel()
    {
        var message = await CoseMessages.SignAsync(Header(EdDsa, Issuer.KeyId), Payload(), Issuer, Map(("note", 1), ("note", 2)));

        AssertProblem(await Verifier().VerifyCoseAsync(message), CredentialProblemCodes.CoseDuplicateLabel);
    }

    // --- Canonical CBOR ---

    [Test]
    public async Task VerifyCoseAsync_AlgNotInShortestForm_CoseNotCanonical()
    {
        // -8 as 0x38 0x07 (one-byte argument) instead of 0x27.
        var header = Map((1, new Raw([0x38, 0x07])), (3, "application/vc"), (4, Encoding.UTF8.GetBytes(Issuer.KeyId!)), (16, "application/vc+cose"));

        AssertProblem(await Verifier().VerifyCoseAsync(await CoseMessages.SignAsync(header, Payload(), Issuer)), CredentialProblemCodes.CoseNotCanonical);
    }

    [Test]
    public async Task VerifyCoseAsync_ProtectedLabelsUnsorted_CoseNotCanonical()
    {
        var header = Map((16, "application/vc+cose"), (1, EdDsa), (3, "application/vc"), (4, Encoding.UTF8.GetBytes(Issuer.KeyId!)));

        AssertProblem(await Verifier().VerifyCoseAsync(await CoseMessages.SignAsync(header, Payload(), Issuer)), CredentialProblemCodes.CoseNotCanonical);
    }

    [Test]
    public async Task VerifyCoseAsync_IndefiniteLengthArray_CoseNotCanonical()
    {
        var header = Header(EdDsa, Issuer.KeyId);
        var signature = Issuer.Sign(CoseSign1.ToBeSigned(header, Payload()));
        var message = Cbor(w =>
        {
            w.WriteTag((CborTag)18);
            w.WriteStartArray(null);
            w.WriteByteString(header);
            w.WriteStartMap(0);
            w.WriteEndMap();
            w.WriteByteString(Payload());
            w.WriteByteString(signature);
            w.WriteEndArray();
        });

        AssertProblem(await Verifier().VerifyCoseAsync(message), CredentialProblemCodes.CoseNotCanonical);
    }

    [Test]
    public async Task VerifyCoseAsync_IndefiniteLengthPayload_CoseNotCanonical()
    {
        var header = Header(EdDsa, Issuer.KeyId);
        var payload = Payload();
        var signature = Issuer.Sign(CoseSign1.ToBeSigned(header, payload));
        var message = Cbor(w =>
        {
            w.WriteStartArray(4);
            w.WriteByteString(header);
            w.WriteStartMap(0);
            w.WriteEndMap();
            w.WriteStartIndefiniteLengthByteString();
            w.WriteByteString(payload.AsSpan(0, 10));
            w.WriteByteString(payload.AsSpan(10));
            w.WriteEndIndefiniteLengthByteString();
            w.WriteByteString(signature);
            w.WriteEndArray();
        });

        AssertProblem(await Verifier().VerifyCoseAsync(message), CredentialProblemCodes.CoseNotCanonical);
    }

    // --- Malformed structure ---

    [Test]
    public async Task VerifyCoseAsync_Truncated_InvalidCose()
    {
        var message = await IssuedAsync();

        AssertProblem(await Verifier().VerifyCoseAsync(message.AsMemory(0, message.Length - 10)), CredentialProblemCodes.InvalidCose);
    }

    [Test]
    public async Task VerifyCoseAsync_TrailingBytes_InvalidCose()
    {
        AssertProblem(await Verifier().VerifyCoseAsync((byte[])[.. await IssuedAsync(), 0x00]), CredentialProblemCodes.InvalidCose);
    }

    [TestCase(98, TestName = "VerifyCoseAsync_TagCoseSign_InvalidCose")]
    [TestCase(17, TestName = "VerifyCoseAsync_TagCoseMac0_InvalidCose")]
    [TestCase(55799, TestName = "VerifyCoseAsync_SelfDescribedCborTag_InvalidCose")]
    public async Task VerifyCoseAsync_OtherTag_InvalidCose(int tag)
    {
        var untagged = await CoseMessages.SignAsync(Header(EdDsa, Issuer.KeyId), Payload(), Issuer, tagged: false);
        var message = Cbor(w =>
        {
            w.WriteTag((CborTag)(ulong)tag);
            w.WriteEncodedValue(untagged);
        });

        AssertProblem(await Verifier().VerifyCoseAsync(message), CredentialProblemCodes.InvalidCose);
    }

    [Test]
    public async Task VerifyCoseAsync_Tag18Twice_InvalidCose()
    {
        var tagged = await IssuedAsync();

        AssertProblem(await Verifier().VerifyCoseAsync(Cbor(w =>
        {
            w.WriteTag((CborTag)18);
            w.WriteEncodedValue(tagged);
        })), CredentialProblemCodes.InvalidCose);
    }

    [Test]
    public async Task VerifyCoseAsync_ArrayOfThree_InvalidCose()
    {
        var message = Cbor(w =>
        {
            w.WriteStartArray(3);
            w.WriteByteString(Header(EdDsa, Issuer.KeyId));
            w.WriteStartMap(0);
            w.WriteEndMap();
            w.WriteByteString(Payload());
            w.WriteEndArray();
        });

        AssertProblem(await Verifier().VerifyCoseAsync(message), CredentialProblemCodes.InvalidCose);
    }

    [Test]
    public async Task VerifyCoseAsync_DetachedPayload_InvalidCose()
    {
        var header = Header(EdDsa, Issuer.KeyId);
        var signature = Issuer.Sign(CoseSign1.ToBeSigned(header, Payload()));
        var message = Cbor(w =>
        {
            w.WriteStartArray(4);
            w.WriteByteString(header);
            w.WriteStartMap(0);
            w.WriteEndMap();
            w.WriteNull();
            w.WriteByteString(signature);
            w.WriteEndArray();
        });

        AssertProblem(await Verifier().VerifyCoseAsync(message), CredentialProblemCodes.InvalidCose);
    }

    [Test]
    public async Task VerifyCoseAsync_ProtectedHeaderIsAMapNotBytes_InvalidCose()
    {
        var message = Cbor(w =>
        {
            w.WriteStartArray(4);
            w.WriteEncodedValue(Header(EdDsa, Issuer.KeyId));
            w.WriteStartMap(0);
            w.WriteEndMap();
            w.WriteByteString(Payload());
            w.WriteByteString(new byte[64]);
            w.WriteEndArray();
        });

        AssertProblem(await Verifier().VerifyCoseAsync(message), CredentialProblemCodes.InvalidCose);
    }

    [Test]
    public async Task VerifyCoseAsync_ProtectedHeaderWithTrailingBytes_InvalidCose()
    {
        var message = await CoseMessages.SignAsync([.. Header(EdDsa, Issuer.KeyId), 0x01], Payload(), Issuer);

        AssertProblem(await Verifier().VerifyCoseAsync(message), CredentialProblemCodes.InvalidCose);
    }

    [Test]
    public async Task VerifyCoseAsync_CritHeader_InvalidCose()
    {
        var header = Header(EdDsa, Issuer.KeyId, extra: []);
        var withCrit = Map((1, EdDsa), (2, new Raw([0x81, 0x18, 0x63])), (3, "application/vc"), (4, Encoding.UTF8.GetBytes(Issuer.KeyId!)), (16, "application/vc+cose"), (99, 1));

        Assert.That((await Verifier().VerifyCoseAsync(await CoseMessages.SignAsync(header, Payload(), Issuer))).Problems, Is.Empty);
        AssertProblem(await Verifier().VerifyCoseAsync(await CoseMessages.SignAsync(withCrit, Payload(), Issuer)), CredentialProblemCodes.InvalidCose);
    }

    [Test]
    public async Task VerifyCoseAsync_KidAsText_InvalidCose()
    {
        var header = Map((1, EdDsa), (3, "application/vc"), (4, Issuer.KeyId!), (16, "application/vc+cose"));

        AssertProblem(await Verifier().VerifyCoseAsync(await CoseMessages.SignAsync(header, Payload(), Issuer)), CredentialProblemCodes.InvalidCose);
    }

    [Test]
    public async Task VerifyCoseAsync_KidNotUtf8_InvalidCose()
    {
        var header = Map((1, EdDsa), (3, "application/vc"), (4, new byte[] { 0xC3, 0x28 }), (16, "application/vc+cose"));

        AssertProblem(await Verifier().VerifyCoseAsync(await CoseMessages.SignAsync(header, Payload(), Issuer)), CredentialProblemCodes.InvalidCose);
    }

    [Test]
    public async Task VerifyCoseAsync_FloatLabel_InvalidCose()
    {
        var message = await CoseMessages.SignAsync(Header(EdDsa, Issuer.KeyId), Payload(), Issuer, Map((new Raw([0xF9, 0x3C, 0x00]), 1)));

        AssertProblem(await Verifier().VerifyCoseAsync(message), CredentialProblemCodes.InvalidCose);
    }

    [TestCase(new byte[] { }, TestName = "VerifyCoseAsync_Empty_InvalidCose")]
    [TestCase(new byte[] { 0xD2 }, TestName = "VerifyCoseAsync_OnlyTheTag_InvalidCose")]
    [TestCase(new byte[] { 0xFF }, TestName = "VerifyCoseAsync_BreakByte_InvalidCose")]
    [TestCase(new byte[] { 0xD2, 0x84, 0x5B, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF }, TestName = "VerifyCoseAsync_HugeDeclaredLength_InvalidCose")]
    [TestCase(new byte[] { 0xD2, 0x84, 0x40, 0xBB, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF }, TestName = "VerifyCoseAsync_HugeDeclaredMap_LimitOrInvalid")]
    public async Task VerifyCoseAsync_GarbageBytes_Refused(byte[] bytes)
    {
        var result = await Verifier().VerifyCoseAsync(bytes);

        Assert.That(result.Succeeded, Is.False);
        Assert.That(result.Problems.Single().Code, Is.AnyOf(CredentialProblemCodes.InvalidCose, CredentialProblemCodes.CoseLimitExceeded));
    }

    // --- Limits ---

    [Test]
    public async Task VerifyCoseAsync_LargerThanMaxMessageSize_CoseLimitExceeded()
    {
        var message = await IssuedAsync();

        AssertProblem(await Verifier(new CoseReaderOptions { MaxMessageSize = message.Length - 1 }).VerifyCoseAsync(message), CredentialProblemCodes.CoseLimitExceeded);
        Assert.That((await Verifier(new CoseReaderOptions { MaxMessageSize = message.Length }).VerifyCoseAsync(message)).Problems, Is.Empty);
    }

    [Test]
    public async Task VerifyAsync_Base64OfOversizedMessage_CoseLimitExceeded()
    {
        var credential = Credential();
        credential["credentialSubject"]!["padding"] = new string('x', 300 * 1024);
        var message = await VcCose.IssueAsync(credential, Issuer);

        AssertProblem(await Verifier().VerifyAsync(Convert.ToBase64String(message)), CredentialProblemCodes.CoseLimitExceeded);
    }

    [Test]
    public async Task VerifyCoseAsync_HeaderValueNestedTooDeep_CoseLimitExceeded()
    {
        var nested = Enumerable.Repeat((byte)0x81, 40).Append((byte)0x00).ToArray();   // [[[[...0...]]]] 40 deep
        var message = await CoseMessages.SignAsync(Header(EdDsa, Issuer.KeyId), Payload(), Issuer, Map((99, new Raw(nested))));

        AssertProblem(await Verifier().VerifyCoseAsync(message), CredentialProblemCodes.CoseLimitExceeded);
    }

    [Test]
    public async Task VerifyCoseAsync_HeaderValueNestedWithinLimit_Verified()
    {
        var nested = Enumerable.Repeat((byte)0x81, 7).Append((byte)0x00).ToArray();
        var message = await CoseMessages.SignAsync(Header(EdDsa, Issuer.KeyId), Payload(), Issuer, Map((99, new Raw(nested))));

        Assert.That((await Verifier().VerifyCoseAsync(message)).Problems, Is.Empty);
    }

    [Test]
    public async Task VerifyCoseAsync_TooManyHeaderParameters_CoseLimitExceeded()
    {
        var entries = Enumerable.Range(100, 40).Select(i => ((object)i, (object)i)).ToArray();

        AssertProblem(await Verifier().VerifyCoseAsync(await CoseMessages.SignAsync(Header(EdDsa, Issuer.KeyId), Payload(), Issuer, Map(entries))), CredentialProblemCodes.CoseLimitExceeded);
    }

    // --- Types and payload ---

    [TestCase("application/vp+cose", TestName = "VerifyCoseAsync_TypVpCose_WrongType")]
    [TestCase("application/vc+jwt", TestName = "VerifyCoseAsync_TypVcJwt_WrongType")]
    [TestCase("vc+cose", TestName = "VerifyCoseAsync_TypWithoutApplication_WrongType")]
    public async Task VerifyCoseAsync_WrongTyp_WrongType(string typ)
    {
        AssertProblem(await Verifier().VerifyCoseAsync(await CoseMessages.SignAsync(Header(EdDsa, Issuer.KeyId, typ), Payload(), Issuer)), CredentialProblemCodes.WrongType);
    }

    [Test]
    public async Task VerifyCoseAsync_NoTyp_WrongType()
    {
        var header = Map((1, EdDsa), (3, "application/vc"), (4, Encoding.UTF8.GetBytes(Issuer.KeyId!)));

        AssertProblem(await Verifier().VerifyCoseAsync(await CoseMessages.SignAsync(header, Payload(), Issuer)), CredentialProblemCodes.WrongType);
    }

    [Test]
    public async Task VerifyCoseAsync_WrongContentType_WrongTypeButNoContentType_Verified()
    {
        AssertProblem(await Verifier().VerifyCoseAsync(await CoseMessages.SignAsync(Header(EdDsa, Issuer.KeyId, contentType: "application/json"), Payload(), Issuer)), CredentialProblemCodes.WrongType);
        Assert.That((await Verifier().VerifyCoseAsync(await CoseMessages.SignAsync(Header(EdDsa, Issuer.KeyId, contentType: null), Payload(), Issuer))).Problems, Is.Empty);
    }

    [Test]
    public async Task VerifyCoseAsync_TypInUnprotectedBucket_InvalidCose()
    {
        var header = Map((1, EdDsa), (3, "application/vc"), (4, Encoding.UTF8.GetBytes(Issuer.KeyId!)));

        AssertProblem(await Verifier().VerifyCoseAsync(await CoseMessages.SignAsync(header, Payload(), Issuer, Map((16, "application/vc+cose")))), CredentialProblemCodes.InvalidCose);
    }

    [Test]
    public async Task VerifyCoseAsync_PayloadNotJson_Malformed()
    {
        AssertProblem(await Verifier().VerifyCoseAsync(await CoseMessages.SignAsync(Header(EdDsa, Issuer.KeyId), [0xA1, 0x01, 0x02], Issuer)), CredentialProblemCodes.Malformed);
    }

    [Test]
    public async Task VerifyCoseAsync_PayloadDuplicateMember_Malformed()
    {
        var json = Credential().ToJsonString()[..^1] + ",\"issuer\":\"did:example:other\"}";

        AssertProblem(await Verifier().VerifyCoseAsync(await CoseMessages.SignAsync(Header(EdDsa, Issuer.KeyId), Encoding.UTF8.GetBytes(json), Issuer)), CredentialProblemCodes.Malformed);
    }

    [Test]
    public async Task VerifyCoseAsync_PayloadNestedTooDeep_Malformed()
    {
        var json = Credential().ToJsonString()[..^1] + ",\"deep\":" + new string('[', 100) + new string(']', 100) + "}";

        AssertProblem(await Verifier().VerifyCoseAsync(await CoseMessages.SignAsync(Header(EdDsa, Issuer.KeyId), Encoding.UTF8.GetBytes(json), Issuer)), CredentialProblemCodes.Malformed);
    }

    [Test]
    public async Task VerifyAsync_HexText_UnsupportedFormat()
    {
        AssertProblem(await Verifier().VerifyAsync(Convert.ToHexString(await IssuedAsync())), CredentialProblemCodes.UnsupportedFormat);
    }
}
