using System.Text.Json.Nodes;
using DidSdk.Core.Methods;
using DidSdk.Core.Resolution;
using DidSdk.Credentials.Tests.Hostile;
using Microsoft.Extensions.Time.Testing;

namespace DidSdk.Credentials.Tests;

public sealed class TrustPolicyTests : HostileInputFixture
{
    /// <summary>Records what it was asked and answers as told.</summary>
    private sealed class RecordingPolicy(bool trust) : ITrustPolicy
    {
        public List<TrustPolicyContext> Asked { get; } = [];

        public ValueTask<TrustPolicyResult> EvaluateAsync(TrustPolicyContext context, CancellationToken cancellationToken = default)
        {
            Asked.Add(context);
            return ValueTask.FromResult(trust
                ? TrustPolicyResult.Trusted("accredited for KycCredential at issuance")
                : TrustPolicyResult.Untrusted("DIDSDK8001", "not accredited at issuance"));
        }
    }

    private static CredentialVerifier VerifierWith(ITrustPolicy policy) =>
        new(new CompositeDidResolver(new DidKeyResolver()), timeProvider: new FakeTimeProvider(Now), trustPolicy: policy);

    [Test]
    public async Task VerifyAsync_VcJose_PolicyGetsIssuerTypesIatMethodFormatAndTime()
    {
        var policy = new RecordingPolicy(trust: true);
        var token = await SignAsync(WithClaims(Credential(), ("iat", $"{Unix(Now.AddHours(-3))}")), Issuer);

        var result = await VerifierWith(policy).VerifyAsync(token);

        Assert.That(result.Succeeded, Is.True);
        var context = policy.Asked.Single();
        Assert.That(context.Issuer, Is.EqualTo(IssuerDid));
        Assert.That(context.CredentialTypes, Is.EqualTo(new[] { "VerifiableCredential", "KycCredential" }));
        Assert.That(context.IssuedAt, Is.EqualTo(Now.AddHours(-3)));
        Assert.That(context.VerificationMethod, Is.EqualTo(Issuer.KeyId));
        Assert.That(context.Format, Is.EqualTo(CredentialFormats.VcJose));
        Assert.That(context.VerificationTime, Is.EqualTo(Now));
        Assert.That(result.Trust!.Reason, Is.EqualTo("accredited for KycCredential at issuance"));
    }

    [Test]
    public async Task VerifyAsync_DataIntegrity_IssuedAtIsValidFrom()
    {
        var policy = new RecordingPolicy(trust: true);
        var secured = await DataIntegrity.AddProofAsync(Credential(), Issuer, new DataIntegrityProofOptions { VerificationMethod = Issuer.KeyId!, Created = Now.AddHours(-1) });

        await VerifierWith(policy).VerifyAsync(secured.ToJsonString());

        var context = policy.Asked.Single();
        Assert.That(context.IssuedAt, Is.EqualTo(Now.AddDays(-1)));
        Assert.That(context.VerificationMethod, Is.EqualTo(Issuer.KeyId));
        Assert.That(context.Format, Is.EqualTo(CredentialFormats.DataIntegrity));
    }

    [Test]
    public async Task VerifyAsync_VcJwt11WithoutKid_MethodIsTheOneThatVerified()
    {
        var policy = new RecordingPolicy(trust: true);
        var token = await VcJwt.IssueJwt11Async(Credential(), new DidSdk.Core.Jose.KeySigner(IssuerKey));

        await VerifierWith(policy).VerifyAsync(token);

        Assert.That(policy.Asked.Single().VerificationMethod, Is.EqualTo(Issuer.KeyId));
        Assert.That(policy.Asked.Single().Format, Is.EqualTo(CredentialFormats.VcJwt11));
    }

    [Test]
    public async Task VerifyAsync_PolicySaysUntrusted_PolicyCodeReported()
    {
        var result = await VerifierWith(new RecordingPolicy(trust: false)).VerifyAsync(await VcJwt.IssueJoseAsync(Credential(), Issuer));

        AssertProblem(result, "DIDSDK8001");
        Assert.That(result.Trust!.Succeeded, Is.False);
    }

    [Test]
    public async Task VerifyAsync_ForgedCredential_PolicyNeverAsked()
    {
        var policy = new RecordingPolicy(trust: true);

        var result = await VerifierWith(policy).VerifyAsync(await VcJwt.IssueJoseAsync(Credential(), new DidSdk.Core.Jose.KeySigner(AttackerKey, Issuer.KeyId)));

        Assert.That(result.Succeeded, Is.False);
        Assert.That(policy.Asked, Is.Empty);
    }

    [Test]
    public async Task TrustedIssuersPolicy_ListedAndUnlisted()
    {
        var policy = new TrustedIssuersPolicy([IssuerDid]);
        TrustPolicyContext Context(string issuer) => new() { Issuer = issuer, CredentialTypes = ["VerifiableCredential"], Format = CredentialFormats.VcJose, VerificationTime = Now };

        Assert.That((await policy.EvaluateAsync(Context(IssuerDid))).Succeeded, Is.True);
        var untrusted = await policy.EvaluateAsync(Context(AttackerDid));
        Assert.That(untrusted.Succeeded, Is.False);
        Assert.That(untrusted.Problem?.Code, Is.EqualTo(CredentialProblemCodes.UntrustedIssuer));
    }

    [Test]
    public void TrustPolicyResult_EmptyReason_Throws()
    {
        Assert.That(() => TrustPolicyResult.Untrusted(CredentialProblemCodes.UntrustedIssuer, ""), Throws.ArgumentException);
        Assert.That(() => TrustPolicyResult.Trusted(""), Throws.ArgumentException);
    }

    [Test]
    public void CredentialVerificationResult_NoProblemsWithoutClaims_Throws()
    {
        Assert.That(() => new CredentialVerificationResult("x", null, new JsonObject(), []), Throws.ArgumentException);
    }

    [Test]
    public void Constructor_ClockSkewAboveFiveMinutes_Throws()
    {
        Assert.That(() => new CredentialVerifierOptions { ClockSkew = TimeSpan.FromMinutes(6) }, Throws.InstanceOf<ArgumentOutOfRangeException>());
        Assert.That(() => new CredentialVerifier(new CompositeDidResolver(new DidKeyResolver()), new CredentialVerifierOptions { MaxJsonDepth = 1 }), Throws.InstanceOf<ArgumentOutOfRangeException>());
    }
}
