using System.Text.Json.Nodes;
using DidSdk.Crypto;
using DidSdk.SdJwt;
using DidSdk.Testing;

namespace DidSdk.Wallet.Tests;

/// <summary>
/// The wallet's DCQL evaluator against the npm <c>dcql</c> package (the reference implementation) on the corpus in
/// <c>spec-vectors/dcql/corpus.json</c>: the credentials are issued and imported into a real wallet, the wallet's view
/// of each (format, vct / type, processed claims, holder binding) is handed to <c>dcql</c>, and both evaluate every
/// query. They must agree on validity, satisfiability, the matching credentials of every Credential Query (with the
/// claim set used) and the Credential Set options.
/// </summary>
[Category("Interop")]
public sealed class DcqlInteropTests : WalletTestBase
{
    private static readonly string CorpusPath = Path.Combine(RepoPaths.Root, "spec-vectors", "dcql", "corpus.json");

    [Test]
    public async Task DcqlCorpus_WalletAndReferenceImplementation_Agree()
    {
        var corpus = JsonNode.Parse(await File.ReadAllTextAsync(CorpusPath))!;
        var queries = corpus["queries"]!.AsArray();
        Assert.That(queries, Has.Count.GreaterThanOrEqualTo(50));

        using var issuer = new TestIssuer();
        await using var wallet = await CreateWalletAsync();
        var key = await wallet.GenerateKeyAsync(KeyType.Ed25519);
        var ids = new List<string>();
        var dcqlCredentials = new JsonArray();
        foreach (var spec in corpus["credentials"]!.AsArray())
        {
            var imported = await wallet.ImportCredentialAsync(await IssueAsync(issuer, key, spec!));
            Assert.That(imported.Succeeded, Is.True, $"{spec!["name"]}: {string.Join("; ", imported.Problems.Select(p => p.Code + " " + p.Message))}");
            var stored = imported.Credential!;
            ids.Add(stored.Id);
            dcqlCredentials.Add(stored.Format == "dc+sd-jwt"
                ? new JsonObject
                {
                    ["credential_format"] = stored.Format,
                    ["vct"] = stored.Types[0],
                    ["claims"] = stored.Claims.DeepClone(),
                    ["cryptographic_holder_binding"] = stored.Claims["cnf"] is JsonObject,
                }
                : new JsonObject
                {
                    ["credential_format"] = stored.Format,
                    ["type"] = new JsonArray([.. stored.Types.Select(t => (JsonNode)JsonValue.Create(t))]),
                    ["claims"] = stored.Claims.DeepClone(),
                    ["cryptographic_holder_binding"] = true, // the subject is the holder's DID, whose key the wallet holds
                });
        }

        var reply = await NodeScript.RunAsync("dcql-evaluate.mjs", new JsonObject { ["credentials"] = dcqlCredentials, ["queries"] = queries.DeepClone() });
        var results = reply["results"]!.AsArray();
        Assert.That(results, Has.Count.EqualTo(queries.Count));

        var disagreements = new List<string>();
        var satisfiedCount = 0;
        for (var i = 0; i < queries.Count; i++)
        {
            var name = queries[i]!["name"]!.GetValue<string>();
            var reference = results[i]!;
            var valid = DcqlQuery.TryParse(queries[i]!["query"]!.ToJsonString(), out var query, out var problem);
            if (valid != reference["valid"]!.GetValue<bool>())
            {
                disagreements.Add($"{name}: valid ours={valid} ({problem?.Message}) dcql={reference["valid"]} ({reference["error"]})");
                continue;
            }

            if (!valid)
            {
                continue;
            }

            var ours = await wallet.QueryAsync(query!);
            var expectedSatisfied = reference["can_be_satisfied"]!.GetValue<bool>();
            satisfiedCount += expectedSatisfied ? 1 : 0;
            if (ours.Succeeded != expectedSatisfied)
            {
                disagreements.Add($"{name}: satisfied ours={ours.Succeeded} dcql={expectedSatisfied}");
            }

            foreach (var (queryId, matches) in reference["matches"]!.AsObject())
            {
                var expected = matches!.AsArray().Select(m => $"{m!["index"]}:{m["claim_set_index"]?.ToJsonString() ?? "-"}").ToList();
                var actual = ours.Candidates[queryId].Select(c => $"{ids.IndexOf(c.CredentialId)}:{c.ClaimSetIndex?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"}").ToList();
                if (!expected.Order().SequenceEqual(actual.Order()))
                {
                    disagreements.Add($"{name}/{queryId}: ours=[{string.Join(",", actual)}] dcql=[{string.Join(",", expected)}]");
                }
            }

            if (ours.Succeeded && reference["credential_sets"] is JsonArray { Count: > 0 } sets)
            {
                // The wallet answers the first matching option of each set; dcql lists every matching option.
                var expectedSelection = sets.SelectMany(s => s!["matching_options"] is JsonArray options ? options[0]!.AsArray().Select(id => id!.GetValue<string>()) : [])
                    .Distinct(StringComparer.Ordinal).ToList();
                if (!expectedSelection.SequenceEqual(ours.SelectedQueryIds))
                {
                    disagreements.Add($"{name}: selected ours=[{string.Join(",", ours.SelectedQueryIds)}] dcql first options=[{string.Join(",", expectedSelection)}]");
                }
            }
        }

        Assert.That(disagreements, Is.Empty);
        Assert.That(satisfiedCount, Is.GreaterThan(10).And.LessThan(queries.Count - 10), "the corpus has both satisfiable and unsatisfiable queries");
    }

