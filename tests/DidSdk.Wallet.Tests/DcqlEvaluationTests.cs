using System.Text.Json.Nodes;
using DidSdk.Crypto;

namespace DidSdk.Wallet.Tests;

public sealed class DcqlEvaluationTests : WalletTestBase
{
    private const string OtherVct = "https://example.com/credentials/membership";
    private Wallet _wallet = null!;
    private TestIssuer _issuer = null!;
    private WalletKey _key = null!;
    private string _kycId = null!;
    private string _kyc2Id = null!;
    private string _memberId = null!;
    private string _joseId = null!;
    private string _diId = null!;

    [SetUp]
    public async Task SetUpWallet()
    {
        _issuer = new TestIssuer();
        _wallet = await CreateWalletAsync();
        _key = await _wallet.GenerateKeyAsync(KeyType.Ed25519);
        _kycId = (await _wallet.ImportCredentialAsync(await _issuer.IssueSdJwtAsync(_key.PublicKey))).Credential!.Id;
        var claims2 = TestIssuer.KycClaims("Min-jun");
        claims2["nationalities"] = new JsonArray("DE");
        claims2["age_over_18"] = false;
        _kyc2Id = (await _wallet.ImportCredentialAsync(await _issuer.IssueSdJwtAsync(_key.PublicKey, claims: claims2))).Credential!.Id;
        _memberId = (await _wallet.ImportCredentialAsync(await _issuer.IssueSdJwtAsync(_key.PublicKey, OtherVct, new JsonObject { ["member_id"] = "M-1" }))).Credential!.Id;
        _joseId = (await _wallet.ImportCredentialAsync(await _issuer.IssueJoseAsync(_issuer.W3cCredential(_key.DidKey)))).Credential!.Id;
        _diId = (await _wallet.ImportCredentialAsync(await _issuer.IssueDataIntegrityAsync(_issuer.W3cCredential(_key.DidKey, "DiplomaCredential")))).Credential!.Id;
    }

    [TearDown]
    public async Task TearDownWallet()
    {
        await _wallet.DisposeAsync();
        _issuer.Dispose();
    }

    private static string SdQuery(string claims, string vct = TestIssuer.KycVct, string extra = "") =>
        $$"""{"credentials":[{"id":"q","format":"dc+sd-jwt","meta":{"vct_values":["{{vct}}"]}{{(claims.Length > 0 ? ",\"claims\":" + claims : "")}}{{extra}}}]}""";

    [Test]
    public async Task QueryAsync_VctAndClaims_CandidatesDiscloseExactlyRequested()
    {
        var result = await _wallet.QueryAsync(SdQuery("""[{"path":["given_name"]},{"path":["address","locality"]}]"""));
        Assert.That(result.Succeeded, Is.True);
        var candidates = result.Candidates["q"];
        Assert.That(candidates.Select(c => c.CredentialId), Is.EquivalentTo(new[] { _kycId, _kyc2Id }));
        var first = candidates.Single(c => c.CredentialId == _kycId);
        Assert.That(first.RequestedPaths, Is.EqualTo(new[] { "/given_name", "/address/locality" }));
        Assert.That(first.SelectivelyDisclosed, Is.True);
        Assert.That(first.DisclosedClaims["given_name"]!.GetValue<string>(), Is.EqualTo("Ji-woo"));
        Assert.That(first.DisclosedClaims["address"]!["locality"]!.GetValue<string>(), Is.EqualTo("Seoul"));
        Assert.That(first.DisclosedClaims.ContainsKey("birthdate"), Is.False);
        Assert.That(first.DisclosedClaims.ContainsKey("family_name"), Is.False);
        Assert.That(first.DisclosedClaims["nationalities"]!.AsArray(), Is.Empty, "the array is always visible; none of its disclosable elements is shown");
    }

    [Test]
    public async Task QueryAsync_NoClaims_DisclosesNothingSelective()
    {
        var result = await _wallet.QueryAsync(SdQuery(""));
        var candidate = result.Candidates["q"].Single(c => c.CredentialId == _kycId);
        Assert.That(candidate.RequestedPaths, Is.Empty);
        Assert.That(candidate.DisclosedClaims.ContainsKey("given_name"), Is.False);
        Assert.That(candidate.DisclosedClaims["vct"]!.GetValue<string>(), Is.EqualTo(TestIssuer.KycVct));
    }

    [Test]
    public async Task QueryAsync_WildcardWithValues_SelectsMatchingElementsOnly()
    {
        var result = await _wallet.QueryAsync(SdQuery("""[{"path":["nationalities",null],"values":["FR"]}]"""));
        var candidate = result.Candidates["q"].Single();
        Assert.That(candidate.CredentialId, Is.EqualTo(_kycId));
        Assert.That(candidate.RequestedPaths, Is.EqualTo(new[] { "/nationalities/1" }));
        Assert.That(candidate.DisclosedClaims["nationalities"]!.AsArray().Select(n => n!.GetValue<string>()), Is.EqualTo(new[] { "FR" }));
    }

    [Test]
    public async Task QueryAsync_Wildcard_SelectsAllElements()
    {
        var result = await _wallet.QueryAsync(SdQuery("""[{"path":["nationalities",null]}]"""));
        var candidate = result.Candidates["q"].Single(c => c.CredentialId == _kycId);
        Assert.That(candidate.RequestedPaths, Is.EqualTo(new[] { "/nationalities/0", "/nationalities/1" }));
    }

    [Test]
    public async Task QueryAsync_IndexOutOfRange_NoMatch()
    {
        var result = await _wallet.QueryAsync(SdQuery("""[{"path":["nationalities",1]}]"""));
        Assert.That(result.Candidates["q"].Select(c => c.CredentialId), Is.EqualTo(new[] { _kycId }));
    }

