using System.IO.Compression;
using System.Text.Json.Nodes;
using DidSdk.Core.Jose;
using DidSdk.Core.Methods;
using DidSdk.Core.Resolution;
using DidSdk.Crypto;
using DidSdk.Testing;

namespace DidSdk.Credentials.Tests;

public sealed class BitstringStatusListTests
{
    private static readonly HttpClient Http = new();

    [Test]
    [Category("SpecVector")]
    public void TryDecode_SpecExample_AllValid131072Entries()
    {
        var vector = RepoPaths.LoadSpecVector("credentials", "bitstring-status-list.json");

        Assert.That(BitstringStatusList.TryDecode(vector["encodedList"]!.GetValue<string>(), 1, 1 << 20, out var list, out var problem), Is.True, problem?.ToString());
        Assert.That(list!.Length, Is.EqualTo(vector["uncompressedBytes"]!.GetValue<int>() * 8));
        Assert.That(list.Get(94567), Is.Zero);
    }

    [Test]
    public void Set_IndexZero_IsMostSignificantBitOfFirstByte()
    {
        var list = new BitstringStatusList();
        list.Set(0, 1);
        list.Set(9, 1);

        Assert.That(BitstringStatusList.TryDecode(list.Encode(), 1, 1 << 20, out var decoded, out _), Is.True);
        Assert.That(decoded!.Get(0), Is.EqualTo(1));
        Assert.That(decoded.Get(1), Is.Zero);
        Assert.That(decoded.Get(9), Is.EqualTo(1));
        using var gzip = new GZipStream(new MemoryStream(Multibase.TryDecode(list.Encode(), MultibaseEncoding.Base64Url, out var raw) ? raw : []), CompressionMode.Decompress);
        var first = new byte[2];
        gzip.ReadExactly(first);
        Assert.That(first, Is.EqualTo(new byte[] { 0x80, 0x40 }));
    }

    [Test]
    public void Set_TwoBitEntries_RoundTrip()
    {
        var list = new BitstringStatusList(statusSize: 2);
        list.Set(5, 3);
        list.Set(6, 2);

        Assert.That(BitstringStatusList.TryDecode(list.Encode(), 2, 1 << 20, out var decoded, out _), Is.True);
        Assert.That(new[] { decoded!.Get(4), decoded.Get(5), decoded.Get(6) }, Is.EqualTo(new[] { 0, 3, 2 }));
    }

    [Test]
    public void TryDecode_GzipBomb_StopsAtLimit()
    {
        var big = new BitstringStatusList(64 * 1024 * 1024);

        Assert.That(BitstringStatusList.TryDecode(big.Encode(), 1, 1 << 20, out _, out var problem), Is.False);
        Assert.That(problem!.Code, Is.EqualTo(CredentialProblemCodes.StatusListInvalid));
    }

    [Test]
    public void TryDecode_TooShortList_Invalid()
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(new byte[100]);
        }

        Assert.That(BitstringStatusList.TryDecode(Multibase.Encode(MultibaseEncoding.Base64Url, output.ToArray()), 1, 1 << 20, out _, out _), Is.False);
    }

    [Test]
    public void AllocateEntry_NeverReusesAnIndex()
    {
        var issuer = new BitstringStatusListIssuer(new Uri("https://bank-a.example/status/1"));
        var indexes = Enumerable.Range(0, 2000).Select(_ => issuer.AllocateEntry()["statusListIndex"]!.GetValue<string>()).ToList();

        Assert.That(indexes.Distinct().Count(), Is.EqualTo(2000));
    }

    [Test]
    public async Task Verify_RevokedSuspendedUnreachableAndForeignList_DistinctCodes()
    {
        using var key = PrivateKey.Generate(KeyType.Ed25519);
        var did = DidKey.Create(key.PublicKey);
        var signer = new KeySigner(key, DidKey.GetVerificationMethodId(key.PublicKey));
        await using var server = LoopbackHttpServer.Start();
        var revocation = new BitstringStatusListIssuer(server.Url("/status/revocation"));
        var suspension = new BitstringStatusListIssuer(server.Url("/status/suspension"), "suspension");
        async Task PublishAsync(BitstringStatusListIssuer list, KeySigner by, string issuer) =>
            server.Map(list.ListCredentialUrl.AbsolutePath, LoopbackResponse.Text(200, await VcJwt.IssueJoseAsync(list.ListCredential(issuer, DateTimeOffset.UtcNow.AddDays(-1)), by), "application/vc+jwt"));
        await PublishAsync(revocation, signer, did);
        await PublishAsync(suspension, signer, did);
        var revocationEntry = revocation.AllocateEntry();
        var suspensionEntry = suspension.AllocateEntry();
        var credential = new JsonObject
        {
            ["@context"] = new JsonArray("https://www.w3.org/ns/credentials/v2"),
            ["type"] = new JsonArray("VerifiableCredential"),
            ["issuer"] = did,
            ["credentialStatus"] = new JsonArray(revocationEntry, suspensionEntry),
            ["credentialSubject"] = new JsonObject { ["id"] = "did:example:customer", ["kyc_level"] = "enhanced" },
        };
        var token = await VcJwt.IssueJoseAsync(credential, signer);
        CredentialVerifier Verifier() => new(
            new CompositeDidResolver(new DidKeyResolver()),
            statusListFetcher: new HttpStatusListCredentialFetcher(Http) { AllowHttpForLoopback = true, CacheDuration = TimeSpan.Zero });

        Assert.That((await Verifier().VerifyAsync(token)).Problems, Is.Empty);

        revocation.List.Set(int.Parse(revocationEntry["statusListIndex"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture), 1);
        await PublishAsync(revocation, signer, did);
        Assert.That((await Verifier().VerifyAsync(token)).Problems.Select(p => p.Code), Does.Contain(CredentialProblemCodes.Revoked));

        revocation.List.Set(int.Parse(revocationEntry["statusListIndex"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture), 0);
        await PublishAsync(revocation, signer, did);
        suspension.List.Set(int.Parse(suspensionEntry["statusListIndex"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture), 1);
        await PublishAsync(suspension, signer, did);
        var suspended = await Verifier().VerifyAsync(token);
        Assert.That(suspended.Problems.Select(p => p.Code), Is.EqualTo(new[] { CredentialProblemCodes.Suspended }));

        using var otherKey = PrivateKey.Generate(KeyType.Ed25519);
        var otherDid = DidKey.Create(otherKey.PublicKey);
        await PublishAsync(revocation, new KeySigner(otherKey, DidKey.GetVerificationMethodId(otherKey.PublicKey)), otherDid);
        Assert.That((await Verifier().VerifyAsync(token)).Problems.Select(p => p.Code), Does.Contain(CredentialProblemCodes.StatusListInvalid), "a list from another issuer");

        server.Map(revocation.ListCredentialUrl.AbsolutePath, LoopbackResponse.Text(404, "{}"));
        Assert.That((await Verifier().VerifyAsync(token)).Problems.Select(p => p.Code), Does.Contain(CredentialProblemCodes.StatusListUnreachable));
    }
}
