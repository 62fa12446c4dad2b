using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using DidSdk.Core.Jose;
using DidSdk.Core.Json;
using DidSdk.Crypto;
using DidSdk.Testing;

namespace DidSdk.Credentials.Tests.SpecVectors;

/// <summary>vc-di-eddsa Appendix A.2: eddsa-jcs-2022, every intermediate value byte for byte.</summary>
[Category("SpecVector")]
public sealed class EddsaJcs2022VectorTests
{
    private static readonly JsonObject Vector = RepoPaths.LoadSpecVector("data-integrity", "eddsa-jcs-2022.json");

    private static PrivateKey PrivateKey() =>
        Multikey.TryDecodePrivate(Vector["keyPair"]!["privateKeyMultibase"]!.GetValue<string>(), PrivateKeyExportPolicy.None, out var key) ? key : throw new InvalidOperationException("bad key");

    private static DataIntegrityProofOptions Options() => new()
    {
        VerificationMethod = Vector["proofConfiguration"]!["verificationMethod"]!.GetValue<string>(),
        Created = DateTimeOffset.Parse(Vector["proofConfiguration"]!["created"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture),
    };

    [Test]
    public void ProofConfiguration_FromOptions_EqualsSpec()
    {
        var config = DataIntegrity.ProofConfiguration(Vector["unsecuredDocument"]!.AsObject(), Options());

        Assert.That(JsonNode.DeepEquals(config, Vector["proofConfiguration"]), Is.True, config.ToJsonString());
        Assert.That(Encoding.UTF8.GetString(Jcs.Canonicalize(config)), Is.EqualTo(Vector["canonicalProofConfiguration"]!.GetValue<string>()));
    }

    [Test]
    public void Canonicalize_Document_EqualsSpecAndHashes()
    {
        var canonical = Jcs.Canonicalize(Vector["unsecuredDocument"]!);

        Assert.That(Encoding.UTF8.GetString(canonical), Is.EqualTo(Vector["canonicalDocument"]!.GetValue<string>()));
        Assert.That(Convert.ToHexStringLower(SHA256.HashData(canonical)), Is.EqualTo(Vector["documentHashHex"]!.GetValue<string>()));
        Assert.That(Convert.ToHexStringLower(SHA256.HashData(Jcs.Canonicalize(Vector["proofConfiguration"]!))), Is.EqualTo(Vector["proofConfigurationHashHex"]!.GetValue<string>()));
    }

    [Test]
    public void HashData_EqualsSpecCombinedHash()
    {
        var hash = DataIntegrity.HashData(Vector["unsecuredDocument"]!.AsObject(), Vector["proofConfiguration"]!.AsObject());

        Assert.That(Convert.ToHexStringLower(hash), Is.EqualTo(Vector["hashDataHex"]!.GetValue<string>()));
    }

    [Test]
    public async Task AddProofAsync_SpecKeyAndCreated_ByteExactProofValueAndSecuredDocument()
    {
        using var key = PrivateKey();

        var secured = await DataIntegrity.AddProofAsync(Vector["unsecuredDocument"]!.AsObject(), new KeySigner(key), Options());

        Assert.That(secured["proof"]!["proofValue"]!.GetValue<string>(), Is.EqualTo(Vector["proofValue"]!.GetValue<string>()));
        Assert.That(Multibase.TryDecode(Vector["proofValue"]!.GetValue<string>(), MultibaseEncoding.Base58Btc, out var sig) ? Convert.ToHexStringLower(sig) : null, Is.EqualTo(Vector["signatureHex"]!.GetValue<string>()));
        Assert.That(JsonNode.DeepEquals(secured, Vector["securedDocument"]), Is.True);
    }

    [Test]
    public void VerifyProof_SpecSecuredDocument_ValidAndTamperedInvalid()
    {
        var secured = Vector["securedDocument"]!.AsObject();
        var publicKey = Multikey.Decode(Vector["keyPair"]!["publicKeyMultibase"]!.GetValue<string>());

        Assert.That(DataIntegrity.VerifyProof(secured, secured["proof"]!.AsObject(), publicKey).Succeeded, Is.True);

        var tampered = secured.DeepClone().AsObject();
        tampered["credentialSubject"]!["alumniOf"] = "Another School";
        Assert.That(DataIntegrity.VerifyProof(tampered, tampered["proof"]!.AsObject(), publicKey).Succeeded, Is.False);
    }
}