    [Test]
    public async Task QueryAsync_PathIntoWrongType_NoMatch()
    {
        var result = await _wallet.QueryAsync(SdQuery("""[{"path":["given_name",0]}]"""));
        Assert.That(result.Candidates["q"], Is.Empty);
        Assert.That(result.Succeeded, Is.False);
    }

    [Test]
    public async Task QueryAsync_BooleanAndIntegerValues_MatchByTypeAndValue()
    {
        var result = await _wallet.QueryAsync(SdQuery("""[{"path":["age_over_18"],"values":[true]},{"path":["risk_score"],"values":[3]}]"""));
        Assert.That(result.Candidates["q"].Select(c => c.CredentialId), Is.EqualTo(new[] { _kycId }));
        var stringThree = await _wallet.QueryAsync(SdQuery("""[{"path":["risk_score"],"values":["3"]}]"""));
        Assert.That(stringThree.Candidates["q"], Is.Empty);
    }

    [Test]
    public async Task QueryAsync_ClaimSets_FirstSatisfiableOptionUsed()
    {
        var result = await _wallet.QueryAsync(SdQuery(
            """[{"id":"a","path":["passport_number"]},{"id":"b","path":["given_name"]},{"id":"c","path":["kyc_level"]}]""",
            extra: ""","claim_sets":[["a","c"],["b","c"],["c"]]"""));
        var candidate = result.Candidates["q"].Single(c => c.CredentialId == _kycId);
        Assert.That(candidate.ClaimSetIndex, Is.EqualTo(1));
        Assert.That(candidate.RequestedPaths, Is.EqualTo(new[] { "/given_name", "/kyc_level" }));
    }

    [Test]
    public async Task QueryAsync_CredentialSets_RequiredUnsatisfied_Fails_OptionalIgnored()
    {
        var json = $$$"""
            {"credentials":[
              {"id":"kyc","format":"dc+sd-jwt","meta":{"vct_values":["{{{TestIssuer.KycVct}}}"]}},
              {"id":"member","format":"dc+sd-jwt","meta":{"vct_values":["{{{OtherVct}}}"]}},
              {"id":"passport","format":"dc+sd-jwt","meta":{"vct_values":["https://example.com/passport"]}}],
             "credential_sets":[{"options":[["passport"],["kyc"]]},{"options":[["passport"]],"required":false},{"options":[["member"]],"required":false}]}
            """;
        var result = await _wallet.QueryAsync(json);
        Assert.That(result.Succeeded, Is.True);
        Assert.That(result.SelectedQueryIds, Is.EqualTo(new[] { "kyc", "member" }));
        var required = json.Replace("\"required\":false}]}", "\"required\":true}]}", StringComparison.Ordinal).Replace("[[\"passport\"],[\"kyc\"]]", "[[\"passport\"]]", StringComparison.Ordinal);
        Assert.That((await _wallet.QueryAsync(required)).Succeeded, Is.False);
    }

    [Test]
    public async Task QueryAsync_W3cTypeValues_MatchesJwtAndLdpFormats()
    {
        var json = """
            {"credentials":[
              {"id":"jwt","format":"jwt_vc_json","meta":{"type_values":[["VerifiableCredential","KycCredential"]]},"claims":[{"path":["credentialSubject","degrees",null,"type"],"values":["MasterDegree"]}]},
              {"id":"ldp","format":"ldp_vc","meta":{"type_values":[["SomethingElse"],["DiplomaCredential"]]}},
              {"id":"none","format":"ldp_vc","meta":{"type_values":[["KycCredential"]]}}]}
            """;
        var result = await _wallet.QueryAsync(json);
        Assert.That(result.Candidates["jwt"].Select(c => c.CredentialId), Is.EqualTo(new[] { _joseId }));
        Assert.That(result.Candidates["jwt"][0].RequestedPaths, Is.EqualTo(new[] { "/credentialSubject/degrees/1/type" }));
        Assert.That(result.Candidates["jwt"][0].SelectivelyDisclosed, Is.False);
        Assert.That(result.Candidates["ldp"].Select(c => c.CredentialId), Is.EqualTo(new[] { _diId }));
        Assert.That(result.Candidates["none"], Is.Empty);
        Assert.That(result.Succeeded, Is.False);
    }

    [Test]
    public async Task QueryAsync_TamperedRecord_ReportedAndRestEvaluated()
    {
        await _wallet.DisposeAsync();
        SqliteTamper.Execute(WalletPath, "UPDATE records SET nonce = zeroblob(24) WHERE id = $id;", ("$id", _kycId));
        _wallet = await OpenWalletAsync();
        var result = await _wallet.QueryAsync(SdQuery("""[{"path":["given_name"]}]"""));
        Assert.That(result.Candidates["q"].Select(c => c.CredentialId), Is.EqualTo(new[] { _kyc2Id }));
        Assert.That(result.Problems, Has.Exactly(1).Matches<WalletRecordProblem>(p => p.RecordId == _kycId && p.Problem.Code == WalletProblemCodes.RecordTampered));
    }

    [Test]
    public void QueryAsync_InvalidQuery_ThrowsQueryInvalid()
    {
        var ex = Assert.ThrowsAsync<WalletException>(() => _wallet.QueryAsync("{\"credentials\":[]}"));
        Assert.That(ex!.Code, Is.EqualTo(WalletProblemCodes.QueryInvalid));
    }

    [Test]
    public async Task QueryAsync_MemberCredential_UnrelatedVctIgnored()
    {
        var result = await _wallet.QueryAsync(SdQuery("""[{"path":["member_id"]}]""", OtherVct));
        Assert.That(result.Candidates["q"].Select(c => c.CredentialId), Is.EqualTo(new[] { _memberId }));
    }
}
