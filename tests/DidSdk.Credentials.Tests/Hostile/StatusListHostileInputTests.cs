using System.Text.Json.Nodes;

namespace DidSdk.Credentials.Tests.Hostile;

/// <summary>Bitstring Status List credentials and entries under hostile input. Extend by category.</summary>
public sealed class StatusListHostileInputTests : HostileInputFixture
{
    private static readonly Uri ListUrl = new("https://bank-a.example/status/1");

    /// <summary>Serves one status list credential from memory, as a cache or internal service would.</summary>
    private sealed class InMemoryFetcher(string body) : IStatusListCredentialFetcher
    {
        public Task<StatusListFetchResult> FetchAsync(Uri url, CancellationToken cancellationToken = default) =>
            Task.FromResult(StatusListFetchResult.Success(body));
    }

    private JsonObject ListCredential(Action<JsonObject>? change = null)
    {
        var list = new BitstringStatusListIssuer(ListUrl).ListCredential(IssuerDid, Now.AddDays(-1));
        change?.Invoke(list);
        return list;
    }

    private async Task<string> StatusCredentialAsync(int index = 7)
    {
        var credential = Credential();
        credential["credentialStatus"] = new BitstringStatusListIssuer(ListUrl).Entry(index);
        return await VcJwt.IssueJoseAsync(credential, Issuer);
    }

    [Test]
    public async Task VerifyAsync_ValidList_Verified()
    {
        var list = await VcJwt.IssueJoseAsync(ListCredential(), Issuer);

        Assert.That((await Verifier(statusLists: new InMemoryFetcher(list)).VerifyAsync(await StatusCredentialAsync())).Problems, Is.Empty);
    }

    // ---- Types (issue 13 crash: a list whose id is a number, or whose payload is not JSON) ----

    [Test]
    public async Task VerifyAsync_SignedListWithNumericId_InvalidId()
    {
        var list = await SignAsync(ListCredential(l => l["id"] = 12).ToJsonString(), Issuer);

        AssertProblem(await Verifier().VerifyAsync(list), CredentialProblemCodes.InvalidId);
    }

    [Test]
    public async Task VerifyAsync_SignedListPayloadNotJson_Malformed()
    {
        AssertProblem(await Verifier().VerifyAsync(await SignAsync("H4sIAAAAAAAA/not json", Issuer)), CredentialProblemCodes.Malformed);
    }

    [Test]
    public async Task VerifyAsync_CredentialWhoseListHasNumericId_StatusListInvalidWithCause()
    {
        var list = await SignAsync(ListCredential(l => l["id"] = 12).ToJsonString(), Issuer);

        var result = await Verifier(statusLists: new InMemoryFetcher(list)).VerifyAsync(await StatusCredentialAsync());

        AssertProblem(result, CredentialProblemCodes.StatusListInvalid);
        Assert.That(result.Problems.Single().Cause?.Code, Is.EqualTo(CredentialProblemCodes.InvalidId));
    }

    [Test]
    public async Task VerifyAsync_CredentialWhoseListIsNotJson_StatusListInvalid()
    {
        var result = await Verifier(statusLists: new InMemoryFetcher(await SignAsync("not json", Issuer))).VerifyAsync(await StatusCredentialAsync());

        AssertProblem(result, CredentialProblemCodes.StatusListInvalid);
        Assert.That(result.Problems.Single().Cause?.Code, Is.EqualTo(CredentialProblemCodes.Malformed));
    }

    [TestCase("id", "12", TestName = "TryLoad_IdIsNumber_StatusListInvalid")]
    [TestCase("id", "\"not a url\"", TestName = "TryLoad_IdNotUrl_StatusListInvalid")]
    public void TryLoad_BadCredentialMember_StatusListInvalid(string member, string raw)
    {
        var list = ListCredential(l => l[member] = JsonNode.Parse(raw));

        Assert.That(BitstringStatusListIssuer.TryLoad(list, out var issuer, out var problem), Is.False);
        Assert.That(problem!.Code, Is.EqualTo(CredentialProblemCodes.StatusListInvalid));
        Assert.That(issuer, Is.Null);
    }

