using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using DidSdk.Core.Jose;
using DidSdk.Crypto;
using DidSdk.JsonLd;
using DidSdk.Testing;

namespace DidSdk.Credentials.Tests.SpecVectors;

/// <summary>vc-di-eddsa test vectors for eddsa-rdfc-2022 (spec-vectors/data-integrity/vc-di-eddsa): every intermediate value, proof sets and chains.</summary>
[Category("SpecVector")]
public sealed class EddsaRdfc2022VectorTests
{
    private static readonly string Root = Path.Combine(RepoPaths.SpecVectors, "data-integrity", "vc-di-eddsa");

    private static string Text(params string[] path) => File.ReadAllText(Path.Combine([Root, .. path])).Trim();

    private static JsonObject Json(params string[] path) => JsonNode.Parse(File.ReadAllText(Path.Combine([Root, .. path])))!.AsObject();

    private static PrivateKey DecodeKey(string multibase) =>
        Multikey.TryDecodePrivate(multibase, PrivateKeyExportPolicy.None, out var key) ? key : throw new InvalidOperationException("bad key");

    private static DataIntegrityProofOptions Options(JsonObject config) => new()
    {
        VerificationMethod = config["verificationMethod"]!.GetValue<string>(),
        Created = DateTimeOffset.Parse(config["created"]!.GetValue<string>(), CultureInfo.InvariantCulture),
        Id = config["id"]?.GetValue<string>(),
        PreviousProof = config["previousProof"] switch
        {
            null => [],
            JsonArray a => [.. a.Select(x => x!.GetValue<string>())],
            var s => [s.GetValue<string>()],
        },
    };

    private static PrivateKey KeyFor(JsonObject config)
    {
        var vm = config["verificationMethod"]!.GetValue<string>();
        foreach (var (_, pair) in Json("proof-set-chain", "multiKeyPairs.json"))
        {
            if (vm.EndsWith("#" + pair!["publicKeyMultibase"]!.GetValue<string>(), StringComparison.Ordinal))
            {
                return DecodeKey(pair["privateKeyMultibase"]!.GetValue<string>());
            }
        }

        throw new InvalidOperationException("no key for " + vm);
    }

