using System.Text.Json.Nodes;
using DidSdk.Core.Jose;
using DidSdk.Core.Methods;
using DidSdk.Credentials;
using DidSdk.Crypto;

namespace DidSdk.Cli.Tests;

/// <summary>
/// <c>vc issue --format cose</c> and <c>vc verify</c> of VC-COSE given as base64 text or as binary (file, stdin);
/// <c>vp issue --format cose</c> and <c>vp verify</c> of VP-COSE.
/// </summary>
public sealed class CliCoseTests
{
    private TestMaterial _material = null!;
    private string _issuerKey = null!;

    [OneTimeSetUp]
    public void SetUp()
    {
        _material = TestMaterial.Create("didsdk-cli-cose-");
        _issuerKey = _material.WritePrivateJwk("issuer.jwk", _material.IssuerKey);
    }

    [OneTimeTearDown]
    public void TearDown() => _material.Dispose();

    private async Task<string> IssueAsync()
    {
        var credential = _material.WriteJson("vc.json", _material.Credential());
        var run = await CliRunner.RunAsync("vc", "issue", "--format", "cose", "--key", _issuerKey, "--kid", _material.IssuerKid, "@" + credential);
        CliAssert.NoStackTrace(run);
        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        return run.Stdout.Trim();
    }

    [Test]
    public async Task VcIssueCose_ThenVerifyTheBase64_VerifiedWithTheJoseShape()
    {
        var issued = await IssueAsync();

        Assert.That(Convert.FromBase64String(issued)[..2], Is.EqualTo(new byte[] { 0xD2, 0x84 }), "a tagged COSE_Sign1 in base64");
        var result = CliAssert.Verified(await CliRunner.RunAsync("vc", "verify", issued));
        Assert.That(result.AsObject().Select(p => p.Key), Is.EqualTo(new[] { "verified", "format", "issuer", "claims", "problems" }));
        Assert.That(result["format"]!.GetValue<string>(), Is.EqualTo(CredentialFormats.VcCose));
        Assert.That(result["issuer"]!.GetValue<string>(), Is.EqualTo(_material.IssuerDid));
        Assert.That(result["claims"]!["credentialSubject"]!["kyc_level"]!.GetValue<string>(), Is.EqualTo("enhanced"));
    }

    [Test]
    public async Task VcVerify_BinaryFile_Verified()
    {
        var file = _material.Write("vc.cose", Convert.FromBase64String(await IssueAsync()));

        var result = CliAssert.Verified(await CliRunner.RunAsync("vc", "verify", "@" + file));

        Assert.That(result["format"]!.GetValue<string>(), Is.EqualTo(CredentialFormats.VcCose));
    }

    [Test]
    public async Task VcVerify_BinaryOnStdin_Verified()
    {
        var bytes = Convert.FromBase64String(await IssueAsync());

        CliAssert.Verified(await CliRunner.RunWithStdinAsync(bytes, "vc", "verify", "-"));
    }

    [Test]
    public async Task VcVerify_TamperedBinary_NotVerifiedWithoutClaims()
    {
        var bytes = Convert.FromBase64String(await IssueAsync());
        bytes[^1] ^= 1;
        var file = _material.Write("tampered.cose", bytes);

        var run = await CliRunner.RunAsync("vc", "verify", "@" + file);

        Assert.That(CliAssert.NotVerified(run), Does.Contain(CredentialProblemCodes.SignatureInvalid));
        Assert.That(run.Stdout, Does.Not.Contain(TestMaterial.Canary));
    }

    [Test]
    public async Task VcVerify_TruncatedBinary_NotVerifiedInvalidCose()
    {
        var bytes = Convert.FromBase64String(await IssueAsync());
        var file = _material.Write("truncated.cose", bytes[..(bytes.Length / 2)]);

        Assert.That(CliAssert.NotVerified(await CliRunner.RunAsync("vc", "verify", "@" + file)), Does.Contain(CredentialProblemCodes.InvalidCose));
    }

    [Test]
    public async Task VcIssueCose_Vc11Credential_BadUsage()
    {
        var credential = _material.Credential();
        credential["@context"] = new JsonArray("https://www.w3.org/2018/credentials/v1");
        credential["issuanceDate"] = "2026-01-01T00:00:00Z";

        CliAssert.BadInput(await CliRunner.RunAsync("vc", "issue", "--format", "cose", "--key", _issuerKey, "--kid", _material.IssuerKid, credential.ToJsonString()), "badUsage");
    }

