using System.Text;
using DidSdk.Core.Dids;
using DidSdk.Core.Jose;
using DidSdk.Core.Methods;
using DidSdk.Core.Resolution;
using DidSdk.Crypto;

namespace DidSdk.Core.Tests.Resolution;

public class DidSignatureVerifierTests
{
    private static readonly byte[] Data = Encoding.UTF8.GetBytes("signed bytes");

    private static (DidSignatureVerifier Verifier, PrivateKey EthKey, string EthDid) CreateWithRecoveryDid()
    {
        var ethKey = PrivateKey.Generate(KeyType.Secp256k1);
        var address = EthereumAddress.FromPublicKey(ethKey.PublicKey);
        const string ethDid = "did:example:eth";
        var fake = new FakeMethodResolver
        {
            Respond = did => did == ethDid
                ? DidResolutionResult.Success(new DidDocument
                {
                    Id = ethDid,
                    VerificationMethod =
                    [
                        new VerificationMethod
                        {
                            Id = ethDid + "#controller",
                            Type = VerificationMethodTypes.EcdsaSecp256k1RecoveryMethod2020,
                            Controller = ethDid,
                            BlockchainAccountId = $"eip155:1:{address}",
                        },
                    ],
                    AssertionMethod = [ethDid + "#controller"],
                })
                : DidResolutionResult.Failure(DidResolutionErrors.NotFound),
        };
        return (new DidSignatureVerifier(new CompositeDidResolver(fake, new DidKeyResolver())), ethKey, ethDid);
    }

    private static (string Did, string Kid) DidKeyFor(PrivateKey key)
    {
        var did = DidKey.Create(key.PublicKey);
        return (did, DidKey.GetVerificationMethodId(key.PublicKey));
    }

    [TestCase(KeyType.Ed25519)]
    [TestCase(KeyType.Secp256k1)]
    [TestCase(KeyType.P256)]
    [TestCase(KeyType.P384)]
    [TestCase(KeyType.P521)]
    public async Task VerifyAsync_DidKeySignature_Valid(KeyType type)
    {
        using var key = PrivateKey.Generate(type);
        var (did, kid) = DidKeyFor(key);
        var algorithm = SigningAlgorithm.ForKeyType(type)!;
        var verifier = CreateWithRecoveryDid().Verifier;

        var result = await verifier.VerifyAsync(did, kid, VerificationRelationship.AssertionMethod, algorithm, Data, algorithm.Sign(key, Data));

        Assert.That(result.Succeeded, Is.True, result.Problem?.ToString());
        Assert.That(result.PublicKey, Is.EqualTo(key.PublicKey));
        Assert.That(result.VerificationMethod!.Id, Is.EqualTo(kid));
    }

    [Test]
    public async Task VerifyAsync_TamperedData_InvalidSignature()
    {
        using var key = PrivateKey.Generate(KeyType.Ed25519);
        var (did, kid) = DidKeyFor(key);
        var signature = SigningAlgorithm.Ed25519.Sign(key, Data);

        var result = await CreateWithRecoveryDid().Verifier.VerifyAsync(did, kid, VerificationRelationship.AssertionMethod, SigningAlgorithm.Ed25519, Encoding.UTF8.GetBytes("signed bytez"), signature);

        Assert.That(result.Succeeded, Is.False);
        Assert.That(result.Problem!.Code, Is.EqualTo(JoseProblemCodes.InvalidSignature));
    }

    [Test]
    public async Task VerifyAsync_AlgorithmForOtherKeyType_AlgorithmKeyMismatch()
    {
        using var key = PrivateKey.Generate(KeyType.Ed25519);
        using var other = PrivateKey.Generate(KeyType.P256);
        var (did, kid) = DidKeyFor(key);

        var result = await CreateWithRecoveryDid().Verifier.VerifyAsync(did, kid, VerificationRelationship.AssertionMethod, SigningAlgorithm.P256, Data, SigningAlgorithm.P256.Sign(other, Data));

        Assert.That(result.Problem!.Code, Is.EqualTo(JoseProblemCodes.AlgorithmKeyMismatch));
    }

