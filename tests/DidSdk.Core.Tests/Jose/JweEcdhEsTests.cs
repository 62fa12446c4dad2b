using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using DidSdk.Core.Jose;
using DidSdk.Core.Tests.SpecVectors;

namespace DidSdk.Core.Tests.Jose;

public class JweEcdhEsTests
{
    private static readonly byte[] Content = Encoding.UTF8.GetBytes("{\"vp_token\":{\"q\":[\"x\"]},\"state\":\"s\"}");

    private static JsonObject Rfc7518C => JoseVectorPaths.LoadSpecVector("jose", "rfc7518-c-ecdh-es.json");

    [Test]
    [Category("SpecVector")]
    public void DeriveKey_Rfc7518AppendixC_BothPartiesDeriveThePublishedKey()
    {
        var vector = Rfc7518C;
        using var alice = Import(vector["alice"]!.AsObject());
        using var bob = Import(vector["bob"]!.AsObject());
        var apu = Base64Url.DecodeFromChars(vector["apu"]!.GetValue<string>());
        var apv = Base64Url.DecodeFromChars(vector["apv"]!.GetValue<string>());
        var enc = vector["enc"]!.GetValue<string>();

        var z = alice.DeriveRawSecretAgreement(bob.PublicKey);
        var sender = JweEcdhEs.DeriveKey(alice, bob.ExportParameters(false), enc, apu, apv);
        var recipient = JweEcdhEs.DeriveKey(bob, alice.ExportParameters(false), enc, apu, apv);

        Assert.That(Encoding.ASCII.GetString(apu), Is.EqualTo("Alice"));
        Assert.That(z, Is.EqualTo(vector["z"]!.AsArray().Select(n => (byte)n!.GetValue<int>()).ToArray()));
        Assert.That(Base64Url.EncodeToString(sender), Is.EqualTo(vector["derivedKey"]!.GetValue<string>()));
        Assert.That(recipient, Is.EqualTo(sender));
    }

    [Test]
    [Category("SpecVector")]
    public void Decrypt_HeaderOfRfc7518AppendixC_DecryptsWithBobsKey()
    {
        var vector = Rfc7518C;
        using var alice = Import(vector["alice"]!.AsObject());
        using var bob = Import(vector["bob"]!.AsObject());
        var key = JweEcdhEs.DeriveKey(alice, bob.ExportParameters(false), JweEcdhEs.A128Gcm, "Alice"u8, "Bob"u8);
        var header = new JsonObject
        {
            ["alg"] = "ECDH-ES",
            ["enc"] = "A128GCM",
            ["apu"] = vector["apu"]!.GetValue<string>(),
            ["apv"] = vector["apv"]!.GetValue<string>(),
            ["epk"] = JweEcdhEs.ToPublicJwk(alice.ExportParameters(false)),
        };
        var token = Seal(header, key, Content);

        var result = JweEcdhEs.Decrypt(token, bob);

        Assert.That(result.Succeeded, Is.True, result.Problem?.ToString());
        Assert.That(result.Plaintext, Is.EqualTo(Content));
    }

    [TestCase(JweEcdhEs.A128Gcm)]
    [TestCase(JweEcdhEs.A256Gcm)]
    public void Encrypt_ThenDecrypt_RoundTrips(string enc)
    {
        using var recipient = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);

        var token = JweEcdhEs.Encrypt(Content, recipient.ExportParameters(false), enc, "k1", "wallet"u8, "nonce"u8);
        var result = JweEcdhEs.Decrypt(token, recipient);

