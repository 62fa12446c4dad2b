using System.Text.RegularExpressions;
using DidSdk.Core.Dids;
using DidSdk.Core.Methods;
using DidSdk.Core.Resolution;
using DidSdk.Crypto;

namespace DidSdk.Core.Tests.Dids;

/// <summary>The README's code runs here; a second test keeps the README text and this code identical.</summary>
public partial class ReadmeExampleTests
{
    [Test]
    public async Task ResolutionExample_Runs()
    {
        PublicKeyMaterial? verified = null;
        // README:begin
        using var http = new HttpClient(); // in an application: IHttpClientFactory
        var resolver = new CachingDidResolver(
            new CompositeDidResolver(new DidKeyResolver(), new DidJwkResolver(), new DidWebResolver(http)));

        using var key = PrivateKey.Generate(KeyType.Ed25519);
        var did = DidKey.Create(key.PublicKey);

        DidResolutionResult result = await resolver.ResolveAsync(did);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(result.DidResolutionMetadata.Error); // e.g. "invalidDid", "notFound"
        }

        var kid = DidKey.GetVerificationMethodId(key.PublicKey);
        if (result.DidDocument!.TryGetAuthorizedVerificationMethod(kid, VerificationRelationship.AssertionMethod, out var method, out var problem)
            && method.TryGetPublicKey(out var publicKey, out problem))
        {
            // Verify a signature with publicKey.
            verified = publicKey;
        }

        var dereferenced = await new DidUrlDereferencer(resolver).DereferenceAsync(kid);
        Console.WriteLine(dereferenced.ContentToJson()); // the verification method
        // README:end
        Assert.That(verified, Is.EqualTo(key.PublicKey));
        Assert.That(dereferenced.VerificationMethod!.Id, Is.EqualTo(kid));
    }

    [Test]
    public void Readme_CodeBlock_MatchesTest()
    {
        var root = SpecVectors.DidVectorFiles.RepoRoot;
        var readme = File.ReadAllText(Path.Combine(root, "src", "DidSdk.Core", "README.md"));
        var block = CodeBlock().Match(readme).Groups[1].Value;
        var test = File.ReadAllText(Path.Combine(root, "tests", "DidSdk.Core.Tests", "Dids", "ReadmeExampleTests.cs"));
        var region = test[(test.IndexOf("// README:begin", StringComparison.Ordinal) + "// README:begin".Length)..test.IndexOf("// README:end", StringComparison.Ordinal)];
        var code = string.Join('\n', region.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && l != "verified = publicKey;"));
        var doc = string.Join('\n', block.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && (!l.StartsWith("using ", StringComparison.Ordinal) || l.StartsWith("using var ", StringComparison.Ordinal))));
        Assert.That(code, Is.EqualTo(doc));
    }

    [GeneratedRegex("```csharp\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex CodeBlock();
}
