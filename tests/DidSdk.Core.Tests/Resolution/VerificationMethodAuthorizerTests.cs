using DidSdk.Core.Dids;
using DidSdk.Core.Methods;
using DidSdk.Core.Resolution;
using DidSdk.Crypto;

namespace DidSdk.Core.Tests.Resolution;

public class VerificationMethodAuthorizerTests
{
    private const string Ed = "z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK";

    private static VerificationMethod Method(string did, string fragment, string? multibase = Ed, string type = VerificationMethodTypes.Multikey, string? account = null) => new()
    {
        Id = $"{did}#{fragment}",
        Type = type,
        Controller = did,
        PublicKeyMultibase = multibase,
        BlockchainAccountId = account,
    };

    private static VerificationMethodAuthorizer Create()
    {
        var docs = new Dictionary<string, DidResolutionResult>
        {
            ["did:example:subject"] = DidResolutionResult.Success(new DidDocument
            {
                Id = "did:example:subject",
                Controller = ["did:example:subject", "did:example:ctrl"],
                VerificationMethod =
                [
                    Method("did:example:subject", "k"),
                    Method("did:example:subject", "bad", multibase: "zzz"),
                    Method("did:example:subject", "recovery", multibase: null, type: VerificationMethodTypes.EcdsaSecp256k1RecoveryMethod2020, account: "eip155:1:0xb9c5714089478a327f09197987f16f9e5d936e8a"),
                ],
                AssertionMethod = ["did:example:subject#k", "did:example:subject#bad", "did:example:subject#recovery"],
            }),
            ["did:example:ctrl"] = DidResolutionResult.Success(new DidDocument
            {
                Id = "did:example:ctrl",
                VerificationMethod = [Method("did:example:ctrl", "ck"), Method("did:example:ctrl", "auth-only")],
                AssertionMethod = ["did:example:ctrl#ck"],
                Authentication = ["did:example:ctrl#auth-only"],
            }),
            ["did:example:other"] = DidResolutionResult.Success(new DidDocument
            {
                Id = "did:example:other",
                VerificationMethod = [Method("did:example:other", "ok")],
                AssertionMethod = ["did:example:other#ok"],
            }),
            ["did:example:dead"] = DidResolutionResult.Success(
                new DidDocument { Id = "did:example:dead", VerificationMethod = [Method("did:example:dead", "k")], AssertionMethod = ["did:example:dead#k"] },
                new DidDocumentMetadata { Deactivated = true }),
            ["did:example:liar"] = DidResolutionResult.Success(new DidDocument { Id = "did:example:subject" }),
        };
        var fake = new FakeMethodResolver { Respond = did => docs.TryGetValue(did, out var r) ? r : DidResolutionResult.Failure(DidResolutionErrors.NotFound) };
        return new VerificationMethodAuthorizer(new CompositeDidResolver(fake, new DidKeyResolver()));
    }

    [TestCase("did:example:subject#k")]
    [TestCase("#k")]
    public async Task AuthorizeAsync_ListedMethod_AuthorizedWithKey(string kid)
    {
        var result = await Create().AuthorizeAsync("did:example:subject", kid, VerificationRelationship.AssertionMethod);
        Assert.That(result.Succeeded, Is.True, result.Problem?.ToString());
        Assert.That(result.PublicKey, Is.EqualTo(Multikey.Decode(Ed)));
        Assert.That(result.ControllerDocument!.Id, Is.EqualTo("did:example:subject"));
    }

    [Test]
    public async Task AuthorizeAsync_ControllerMethod_AuthorizedByControllerDocument()
    {
        var result = await Create().AuthorizeAsync("did:example:subject", "did:example:ctrl#ck", VerificationRelationship.AssertionMethod);
        Assert.That(result.Succeeded, Is.True, result.Problem?.ToString());
        Assert.That(result.ControllerDocument!.Id, Is.EqualTo("did:example:ctrl"));
    }

    [Test]
    public async Task AuthorizeAsync_RecoveryMethod_AuthorizedWithoutKey()
    {
        var result = await Create().AuthorizeAsync("did:example:subject", "#recovery", VerificationRelationship.AssertionMethod);
        Assert.That(result.Succeeded, Is.True);
        Assert.That(result.PublicKey, Is.Null);
        Assert.That(result.VerificationMethod!.MatchesBlockchainAccount("0xb9c5714089478a327f09197987f16f9e5d936e8a", 1), Is.True);
    }

    [Test]
    public async Task AuthorizeAsync_DidKey_Authorized()
    {
        using var key = PrivateKey.Generate(KeyType.P256);
        var result = await Create().AuthorizeAsync(DidKey.Create(key.PublicKey), DidKey.GetVerificationMethodId(key.PublicKey), VerificationRelationship.Authentication);
        Assert.That(result.PublicKey, Is.EqualTo(key.PublicKey));
    }