        Assert.That(result.Succeeded, Is.True, result.Problem?.ToString());
        Assert.That(result.Plaintext, Is.EqualTo(Content));
        Assert.That(result.Header!["enc"]!.GetValue<string>(), Is.EqualTo(enc));
        Assert.That(result.Header!["epk"]!.AsObject().ContainsKey("d"), Is.False);
        Assert.That(JweEcdhEs.ReadKeyId(token), Is.EqualTo("k1"));
        Assert.That(token.Split('.')[1], Is.Empty);
    }

    [Test]
    public void Decrypt_OtherRecipientKey_DecryptionFailed()
    {
        using var recipient = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        using var other = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        var token = JweEcdhEs.Encrypt(Content, recipient.ExportParameters(false), JweEcdhEs.A128Gcm);

        var result = JweEcdhEs.Decrypt(token, other);

        Assert.That(result.Succeeded, Is.False);
        Assert.That(result.Problem!.Code, Is.EqualTo(JoseProblemCodes.DecryptionFailed));
        Assert.That(result.Plaintext, Is.Null);
    }

    [TestCase(0, TestName = "Decrypt_TamperedProtectedHeader_DecryptionFailed")]
    [TestCase(2, TestName = "Decrypt_TamperedIv_DecryptionFailed")]
    [TestCase(3, TestName = "Decrypt_TamperedCiphertext_DecryptionFailed")]
    [TestCase(4, TestName = "Decrypt_TamperedTag_DecryptionFailed")]
    public void Decrypt_TamperedPart_DecryptionFailed(int part)
    {
        using var recipient = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        var parts = JweEcdhEs.Encrypt(Content, recipient.ExportParameters(false), JweEcdhEs.A256Gcm, "k1").Split('.');
        if (part == 0)
        {
            var header = JsonNode.Parse(Base64Url.DecodeFromChars(parts[0]))!.AsObject();
            header["kid"] = "k2";
            parts[0] = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(header.ToJsonString()));
        }
        else
        {
            var bytes = Base64Url.DecodeFromChars(parts[part]);
            bytes[0] ^= 1;
            parts[part] = Base64Url.EncodeToString(bytes);
        }

        var result = JweEcdhEs.Decrypt(string.Join('.', parts), recipient);

        Assert.That(result.Problem?.Code, Is.EqualTo(JoseProblemCodes.DecryptionFailed));
    }

    [TestCaseSource(nameof(HostileTokens))]
    public void Decrypt_HostileInput_TypedProblem(Func<string, string> mutate, string expectedCode)
    {
        using var recipient = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        var token = JweEcdhEs.Encrypt(Content, recipient.ExportParameters(false), JweEcdhEs.A128Gcm);

        var result = JweEcdhEs.Decrypt(mutate(token), recipient, maxTokenLength: 4096);

        Assert.That(result.Succeeded, Is.False);
        Assert.That(result.Problem!.Code, Is.EqualTo(expectedCode));
    }

    [Test]
    public void TryReadPublicJwk_PointOffCurve_False()
    {
        using var key = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        var jwk = JweEcdhEs.ToPublicJwk(key.ExportParameters(false));
        var y = Base64Url.DecodeFromChars(jwk["y"]!.GetValue<string>());
        y[31] ^= 1;
        jwk["y"] = Base64Url.EncodeToString(y);

        Assert.That(JweEcdhEs.TryReadPublicJwk(jwk, out _), Is.False);
        Assert.Throws<ArgumentException>(() => JweEcdhEs.Encrypt(Content, new ECParameters { Q = new ECPoint { X = Base64Url.DecodeFromChars(jwk["x"]!.GetValue<string>()), Y = y } }, JweEcdhEs.A128Gcm));
    }

    private static IEnumerable<TestCaseData> HostileTokens()
    {
        yield return Case("Empty", _ => "", JoseProblemCodes.Malformed);
        yield return Case("TooLarge", t => t + new string('A', 5000), JoseProblemCodes.TooLarge);
        yield return Case("FourParts", t => t[..t.LastIndexOf('.')], JoseProblemCodes.WrongSegmentCount);
        yield return Case("SixParts", t => t + ".AA", JoseProblemCodes.WrongSegmentCount);
        yield return Case("EncryptedKeyPresent", t => Replace(t, 1, "AAAA"), JoseProblemCodes.Malformed);
        yield return Case("PaddedBase64", t => Replace(t, 3, t.Split('.')[3] + "="), JoseProblemCodes.InvalidBase64Url);
        yield return Case("ShortIv", t => Replace(t, 2, "AAAA"), JoseProblemCodes.Malformed);
        yield return Case("ShortTag", t => Replace(t, 4, "AAAA"), JoseProblemCodes.Malformed);
        yield return Case("HeaderNotJson", t => Replace(t, 0, Base64Url.EncodeToString("not json"u8)), JoseProblemCodes.InvalidHeader);
        yield return Case("AlgMissing", t => Header(t, h => h.Remove("alg")), JoseProblemCodes.AlgorithmMissing);
        yield return Case("AlgRsaOaep", t => Header(t, h => h["alg"] = "RSA-OAEP"), JoseProblemCodes.AlgorithmNotAllowed);
        yield return Case("AlgKeyWrap", t => Header(t, h => h["alg"] = "ECDH-ES+A128KW"), JoseProblemCodes.AlgorithmNotAllowed);
        yield return Case("EncCbc", t => Header(t, h => h["enc"] = "A128CBC-HS256"), JoseProblemCodes.EncryptionNotAllowed);
        yield return Case("Crit", t => Header(t, h => h["crit"] = new JsonArray("x")), JoseProblemCodes.CriticalHeaderUnsupported);
        yield return Case("Zip", t => Header(t, h => h["zip"] = "DEF"), JoseProblemCodes.InvalidHeaderParameter);
        yield return Case("EpkMissing", t => Header(t, h => h.Remove("epk")), JoseProblemCodes.InvalidEphemeralKey);
        yield return Case("EpkP384", t => Header(t, h => h["epk"]!["crv"] = "P-384"), JoseProblemCodes.InvalidEphemeralKey);
        yield return Case("EpkOffCurve", t => Header(t, h => h["epk"]!["x"] = Base64Url.EncodeToString(new byte[32])), JoseProblemCodes.InvalidEphemeralKey);
        yield return Case("EpkWithPrivatePart", t => Header(t, h => h["epk"]!["d"] = "AAAA"), JoseProblemCodes.InvalidEphemeralKey);
        yield return Case("ApuNotString", t => Header(t, h => h["apu"] = 5), JoseProblemCodes.InvalidHeaderParameter);
        yield return Case("KidNotString", t => Header(t, h => h["kid"] = 5), JoseProblemCodes.InvalidHeaderParameter);
    }

    private static TestCaseData Case(string name, Func<string, string> mutate, string code) =>
        new TestCaseData(mutate, code).SetName("Decrypt_" + name + "_" + code);

    private static string Replace(string token, int index, string value)
    {
        var parts = token.Split('.');
        parts[index] = value;
        return string.Join('.', parts);
    }

    private static string Header(string token, Action<JsonObject> edit)
    {
        var header = JsonNode.Parse(Base64Url.DecodeFromChars(token.Split('.')[0]))!.AsObject();
        edit(header);
        return Replace(token, 0, Base64Url.EncodeToString(Encoding.UTF8.GetBytes(header.ToJsonString())));
    }

    private static ECDiffieHellman Import(JsonObject jwk) => ECDiffieHellman.Create(new ECParameters
    {
        Curve = ECCurve.NamedCurves.nistP256,
        D = Base64Url.DecodeFromChars(jwk["d"]!.GetValue<string>()),
        Q = new ECPoint { X = Base64Url.DecodeFromChars(jwk["x"]!.GetValue<string>()), Y = Base64Url.DecodeFromChars(jwk["y"]!.GetValue<string>()) },
    });

    // Builds a JWE from a known key, independently of JweEcdhEs.Encrypt, so decryption is checked against RFC 7516 §5.1.
    private static string Seal(JsonObject header, byte[] key, byte[] plaintext)
    {
        var encodedHeader = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(header.ToJsonString()));
        var iv = RandomNumberGenerator.GetBytes(12);
        var ciphertext = new byte[plaintext.Length];
        var tag = new byte[16];
        using (var aes = new AesGcm(key, 16))
        {
            aes.Encrypt(iv, plaintext, ciphertext, tag, Encoding.ASCII.GetBytes(encodedHeader));
        }

        return $"{encodedHeader}..{Base64Url.EncodeToString(iv)}.{Base64Url.EncodeToString(ciphertext)}.{Base64Url.EncodeToString(tag)}";
    }
}