    private static string Sha256Hex(string s) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(s)));

    [Test]
    public async Task Canonicalize_UnsignedCredential_EqualsSpecCanonicalDocumentAndHash()
    {
        var canonical = await EddsaRdfc2022.CanonicalizeAsync(Json("unsigned.json"));

        Assert.That(canonical.Succeeded, Is.True, canonical.Problem?.ToString());
        Assert.That(canonical.CanonicalNQuads, Is.EqualTo(Text("eddsa-rdfc-2022", "canonDocDataInt.txt") + "\n"));
        Assert.That(Sha256Hex(canonical.CanonicalNQuads!), Is.EqualTo(Text("eddsa-rdfc-2022", "docHashDataInt.txt")));
    }

    [Test]
    public async Task ProofConfiguration_SpecOptions_EqualsSpecConfigCanonicalFormAndHash()
    {
        var expected = Json("eddsa-rdfc-2022", "proofConfigDataInt.json");
        var config = EddsaRdfc2022.ProofConfiguration(Json("unsigned.json"), Options(expected));

        Assert.That(JsonNode.DeepEquals(config, expected), Is.True, config.ToJsonString());
        var canonical = await EddsaRdfc2022.CanonicalizeAsync(config);
        Assert.That(canonical.CanonicalNQuads, Is.EqualTo(Text("eddsa-rdfc-2022", "proofCanonDataInt.txt") + "\n"));
        Assert.That(Sha256Hex(canonical.CanonicalNQuads!), Is.EqualTo(Text("eddsa-rdfc-2022", "proofHashDataInt.txt")));
        Assert.That(
            Convert.ToHexStringLower(EddsaRdfc2022.HashData(Text("eddsa-rdfc-2022", "canonDocDataInt.txt") + "\n", canonical.CanonicalNQuads!)),
            Is.EqualTo(Text("eddsa-rdfc-2022", "combinedHashDataInt.txt")));
    }

    [Test]
    public async Task AddProofAsync_SpecKeyAndCreated_ByteExactSignatureAndSecuredDocument()
    {
        using var key = DecodeKey(Json("keyPair.json")["privateKeyMultibase"]!.GetValue<string>());

        var secured = await EddsaRdfc2022.AddProofAsync(Json("unsigned.json"), new KeySigner(key), Options(Json("eddsa-rdfc-2022", "proofConfigDataInt.json")));

        var proofValue = secured["proof"]!["proofValue"]!.GetValue<string>();
        Assert.That(proofValue, Is.EqualTo(Text("eddsa-rdfc-2022", "sigBTC58DataInt.txt")));
        Assert.That(Multibase.TryDecode(proofValue, MultibaseEncoding.Base58Btc, out var sig) ? Convert.ToHexStringLower(sig) : null, Is.EqualTo(Text("eddsa-rdfc-2022", "sigHexDataInt.txt")));
        Assert.That(JsonNode.DeepEquals(secured, Json("eddsa-rdfc-2022", "signedDataInt.json")), Is.True, secured.ToJsonString());
    }

    [Test]
    public async Task VerifyProofAsync_SpecSignedDocument_ValidAndTamperedInvalid()
    {
        var secured = Json("eddsa-rdfc-2022", "signedDataInt.json");
        var publicKey = Multikey.Decode(Json("keyPair.json")["publicKeyMultibase"]!.GetValue<string>());

        Assert.That((await EddsaRdfc2022.VerifyProofAsync(secured, secured["proof"]!.AsObject(), publicKey)).Succeeded, Is.True);

        var tampered = secured.DeepClone().AsObject();
        tampered["credentialSubject"]!["alumniOf"] = "Another School";
        var result = await EddsaRdfc2022.VerifyProofAsync(tampered, tampered["proof"]!.AsObject(), publicKey);
        Assert.That(result.Succeeded, Is.False);
        Assert.That(result.Problem!.Code, Is.EqualTo(CredentialProblemCodes.SignatureInvalid));
    }

    [TestCase("signedProofSet1.json", "unsigned.json", "proofSetConfig1.json", TestName = "AddProofAsync_ProofSetFirst_EqualsSpec")]
    [TestCase("signedProofSet2.json", "signedProofSet1.json", "proofSetConfig2.json", TestName = "AddProofAsync_ProofSetSecond_EqualsSpec")]
    [TestCase("signedProofChain1.json", "signedProofSet2.json", "proofChainConfig1.json", TestName = "AddProofAsync_ProofChainFirst_EqualsSpec")]
    [TestCase("signedProofChain2.json", "signedProofChain1.json", "proofChainConfig2.json", TestName = "AddProofAsync_ProofChainSecond_EqualsSpec")]
    public async Task AddProofAsync_ProofSetsAndChains_ByteExact(string expected, string input, string config)
    {
        var options = Json("proof-set-chain", config);
        using var key = KeyFor(options);

        var secured = await EddsaRdfc2022.AddProofAsync(Json("proof-set-chain", input), new KeySigner(key), Options(options));

        Assert.That(JsonNode.DeepEquals(secured, Json("proof-set-chain", expected)), Is.True, secured.ToJsonString());
    }

    [Test]
    public async Task VerifyProofAsync_ProofChain_EveryProofVerifiesAndBrokenChainFails()
    {
        var secured = Json("proof-set-chain", "signedProofChain2.json");
        var proofs = secured["proof"]!.AsArray();
        foreach (var proof in proofs)
        {
            var vm = proof!["verificationMethod"]!.GetValue<string>();
            var publicKey = Multikey.Decode(vm[(vm.IndexOf('#', StringComparison.Ordinal) + 1)..]);
            Assert.That((await EddsaRdfc2022.VerifyProofAsync(secured, proof.AsObject(), publicKey)).Succeeded, Is.True, vm);
        }

        // Dropping the proof the last one chains to must break it.
        var last = proofs[^1]!.AsObject();
        var lastVm = last["verificationMethod"]!.GetValue<string>();
        var broken = secured.DeepClone().AsObject();
        broken["proof"]!.AsArray().RemoveAt(2);
        var result = await EddsaRdfc2022.VerifyProofAsync(broken, broken["proof"]!.AsArray()[^1]!.AsObject(), Multikey.Decode(lastVm[(lastVm.IndexOf('#', StringComparison.Ordinal) + 1)..]));
        Assert.That(result.Succeeded, Is.False);
    }

    [Test]
    public void AddProofAsync_UndefinedTerm_ThrowsInsteadOfDroppingIt()
    {
        using var key = DecodeKey(Json("keyPair.json")["privateKeyMultibase"]!.GetValue<string>());
        var document = JsonNode.Parse("""
            {"@context":["https://www.w3.org/ns/credentials/v2"],"type":["VerifiableCredential"],"issuer":"did:example:1",
             "credentialSubject":{"id":"did:example:2","notDefinedAnywhere":"unsigned claim"}}
            """)!.AsObject();

        Assert.That(async () => await EddsaRdfc2022.AddProofAsync(document, new KeySigner(key), Options(Json("eddsa-rdfc-2022", "proofConfigDataInt.json"))), Throws.ArgumentException);
    }

    [Test]
    public async Task VerifyProofAsync_UndefinedTermAddedAfterSigning_Fails()
    {
        var secured = Json("eddsa-rdfc-2022", "signedDataInt.json");
        secured["@context"] = new JsonArray("https://www.w3.org/ns/credentials/v2");
        var publicKey = Multikey.Decode(Json("keyPair.json")["publicKeyMultibase"]!.GetValue<string>());

        var result = await EddsaRdfc2022.VerifyProofAsync(secured, secured["proof"]!.AsObject(), publicKey);

        Assert.That(result.Succeeded, Is.False);
        Assert.That(result.Problem!.Code, Is.EqualTo(CredentialProblemCodes.SignatureInvalid));
    }

    [Test]
    public async Task AddProofAsync_Vc11Credential_AddsDataIntegrityContextAndVerifies()
    {
        using var key = DecodeKey(Json("keyPair.json")["privateKeyMultibase"]!.GetValue<string>());
        var document = JsonNode.Parse("""
            {"@context":["https://www.w3.org/2018/credentials/v1"],"type":["VerifiableCredential"],"issuer":"did:example:1",
             "issuanceDate":"2024-01-01T00:00:00Z","credentialSubject":{"id":"did:example:2"}}
            """)!.AsObject();

        var secured = await EddsaRdfc2022.AddProofAsync(document, new KeySigner(key), Options(Json("eddsa-rdfc-2022", "proofConfigDataInt.json")));

        Assert.That(secured["@context"]!.AsArray().Select(c => c!.GetValue<string>()), Does.Contain(EddsaRdfc2022.DataIntegrityContext));
        var publicKey = Multikey.Decode(Json("keyPair.json")["publicKeyMultibase"]!.GetValue<string>());
        Assert.That((await EddsaRdfc2022.VerifyProofAsync(secured, secured["proof"]!.AsObject(), publicKey)).Succeeded, Is.True);
    }

    [Test]
    public async Task BundledContextLoader_UnknownContext_NotAvailable()
    {
        var result = await BundledContextLoader.Instance.LoadDocumentAsync("https://example.com/other-context");

        Assert.That(result.Succeeded, Is.False);
        Assert.That(result.Problem!.Code, Is.EqualTo(JsonLdProblemCodes.ContextNotAvailable));
    }
}
