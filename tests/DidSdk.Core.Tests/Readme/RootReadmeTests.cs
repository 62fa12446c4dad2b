using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using DidSdk.Core.Dids;
using DidSdk.Core.Jose;
using DidSdk.Core.Methods;
using DidSdk.Core.Resolution;
using DidSdk.Crypto;

namespace DidSdk.Core.Tests.Readme;

/// <summary>The top-level README's quick start runs here; a second test keeps the README text and this code identical.</summary>
public partial class RootReadmeTests
{
    [Test]
    public async Task QuickStart_Runs()
    {
        // README:begin
        // Issuer: a key, its did:key, and a signed JWS naming the verification method in "kid".
        using var key = PrivateKey.Generate(KeyType.Ed25519);
        var did = DidKey.Create(key.PublicKey);
        var signer = new KeySigner(key, DidKey.GetVerificationMethodId(key.PublicKey));
        var token = await Jws.SignCompactAsync(new JsonObject { ["typ"] = "JWT" }, """{"sub":"customer-42","age_over_18":true}"""u8.ToArray(), signer);

        // Verifier: read the token (structure, header, algorithm allow-list), then resolve the key it names, which must be
        // an assertionMethod of the issuer's DID. Every step returns a result with a problem code; a bad token never throws.
        var read = Jws.ReadCompact(token);
        if (!read.Succeeded)
        {
            Console.WriteLine($"rejected: {read.Problem.Code}");
            return;
        }

        var resolver = new CachingDidResolver(new CompositeDidResolver(new DidKeyResolver()));
        var authorized = await new VerificationMethodAuthorizer(resolver).AuthorizeAsync(did, read.Token.KeyId ?? "", VerificationRelationship.AssertionMethod);
        if (authorized.Succeeded && authorized.PublicKey is { } issuerKey && Jws.VerifySignature(read.Token, issuerKey))
        {
            Console.WriteLine(System.Text.Encoding.UTF8.GetString(read.Token.Payload.Span));
        }
        // README:end
        Assert.That(read.Succeeded, Is.True);
        Assert.That(authorized.Succeeded, Is.True);
        Assert.That(authorized.PublicKey, Is.EqualTo(key.PublicKey));
        Assert.That(Jws.VerifySignature(read.Token, authorized.PublicKey!), Is.True);
    }

    [Test]
    public void Readme_QuickStartBlock_MatchesTest()
    {
        var root = SpecVectors.DidVectorFiles.RepoRoot;
        var readme = File.ReadAllText(Path.Combine(root, "README.md"));
        var block = string.Join('\n', CodeBlock().Match(readme).Groups[1].Value.Split('\n').Where(l => !l.StartsWith("using ", StringComparison.Ordinal) || l.StartsWith("using var", StringComparison.Ordinal)));
        var test = File.ReadAllText(Path.Combine(root, "tests", "DidSdk.Core.Tests", "Readme", "RootReadmeTests.cs"));
        var region = test[(test.IndexOf("// README:begin", StringComparison.Ordinal) + "// README:begin".Length)..test.IndexOf("// README:end", StringComparison.Ordinal)];
        Assert.That(Normalize(region), Is.EqualTo(Normalize(block)));
    }

    [Test]
    public void Readme_PackageTable_NamesEveryPackageUnderSrc()
    {
        var root = SpecVectors.DidVectorFiles.RepoRoot;
        var readme = File.ReadAllText(Path.Combine(root, "README.md"));
        var listed = PackageRow().Matches(readme).Select(m => m.Groups[1].Value).ToList();
        var packages = Directory.GetDirectories(Path.Combine(root, "src"))
            .Where(d => Directory.GetFiles(d, "*.csproj").Length > 0)
            .Select(Path.GetFileName)
            .ToList();
        Assert.That(listed, Is.EquivalentTo(packages), "the root README's package table lists exactly the packages under src/");
        foreach (var package in packages)
        {
            Assert.That(File.Exists(Path.Combine(root, "src", package!, "README.md")), Is.True, $"{package} has a README.md");
        }
    }

    [GeneratedRegex(@"^\| `(DidSdk\.[A-Za-z0-9.]+)` \|", RegexOptions.Multiline)]
    private static partial Regex PackageRow();

    private static string Normalize(string code) => string.Join('\n', code.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0));

    [GeneratedRegex("```csharp\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex CodeBlock();
}
