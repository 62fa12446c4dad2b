using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using DidSdk.Core.Jose;
using DidSdk.Core.Json;
using DidSdk.Crypto;
using DidSdk.Testing;

namespace DidSdk.Credentials.Tests.SpecVectors;

/// <summary>
/// vc-di-ecdsa test vectors for ecdsa-rdfc-2019 and ecdsa-jcs-2019 on P-256 and P-384
/// (spec-vectors/data-integrity/vc-di-ecdsa): every intermediate value byte for byte, the published signature verified,
/// and (ECDSA being randomized) our own signatures round-tripped over the same intermediate values.
/// </summary>
[Category("SpecVector")]
public sealed class EcdsaCryptosuiteVectorTests
{
    private static readonly string Root = Path.Combine(RepoPaths.SpecVectors, "data-integrity", "vc-di-ecdsa");

    private static string Text(params string[] path) => File.ReadAllText(Path.Combine([Root, .. path])).Trim();

    private static JsonObject Json(params string[] path) => JsonNode.Parse(File.ReadAllText(Path.Combine([Root, .. path])))!.AsObject();

    public sealed record Variant(string Suite, string Folder, string Infix, KeyType KeyType)
    {
        public string File(string stem, string extension) => $"{stem}{Infix}{extension}";

        public override string ToString() => Folder;
    }

    private static readonly Variant[] Variants =
    [
        new(EcdsaCryptosuites.Rdfc2019, "ecdsa-rdfc-2019-p256", "ECDSAP256", KeyType.P256),
        new(EcdsaCryptosuites.Rdfc2019, "ecdsa-rdfc-2019-p384", "ECDSAP384", KeyType.P384),
        new(EcdsaCryptosuites.Jcs2019, "ecdsa-jcs-2019-p256", "JCSECDSAP256", KeyType.P256),
        new(EcdsaCryptosuites.Jcs2019, "ecdsa-jcs-2019-p384", "JCSECDSAP384", KeyType.P384),
    ];

    private static IEnumerable<TestCaseData> Cases() => Variants.Select(v => new TestCaseData(v).SetArgDisplayNames(v.Folder));

    private static JsonObject KeyPair(Variant v) => Json(v.KeyType == KeyType.P256 ? "p256KeyPair.json" : "p384KeyPair.json");

    private static string HashHex(Variant v, byte[] data) =>
        Convert.ToHexStringLower(v.KeyType == KeyType.P256 ? SHA256.HashData(data) : SHA384.HashData(data));

    // RDFC N-Quads end with a newline and are hashed with it; the vector text files are compared without it.
    private static async Task<(string Document, string ProofConfig)> CanonicalAsync(Variant v, JsonObject document, JsonObject config)
    {
        if (v.Suite == EcdsaCryptosuites.Jcs2019)
        {
            return (Encoding.UTF8.GetString(Jcs.Canonicalize(document)), Encoding.UTF8.GetString(Jcs.Canonicalize(config)));
        }

        var doc = await EddsaRdfc2022.CanonicalizeAsync(document);
        var proof = await EddsaRdfc2022.CanonicalizeAsync(config);
        Assert.That(doc.Succeeded && proof.Succeeded, Is.True);
        return (doc.CanonicalNQuads!, proof.CanonicalNQuads!);
    }

    private static DataIntegrityProofOptions Options(JsonObject config) => new()
    {
        VerificationMethod = config["verificationMethod"]!.GetValue<string>(),
        Created = DateTimeOffset.Parse(config["created"]!.GetValue<string>(), CultureInfo.InvariantCulture),
    };

