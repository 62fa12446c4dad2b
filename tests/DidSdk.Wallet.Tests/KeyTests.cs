using DidSdk.Crypto;

namespace DidSdk.Wallet.Tests;

public sealed class KeyTests : WalletTestBase
{
    [TestCase(KeyType.Ed25519, 2)]
    [TestCase(KeyType.Secp256k1, 3)]
    [TestCase(KeyType.P256, 2)]
    public async Task GenerateKeyAsync_EachType_SignerSignsAndDidsListed(KeyType keyType, int didCount)
    {
        await using var wallet = await CreateWalletAsync();
        var key = await wallet.GenerateKeyAsync(keyType);
        var signer = await wallet.GetSignerAsync(key.Id);
        var signature = await signer.SignAsync("hello"u8.ToArray());
        Assert.That(signer.Algorithm.Verify(key.PublicKey, "hello"u8, signature), Is.True);
        Assert.That(key.Dids, Has.Count.EqualTo(didCount));
        Assert.That(key.Dids[0], Does.StartWith("did:key:z"));
        Assert.That(key.Dids[1], Does.StartWith("did:jwk:"));
        if (keyType == KeyType.Secp256k1)
        {
            Assert.That(key.Dids[2], Does.Match("^did:ethr:0x[0-9a-fA-F]{40}$"));
            Assert.That(key.VerificationMethodId(key.Dids[2]), Is.EqualTo(key.Dids[2] + "#controller"));
        }

        Assert.That(signer.KeyId, Does.StartWith(key.Dids[0] + "#"));
    }

    [Test]
    public async Task ExportPrivateKeyAsync_NotExportable_ThrowsKeyNotExportable()
    {
        await using var wallet = await CreateWalletAsync();
        var key = await wallet.GenerateKeyAsync(KeyType.Ed25519);
        var ex = Assert.ThrowsAsync<WalletException>(() => wallet.ExportPrivateKeyAsync(key.Id));
        Assert.That(ex!.Code, Is.EqualTo(WalletProblemCodes.KeyNotExportable));
    }

    [Test]
    public async Task ExportPrivateKeyAsync_Exportable_ReturnsMatchingPrivateJwk()
    {
        await using (var wallet = await CreateWalletAsync())
        {
            await wallet.GenerateKeyAsync(KeyType.P256, exportable: true);
        }

        await using var reopened = await OpenWalletAsync();
        var key = (await reopened.ListKeysAsync())[0];
        var jwk = await reopened.ExportPrivateKeyAsync(key.Id);
        Assert.That(jwk.HasPrivateKey, Is.True);
        Assert.That(jwk.ToPublicKey(), Is.EqualTo(key.PublicKey));
    }

    [Test]
    public async Task Signer_AfterWalletDisposed_Throws()
    {
        var wallet = await CreateWalletAsync();
        var key = await wallet.GenerateKeyAsync(KeyType.Ed25519);
        var signer = await wallet.GetSignerAsync(key.Id);
        await wallet.DisposeAsync();
        Assert.ThrowsAsync<ObjectDisposedException>(async () => await signer.SignAsync("x"u8.ToArray()));
    }

    [Test]
    public async Task GetSignerAsync_UnknownKey_ThrowsNotFound()
    {
        await using var wallet = await CreateWalletAsync();
        Assert.That(Assert.ThrowsAsync<WalletException>(() => wallet.GetSignerAsync("key-none"))!.Code, Is.EqualTo(WalletProblemCodes.NotFound));
    }

    [Test]
    public async Task GenerateKeyAsync_X25519_Throws()
    {
        await using var wallet = await CreateWalletAsync();
        Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => wallet.GenerateKeyAsync(KeyType.X25519));
    }
}
