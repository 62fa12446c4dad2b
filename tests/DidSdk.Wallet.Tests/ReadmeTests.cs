using DidSdk.Core.Jose;
using DidSdk.Crypto;

namespace DidSdk.Wallet.Tests;

public sealed class ReadmeTests : WalletTestBase
{
    [Test]
    public async Task ReadmeExample_Runs()
    {
        using var issuer = new TestIssuer();
        var nonce = "n-0S6_WzA2Mj";
        var path = WalletPath;
        var passphrase = Passphrase;

        await using var wallet = await Wallet.CreateAsync(path, passphrase, FastOptions);
        var key = await wallet.GenerateKeyAsync(KeyType.Ed25519);
        var issuedSdJwtVc = await issuer.IssueSdJwtAsync(key.PublicKey);

        var imported = await wallet.ImportCredentialAsync(issuedSdJwtVc);
        var result = await wallet.QueryAsync("""
            {"credentials":[{"id":"kyc","format":"dc+sd-jwt",
              "meta":{"vct_values":["https://kyc.consortium.example/credentials/kyc/v1"]},
              "claims":[{"path":["age_over_18"]},{"path":["nationality"]}]}]}
            """);
        var vpToken = await wallet.PresentAsync(result, "https://bank-b.example", nonce);
        ISigner signer = await wallet.GetSignerAsync(key.Id);

        Assert.That(imported.Succeeded, Is.True);
        Assert.That(result.Candidates["kyc"][0].DisclosedClaims["nationality"]!.GetValue<string>(), Is.EqualTo("KR"));
        Assert.That(vpToken["kyc"]![0]!.GetValue<string>().Split('~'), Has.Length.EqualTo(4));
        Assert.That(signer.KeyId, Does.StartWith(key.DidKey));
    }

    [Test]
    public void ReadmeCode_MatchesTheTestedExample()
    {
        var readme = File.ReadAllText(Path.Combine(Testing.RepoPaths.Root, "src", "DidSdk.Wallet", "README.md"));
        foreach (var line in new[]
        {
            "var key = await wallet.GenerateKeyAsync(KeyType.Ed25519);",
            "var imported = await wallet.ImportCredentialAsync(issuedSdJwtVc);",
            "var vpToken = await wallet.PresentAsync(result, \"https://bank-b.example\", nonce);",
            "ISigner signer = await wallet.GetSignerAsync(key.Id);",
            "m = 64 MiB",
        })
        {
            Assert.That(readme, Does.Contain(line));
        }
    }
}
