using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using DidSdk.Core.Jose;
using DidSdk.Core.Methods;
using DidSdk.Core.Resolution;
using DidSdk.Crypto;
using DidSdk.Testing;

namespace DidSdk.Credentials.Tests;

/// <summary>The package README's code, verbatim: it must compile (this file) and run (the first test); the second test keeps the two identical.</summary>
public sealed partial class ReadmeTests
{
    [Test]
    public async Task ReadmeExample_Runs()
    {
        // README:begin
        var timeProvider = TimeProvider.System;
        using var issuerKey = PrivateKey.Generate(KeyType.Ed25519);          // Bank A's key; did:key here, did:ethr or did:web in production
        var issuerDid = DidKey.Create(issuerKey.PublicKey);
        var signer = new KeySigner(issuerKey, DidKey.GetVerificationMethodId(issuerKey.PublicKey)); // kid = issuer DID URL
        var credential = new JsonObject
        {
            ["@context"] = new JsonArray("https://www.w3.org/ns/credentials/v2"),
            ["type"] = new JsonArray("VerifiableCredential", "KycCredential"),
            ["issuer"] = issuerDid,
            ["validFrom"] = timeProvider.GetUtcNow().AddMinutes(-1).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            ["credentialSubject"] = new JsonObject { ["id"] = "did:example:customer", ["kyc_level"] = "enhanced" },
        };

        string jose = await VcJwt.IssueJoseAsync(credential, signer);     // typ vc+jwt, cty vc, payload = the credential
        string jwt11 = await VcJwt.IssueJwt11Async(credential, signer);   // iss, sub, nbf, exp, jti, vc claim
        byte[] cose = await VcCose.IssueAsync(credential, signer);         // tagged COSE_Sign1: alg, cty application/vc, kid, typ application/vc+cose
        JsonObject di = await DataIntegrity.AddProofAsync(credential, signer, new DataIntegrityProofOptions
        {
            VerificationMethod = signer.KeyId!,   // proofPurpose defaults to assertionMethod
            Created = timeProvider.GetUtcNow(),
        });                                        // call again (with PreviousProof) for proof sets and chains

        var statusList = new BitstringStatusListIssuer(new Uri("https://bank-a.example/status/1"), "revocation");
        var entry = statusList.AllocateEntry();                        // random index, never reused
        var revocable = credential.DeepClone().AsObject();
        revocable["credentialStatus"] = entry;
        int index = int.Parse(entry["statusListIndex"]!.GetValue<string>(), CultureInfo.InvariantCulture);
        statusList.List.Set(index, 1);                                 // revoke; Set(index, 0) clears (suspension lists)
        var listCredential = statusList.ListCredential(issuerDid, timeProvider.GetUtcNow()); // sign it like any VC, publish
        string signedList = await VcJwt.IssueJoseAsync(listCredential, signer);

        using var httpClient = new HttpClient();
        var cachingResolver = new CachingDidResolver(new CompositeDidResolver(new DidKeyResolver())); // + did:web, did:ethr ...
        var verifier = new CredentialVerifier(
            cachingResolver,
            new CredentialVerifierOptions { ClockSkew = TimeSpan.FromSeconds(30) },     // settings only: bindable from configuration
            timeProvider,
            trustPolicy: new TrustedIssuersPolicy([issuerDid]),                          // or a consortium registry (ITrustPolicy)
            statusListFetcher: new HttpStatusListCredentialFetcher(httpClient, timeProvider)); // cached, size-limited, https only

        var result = await verifier.VerifyAsync(jose);                 // VC-JOSE, VC-COSE (base64), VC-JWT 1.1, Data Integrity, handlers
        if (result.Succeeded)
        {
            Console.WriteLine($"{result.Format} from {result.Issuer}: {result.Credential.Credential["credentialSubject"]}");
        }
        else
        {
            foreach (var problem in result.Problems)
            {
                Console.WriteLine($"{problem.Code}: {problem.Message} (cause: {problem.Cause?.Code})");
            }
        }

        var presentations = new PresentationVerifier(verifier);      // same services and settings for the credentials inside
        // README:end

        Assert.That(result.Problems, Is.Empty);
        Assert.That((await verifier.VerifyAsync(jwt11)).Succeeded, Is.True);
        Assert.That((await verifier.VerifyCoseAsync(cose)).Succeeded, Is.True);
        Assert.That((await verifier.VerifyAsync(di.ToJsonString())).Succeeded, Is.True);
        Assert.That((await verifier.VerifyAsync(signedList)).Succeeded, Is.True);
        Assert.That(BitstringStatusListIssuer.TryLoad(listCredential, out var loaded, out _) && loaded.List.Get(index) == 1, Is.True);
        Assert.That(revocable["credentialStatus"], Is.Not.Null);
        Assert.That(presentations, Is.Not.Null);
    }

    [Test]
    public void Readme_CodeBlocks_AreThisFileVerbatim()
    {
        var readme = File.ReadAllText(Path.Combine(RepoPaths.Root, "src", "DidSdk.Credentials", "README.md")).ReplaceLineEndings("\n");
        var source = File.ReadAllText(Path.Combine(RepoPaths.Root, "tests", "DidSdk.Credentials.Tests", "ReadmeTests.cs")).ReplaceLineEndings("\n");
        var sourceLines = source.Split('\n');
        var body = new List<string>();
        foreach (Match block in CodeBlock().Matches(readme))
        {
            var lines = block.Groups[1].Value.TrimEnd('\n').Split('\n');
            // This file's namespace (DidSdk.Credentials.Tests) already brings DidSdk.Credentials into scope, so that using
            // would be an unused directive (IDE0005) here.
            foreach (var line in lines.Where(l => UsingDirective().IsMatch(l) && l != "using DidSdk.Credentials;"))
            {
                Assert.That(sourceLines, Does.Contain(line), "a using line of the README is missing here");
            }

            body.Add(string.Join('\n', lines.Where(l => !UsingDirective().IsMatch(l)).SkipWhile(l => l.Length == 0)));
        }

        var start = source.IndexOf("// README:begin\n", StringComparison.Ordinal) + "// README:begin\n".Length;
        var end = source.IndexOf("\n        // README:end\n", StringComparison.Ordinal) + 1;
        var here = string.Join('\n', source[start..end].TrimEnd('\n').Split('\n').Select(l => l.Length >= 8 ? l[8..] : l.TrimStart()));
        Assert.That(here, Is.EqualTo(string.Join("\n\n", body)));
    }

    [Test]
    public void Readme_CodeTable_ListsExactlyTheCodesThatExist()
    {
        var readme = File.ReadAllText(Path.Combine(RepoPaths.Root, "src", "DidSdk.Credentials", "README.md"));
        var documented = CodeRow().Matches(readme).Select(m => ("DIDSDK" + m.Groups[1].Value, m.Groups[2].Value)).ToList();
        var existing = typeof(CredentialProblemCodes).GetFields().Where(f => f.IsLiteral).Select(f => ((string)f.GetRawConstantValue()!, f.Name)).ToList();

        Assert.That(documented, Is.EquivalentTo(existing));
        Assert.That(existing.Select(e => e.Item1), Is.Unique);
    }

    [GeneratedRegex(@"^\| (3\d{3}) \| `(\w+)` \|", RegexOptions.Multiline)]
    private static partial Regex CodeRow();

    [GeneratedRegex("```csharp[^\n]*\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex CodeBlock();

    [GeneratedRegex("^using [A-Za-z.]+;$")]
    private static partial Regex UsingDirective();
}
