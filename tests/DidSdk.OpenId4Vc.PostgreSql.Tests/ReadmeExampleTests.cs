using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using DidSdk.Core.Jose;
using DidSdk.Core.Methods;
using DidSdk.Crypto;
using DidSdk.Testing;
using MyBank.Issuance;
using Npgsql;

namespace DidSdk.OpenId4Vc.PostgreSql.Tests;

[Category("Integration")]
public sealed partial class ReadmeExampleTests
{
    [Test]
    public async Task ReadmeExample_RunsOnPostgreSql()
    {
        await using var dataSource = NpgsqlDataSource.Create(await PostgreSqlFixture.NewDatabaseAsync());
        using var key = PrivateKey.Generate(KeyType.Ed25519);
        var options = new OpenId4VciIssuerOptions
        {
            CredentialIssuer = "https://bank.example/oid4vci",
            IssuerDid = DidKey.Create(key.PublicKey),
            CredentialConfigurations = [new CredentialConfiguration { Id = "Kyc", Format = CredentialConfiguration.SdJwtVcFormat, Vct = "https://bank.example/kyc" }],
        };
        var issuer = await ReadmeExample.CreateIssuerAsync(dataSource, options, new NoClaims(), new KeySigner(key, DidKey.GetVerificationMethodId(key.PublicKey)));
        var offer = await issuer.CreateOfferAsync(new CredentialOfferRequest { Subject = "customer-42", CredentialConfigurationIds = ["Kyc"] });
        Assert.That((await issuer.GetOfferAsync(offer.OfferId)).Succeeded, Is.True);

        var store = new PostgreSqlOpenId4VcStateStore(dataSource);
        await store.TryAddAsync(new StateEntry("n", "expired", "{}", TimeProvider.System.GetUtcNow().AddSeconds(-1), 0), TimeProvider.System.GetUtcNow().AddMinutes(-1));
        Assert.That(await ReadmeExample.RemoveExpiredAsync(store), Is.EqualTo(1));
    }

    [Test]
    public void ReadmeExample_IsTheCodeThisTestRuns()
    {
        var readme = File.ReadAllText(Path.Combine(RepoPaths.Root, "src", "DidSdk.OpenId4Vc.PostgreSql", "README.md")).ReplaceLineEndings("\n");
        var blocks = CodeBlock().Matches(readme);
        Assert.That(blocks, Has.Count.EqualTo(1), "README has one csharp block");
        var example = File.ReadAllText(Path.Combine(Path.GetDirectoryName(SourcePath())!, "ReadmeExample.cs")).ReplaceLineEndings("\n");
        Assert.That(blocks[0].Groups[1].Value, Is.EqualTo(example));
    }

    private static string SourcePath([CallerFilePath] string path = "") => path;

    [GeneratedRegex("```csharp[^\\n]*\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex CodeBlock();

    private sealed class NoClaims : ICredentialClaimsProvider
    {
        public Task<CredentialClaims?> GetClaimsAsync(CredentialClaimsRequest request, CancellationToken cancellationToken = default) =>
            Task.FromResult<CredentialClaims?>(new CredentialClaims(new JsonObject()));
    }
}