    [TestCaseSource(nameof(Cases))]
    public async Task Canonicalize_Unsigned_EveryIntermediateValueMatches(Variant v)
    {
        var config = Json(v.Folder, v.File("proofConfig", ".json"));
        var (document, proofConfig) = await CanonicalAsync(v, Json("unsigned.json"), config);
        var ours = EcdsaCryptosuites.ProofConfiguration(Json("unsigned.json"), Options(config), v.Suite);

        Assert.Multiple(() =>
        {
            Assert.That(JsonNode.DeepEquals(ours, config), Is.True, ours.ToJsonString());
            Assert.That(document.TrimEnd('\n'), Is.EqualTo(Text(v.Folder, v.File("canonDoc", ".txt"))));
            Assert.That(HashHex(v, Encoding.UTF8.GetBytes(document)), Is.EqualTo(Text(v.Folder, v.File("docHash", ".txt"))));
            Assert.That(proofConfig.TrimEnd('\n'), Is.EqualTo(Text(v.Folder, v.File("proofCanon", ".txt"))));
            Assert.That(HashHex(v, Encoding.UTF8.GetBytes(proofConfig)), Is.EqualTo(Text(v.Folder, v.File("proofHash", ".txt"))));
        });
    }

    [TestCaseSource(nameof(Cases))]
    public async Task Verify_PublishedSignature_CombinedHashAndSignatureMatch(Variant v)
    {
        var config = Json(v.Folder, v.File("proofConfig", ".json"));
        var (document, proofConfig) = await CanonicalAsync(v, Json("unsigned.json"), config);
        var combined = EcdsaCryptosuites.HashData(Encoding.UTF8.GetBytes(document), Encoding.UTF8.GetBytes(proofConfig), v.KeyType);
        var publicKey = Multikey.Decode(KeyPair(v)["publicKeyMultibase"]!.GetValue<string>());
        var signature = Convert.FromHexString(Text(v.Folder, v.File("sigHex", ".txt")));
        var signed = Json(v.Folder, v.File("signed", ".json"));

        Assert.Multiple(() =>
        {
            Assert.That(Convert.ToHexStringLower(combined), Is.EqualTo(Text(v.Folder, v.File("combinedHash", ".txt"))));
            Assert.That(SigningAlgorithm.ForKeyType(v.KeyType)!.Verify(publicKey, combined, signature), Is.True);
            Assert.That(Multibase.Encode(MultibaseEncoding.Base58Btc, signature), Is.EqualTo(Text(v.Folder, v.File("sigBTC58", ".txt"))));
            Assert.That(signed["proof"]!["proofValue"]!.GetValue<string>(), Is.EqualTo(Text(v.Folder, v.File("sigBTC58", ".txt"))));
        });

        var result = await EcdsaCryptosuites.VerifyProofAsync(signed, signed["proof"]!.AsObject(), publicKey);
        Assert.That(result.Succeeded, Is.True, result.Problem?.ToString());
    }

    [TestCaseSource(nameof(Cases))]
    public async Task AddProofAsync_SpecKey_SameProofConfigurationAndOwnSignatureVerifies(Variant v)
    {
        Assert.That(Multikey.TryDecodePrivate(KeyPair(v)["secretKeyMultibase"]!.GetValue<string>(), PrivateKeyExportPolicy.None, out var key), Is.True);
        using (key)
        {
            var config = Json(v.Folder, v.File("proofConfig", ".json"));
            var secured = await EcdsaCryptosuites.AddProofAsync(Json("unsigned.json"), new KeySigner(key!), Options(config), v.Suite);
            var expected = Json(v.Folder, v.File("signed", ".json"));
            var proof = secured["proof"]!.AsObject();
            Assert.That(Multibase.TryDecode(proof["proofValue"]!.GetValue<string>(), MultibaseEncoding.Base58Btc, out var signature), Is.True);

            // Everything but the (randomized) signature equals the published document.
            var ours = secured.DeepClone().AsObject();
            ours["proof"]!.AsObject().Remove("proofValue");
            expected["proof"]!.AsObject().Remove("proofValue");
            Assert.That(JsonNode.DeepEquals(ours, expected), Is.True, ours.ToJsonString());

            var combined = Convert.FromHexString(Text(v.Folder, v.File("combinedHash", ".txt")));
            Assert.That(SigningAlgorithm.ForKeyType(v.KeyType)!.Verify(key!.PublicKey, combined, signature!), Is.True, "our signature is over the published combined hash");
            var result = await EcdsaCryptosuites.VerifyProofAsync(secured, proof, key.PublicKey);
            Assert.That(result.Succeeded, Is.True, result.Problem?.ToString());
        }
    }