    [TestCase("did:example:subject", "#k", VerificationRelationship.Authentication, DidProblemCodes.VerificationMethodNotAuthorized, TestName = "AuthorizeAsync_WrongPurpose_NotAuthorized")]
    [TestCase("did:example:subject", "did:example:ctrl#auth-only", VerificationRelationship.AssertionMethod, DidProblemCodes.VerificationMethodNotAuthorized, TestName = "AuthorizeAsync_ControllerMethodWrongPurpose_NotAuthorized")]
    [TestCase("did:example:subject", "did:example:other#ok", VerificationRelationship.AssertionMethod, DidProblemCodes.VerificationMethodForeignDid, TestName = "AuthorizeAsync_NonControllerDid_Foreign")]
    [TestCase("did:example:ctrl", "did:example:subject#k", VerificationRelationship.AssertionMethod, DidProblemCodes.VerificationMethodForeignDid, TestName = "AuthorizeAsync_ControlIsNotSymmetric_Foreign")]
    [TestCase("did:example:dead", "#k", VerificationRelationship.AssertionMethod, DidProblemCodes.DidDeactivated, TestName = "AuthorizeAsync_DeactivatedDid_Denied")]
    [TestCase("did:example:missing", "#k", VerificationRelationship.AssertionMethod, DidProblemCodes.ResolutionFailed, TestName = "AuthorizeAsync_Unresolvable_ResolutionFailed")]
    [TestCase("did:example:liar", "#k", VerificationRelationship.AssertionMethod, DidProblemCodes.ResolutionFailed, TestName = "AuthorizeAsync_DocumentForOtherDid_ResolutionFailed")]
    [TestCase("did:example:subject", "#bad", VerificationRelationship.AssertionMethod, DidProblemCodes.InvalidKeyMaterial, TestName = "AuthorizeAsync_BadKey_InvalidKeyMaterial")]
    [TestCase("did:example:subject", "#nope", VerificationRelationship.AssertionMethod, DidProblemCodes.VerificationMethodNotFound, TestName = "AuthorizeAsync_UnknownMethod_NotFound")]
    [TestCase("not-a-did", "#k", VerificationRelationship.AssertionMethod, DidProblemCodes.InvalidScheme, TestName = "AuthorizeAsync_InvalidDid_SyntaxProblem")]
    [TestCase("did:example:subject", "k", VerificationRelationship.AssertionMethod, DidProblemCodes.InvalidRelativeReference, TestName = "AuthorizeAsync_InvalidKid_SyntaxProblem")]
    [TestCase("did:example:subject", "did:example:subject#k k", VerificationRelationship.AssertionMethod, DidProblemCodes.InvalidFragment, TestName = "AuthorizeAsync_OwnDidBadFragment_InvalidFragment")]
    [TestCase("did:example:subject", "did:example:subject#%zz", VerificationRelationship.AssertionMethod, DidProblemCodes.InvalidPercentEncoding, TestName = "AuthorizeAsync_OwnDidBadPercent_InvalidPercentEncoding")]
    [TestCase("did:example:subject", "did:example:subjectx#k", VerificationRelationship.AssertionMethod, DidProblemCodes.VerificationMethodForeignDid, TestName = "AuthorizeAsync_KidDidExtendsIssuerDid_Foreign")]
    [TestCase("did:example:subject#k", "did:example:subject#k#k", VerificationRelationship.AssertionMethod, DidProblemCodes.NotAPlainDid, TestName = "AuthorizeAsync_DidWithFragment_NotAPlainDid")]
    [TestCase("did:EXAMPLE:subject", "did:EXAMPLE:subject#k", VerificationRelationship.AssertionMethod, DidProblemCodes.InvalidMethodName, TestName = "AuthorizeAsync_OwnDidBadMethodName_InvalidMethodName")]
    [TestCase("did:example:subject", "did:example:subject#", VerificationRelationship.AssertionMethod, DidProblemCodes.VerificationMethodNotFound, TestName = "AuthorizeAsync_OwnDidEmptyFragment_NotFound")]
    public async Task AuthorizeAsync_Denied_ReturnsCode(string did, string kid, VerificationRelationship purpose, string code)
    {
        var result = await Create().AuthorizeAsync(did, kid, purpose);
        Assert.That(result.Succeeded, Is.False);
        Assert.That(result.Problem!.Code, Is.EqualTo(code));
        Assert.That(result.VerificationMethod, Is.Null);
        Assert.That(result.PublicKey, Is.Null);
    }
}
