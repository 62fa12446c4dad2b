using DidSdk.Crypto;

namespace DidSdk.Wallet.Tests;

public sealed class ImportTests : WalletTestBase
{
    [Test]
    public async Task ImportCredentialAsync_EveryFormat_StoredWithMetadata()
    {
        using var issuer = new TestIssuer();
        await using var wallet = await CreateWalletAsync();
        var key = await wallet.GenerateKeyAsync(KeyType.Ed25519);
        var verifier = Verifiers.Credential(Clock);

        var sd = await wallet.ImportCredentialAsync(await issuer.IssueSdJwtAsync(key.PublicKey), verifier);
        var jose = await wallet.ImportCredentialAsync(await issuer.IssueJoseAsync(issuer.W3cCredential(key.DidKey)), verifier);
        var jwt11 = await wallet.ImportCredentialAsync(await issuer.IssueJwt11Async(issuer.W3cCredential(key.DidKey)), verifier);
        var di = await wallet.ImportCredentialAsync(await issuer.IssueDataIntegrityAsync(issuer.W3cCredential(key.DidKey)), verifier);

        Assert.That(new[] { sd, jose, jwt11, di }.Select(r => r.Succeeded), Is.All.True, string.Join("; ", new[] { sd, jose, jwt11, di }.SelectMany(r => r.Problems).Select(p => p.Code)));
        Assert.That(sd.Credential!.Format, Is.EqualTo("dc+sd-jwt"));
        Assert.That(sd.Credential.Types, Is.EqualTo(new[] { TestIssuer.KycVct }));
        Assert.That(sd.Credential.DisclosablePaths, Does.Contain("/given_name"));
        Assert.That(jose.Credential!.Format, Is.EqualTo("jwt_vc_json"));
        Assert.That(jose.Credential.Securing, Is.EqualTo("vc+jwt"));
        Assert.That(jwt11.Credential!.Securing, Is.EqualTo("jwt_vc"));
        Assert.That(jwt11.Credential.Claims["credentialSubject"]!["id"]!.GetValue<string>(), Is.EqualTo(key.DidKey));
        Assert.That(di.Credential!.Format, Is.EqualTo("ldp_vc"));
        Assert.That(di.Credential.Types, Is.EqualTo(new[] { "VerifiableCredential", "KycCredential" }));
        Assert.That(di.Credential.Issuer, Is.EqualTo(issuer.Did));
        Assert.That((await wallet.ListCredentialsAsync()).Credentials, Has.Count.EqualTo(4));
    }

    private static IEnumerable<TestCaseData> Malformed()
    {
        yield return new TestCaseData("").SetName("ImportCredentialAsync_Empty_Refused");
        yield return new TestCaseData("not a credential").SetName("ImportCredentialAsync_Garbage_Refused");
        yield return new TestCaseData("{\"@context\":[\"https://www.w3.org/ns/credentials/v2\"],\"type\":[\"VerifiableCredential\"]}").SetName("ImportCredentialAsync_JsonWithoutProof_Refused");
        yield return new TestCaseData("{\"a\":1,\"a\":2}").SetName("ImportCredentialAsync_DuplicateMembers_Refused");
        yield return new TestCaseData("eyJhbGciOiJFZERTQSJ9.eyJmb28iOiJiYXIifQ.c2ln").SetName("ImportCredentialAsync_JwtWithoutVc_Refused");
        yield return new TestCaseData("eyJhbGciOiJFZERTQSJ9.eyJmb28iOiJiYXIifQ.c2ln~WyJzYWx0IiwibmFtZSJd~").SetName("ImportCredentialAsync_SdJwtWithUnreferencedDisclosure_Refused");
    }

    [TestCaseSource(nameof(Malformed))]
    public async Task ImportCredentialAsync_Malformed_RefusedAndNotStored(string input)
    {
        await using var wallet = await CreateWalletAsync();
        var result = await wallet.ImportCredentialAsync(input);
        Assert.That(result.Succeeded, Is.False);
        Assert.That(result.Problems, Has.Some.Matches<Core.Problem>(p => p.Code == WalletProblemCodes.CredentialMalformed));
        Assert.That((await wallet.ListCredentialsAsync()).Credentials, Is.Empty);
    }

    [Test]
    public async Task ImportCredentialAsync_SdJwtPresentationWithKeyBinding_Refused()
    {
        using var issuer = new TestIssuer();
        using var holder = PrivateKey.Generate(KeyType.Ed25519);
        var issued = await issuer.IssueSdJwtAsync(holder.PublicKey);
        SdJwt.SdJwtToken.TryParseCompact(issued, null, out var token, out _);
        var presented = await SdJwt.SdJwtHolder.PresentAsync(token!, ["/given_name"], new SdJwt.KeyBindingRequest
        {
            HolderSigner = new Core.Jose.KeySigner(holder),
            Audience = "a",
            Nonce = "n",
            IssuedAt = TestIssuer.Now,
        });
        await using var wallet = await CreateWalletAsync();
        var result = await wallet.ImportCredentialAsync(presented.ToCompact());
        Assert.That(result.Succeeded, Is.False);
        Assert.That(result.Problems[0].Code, Is.EqualTo(WalletProblemCodes.CredentialMalformed));
    }

    [Test]
    public async Task ImportCredentialAsync_SignatureByAnotherKey_WithVerifier_RefusedNotVerified()
    {
        using var issuer = new TestIssuer();
        using var other = new TestIssuer();
        await using var wallet = await CreateWalletAsync();
        var key = await wallet.GenerateKeyAsync(KeyType.Ed25519);
        var credential = issuer.W3cCredential(key.DidKey);
        credential["issuer"] = other.Did; // signed by issuer, claims to be other
        var result = await wallet.ImportCredentialAsync(await issuer.IssueJoseAsync(credential), Verifiers.Credential(Clock));
        Assert.That(result.Succeeded, Is.False);
        Assert.That(result.Problems[0].Code, Is.EqualTo(WalletProblemCodes.CredentialNotVerified));
        Assert.That((await wallet.ListCredentialsAsync()).Credentials, Is.Empty);
    }

    [Test]
    public async Task ImportCredentialAsync_TooLarge_Refused()
    {
        await using var wallet = await CreateWalletAsync();
        var result = await wallet.ImportCredentialAsync(new string('a', WalletOptions.Default.MaxCredentialLength + 1));
        Assert.That(result.Problems[0].Code, Is.EqualTo(WalletProblemCodes.CredentialTooLarge));
    }
}