    [Test]
    public async Task VcIssueCose_Es256Key_VerifiedAsEs256()
    {
        using var key = PrivateKey.Generate(KeyType.P256, PrivateKeyExportPolicy.AllowPlaintextExport);
        var keyFile = _material.WritePrivateJwk("p256.jwk", key);
        var credential = _material.Credential();
        credential["issuer"] = DidKey.Create(key.PublicKey);

        var issued = await CliRunner.RunAsync("vc", "issue", "--format", "cose", "--key", keyFile, "--kid", DidKey.GetVerificationMethodId(key.PublicKey), credential.ToJsonString());
        Assert.That(issued.ExitCode, Is.Zero, issued.ToString());

        var result = CliAssert.Verified(await CliRunner.RunAsync("vc", "verify", issued.Stdout.Trim()));
        Assert.That(result["issuer"]!.GetValue<string>(), Is.EqualTo(DidKey.Create(key.PublicKey)));
    }

    [Test]
    public async Task VcVerify_CoseFromUrlIssuer_VerifiedOnlyWithItsJwk()
    {
        var credential = _material.Credential();
        credential["issuer"] = "https://bank-a.example";
        var message = await VcCose.IssueAsync(credential, new KeySigner(_material.OtherKey, "https://bank-a.example#key-1"));
        var file = _material.Write("url-issuer.cose", message);
        var otherPublic = _material.WritePublicJwk("other.pub.jwk", _material.OtherKey);
        using var wrong = PrivateKey.Generate(KeyType.Ed25519, PrivateKeyExportPolicy.AllowPlaintextExport);
        var wrongPublic = _material.WritePublicJwk("wrong.pub.jwk", wrong);

        var verified = CliAssert.Verified(await CliRunner.RunAsync("vc", "verify", "@" + file, "--issuer-jwk", otherPublic));
        Assert.That(verified["issuer"]!.GetValue<string>(), Is.EqualTo("https://bank-a.example"));
        Assert.That(CliAssert.NotVerified(await CliRunner.RunAsync("vc", "verify", "@" + file)), Does.Contain(CredentialProblemCodes.IssuerKeyUnavailable));
        Assert.That(CliAssert.NotVerified(await CliRunner.RunAsync("vc", "verify", "@" + file, "--issuer-jwk", wrongPublic)), Does.Contain(CredentialProblemCodes.SignatureInvalid));
    }

    [Test]
    public async Task VcVerify_CoseClaimingDidIssuer_SuppliedJwkIgnored()
    {
        // Signed by "other" but claiming the issuer's did:key: the DID's key decides, the supplied key is never bound to a DID.
        var message = await VcCose.IssueAsync(_material.Credential(), new KeySigner(_material.OtherKey, _material.IssuerKid));
        var file = _material.Write("forged.cose", message);
        var otherPublic = _material.WritePublicJwk("other2.pub.jwk", _material.OtherKey);

        Assert.That(CliAssert.NotVerified(await CliRunner.RunAsync("vc", "verify", "@" + file, "--issuer-jwk", otherPublic)), Does.Contain(CredentialProblemCodes.SignatureInvalid));
    }

    [Test]
    public async Task VpVerify_CosePresentationWithEnvelopedCoseCredential_VerifiedAsTextAndBinary()
    {
        var credential = Convert.FromBase64String(await IssueAsync());
        var presentation = new JsonObject
        {
            ["@context"] = new JsonArray("https://www.w3.org/ns/credentials/v2"),
            ["type"] = new JsonArray("VerifiablePresentation"),
            ["holder"] = _material.HolderDid,
            ["verifiableCredential"] = new JsonArray(VcCose.EnvelopeCredential(credential)),
        };
        var vp = await VcCose.PresentAsync(presentation, new KeySigner(_material.HolderKey, _material.HolderKid), "https://bank-b.example", "n-1");
        var file = _material.Write("vp.cose", vp);

        foreach (var input in new[] { Convert.ToBase64String(vp), "@" + file })
        {
            var result = CliAssert.Verified(await CliRunner.RunAsync("vp", "verify", input, "--aud", "https://bank-b.example", "--nonce", "n-1"));
            Assert.That(result["format"]!.GetValue<string>(), Is.EqualTo(CredentialFormats.VpCose));
            Assert.That(result["issuer"]!.GetValue<string>(), Is.EqualTo(_material.HolderDid));
            Assert.That(result["credentials"]!.AsArray().Select(c => c!["format"]!.GetValue<string>()), Is.EqualTo(new[] { CredentialFormats.VcCose }));
        }

        Assert.That(CliAssert.NotVerified(await CliRunner.RunAsync("vp", "verify", "@" + file, "--aud", "https://bank-b.example", "--nonce", "other")), Does.Contain(CredentialProblemCodes.WrongNonce));
    }

