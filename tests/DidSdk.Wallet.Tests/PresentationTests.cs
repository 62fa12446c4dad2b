using DidSdk.Core.Methods;
using DidSdk.Core.Resolution;
using DidSdk.Credentials;
using DidSdk.Crypto;
using DidSdk.SdJwt;

namespace DidSdk.Wallet.Tests;

public sealed class PresentationTests : WalletTestBase
{
    private const string Audience = "https://bank-b.example";
    private const string Nonce = "n-0S6_WzA2Mj";

    [Test]
    public async Task PresentAsync_SdJwt_DisclosesExactlyRequestedWithKeyBinding()
    {
        using var issuer = new TestIssuer();
        await using var wallet = await CreateWalletAsync();
        var key = await wallet.GenerateKeyAsync(KeyType.P256);
        await wallet.ImportCredentialAsync(await issuer.IssueSdJwtAsync(key.PublicKey));
        var result = await wallet.QueryAsync($$$"""{"credentials":[{"id":"kyc","format":"dc+sd-jwt","meta":{"vct_values":["{{{TestIssuer.KycVct}}}"]},"claims":[{"path":["age_over_18"]},{"path":["nationality"]},{"path":["address"]}]}]}""");
        var vpToken = await wallet.PresentAsync(result, Audience, Nonce);

        var presentation = vpToken["kyc"]![0]!.GetValue<string>();
        var sdVerifier = new SdJwtVcVerifier(new SdJwtVerifierOptions { AllowUncheckedStatus = true }, new CompositeDidResolver(new DidKeyResolver()), timeProvider: Clock);
        var verification = await sdVerifier.VerifyAsync(presentation, Audience, Nonce);
        Assert.That(verification.Succeeded, Is.True, string.Join("; ", verification.Problems.Select(p => p.Code)));
        Assert.That(verification.Claims!.ContainsKey("age_over_18"), Is.True);
        Assert.That(verification.Claims.ContainsKey("nationality"), Is.True);
        Assert.That(verification.Claims["address"]!["locality"]!.GetValue<string>(), Is.EqualTo("Seoul"));
        Assert.That(verification.Claims.ContainsKey("given_name"), Is.False);
        Assert.That(verification.Claims.ContainsKey("birthdate"), Is.False);
        Assert.That(verification.Claims["nationalities"]!.AsArray(), Is.Empty);

        var replay = await sdVerifier.VerifyAsync(presentation, Audience, "another nonce");
        Assert.That(replay.Problems, Has.Some.Matches<Core.Problem>(p => p.Code == SdJwtProblemCodes.KeyBindingWrongNonce));
    }

    [Test]
    public async Task PresentAsync_CnfKeyNotInWallet_ThrowsHolderKeyNotFound()
    {
        using var issuer = new TestIssuer();
        using var stranger = PrivateKey.Generate(KeyType.Ed25519);
        await using var wallet = await CreateWalletAsync();
        await wallet.GenerateKeyAsync(KeyType.Ed25519);
        await wallet.ImportCredentialAsync(await issuer.IssueSdJwtAsync(stranger.PublicKey));
        var result = await wallet.QueryAsync($$$"""{"credentials":[{"id":"kyc","format":"dc+sd-jwt","meta":{"vct_values":["{{{TestIssuer.KycVct}}}"]}}]}""");
        var ex = Assert.ThrowsAsync<WalletException>(() => wallet.PresentAsync(result, Audience, Nonce));
        Assert.That(ex!.Code, Is.EqualTo(WalletProblemCodes.HolderKeyNotFound));
    }

    [Test]
    public async Task PresentAsync_Unsatisfied_ThrowsSelectionInvalid()
    {
        await using var wallet = await CreateWalletAsync();
        var result = await wallet.QueryAsync("""{"credentials":[{"id":"kyc","format":"dc+sd-jwt","meta":{"vct_values":["x"]}}]}""");
        Assert.That(Assert.ThrowsAsync<WalletException>(() => wallet.PresentAsync(result, Audience, Nonce))!.Code, Is.EqualTo(WalletProblemCodes.SelectionInvalid));
    }

    [Test]
    public async Task PresentAsync_SelectionNotACandidate_ThrowsSelectionInvalid()
    {
        using var issuer = new TestIssuer();
        await using var wallet = await CreateWalletAsync();
        var key = await wallet.GenerateKeyAsync(KeyType.Ed25519);
        await wallet.ImportCredentialAsync(await issuer.IssueSdJwtAsync(key.PublicKey));
        var result = await wallet.QueryAsync($$$"""{"credentials":[{"id":"kyc","format":"dc+sd-jwt","meta":{"vct_values":["{{{TestIssuer.KycVct}}}"]}}]}""");
        var ex = Assert.ThrowsAsync<WalletException>(() => wallet.PresentAsync(result, Audience, Nonce, new Dictionary<string, string> { ["kyc"] = "cred-other" }));
        Assert.That(ex!.Code, Is.EqualTo(WalletProblemCodes.SelectionInvalid));
    }

    [TestCase("jwt_vc_json", "jose")]
    [TestCase("jwt_vc_json", "jwt11")]
    [TestCase("ldp_vc", "di")]
    public async Task PresentAsync_W3c_VpSignedByHolderVerifies(string format, string securing)
    {
        using var issuer = new TestIssuer();
        await using var wallet = await CreateWalletAsync();
        var key = await wallet.GenerateKeyAsync(KeyType.Ed25519);
        var credential = issuer.W3cCredential(key.DidKey);
        var issued = securing switch
        {
            "jose" => await issuer.IssueJoseAsync(credential),
            "jwt11" => await issuer.IssueJwt11Async(credential),
            _ => await issuer.IssueDataIntegrityAsync(credential),
        };
        Assert.That((await wallet.ImportCredentialAsync(issued)).Succeeded, Is.True);
        var result = await wallet.QueryAsync($$$"""{"credentials":[{"id":"c","format":"{{{format}}}","meta":{"type_values":[["KycCredential"]]}}]}""");
        var vpToken = await wallet.PresentAsync(result, Audience, Nonce);
        var vp = vpToken["c"]![0]!;
        var text = vp is System.Text.Json.Nodes.JsonValue v ? v.GetValue<string>() : vp.ToJsonString();

        var verifier = new PresentationVerifier(Verifiers.Credential(Clock));
        var verified = await verifier.VerifyAsync(text, Audience, Nonce);
        Assert.That(verified.Succeeded, Is.True, string.Join("; ", verified.Problems.Select(p => p.Code + " " + p.Message)));
        var wrongNonce = await verifier.VerifyAsync(text, Audience, "other");
        Assert.That(wrongNonce.Succeeded, Is.False);
    }
}