    [TestCase("encodedList", "42", TestName = "TryLoad_EncodedListIsNumber_StatusListInvalid")]
    [TestCase("statusPurpose", "true", TestName = "TryLoad_StatusPurposeIsBoolean_StatusListInvalid")]
    [TestCase("statusSize", "\"2\"", TestName = "TryLoad_StatusSizeIsString_StatusListInvalid")]
    [TestCase("statusSize", "9", TestName = "TryLoad_StatusSizeNine_StatusListInvalid")]
    public void TryLoad_BadSubjectMember_StatusListInvalid(string member, string raw)
    {
        var list = ListCredential(l => l["credentialSubject"]![member] = JsonNode.Parse(raw));

        Assert.That(BitstringStatusListIssuer.TryLoad(list, out _, out var problem), Is.False);
        Assert.That(problem!.Code, Is.EqualTo(CredentialProblemCodes.StatusListInvalid));
    }

    [Test]
    public void TryLoad_ValidList_SameBits()
    {
        var issuer = new BitstringStatusListIssuer(ListUrl, "suspension");
        issuer.List.Set(5, 1);

        Assert.That(BitstringStatusListIssuer.TryLoad(issuer.ListCredential(IssuerDid, Now), out var loaded, out _), Is.True);
        Assert.That(loaded!.StatusPurpose, Is.EqualTo("suspension"));
        Assert.That(loaded.ListCredentialUrl, Is.EqualTo(ListUrl));
        Assert.That((loaded.List.Get(5), loaded.List.Get(6)), Is.EqualTo((1, 0)));
    }

    // ---- Size and depth ----

    [Test]
    public void TryDecode_ZipBomb_StatusListInvalid()
    {
        using var output = new MemoryStream();
        using (var gzip = new System.IO.Compression.GZipStream(output, System.IO.Compression.CompressionLevel.SmallestSize, leaveOpen: true))
        {
            gzip.Write(new byte[64 * 1024 * 1024]);
        }

        var encoded = DidSdk.Crypto.Multibase.Encode(DidSdk.Crypto.MultibaseEncoding.Base64Url, output.ToArray());

        Assert.That(BitstringStatusList.TryDecode(encoded, 1, 16 * 1024 * 1024, out _, out var problem), Is.False);
        Assert.That(problem!.Code, Is.EqualTo(CredentialProblemCodes.StatusListInvalid));
    }

    // ---- Encoding: the entry ----

    [TestCase("statusListIndex", "7", TestName = "VerifyAsync_IndexIsNumber_InvalidStatusEntry")]
    [TestCase("statusListIndex", "\"-1\"", TestName = "VerifyAsync_IndexNegative_InvalidStatusEntry")]
    [TestCase("statusListCredential", "5", TestName = "VerifyAsync_ListCredentialIsNumber_InvalidStatusEntry")]
    [TestCase("statusSize", "0", TestName = "VerifyAsync_StatusSizeZero_InvalidStatusEntry")]
    [TestCase("statusSize", "\"x\"", TestName = "VerifyAsync_StatusSizeIsString_InvalidStatusEntry")]
    public async Task VerifyAsync_BadEntryMember_InvalidStatusEntry(string member, string raw)
    {
        var credential = Credential();
        var entry = new BitstringStatusListIssuer(ListUrl).Entry(7);
        entry[member] = JsonNode.Parse(raw);
        credential["credentialStatus"] = entry;
        var list = await VcJwt.IssueJoseAsync(ListCredential(), Issuer);

        AssertProblem(await Verifier(statusLists: new InMemoryFetcher(list)).VerifyAsync(await VcJwt.IssueJoseAsync(credential, Issuer)), CredentialProblemCodes.InvalidStatusEntry);
    }

    // ---- PrivateKey substitution ----

    [Test]
    public async Task VerifyAsync_ListSignedByAttacker_StatusListInvalid()
    {
        var list = await VcJwt.IssueJoseAsync(new BitstringStatusListIssuer(ListUrl).ListCredential(AttackerDid, Now.AddDays(-1)), Attacker);

        AssertProblem(await Verifier(statusLists: new InMemoryFetcher(list)).VerifyAsync(await StatusCredentialAsync()), CredentialProblemCodes.StatusListInvalid);
    }
}
