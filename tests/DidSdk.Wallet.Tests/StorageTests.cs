using System.Security.Cryptography;
using DidSdk.Crypto;

namespace DidSdk.Wallet.Tests;

public sealed class StorageTests : WalletTestBase
{
    [Test]
    public async Task CreateAsync_ThenOpenAsync_SamePassphrase_KeysAndCredentialsPersist()
    {
        using var issuer = new TestIssuer();
        string keyId, credentialId;
        await using (var wallet = await CreateWalletAsync())
        {
            var key = await wallet.GenerateKeyAsync(KeyType.Ed25519);
            keyId = key.Id;
            var imported = await wallet.ImportCredentialAsync(await issuer.IssueSdJwtAsync(key.PublicKey));
            Assert.That(imported.Succeeded, Is.True);
            credentialId = imported.Credential!.Id;
        }

        await using var reopened = await OpenWalletAsync();
        var keys = await reopened.ListKeysAsync();
        Assert.That(keys.Select(k => k.Id), Is.EqualTo(new[] { keyId }));
        var credential = await reopened.GetCredentialAsync(credentialId);
        Assert.That(credential.Claims["given_name"]!.GetValue<string>(), Is.EqualTo("Ji-woo"));
    }

    [Test]
    public async Task CreateAsync_FileExists_ThrowsAlreadyExists()
    {
        await File.WriteAllTextAsync(WalletPath, "something");
        var ex = Assert.ThrowsAsync<WalletException>(() => CreateWalletAsync());
        Assert.That(ex!.Code, Is.EqualTo(WalletProblemCodes.AlreadyExists));
        Assert.That(await File.ReadAllTextAsync(WalletPath), Is.EqualTo("something"));
    }

    [Test]
    public async Task OpenAsync_WrongPassphrase_ThrowsWrongPassphraseAndWritesNothing()
    {
        await using (var wallet = await CreateWalletAsync())
        {
            await wallet.GenerateKeyAsync(KeyType.Ed25519);
        }

        var before = SHA256.HashData(await File.ReadAllBytesAsync(WalletPath));
        var ex = Assert.ThrowsAsync<WalletException>(() => OpenWalletAsync(passphrase: "wrong passphrase"));
        Assert.That(ex!.Code, Is.EqualTo(WalletProblemCodes.WrongPassphrase));
        Assert.That(ex.Message, Does.Not.Contain("wrong passphrase"));
        Assert.That(SHA256.HashData(await File.ReadAllBytesAsync(WalletPath)), Is.EqualTo(before));
    }

    [Test]
    public void OpenAsync_NoFile_ThrowsNotFound()
    {
        var ex = Assert.ThrowsAsync<WalletException>(() => OpenWalletAsync());
        Assert.That(ex!.Code, Is.EqualTo(WalletProblemCodes.NotFound));
    }

    [Test]
    public async Task OpenAsync_NotASqliteFile_ThrowsNotAWallet()
    {
        await File.WriteAllBytesAsync(WalletPath, RandomNumberGenerator.GetBytes(4096));
        var ex = Assert.ThrowsAsync<WalletException>(() => OpenWalletAsync());
        Assert.That(ex!.Code, Is.EqualTo(WalletProblemCodes.NotAWallet));
    }