    private static async Task<string> IssueAsync(TestIssuer issuer, WalletKey holder, JsonNode spec)
    {
        var format = spec["format"]!.GetValue<string>();
        if (format == "dc+sd-jwt")
        {
            var claims = spec["claims"]!.AsObject();
            var token = await new SdJwtVcIssuer(issuer.Signer, timeProvider: new Microsoft.Extensions.Time.Testing.FakeTimeProvider(TestIssuer.Now))
                .IssueAsync(new SdJwtVcIssuanceRequest
                {
                    Issuer = issuer.Did,
                    Vct = spec["vct"]!.GetValue<string>(),
                    Claims = (JsonObject)claims.DeepClone(),
                    Disclosable = DisclosablePointers(claims),
                    HolderPublicKey = spec["holderBinding"]!.GetValue<bool>() ? holder.PublicKey : null,
                    ExpiresAt = TestIssuer.Now.AddYears(1),
                });
            return token.ToCompact();
        }

        var subject = (JsonObject)spec["subject"]!.DeepClone();
        subject.Insert(0, "id", holder.DidKey);
        var credential = new JsonObject
        {
            ["@context"] = new JsonArray("https://www.w3.org/ns/credentials/v2"),
            ["type"] = spec["types"]!.DeepClone(),
            ["issuer"] = issuer.Did,
            ["validFrom"] = "2026-01-01T00:00:00Z",
            ["validUntil"] = "2027-12-31T00:00:00Z",
            ["credentialSubject"] = subject,
        };
        return format == "jwt_vc_json" ? await issuer.IssueJoseAsync(credential) : await issuer.IssueDataIntegrityAsync(credential);
    }

    /// <summary>Every claim, nested member and array element is selectively disclosable, as a careful issuer does.</summary>
    private static string[] DisclosablePointers(JsonObject claims)
    {
        var pointers = new List<string>();
        void Walk(JsonNode? node, string pointer)
        {
            switch (node)
            {
                case JsonObject obj:
                    foreach (var (name, child) in obj)
                    {
                        pointers.Add(pointer + "/" + name);
                        Walk(child, pointer + "/" + name);
                    }

                    break;
                case JsonArray array:
                    for (var i = 0; i < array.Count; i++)
                    {
                        pointers.Add(pointer + "/" + i.ToString(System.Globalization.CultureInfo.InvariantCulture));
                        Walk(array[i], pointer + "/" + i.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    }

                    break;
            }
        }

        Walk(claims, string.Empty);
        return [.. pointers];
    }
}