    [Test]
    public async Task VpIssueCose_CoseJoseAndDataIntegrityCredentials_VerifiedOnlyForItsNonceAndAudience()
    {
        var holderKey = _material.WritePrivateJwk("holder.jwk", _material.HolderKey);
        var coseBase64 = await IssueAsync();
        var coseFile = _material.Write("vp-in.cose", Convert.FromBase64String(coseBase64));
        var jose = await _material.IssueJoseAsync();
        var dataIntegrity = _material.WriteJson("di.json", await _material.IssueDataIntegrityAsync());

        var issued = await CliRunner.RunAsync("vp", "issue", "--format", "cose", "--key", holderKey, "--kid", _material.HolderKid, "--aud", "https://bank-b.example", "--nonce", "n-1", coseBase64, "@" + coseFile, jose, "@" + dataIntegrity);
        CliAssert.NoStackTrace(issued);
        Assert.That(issued.ExitCode, Is.Zero, issued.ToString());
        var vp = issued.Stdout.Trim();
        Assert.That(Convert.FromBase64String(vp)[..2], Is.EqualTo(new byte[] { 0xD2, 0x84 }), "a tagged COSE_Sign1 in base64");
        var file = _material.Write("issued-vp.cose", Convert.FromBase64String(vp));

        foreach (var input in new[] { vp, "@" + file })
        {
            var result = CliAssert.Verified(await CliRunner.RunAsync("vp", "verify", input, "--aud", "https://bank-b.example", "--nonce", "n-1"));
            Assert.That(result["format"]!.GetValue<string>(), Is.EqualTo(CredentialFormats.VpCose));
            Assert.That(result["issuer"]!.GetValue<string>(), Is.EqualTo(_material.HolderDid));
            Assert.That(result["credentials"]!.AsArray().Select(c => c!["format"]!.GetValue<string>()), Is.EqualTo(new[] { CredentialFormats.VcCose, CredentialFormats.VcCose, CredentialFormats.VcJose, CredentialFormats.DataIntegrity }));
            Assert.That(result["credentials"]!.AsArray().Select(c => c!["issuer"]!.GetValue<string>()), Is.All.EqualTo(_material.IssuerDid));
        }

        Assert.That(CliAssert.NotVerified(await CliRunner.RunAsync("vp", "verify", vp, "--aud", "https://bank-b.example", "--nonce", "n-2")), Does.Contain(CredentialProblemCodes.WrongNonce));
        Assert.That(CliAssert.NotVerified(await CliRunner.RunAsync("vp", "verify", vp, "--aud", "https://bank-c.example", "--nonce", "n-1")), Does.Contain(CredentialProblemCodes.WrongAudience));
    }

    [Test]
    public async Task VpIssueCose_NotACredential_InvalidCredential()
    {
        var holderKey = _material.WritePrivateJwk("holder-bad.jwk", _material.HolderKey);
        var presentation = new JsonObject
        {
            ["@context"] = new JsonArray("https://www.w3.org/ns/credentials/v2"),
            ["type"] = new JsonArray("VerifiablePresentation"),
            ["holder"] = _material.HolderDid,
        };
        var notACredential = Convert.ToBase64String(await VcCose.PresentAsync(presentation, new KeySigner(_material.HolderKey, _material.HolderKid), "a", "n"));
        var truncated = Convert.FromBase64String(await IssueAsync());
        var truncatedFile = _material.Write("vp-truncated.cose", truncated[..(truncated.Length / 2)]);

        foreach (var credential in new[] { notACredential, "@" + truncatedFile })
        {
            CliAssert.BadInput(await CliRunner.RunAsync("vp", "issue", "--format", "cose", "--key", holderKey, "--kid", _material.HolderKid, "--aud", "a", "--nonce", "n", credential), "invalidCredential");
        }
    }
}
