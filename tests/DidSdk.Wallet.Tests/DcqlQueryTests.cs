namespace DidSdk.Wallet.Tests;

public sealed class DcqlQueryTests
{
    private static IEnumerable<TestCaseData> Invalid()
    {
        (string Name, string Json)[] cases =
        [
            ("NotJson", "{"),
            ("NoCredentials", "{}"),
            ("EmptyCredentials", "{\"credentials\":[]}"),
            ("CredentialNotObject", "{\"credentials\":[1]}"),
            ("MissingId", "{\"credentials\":[{\"format\":\"dc+sd-jwt\",\"meta\":{\"vct_values\":[\"x\"]}}]}"),
            ("BadIdCharacters", "{\"credentials\":[{\"id\":\"a b\",\"format\":\"dc+sd-jwt\",\"meta\":{\"vct_values\":[\"x\"]}}]}"),
            ("DuplicateId", "{\"credentials\":[{\"id\":\"a\",\"format\":\"dc+sd-jwt\",\"meta\":{\"vct_values\":[\"x\"]}},{\"id\":\"a\",\"format\":\"dc+sd-jwt\",\"meta\":{\"vct_values\":[\"x\"]}}]}"),
            ("MissingFormat", "{\"credentials\":[{\"id\":\"a\",\"meta\":{}}]}"),
            ("MissingMeta", "{\"credentials\":[{\"id\":\"a\",\"format\":\"dc+sd-jwt\"}]}"),
            ("VctValuesEmpty", "{\"credentials\":[{\"id\":\"a\",\"format\":\"dc+sd-jwt\",\"meta\":{\"vct_values\":[]}}]}"),
            ("TypeValuesFlat", "{\"credentials\":[{\"id\":\"a\",\"format\":\"ldp_vc\",\"meta\":{\"type_values\":[\"X\"]}}]}"),
            ("MultipleNotBoolean", "{\"credentials\":[{\"id\":\"a\",\"format\":\"dc+sd-jwt\",\"multiple\":\"yes\",\"meta\":{\"vct_values\":[\"x\"]}}]}"),
            ("ClaimsEmpty", "{\"credentials\":[{\"id\":\"a\",\"format\":\"dc+sd-jwt\",\"meta\":{\"vct_values\":[\"x\"]},\"claims\":[]}]}"),
            ("PathEmpty", "{\"credentials\":[{\"id\":\"a\",\"format\":\"dc+sd-jwt\",\"meta\":{\"vct_values\":[\"x\"]},\"claims\":[{\"path\":[]}]}]}"),
            ("PathNegativeIndex", "{\"credentials\":[{\"id\":\"a\",\"format\":\"dc+sd-jwt\",\"meta\":{\"vct_values\":[\"x\"]},\"claims\":[{\"path\":[\"a\",-1]}]}]}"),
            ("PathFraction", "{\"credentials\":[{\"id\":\"a\",\"format\":\"dc+sd-jwt\",\"meta\":{\"vct_values\":[\"x\"]},\"claims\":[{\"path\":[\"a\",1.5]}]}]}"),
            ("PathBoolean", "{\"credentials\":[{\"id\":\"a\",\"format\":\"dc+sd-jwt\",\"meta\":{\"vct_values\":[\"x\"]},\"claims\":[{\"path\":[true]}]}]}"),
            ("ValuesObject", "{\"credentials\":[{\"id\":\"a\",\"format\":\"dc+sd-jwt\",\"meta\":{\"vct_values\":[\"x\"]},\"claims\":[{\"path\":[\"a\"],\"values\":[{}]}]}]}"),
            ("ValuesEmpty", "{\"credentials\":[{\"id\":\"a\",\"format\":\"dc+sd-jwt\",\"meta\":{\"vct_values\":[\"x\"]},\"claims\":[{\"path\":[\"a\"],\"values\":[]}]}]}"),
            ("ClaimSetsWithoutClaims", "{\"credentials\":[{\"id\":\"a\",\"format\":\"dc+sd-jwt\",\"meta\":{\"vct_values\":[\"x\"]},\"claim_sets\":[[\"x\"]]}]}"),
            ("ClaimSetsClaimWithoutId", "{\"credentials\":[{\"id\":\"a\",\"format\":\"dc+sd-jwt\",\"meta\":{\"vct_values\":[\"x\"]},\"claims\":[{\"path\":[\"a\"]}],\"claim_sets\":[[\"x\"]]}]}"),
            ("ClaimSetsUnknownId", "{\"credentials\":[{\"id\":\"a\",\"format\":\"dc+sd-jwt\",\"meta\":{\"vct_values\":[\"x\"]},\"claims\":[{\"id\":\"c\",\"path\":[\"a\"]}],\"claim_sets\":[[\"d\"]]}]}"),
            ("DuplicateClaimId", "{\"credentials\":[{\"id\":\"a\",\"format\":\"dc+sd-jwt\",\"meta\":{\"vct_values\":[\"x\"]},\"claims\":[{\"id\":\"c\",\"path\":[\"a\"]},{\"id\":\"c\",\"path\":[\"b\"]}]}]}"),
            ("CredentialSetsEmpty", "{\"credentials\":[{\"id\":\"a\",\"format\":\"dc+sd-jwt\",\"meta\":{\"vct_values\":[\"x\"]}}],\"credential_sets\":[]}"),
            ("CredentialSetUnknownId", "{\"credentials\":[{\"id\":\"a\",\"format\":\"dc+sd-jwt\",\"meta\":{\"vct_values\":[\"x\"]}}],\"credential_sets\":[{\"options\":[[\"b\"]]}]}"),
            ("CredentialSetEmptyOption", "{\"credentials\":[{\"id\":\"a\",\"format\":\"dc+sd-jwt\",\"meta\":{\"vct_values\":[\"x\"]}}],\"credential_sets\":[{\"options\":[[]]}]}"),
            ("CredentialSetRequiredNotBoolean", "{\"credentials\":[{\"id\":\"a\",\"format\":\"dc+sd-jwt\",\"meta\":{\"vct_values\":[\"x\"]}}],\"credential_sets\":[{\"options\":[[\"a\"]],\"required\":1}]}"),
            ("TrustedAuthoritiesMalformed", "{\"credentials\":[{\"id\":\"a\",\"format\":\"dc+sd-jwt\",\"meta\":{\"vct_values\":[\"x\"]},\"trusted_authorities\":[{\"type\":\"aki\"}]}]}"),
            ("DuplicateMember", "{\"credentials\":[],\"credentials\":[]}"),
        ];
        foreach (var (name, json) in cases)
        {
            yield return new TestCaseData(json).SetName("TryParse_" + name + "_QueryInvalid");
        }
    }

