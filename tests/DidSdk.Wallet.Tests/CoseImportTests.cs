using System.Buffers.Text;
using DidSdk.Credentials;
using DidSdk.Crypto;

namespace DidSdk.Wallet.Tests;

/// <summary>VC-COSE (<c>application/vc+cose</c>) credentials: stored as the exact bytes, refused when malformed or tampered.</summary>
public sealed class CoseImportTests : WalletTestBase
{
    [Test]
    public async Task ImportCoseCredentialAsync_Verified_ReopenWallet_SameBytes()
    {
        using var issuer = new TestIssuer();
        byte[] message;
        string id;
        await using (var wallet = await CreateWalletAsync())
        {
            var key = await wallet.GenerateKeyAsync(KeyType.Ed25519);
            message = await VcCose.IssueAsync(issuer.W3cCredential(key.DidKey), issuer.Signer);
            var result = await wallet.ImportCoseCredentialAsync(message, Verifiers.Credential(Clock));
            Assert.That(result.Succeeded, Is.True, string.Join("; ", result.Problems.Select(p => p.Code + " " + p.Message)));
            id = result.Credential!.Id;
            Assert.That(result.Credential.Format, Is.EqualTo("vc+cose"));
            Assert.That(result.Credential.Securing, Is.EqualTo("vc+cose"));
            Assert.That(result.Credential.Issuer, Is.EqualTo(issuer.Did));
            Assert.That(result.Credential.Types, Is.EqualTo(new[] { "VerifiableCredential", "KycCredential" }));
        }

        await using var reopened = await OpenWalletAsync();
        var stored = await reopened.GetCredentialAsync(id);
        Assert.That(stored.CoseMessage.ToArray(), Is.EqualTo(message));
        Assert.That(stored.Credential, Is.EqualTo(Base64Url.EncodeToString(message)));
        Assert.That(stored.Claims["credentialSubject"]!["given_name"]!.GetValue<string>(), Is.EqualTo("Ji-woo"));
        var list = await reopened.ListCredentialsAsync();
        Assert.That(list.Credentials.Single().CoseMessage.ToArray(), Is.EqualTo(message));
        Assert.That(list.Problems, Is.Empty);

        // The stored bytes verify again, as issued.
        Assert.That((await Verifiers.Credential(Clock).VerifyCoseAsync(stored.CoseMessage)).Succeeded, Is.True);
    }

    [Test]
    public async Task ImportCredentialAsync_CoseAsBase64Text_StoredAsTheDecodedBytes()
    {
        using var issuer = new TestIssuer();
        await using var wallet = await CreateWalletAsync();
        var message = await VcCose.IssueAsync(issuer.W3cCredential(issuer.Did), issuer.Signer);

        var fromBase64 = await wallet.ImportCredentialAsync(Convert.ToBase64String(message) + "\n", Verifiers.Credential(Clock));
        var fromDataUrl = await wallet.ImportCredentialAsync(VcCose.EnvelopedCredentialPrefix + Convert.ToBase64String(message));

        Assert.That(fromBase64.Succeeded && fromDataUrl.Succeeded, Is.True, string.Join("; ", fromBase64.Problems.Concat(fromDataUrl.Problems).Select(p => p.Code)));
        Assert.That(fromBase64.Credential!.CoseMessage.ToArray(), Is.EqualTo(message));
        Assert.That(fromDataUrl.Credential!.CoseMessage.ToArray(), Is.EqualTo(message));
    }

    [Test]
    public async Task ImportCoseCredentialAsync_TamperedSignature_WithVerifier_RefusedNotVerifiedAndNothingStored()
    {
        using var issuer = new TestIssuer();
        await using var wallet = await CreateWalletAsync();
        var message = await VcCose.IssueAsync(issuer.W3cCredential(issuer.Did), issuer.Signer);
        message[^1] ^= 0x01;

        var result = await wallet.ImportCoseCredentialAsync(message, Verifiers.Credential(Clock));

        Assert.That(result.Succeeded, Is.False);
        Assert.That(result.Problems[0].Code, Is.EqualTo(WalletProblemCodes.CredentialNotVerified));
        Assert.That(result.Problems.Skip(1).Select(p => p.Code), Does.Contain(CredentialProblemCodes.SignatureInvalid));
        Assert.That((await wallet.ListCredentialsAsync()).Credentials, Is.Empty);
    }

