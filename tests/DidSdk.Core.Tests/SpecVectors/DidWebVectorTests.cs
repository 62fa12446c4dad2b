using System.Text.Json.Nodes;
using DidSdk.Core.Dids;
using DidSdk.Core.Methods;

namespace DidSdk.Core.Tests.SpecVectors;

[Category("SpecVector")]
public class DidWebVectorTests
{
    private static IEnumerable<TestCaseData> Mappings() =>
        DidVectorFiles.Load("did-web-spec.json")["didToUrl"]!.AsArray()
            .Select((m, i) => new TestCaseData(m!["did"]!.GetValue<string>(), m["url"]!.GetValue<string>()).SetName($"DidWebSpec_Url_{i + 1}"));

    [TestCaseSource(nameof(Mappings))]
    public void TryGetDocumentUrl_SpecExample_SameUrl(string did, string url)
    {
        Assert.That(DidWeb.TryGetDocumentUrl(did, out var mapped, out var message), Is.True, message);
        Assert.That(mapped!.AbsoluteUri, Is.EqualTo(url));
    }

    private static IEnumerable<TestCaseData> Documents() =>
        DidVectorFiles.Load("did-web-spec.json")["documents"]!.AsArray()
            .Select((d, i) => new TestCaseData(d!["didDocument"]!.ToJsonString()).SetName($"DidWebSpec_Document_{i + 1}"));

    [TestCaseSource(nameof(Documents))]
    public void Consume_SpecDocument_ConformsAndKeysDecode(string json)
    {
        Assert.That(DidDocument.TryParse(json, DidRepresentation.JsonLd, out var doc, out var problem), Is.True, problem?.ToString());
        foreach (var method in doc!.VerificationMethod)
        {
            if (method.IsRecoveryMethod)
            {
                Assert.That(method.BlockchainAccountId, Does.StartWith("eip155:1:"));
                continue;
            }

            Assert.That(method.TryGetPublicKey(out _, out problem), Is.True, $"{method.Id}: {problem}");
        }

        Assert.That(JsonNode.DeepEquals(JsonNode.Parse(doc.ToJson(DidRepresentation.JsonLd)), JsonNode.Parse(json)), Is.True);
    }
}