    [TestCaseSource(nameof(Invalid))]
    public void TryParse_Invalid_QueryInvalid(string json)
    {
        Assert.That(DcqlQuery.TryParse(json, out var query, out var problem), Is.False);
        Assert.That(query, Is.Null);
        Assert.That(problem!.Code, Is.EqualTo(WalletProblemCodes.QueryInvalid));
    }

    [Test]
    public void TryParse_TooLarge_QueryTooLarge()
    {
        var json = "{\"credentials\":[{\"id\":\"a\",\"format\":\"x\",\"meta\":{},\"pad\":\"" + new string('x', 70_000) + "\"}]}";
        Assert.That(DcqlQuery.TryParse(json, out _, out var problem), Is.False);
        Assert.That(problem!.Code, Is.EqualTo(WalletProblemCodes.QueryTooLarge));
    }

    [Test]
    public void TryParse_TooDeep_QueryTooLarge()
    {
        var json = "{\"credentials\":[{\"id\":\"a\",\"format\":\"x\",\"meta\":{\"x\":" + string.Concat(Enumerable.Repeat("[", 40)) + string.Concat(Enumerable.Repeat("]", 40)) + "}}]}";
        Assert.That(DcqlQuery.TryParse(json, out _, out var problem), Is.False);
        Assert.That(problem!.Code, Is.EqualTo(WalletProblemCodes.QueryTooLarge));
    }

    [Test]
    public void TryParse_TooManyCredentialQueries_QueryTooLarge()
    {
        var queries = string.Join(",", Enumerable.Range(0, DcqlQuery.MaxCredentialQueries + 1).Select(i => $"{{\"id\":\"q{i}\",\"format\":\"x\",\"meta\":{{}}}}"));
        Assert.That(DcqlQuery.TryParse("{\"credentials\":[" + queries + "]}", out _, out var problem), Is.False);
        Assert.That(problem!.Code, Is.EqualTo(WalletProblemCodes.QueryTooLarge));
    }

    [Test]
    public void TryParse_SpecExampleWithUnknownMembers_Parses()
    {
        const string json = """
            {"credentials":[{"id":"pid","format":"dc+sd-jwt","meta":{"vct_values":["https://credentials.example.com/identity_credential"]},
              "claims":[{"path":["last_name"]},{"path":["address","street_address"]},{"path":["nationalities",null]},{"path":["degrees",0,"type"],"values":["BachelorDegree",7,true]}],
              "future_member":1}],
             "credential_sets":[{"options":[["pid"]],"required":false,"purpose":"x"}]}
            """;
        Assert.That(DcqlQuery.TryParse(json, out var query, out var problem), Is.True, problem?.Message);
        Assert.That(query!.CredentialQueryIds, Is.EqualTo(new[] { "pid" }));
    }
}