    [Test]
    public async Task ImportCoseCredentialAsync_NonShortestTag_RefusedMalformedWithCoseCodeAndNothingStored()
    {
        using var issuer = new TestIssuer();
        await using var wallet = await CreateWalletAsync();
        var message = await VcCose.IssueAsync(issuer.W3cCredential(issuer.Did), issuer.Signer);
        Assert.That(message[0], Is.EqualTo(0xD2));

        // Tag 18 written in two bytes (0xD8 0x12) instead of one: valid CBOR, not canonical.
        byte[] longTag = [0xD8, 0x12, .. message.AsSpan(1)];
        var result = await wallet.ImportCoseCredentialAsync(longTag);

        Assert.That(result.Succeeded, Is.False);
        Assert.That(result.Problems[0].Code, Is.EqualTo(WalletProblemCodes.CredentialMalformed));
        Assert.That(result.Problems[1].Code, Is.EqualTo(CredentialProblemCodes.CoseNotCanonical));
        Assert.That((await wallet.ListCredentialsAsync()).Credentials, Is.Empty);
    }

    [Test]
    public async Task ImportCoseCredentialAsync_TrailingByte_RefusedMalformedAndNothingStored()
    {
        using var issuer = new TestIssuer();
        await using var wallet = await CreateWalletAsync();
        byte[] message = [.. await VcCose.IssueAsync(issuer.W3cCredential(issuer.Did), issuer.Signer), 0x00];

        var result = await wallet.ImportCoseCredentialAsync(message);

        Assert.That(result.Succeeded, Is.False);
        Assert.That(result.Problems[0].Code, Is.EqualTo(WalletProblemCodes.CredentialMalformed));
        Assert.That(result.Problems[1].Code, Is.EqualTo(CredentialProblemCodes.InvalidCose));
        Assert.That((await wallet.ListCredentialsAsync()).Credentials, Is.Empty);
    }

    [TestCase("ldp_vc")]
    [TestCase("jwt_vc_json")]
    [TestCase("vc+cose")]
    public async Task QueryAsync_CoseCredential_NeverSelected(string format)
    {
        using var issuer = new TestIssuer();
        await using var wallet = await CreateWalletAsync();
        var message = await VcCose.IssueAsync(issuer.W3cCredential(issuer.Did), issuer.Signer);
        Assert.That((await wallet.ImportCoseCredentialAsync(message)).Succeeded, Is.True);
        var di = await wallet.ImportCredentialAsync(await issuer.IssueDataIntegrityAsync(issuer.W3cCredential(issuer.Did)));
        Assert.That(di.Succeeded, Is.True);

        var result = await wallet.QueryAsync($$$"""{"credentials":[{"id":"q","format":"{{{format}}}","meta":{"type_values":[["KycCredential"]]}}]}""");

        // The same query selects a Data Integrity credential of the same type: only the COSE one is left out.
        Assert.That(result.Candidates["q"].Select(c => c.CredentialId), Is.EqualTo(format == "ldp_vc" ? new[] { di.Credential!.Id } : Array.Empty<string>()));
    }

    [Test]
    public async Task RefreshAndBackup_CoseCredential_VerifiesAgainAndRestoresTheSameBytes()
    {
        using var issuer = new TestIssuer();
        var backupPath = Path.Combine(Directory, "holder.backup");
        var message = await VcCose.IssueAsync(issuer.W3cCredential(issuer.Did), issuer.Signer);
        string id;
        await using (var wallet = await CreateWalletAsync())
        {
            id = (await wallet.ImportCoseCredentialAsync(message)).Credential!.Id;
            var refreshed = await wallet.RefreshAsync(Verifiers.Credential(Clock));
            Assert.That(refreshed.Single().Status, Is.EqualTo(CredentialStatusMark.Valid), string.Join("; ", refreshed.Single().Problems.Select(p => p.Code)));
            await wallet.ExportBackupAsync(backupPath, "backup passphrase");
        }

        var restoredPath = Path.Combine(Directory, "restored.wallet");
        await using var restored = await Wallet.RestoreBackupAsync(backupPath, "backup passphrase", restoredPath, "restored passphrase", FastOptions, Clock);
        var stored = await restored.GetCredentialAsync(id);
        Assert.That(stored.CoseMessage.ToArray(), Is.EqualTo(message));
        Assert.That(stored.Status, Is.EqualTo(CredentialStatusMark.Valid));
    }
}