    [TestCaseSource(nameof(Cases))]
    public async Task VerifyProofAsync_TamperedOrWrongKey_Fails(Variant v)
    {
        var signed = Json(v.Folder, v.File("signed", ".json"));
        var publicKey = Multikey.Decode(KeyPair(v)["publicKeyMultibase"]!.GetValue<string>());
        var tampered = signed.DeepClone().AsObject();
        tampered["credentialSubject"]!["alumniOf"] = "The School of Forgery";
        using var other = PrivateKey.Generate(v.KeyType);
        var otherCurve = Multikey.Decode(KeyPair(v with { KeyType = v.KeyType == KeyType.P256 ? KeyType.P384 : KeyType.P256 })["publicKeyMultibase"]!.GetValue<string>());
        var renamed = signed.DeepClone().AsObject();
        renamed["proof"]!["cryptosuite"] = v.Suite == EcdsaCryptosuites.Jcs2019 ? EcdsaCryptosuites.Rdfc2019 : EcdsaCryptosuites.Jcs2019;

        Assert.Multiple(async () =>
        {
            Assert.That((await EcdsaCryptosuites.VerifyProofAsync(tampered, tampered["proof"]!.AsObject(), publicKey)).Problem?.Code, Is.EqualTo(CredentialProblemCodes.SignatureInvalid));
            Assert.That((await EcdsaCryptosuites.VerifyProofAsync(signed, signed["proof"]!.AsObject(), other.PublicKey)).Problem?.Code, Is.EqualTo(CredentialProblemCodes.SignatureInvalid));
            Assert.That((await EcdsaCryptosuites.VerifyProofAsync(signed, signed["proof"]!.AsObject(), otherCurve)).Problem?.Code, Is.EqualTo(CredentialProblemCodes.SignatureInvalid));
            Assert.That((await EcdsaCryptosuites.VerifyProofAsync(renamed, renamed["proof"]!.AsObject(), publicKey)).Problem?.Code, Is.EqualTo(CredentialProblemCodes.SignatureInvalid));
        });
    }

    [Test]
    public async Task VerifyProofAsync_ProofValueOfWrongSize_ProofMalformed()
    {
        var v = Variants[0];
        var signed = Json(v.Folder, v.File("signed", ".json"));
        signed["proof"]!["proofValue"] = Multibase.Encode(MultibaseEncoding.Base58Btc, new byte[80]);
        var publicKey = Multikey.Decode(KeyPair(v)["publicKeyMultibase"]!.GetValue<string>());

        var result = await EcdsaCryptosuites.VerifyProofAsync(signed, signed["proof"]!.AsObject(), publicKey);

        Assert.That(result.Problem?.Code, Is.EqualTo(CredentialProblemCodes.ProofMalformed));
    }

    [Test]
    public void AddProofAsync_Ed25519OrP521Signer_ArgumentException()
    {
        using var ed = PrivateKey.Generate(KeyType.Ed25519);
        using var p521 = PrivateKey.Generate(KeyType.P521);
        var options = new DataIntegrityProofOptions { VerificationMethod = "did:example:1#k" };
        Assert.That(() => EcdsaCryptosuites.AddProofAsync(Json("unsigned.json"), new KeySigner(ed), options, EcdsaCryptosuites.Rdfc2019), Throws.ArgumentException);
        Assert.That(() => EcdsaCryptosuites.AddProofAsync(Json("unsigned.json"), new KeySigner(p521), options, EcdsaCryptosuites.Jcs2019), Throws.ArgumentException);
        using var p256 = PrivateKey.Generate(KeyType.P256);
        Assert.That(() => EcdsaCryptosuites.AddProofAsync(Json("unsigned.json"), new KeySigner(p256), options, "ecdsa-sd-2023"), Throws.ArgumentException);
    }
}
