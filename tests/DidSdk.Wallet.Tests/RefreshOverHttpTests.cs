using DidSdk.Credentials;
using DidSdk.Crypto;
using DidSdk.SdJwt.TokenStatus;
using DidSdk.Testing;

namespace DidSdk.Wallet.Tests;

/// <summary>
/// Refresh fetches real status lists over HTTP from a server on loopback: an IETF Token Status List (for SD-JWT VCs)
/// and a W3C Bitstring Status List (for VC-JOSE credentials), each with a revoked and a valid entry; a list that is
/// not served leaves the credential's earlier mark alone and reports the problem.
/// </summary>
[Category("Integration")]
public sealed class RefreshOverHttpTests : WalletTestBase
{
    private static readonly HttpClient Http = new();

    [Test]
    public async Task RefreshAsync_TokenAndBitstringListsOverHttp_RevokedAndValidMarked()
    {
        await using var server = LoopbackHttpServer.Start();
        using var issuer = new TestIssuer();
        await using var wallet = await CreateWalletAsync();
        var key = await wallet.GenerateKeyAsync(KeyType.Ed25519);

        // Token Status List: index 7 invalid (revoked), index 8 valid.
        var tokenListUri = server.Url("/statuslists/1");
        var tokenList = new TokenStatusList(1, 1024);
        tokenList.Set(7, TokenStatusTypes.Invalid);
        var statusToken = await StatusListToken.CreateAsync(
            tokenList,
            new StatusListTokenDescriptor { Subject = tokenListUri, Issuer = issuer.Did, IssuedAt = Clock.GetUtcNow(), TimeToLive = TimeSpan.FromMinutes(10) },
            issuer.Signer);
        server.Map("/statuslists/1", LoopbackResponse.Text(200, statusToken, StatusListToken.MediaType));
        var revokedSdJwt = await Import(wallet, await issuer.IssueSdJwtAsync(key.PublicKey, status: new StatusListReference(7, tokenListUri)));
        var validSdJwt = await Import(wallet, await issuer.IssueSdJwtAsync(key.PublicKey, status: new StatusListReference(8, tokenListUri)));

        // Bitstring Status List: one revoked entry, one valid entry.
        var bitstring = new BitstringStatusListIssuer(server.Url("/status/bitstring"));
        var revokedEntry = bitstring.AllocateEntry();
        var validEntry = bitstring.AllocateEntry();
        bitstring.List.Set(int.Parse(revokedEntry["statusListIndex"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture), 1);
        server.Map("/status/bitstring", LoopbackResponse.Text(200, await issuer.IssueJoseAsync(bitstring.ListCredential(issuer.Did, TestIssuer.Now.AddDays(-1))), "application/vc+jwt"));
        var revokedVc = issuer.W3cCredential(key.DidKey);
        revokedVc["credentialStatus"] = revokedEntry;
        var validVc = issuer.W3cCredential(key.DidKey);
        validVc["credentialStatus"] = validEntry;
        var revokedJose = await Import(wallet, await issuer.IssueJoseAsync(revokedVc));
        var validJose = await Import(wallet, await issuer.IssueJoseAsync(validVc));

        var results = await wallet.RefreshAsync(Verifier());

        Assert.That(Mark(results, revokedSdJwt), Is.EqualTo(CredentialStatusMark.Revoked));
        Assert.That(Mark(results, validSdJwt), Is.EqualTo(CredentialStatusMark.Valid));
        Assert.That(Mark(results, revokedJose), Is.EqualTo(CredentialStatusMark.Revoked));
        Assert.That(Mark(results, validJose), Is.EqualTo(CredentialStatusMark.Valid));
        Assert.That(server.RequestCount("/statuslists/1"), Is.GreaterThanOrEqualTo(1));
        Assert.That(server.RequestCount("/status/bitstring"), Is.GreaterThanOrEqualTo(1));
        Assert.That((await wallet.GetCredentialAsync(revokedSdJwt)).Status, Is.EqualTo(CredentialStatusMark.Revoked));
        Assert.That((await wallet.GetCredentialAsync(validJose)).Status, Is.EqualTo(CredentialStatusMark.Valid));
    }

    [Test]
    public async Task RefreshAsync_StatusListNotServed_NotMarkedValid()
    {
        await using var server = LoopbackHttpServer.Start();
        using var issuer = new TestIssuer();
        await using var wallet = await CreateWalletAsync();
        var key = await wallet.GenerateKeyAsync(KeyType.Ed25519);
        server.Map("/statuslists/1", LoopbackResponse.Text(404, "{}"));
        var id = await Import(wallet, await issuer.IssueSdJwtAsync(key.PublicKey, status: new StatusListReference(3, server.Url("/statuslists/1"))));

        var result = (await wallet.RefreshAsync(Verifier())).Single(r => r.CredentialId == id);

        Assert.That(result.Status, Is.Not.EqualTo(CredentialStatusMark.Valid));
        Assert.That(result.Problems, Is.Not.Empty);
    }

    private CredentialVerifier Verifier() => Verifiers.Credential(
        Clock,
        new HttpStatusListCredentialFetcher(Http, Clock) { AllowHttpForLoopback = true },
        new TokenStatusChecker(new HttpStatusListFetcher(Http, new HttpStatusListFetcherOptions { AllowHttpForLoopback = true }, Clock), null, Clock));

    private static async Task<string> Import(Wallet wallet, string credential)
    {
        var imported = await wallet.ImportCredentialAsync(credential);
        Assert.That(imported.Succeeded, Is.True, string.Join("; ", imported.Problems.Select(p => p.Code)));
        return imported.Credential!.Id;
    }

    private static CredentialStatusMark Mark(IReadOnlyList<CredentialRefreshResult> results, string id) =>
        results.Single(r => r.CredentialId == id).Status;
}