    [Test]
    public void CreateAsync_Argon2BelowOwaspMinimum_Throws()
    {
        Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Wallet.CreateAsync(WalletPath, Passphrase, new WalletOptions { Argon2MemoryKiB = 8 * 1024 }));
        Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Wallet.CreateAsync(WalletPath, Passphrase, new WalletOptions { Argon2Iterations = 1 }));
        Assert.That(File.Exists(WalletPath), Is.False);
    }

    [Test]
    public async Task OpenAsync_HeaderCostsLoweredBelowMinimum_ThrowsNotAWallet()
    {
        (await CreateWalletAsync()).Dispose();
        SqliteTamper.Execute(WalletPath, "UPDATE wallet_meta SET value = $v WHERE name = 'kdf';", ("$v", "argon2id;m=1024;t=1;p=1"u8.ToArray()));
        var ex = Assert.ThrowsAsync<WalletException>(() => OpenWalletAsync());
        Assert.That(ex!.Code, Is.EqualTo(WalletProblemCodes.NotAWallet));
    }

    [Test]
    public async Task OpenAsync_HeaderCostsChanged_ThrowsWrongPassphrase()
    {
        (await CreateWalletAsync()).Dispose();
        SqliteTamper.Execute(WalletPath, "UPDATE wallet_meta SET value = $v WHERE name = 'kdf';", ("$v", "argon2id;m=19457;t=2;p=1"u8.ToArray()));
        var ex = Assert.ThrowsAsync<WalletException>(() => OpenWalletAsync());
        Assert.That(ex!.Code, Is.EqualTo(WalletProblemCodes.WrongPassphrase));
    }

    [Test]
    public async Task ChangePassphraseAsync_OldFailsNewOpens_RecordsUntouched()
    {
        using var issuer = new TestIssuer();
        string credentialId;
        byte[] ciphertextBefore;
        await using (var wallet = await CreateWalletAsync())
        {
            var key = await wallet.GenerateKeyAsync(KeyType.P256);
            credentialId = (await wallet.ImportCredentialAsync(await issuer.IssueSdJwtAsync(key.PublicKey))).Credential!.Id;
            ciphertextBefore = SqliteTamper.ReadBlob(WalletPath, $"SELECT ciphertext FROM records WHERE id = '{credentialId}'");
            await wallet.ChangePassphraseAsync("a new passphrase");
        }

        var ex = Assert.ThrowsAsync<WalletException>(() => OpenWalletAsync());
        Assert.That(ex!.Code, Is.EqualTo(WalletProblemCodes.WrongPassphrase));
        await using var reopened = await OpenWalletAsync(passphrase: "a new passphrase");
        Assert.That((await reopened.GetCredentialAsync(credentialId)).Id, Is.EqualTo(credentialId));
        Assert.That(SqliteTamper.ReadBlob(WalletPath, $"SELECT ciphertext FROM records WHERE id = '{credentialId}'"), Is.EqualTo(ciphertextBefore));
    }

    [Test]
    public async Task GetCredentialAsync_CiphertextFlipped_ThrowsRecordTamperedNamingRecord_OthersReadable()
    {
        var (first, second) = await TwoCredentialsAsync();
        // One bit flipped, so the stored bytes always differ (writing a fixed byte left them unchanged when it was already there).
        var ciphertext = SqliteTamper.ReadBlob(WalletPath, $"SELECT ciphertext FROM records WHERE id = '{first}'");
        var flipped = (byte[])ciphertext.Clone();
        flipped[10] ^= 0x01;
        SqliteTamper.Execute(WalletPath, "UPDATE records SET ciphertext = $c WHERE id = $id;", ("$c", flipped), ("$id", first));
        Assert.That(SqliteTamper.ReadBlob(WalletPath, $"SELECT ciphertext FROM records WHERE id = '{first}'"), Is.Not.EqualTo(ciphertext));
        await using var wallet = await OpenWalletAsync();
        var ex = Assert.ThrowsAsync<WalletException>(() => wallet.GetCredentialAsync(first));
        Assert.That(ex!.Code, Is.EqualTo(WalletProblemCodes.RecordTampered));
        Assert.That(ex.RecordId, Is.EqualTo(first));
        Assert.That((await wallet.GetCredentialAsync(second)).Id, Is.EqualTo(second));
        var list = await wallet.ListCredentialsAsync();
        Assert.That(list.Credentials.Select(c => c.Id), Is.EqualTo(new[] { second }));
        Assert.That(list.Problems, Has.Exactly(1).Matches<WalletRecordProblem>(p => p.RecordId == first && p.Problem.Code == WalletProblemCodes.RecordTampered));
    }

    [Test]
    public async Task GetCredentialAsync_RowsSwapped_BothRecordTampered()
    {
        var (first, second) = await TwoCredentialsAsync();
        SqliteTamper.Execute(WalletPath, """
            CREATE TEMP TABLE t AS SELECT id, nonce, ciphertext FROM records;
            UPDATE records SET nonce = (SELECT nonce FROM t WHERE t.id = $b), ciphertext = (SELECT ciphertext FROM t WHERE t.id = $b) WHERE id = $a;
            UPDATE records SET nonce = (SELECT nonce FROM t WHERE t.id = $a), ciphertext = (SELECT ciphertext FROM t WHERE t.id = $a) WHERE id = $b;
            """, ("$a", first), ("$b", second));
        await using var wallet = await OpenWalletAsync();
        Assert.That(Assert.ThrowsAsync<WalletException>(() => wallet.GetCredentialAsync(first))!.Code, Is.EqualTo(WalletProblemCodes.RecordTampered));
        Assert.That(Assert.ThrowsAsync<WalletException>(() => wallet.GetCredentialAsync(second))!.Code, Is.EqualTo(WalletProblemCodes.RecordTampered));
    }

    [Test]
    public async Task GetCredentialAsync_ClearMetadataEdited_RecordTampered()
    {
        var (first, _) = await TwoCredentialsAsync();
        SqliteTamper.Execute(WalletPath, "UPDATE records SET issuer = 'did:example:attacker' WHERE id = $id;", ("$id", first));
        await using var wallet = await OpenWalletAsync();
        Assert.That(Assert.ThrowsAsync<WalletException>(() => wallet.GetCredentialAsync(first))!.Code, Is.EqualTo(WalletProblemCodes.RecordTampered));
    }

    [Test]
    public async Task GetCredentialAsync_KindChanged_RecordTampered()
    {
        string keyId;
        await using (var wallet = await CreateWalletAsync())
        {
            keyId = (await wallet.GenerateKeyAsync(KeyType.Ed25519)).Id;
        }

        SqliteTamper.Execute(WalletPath, "UPDATE records SET kind = 'credential', format = 'dc+sd-jwt' WHERE id = $id;", ("$id", keyId));
        await using var reopened = await OpenWalletAsync();
        Assert.That(Assert.ThrowsAsync<WalletException>(() => reopened.GetCredentialAsync(keyId))!.Code, Is.EqualTo(WalletProblemCodes.RecordTampered));
    }

    [Test]
    public async Task GetCredentialAsync_RowCopiedFromAnotherWallet_RecordTampered()
    {
        var (first, _) = await TwoCredentialsAsync();
        var otherPath = Path.Combine(Directory, "other.wallet");
        (await CreateWalletAsync(otherPath)).Dispose();
        SqliteTamper.Execute(otherPath, $"ATTACH DATABASE '{WalletPath}' AS src; INSERT INTO records SELECT * FROM src.records WHERE id = $id; DETACH DATABASE src;", ("$id", first));
        await using var other = await OpenWalletAsync(otherPath);
        var ex = Assert.ThrowsAsync<WalletException>(() => other.GetCredentialAsync(first));
        Assert.That(ex!.Code, Is.EqualTo(WalletProblemCodes.RecordTampered));
    }

    [Test]
    public async Task GetCredentialAsync_UnknownId_ThrowsNotFound()
    {
        await using var wallet = await CreateWalletAsync();
        Assert.That(Assert.ThrowsAsync<WalletException>(() => wallet.GetCredentialAsync("cred-none"))!.Code, Is.EqualTo(WalletProblemCodes.NotFound));
    }

    [Test]
    public async Task DeleteCredentialAsync_Removes()
    {
        var (first, second) = await TwoCredentialsAsync();
        await using var wallet = await OpenWalletAsync();
        Assert.That(await wallet.DeleteCredentialAsync(first), Is.True);
        Assert.That(await wallet.DeleteCredentialAsync(first), Is.False);
        Assert.That((await wallet.ListCredentialsAsync()).Credentials.Select(c => c.Id), Is.EqualTo(new[] { second }));
    }

    private async Task<(string First, string Second)> TwoCredentialsAsync()
    {
        using var issuer = new TestIssuer();
        await using var wallet = await CreateWalletAsync();
        var key = await wallet.GenerateKeyAsync(KeyType.Ed25519);
        var first = (await wallet.ImportCredentialAsync(await issuer.IssueSdJwtAsync(key.PublicKey))).Credential!.Id;
        var second = (await wallet.ImportCredentialAsync(await issuer.IssueSdJwtAsync(key.PublicKey, claims: TestIssuer.KycClaims("Min-jun")))).Credential!.Id;
        return (first, second);
    }
}
