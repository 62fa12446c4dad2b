using System.Text.Json.Nodes;
using DidSdk.Core;

namespace DidSdk.JsonLd.Tests.SpecVectors;

/// <summary>Serves the JSON-LD test suite's URLs (https://w3c.github.io/json-ld-api/tests/...) from spec-vectors/json-ld-api.</summary>
internal sealed class SuiteDocumentLoader(string root) : IJsonLdDocumentLoader
{
    public const string BaseIri = "https://w3c.github.io/json-ld-api/tests/";

    public Task<JsonLdDocumentLoadResult> LoadDocumentAsync(string url, CancellationToken cancellationToken = default)
    {
        if (url.StartsWith(BaseIri, StringComparison.Ordinal))
        {
            var path = Path.Combine(root, url[BaseIri.Length..]);
            if (File.Exists(path))
            {
                return Task.FromResult(JsonLdDocumentLoadResult.Success(JsonNode.Parse(File.ReadAllText(path))!, url));
            }
        }

        return Task.FromResult(JsonLdDocumentLoadResult.Failure(new Problem(JsonLdProblemCodes.ContextNotAvailable, "not in the suite")));
    }
}
