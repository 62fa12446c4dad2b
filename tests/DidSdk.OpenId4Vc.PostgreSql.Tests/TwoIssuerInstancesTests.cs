using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using DidSdk.Core.Jose;
using DidSdk.Core.Methods;
using DidSdk.Crypto;
using Npgsql;

namespace DidSdk.OpenId4Vc.PostgreSql.Tests;

/// <summary>
/// Two issuer instances (separate <see cref="OpenId4VciIssuer"/> objects, separate stores and connection pools) on one
/// PostgreSQL database, as behind a load balancer: both try to redeem every pre-authorized code at the same moment, and
/// the nonce and credential requests of one wallet go to different instances.
/// </summary>
[Category("Integration")]
public sealed class TwoIssuerInstancesTests
{
    private const string IssuerUrl = "https://bank.example/oid4vci";
    private const string StatusListUri = "https://bank.example/status/1";
    private const string ConfigurationId = "KycSdJwt";
    private const int Offers = 2_500;
    private const int CredentialsPerRequest = 4;

    [Test]
    public async Task RedeemAndIssue_TwoInstancesConcurrently_NoCodeRedeemedTwiceNoIndexTwice()
    {
        var connectionString = await PostgreSqlFixture.NewDatabaseAsync();
        await using var poolA = NpgsqlDataSource.Create(connectionString);
        await using var poolB = NpgsqlDataSource.Create(connectionString);
        using var issuerKey = PrivateKey.Generate(KeyType.Ed25519);
        var holderKeys = Enumerable.Range(0, CredentialsPerRequest).Select(_ => PrivateKey.Generate(KeyType.Ed25519)).ToArray();
        try
        {
            var signer = new KeySigner(issuerKey, DidKey.GetVerificationMethodId(issuerKey.PublicKey));
            var instances = new[]
            {
                new OpenId4VciIssuer(Options(issuerKey), new PostgreSqlOpenId4VcStateStore(poolA), new Claims(), signer),
                new OpenId4VciIssuer(Options(issuerKey), new PostgreSqlOpenId4VcStateStore(poolB), new Claims(), signer),
            };
            using var http = new HttpClient();
            var wallet = new OpenId4VciWalletClient(http);
            var bindings = holderKeys.Select(k => new HolderBindingKey(new KeySigner(k), k.PublicKey)).ToArray();

            var redemptions = 0;
            var indexes = new ConcurrentBag<long>();
            var watch = Stopwatch.StartNew();
            await Parallel.ForEachAsync(Enumerable.Range(0, Offers), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, cancellationToken) =>
            {
                var offer = await instances[i % 2].CreateOfferAsync(new CredentialOfferRequest { Subject = "customer-" + i, CredentialConfigurationIds = [ConfigurationId] }, cancellationToken);
                var form = new Dictionary<string, string>
                {
                    ["grant_type"] = AuthorizationServerMetadata.PreAuthorizedCodeGrantType,
                    ["pre-authorized_code"] = offer.Offer.PreAuthorizedCode!,
                    ["tx_code"] = offer.TxCode!,
                };

                // The same code at both instances at once: exactly one access token.
                var tokens = await Task.WhenAll(
                    Task.Run(() => instances[0].HandleTokenRequestAsync(form, cancellationToken), cancellationToken),
                    Task.Run(() => instances[1].HandleTokenRequestAsync(form, cancellationToken), cancellationToken));
                var won = tokens.Where(t => t.Succeeded).ToArray();
                Interlocked.Add(ref redemptions, won.Length);
                Assert.That(tokens.Where(t => !t.Succeeded).Select(t => t.Error), Is.All.EqualTo(OpenId4VciErrorCodes.InvalidGrant));
                if (won.Length != 1)
                {
                    return;
                }

                var accessToken = won[0].Body["access_token"]!.GetValue<string>();
                var nonce = (await instances[(i + 1) % 2].CreateNonceAsync(cancellationToken)).Body["c_nonce"]!.GetValue<string>();
                var proofs = new JsonArray();
                foreach (var binding in bindings)
                {
                    proofs.Add((JsonNode)await wallet.CreateProofAsync(binding, IssuerUrl, nonce, cancellationToken));
                }

                var body = Encoding.UTF8.GetBytes(new JsonObject { ["credential_configuration_id"] = ConfigurationId, ["proofs"] = new JsonObject { ["jwt"] = proofs } }.ToJsonString());
                var response = await instances[i % 2].HandleCredentialRequestAsync("Bearer " + accessToken, body, cancellationToken);
                Assert.That(response.Succeeded, Is.True, response.Body.ToJsonString());
                foreach (var credential in response.Body["credentials"]!.AsArray())
                {
                    indexes.Add(StatusIndex(credential!["credential"]!.GetValue<string>()));
                }
            });
            watch.Stop();

            TestContext.Out.WriteLine(
                $"{Offers} codes (each raced by both instances), {indexes.Count} credentials in {watch.Elapsed.TotalSeconds:F1} s ({indexes.Count / watch.Elapsed.TotalSeconds:F0} credentials/s)");
            Assert.That(redemptions, Is.EqualTo(Offers), "every code redeemed exactly once");
            Assert.That(indexes, Has.Count.EqualTo(Offers * CredentialsPerRequest));
            Assert.That(indexes, Is.Unique, "no status-list index handed out twice");
            Assert.That(indexes.Order(), Is.EqualTo(Enumerable.Range(0, Offers * CredentialsPerRequest).Select(i => (long)i)), "no gaps either");
        }
        finally
        {
            foreach (var key in holderKeys)
            {
                key.Dispose();
            }
        }
    }

    [Test]
    public async Task TxCode_WrongGuessesSpreadOverBothInstances_CodeDestroyedAfterTheLimit()
    {
        var connectionString = await PostgreSqlFixture.NewDatabaseAsync();
        await using var poolA = NpgsqlDataSource.Create(connectionString);
        await using var poolB = NpgsqlDataSource.Create(connectionString);
        using var issuerKey = PrivateKey.Generate(KeyType.Ed25519);
        var signer = new KeySigner(issuerKey, DidKey.GetVerificationMethodId(issuerKey.PublicKey));
        var options = Options(issuerKey);
        options.MaxTxCodeAttempts = 3;
        var instances = new[]
        {
            new OpenId4VciIssuer(options, new PostgreSqlOpenId4VcStateStore(poolA), new Claims(), signer),
            new OpenId4VciIssuer(options, new PostgreSqlOpenId4VcStateStore(poolB), new Claims(), signer),
        };
        var offer = await instances[0].CreateOfferAsync(new CredentialOfferRequest { Subject = "customer-1", CredentialConfigurationIds = [ConfigurationId] });
        var wrong = offer.TxCode == "000000" ? "111111" : "000000";
        Dictionary<string, string> Form(string txCode) => new()
        {
            ["grant_type"] = AuthorizationServerMetadata.PreAuthorizedCodeGrantType,
            ["pre-authorized_code"] = offer.Offer.PreAuthorizedCode!,
            ["tx_code"] = txCode,
        };

        // Twelve wrong guesses at once, alternating instances: the shared counter stops them at three.
        var guesses = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => Task.Run(() => instances[i % 2].HandleTokenRequestAsync(Form(wrong)))));
        Assert.That(guesses.Select(g => g.Error), Is.All.EqualTo(OpenId4VciErrorCodes.InvalidGrant));

        // The right code now finds nothing at either instance: nothing issued.
        Assert.That((await instances[1].HandleTokenRequestAsync(Form(offer.TxCode!))).Error, Is.EqualTo(OpenId4VciErrorCodes.InvalidGrant));
        Assert.That((await instances[0].HandleTokenRequestAsync(Form(offer.TxCode!))).Error, Is.EqualTo(OpenId4VciErrorCodes.InvalidGrant));
        Assert.That(await new PostgreSqlOpenId4VcStateStore(poolA).AllocateIndexAsync(StatusListUri), Is.Zero);
    }

    private static OpenId4VciIssuerOptions Options(PrivateKey issuerKey) => new()
    {
        CredentialIssuer = IssuerUrl,
        IssuerDid = DidKey.Create(issuerKey.PublicKey),
        BatchSize = CredentialsPerRequest,
        StatusListUri = StatusListUri,
        CredentialConfigurations =
        [
            new CredentialConfiguration
            {
                Id = ConfigurationId,
                Format = CredentialConfiguration.SdJwtVcFormat,
                Vct = "https://kyc.consortium.example/credentials/kyc/v1",
                DisclosableClaims = ["/given_name", "/family_name"],
            },
        ],
    };

    private static long StatusIndex(string sdJwt)
    {
        var payload = sdJwt.Split('~')[0].Split('.')[1];
        var claims = JsonNode.Parse(Base64Url.DecodeFromChars(payload))!;
        return claims["status"]!["status_list"]!["idx"]!.GetValue<long>();
    }

    private sealed class Claims : ICredentialClaimsProvider
    {
        public Task<CredentialClaims?> GetClaimsAsync(CredentialClaimsRequest request, CancellationToken cancellationToken = default) =>
            Task.FromResult<CredentialClaims?>(new CredentialClaims(new JsonObject { ["given_name"] = "Ji-woo", ["family_name"] = "Kim", ["customer"] = request.Subject }));
    }
}