    [Test]
    public async Task VerifyAsync_KeyAgreementMethodForAssertion_NotAuthorized()
    {
        using var key = PrivateKey.Generate(KeyType.Ed25519);
        var did = DidKey.Create(key.PublicKey);
        var document = DidKey.CreateDocument(key.PublicKey);
        var keyAgreementId = document.KeyAgreement.Single().Id;

        var result = await CreateWithRecoveryDid().Verifier.VerifyAsync(did, keyAgreementId, VerificationRelationship.AssertionMethod, SigningAlgorithm.Ed25519, Data, SigningAlgorithm.Ed25519.Sign(key, Data));

        Assert.That(result.Succeeded, Is.False);
        Assert.That(result.Problem!.Code, Is.EqualTo(DidProblemCodes.VerificationMethodNotAuthorized));
    }

    [Test]
    public async Task VerifyAsync_KidOfAnotherDid_Rejected()
    {
        using var key = PrivateKey.Generate(KeyType.Ed25519);
        using var attacker = PrivateKey.Generate(KeyType.Ed25519);
        var (did, _) = DidKeyFor(key);
        var (_, attackerKid) = DidKeyFor(attacker);

        var result = await CreateWithRecoveryDid().Verifier.VerifyAsync(did, attackerKid, VerificationRelationship.AssertionMethod, SigningAlgorithm.Ed25519, Data, SigningAlgorithm.Ed25519.Sign(attacker, Data));

        Assert.That(result.Succeeded, Is.False);
        Assert.That(result.Problem!.Code, Is.EqualTo(DidProblemCodes.VerificationMethodForeignDid));
    }

    [Test]
    public async Task VerifyAsync_RecoveryMethodWithAccountKey_ValidAndRecoversKey()
    {
        var (verifier, ethKey, ethDid) = CreateWithRecoveryDid();
        using (ethKey)
        {
            var signature = SigningAlgorithm.Secp256k1.Sign(ethKey, Data);

            var result = await verifier.VerifyAsync(ethDid, "#controller", VerificationRelationship.AssertionMethod, SigningAlgorithm.Secp256k1, Data, signature);

            Assert.That(result.Succeeded, Is.True, result.Problem?.ToString());
            Assert.That(result.PublicKey, Is.EqualTo(ethKey.PublicKey));
        }
    }

    [Test]
    public async Task VerifyAsync_RecoveryMethodWithOtherKey_InvalidSignature()
    {
        var (verifier, ethKey, ethDid) = CreateWithRecoveryDid();
        ethKey.Dispose();
        using var other = PrivateKey.Generate(KeyType.Secp256k1);

        var result = await verifier.VerifyAsync(ethDid, "#controller", VerificationRelationship.AssertionMethod, SigningAlgorithm.Secp256k1, Data, SigningAlgorithm.Secp256k1.Sign(other, Data));

        Assert.That(result.Problem!.Code, Is.EqualTo(JoseProblemCodes.InvalidSignature));
    }

    [Test]
    public async Task VerifyAsync_RecoveryMethodWithEdDsa_AlgorithmKeyMismatch()
    {
        var (verifier, ethKey, ethDid) = CreateWithRecoveryDid();
        ethKey.Dispose();
        using var ed = PrivateKey.Generate(KeyType.Ed25519);

        var result = await verifier.VerifyAsync(ethDid, "#controller", VerificationRelationship.AssertionMethod, SigningAlgorithm.Ed25519, Data, SigningAlgorithm.Ed25519.Sign(ed, Data));

        Assert.That(result.Problem!.Code, Is.EqualTo(JoseProblemCodes.AlgorithmKeyMismatch));
    }

    [Test]
    public async Task VerifyJwsAsync_TokenWithDidKeyKid_Valid()
    {
        using var key = PrivateKey.Generate(KeyType.Ed25519);
        var (did, kid) = DidKeyFor(key);
        var token = Jws.SignCompact(null, Data, new KeySigner(key, kid));
        var jws = Jws.ReadCompact(token).Token!;

        var result = await CreateWithRecoveryDid().Verifier.VerifyJwsAsync(jws, did, VerificationRelationship.AssertionMethod);

        Assert.That(result.Succeeded, Is.True, result.Problem?.ToString());
    }

    [Test]
    public async Task VerifyJwsAsync_NoKid_KeyIdMissing()
    {
        using var key = PrivateKey.Generate(KeyType.Ed25519);
        var (did, _) = DidKeyFor(key);
        var token = Jws.SignCompact(null, Data, new KeySigner(key));
        var jws = Jws.ReadCompact(token).Token!;

        var result = await CreateWithRecoveryDid().Verifier.VerifyJwsAsync(jws, did, VerificationRelationship.AssertionMethod);

        Assert.That(result.Problem!.Code, Is.EqualTo(DidProblemCodes.KeyIdMissing));
    }
}
