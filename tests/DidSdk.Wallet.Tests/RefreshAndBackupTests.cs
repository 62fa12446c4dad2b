using DidSdk.Credentials;
using DidSdk.Crypto;

namespace DidSdk.Wallet.Tests;

public sealed class RefreshAndBackupTests : WalletTestBase
{
    private sealed class FixedListFetcher(string credential) : IStatusListCredentialFetcher
    {
        public Task<StatusListFetchResult> FetchAsync(Uri url, CancellationToken cancellationToken = default) =>
            Task.FromResult(StatusListFetchResult.Success(credential));
    }

    [Test]
    public async Task RefreshAsync_ExpiredRevokedAndValid_Marked()
    {
        using var issuer = new TestIssuer();
        await using var wallet = await CreateWalletAsync();
        var key = await wallet.GenerateKeyAsync(KeyType.Ed25519);
        var statusList = new BitstringStatusListIssuer(new Uri("https://bank-a.example/status/1"));
        var revokedEntry = statusList.AllocateEntry();
        var validEntry = statusList.AllocateEntry();
        statusList.List.Set(int.Parse(revokedEntry["statusListIndex"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture), 1);
        var listCredential = await issuer.IssueJoseAsync(statusList.ListCredential(issuer.Did, TestIssuer.Now.AddDays(-1)));

        var revoked = issuer.W3cCredential(key.DidKey);
        revoked["credentialStatus"] = revokedEntry;
        var valid = issuer.W3cCredential(key.DidKey);
        valid["credentialStatus"] = validEntry;
        var revokedId = (await wallet.ImportCredentialAsync(await issuer.IssueJoseAsync(revoked))).Credential!.Id;
        var validId = (await wallet.ImportCredentialAsync(await issuer.IssueJoseAsync(valid))).Credential!.Id;
        var expiredId = (await wallet.ImportCredentialAsync(await issuer.IssueSdJwtAsync(key.PublicKey, expires: TestIssuer.Now.AddDays(1)))).Credential!.Id;
        Clock.Advance(TimeSpan.FromDays(2));

        var results = await wallet.RefreshAsync(Verifiers.Credential(Clock, new FixedListFetcher(listCredential)));
        Assert.That(results.Single(r => r.CredentialId == revokedId).Status, Is.EqualTo(CredentialStatusMark.Revoked));
        Assert.That(results.Single(r => r.CredentialId == validId).Status, Is.EqualTo(CredentialStatusMark.Valid), string.Join("; ", results.Single(r => r.CredentialId == validId).Problems.Select(p => p.Code)));
        Assert.That(results.Single(r => r.CredentialId == expiredId).Status, Is.EqualTo(CredentialStatusMark.Expired));
        var stored = await wallet.GetCredentialAsync(revokedId);
        Assert.That(stored.Status, Is.EqualTo(CredentialStatusMark.Revoked));
        Assert.That(stored.CheckedAt, Is.EqualTo(Clock.GetUtcNow()).Within(TimeSpan.FromSeconds(1)));
    }

    [Test]
    public async Task RefreshAsync_MarkEditedInTheClear_RecordTampered()
    {
        using var issuer = new TestIssuer();
        string id;
        await using (var wallet = await CreateWalletAsync())
        {
            var key = await wallet.GenerateKeyAsync(KeyType.Ed25519);
            id = (await wallet.ImportCredentialAsync(await issuer.IssueSdJwtAsync(key.PublicKey, expires: TestIssuer.Now.AddDays(1)))).Credential!.Id;
            Clock.Advance(TimeSpan.FromDays(2));
            await wallet.RefreshAsync(Verifiers.Credential(Clock));
        }

        SqliteTamper.Execute(WalletPath, "UPDATE records SET status = 'Valid' WHERE id = $id;", ("$id", id));
        await using var reopened = await OpenWalletAsync();
        Assert.That(Assert.ThrowsAsync<WalletException>(() => reopened.GetCredentialAsync(id))!.Code, Is.EqualTo(WalletProblemCodes.RecordTampered));
    }

    [Test]
    public async Task ExportBackupAsync_ThenRestore_SameKeysAndCredentials()
    {
        using var issuer = new TestIssuer();
        var backupPath = Path.Combine(Directory, "holder.backup");
        string credentialId, keyId;
        await using (var wallet = await CreateWalletAsync())
        {
            var key = await wallet.GenerateKeyAsync(KeyType.Secp256k1);
            keyId = key.Id;
            credentialId = (await wallet.ImportCredentialAsync(await issuer.IssueSdJwtAsync(key.PublicKey))).Credential!.Id;
            await wallet.ExportBackupAsync(backupPath, "backup passphrase");
            Assert.That(Assert.ThrowsAsync<WalletException>(() => wallet.ExportBackupAsync(backupPath, "x"))!.Code, Is.EqualTo(WalletProblemCodes.AlreadyExists));
        }

        var bytes = await File.ReadAllBytesAsync(backupPath);
        Assert.That(bytes.AsSpan().IndexOf("Ji-woo"u8), Is.EqualTo(-1));

        var restoredPath = Path.Combine(Directory, "restored.wallet");
        var wrong = Assert.ThrowsAsync<WalletException>(() => Wallet.RestoreBackupAsync(backupPath, Passphrase, restoredPath, "new", FastOptions, Clock));
        Assert.That(wrong!.Code, Is.EqualTo(WalletProblemCodes.BackupInvalid));
        Assert.That(File.Exists(restoredPath), Is.False);

        await using var restored = await Wallet.RestoreBackupAsync(backupPath, "backup passphrase", restoredPath, "restored passphrase", FastOptions, Clock);
        Assert.That((await restored.GetCredentialAsync(credentialId)).Claims["given_name"]!.GetValue<string>(), Is.EqualTo("Ji-woo"));
        var signer = await restored.GetSignerAsync(keyId);
        Assert.That(signer.Algorithm.JoseAlgorithm, Is.EqualTo("ES256K"));
    }

    [Test]
    public async Task RestoreBackupAsync_TamperedRecord_BackupInvalidNothingWritten()
    {
        using var issuer = new TestIssuer();
        var backupPath = Path.Combine(Directory, "holder.backup");
        await using (var wallet = await CreateWalletAsync())
        {
            var key = await wallet.GenerateKeyAsync(KeyType.Ed25519);
            await wallet.ImportCredentialAsync(await issuer.IssueSdJwtAsync(key.PublicKey));
            await wallet.ExportBackupAsync(backupPath, "backup passphrase");
        }

        SqliteTamper.Execute(backupPath, "UPDATE records SET nonce = zeroblob(24) WHERE kind = 'credential';");
        var restoredPath = Path.Combine(Directory, "restored.wallet");
        var ex = Assert.ThrowsAsync<WalletException>(() => Wallet.RestoreBackupAsync(backupPath, "backup passphrase", restoredPath, "new", FastOptions, Clock));
        Assert.That(ex!.Code, Is.EqualTo(WalletProblemCodes.BackupInvalid));
        Assert.That(File.Exists(restoredPath), Is.False);
    }
}
