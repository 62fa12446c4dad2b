using System.Security.Cryptography;
using System.Text.Json.Nodes;
using BankVerifier;
using DidSdk.Consortium;
using DidSdk.Core.Jose;
using DidSdk.Core.Methods;
using DidSdk.Core.Resolution;
using DidSdk.Crypto;
using DidSdk.Ethereum.Rpc;
using DidSdk.Ethereum.Transactions;
using DidSdk.OpenId4Vc;
using DidSdk.SdJwt;
using DidSdk.Testing;
using KycQuickStart;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace DidSdk.Samples.Tests;

/// <summary>
/// samples/BankVerifier with its sessions in a real PostgreSQL server, and trusting issuers from a consortium registry
/// deployed on a real anvil chain: the back office creates a request, a DidSdk wallet answers over HTTP on loopback
/// (Kestrel bound to port 0), and the back office reads what was verified or why it was refused.
/// </summary>
[Category("Integration")]
public sealed class BankVerifierStoreAndTrustTests
{
    private static readonly HttpClient Http = new();

    private string _directory = "";
    private AnvilNode _chain = null!;
    private EthereumAddress _registry = null!;
    private PrivateKey _accreditedKey = null!;

    [OneTimeSetUp]
    public async Task StartChain()
    {
        // A consortium of one bank (threshold 1) accredits one issuer's did:key for the KYC credential type (the vct).
        _chain = await AnvilNode.StartAsync();
        using var memberKey = PrivateKey.Import(KeyType.Secp256k1, _chain.Accounts[0].PrivateKey);
        var rpc = new EthereumRpcClient(Http, new EthereumRpcOptions { Endpoint = _chain.RpcUrl });
        var sender = new TransactionSender(rpc, new KeyTransactionSigner(memberKey), new TransactionSenderOptions { PollInterval = TimeSpan.FromMilliseconds(20) });
        var member = new ConsortiumMember(sender.Address, $"did:ethr:0x7a69:{sender.Address.ToLowerHexString()}", "Bank B");
        var deployment = await ConsortiumTrustRegistry.DeployAsync(sender, [member], 1, TimeSpan.FromDays(7));
        var registry = new ConsortiumTrustRegistry(rpc, deployment.Contract);
        _accreditedKey = PrivateKey.Generate(KeyType.Ed25519);
        var proposal = await registry.ProposeAccreditAsync(sender, DidKey.Create(_accreditedKey.PublicKey), TellerPage.KycVct);
        await registry.ExecuteAsync(sender, proposal.ProposalId);
        Assert.That(await registry.IsAccreditedAsync(DidKey.Create(_accreditedKey.PublicKey), TellerPage.KycVct), Is.True);
        _registry = deployment.Contract;
    }

    [OneTimeTearDown]
    public async Task StopChain()
    {
        _accreditedKey?.Dispose();
        if (_chain is not null)
        {
            await _chain.DisposeAsync();
        }
    }

    [SetUp]
    public void SetUp() => _directory = Directory.CreateTempSubdirectory("didsdk-bank-verifier-").FullName;

    [TearDown]
    public void TearDown()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Test]
    public async Task PostgresStore_RequestAndResponse_VerifiedAndSessionInTheDatabase()
    {
        using var issuerKey = PrivateKey.Generate(KeyType.Ed25519);
        var connectionString = await BankSamplesPostgreSql.NewDatabaseAsync();
        await using var bank = await StartBankAsync(new() { ["store"] = "postgres:" + connectionString }, [DidKey.Create(issuerKey.PublicKey)]);
        await using var wallet = await CustomerAsync(issuerKey);

        var result = await RoundTripAsync(bank.Address, wallet);

        Assert.That(result["verified"]!.GetValue<bool>(), Is.True, result.ToJsonString());
        Assert.That(result["claims"]!.ToJsonString(), Does.Contain("\"nationality\":\"KR\""));
        await using var database = NpgsqlDataSource.Create(connectionString);
        await using var count = database.CreateCommand("SELECT count(*) FROM oid4vc_state");
        Assert.That((long)(await count.ExecuteScalarAsync())!, Is.GreaterThan(0), "the verifier's sessions are rows in PostgreSQL");
    }

    [Test]
    public async Task Consortium_AccreditedIssuer_Verified()
    {
        await using var bank = await StartBankAsync(Consortium(), []);
        await using var wallet = await CustomerAsync(_accreditedKey);

        var result = await RoundTripAsync(bank.Address, wallet);

        Assert.That(result["verified"]!.GetValue<bool>(), Is.True, result.ToJsonString());
        Assert.That(result["problems"]!.AsArray(), Is.Empty);
    }

    [Test]
    public async Task Consortium_IssuerNotAccredited_RejectedWithTrustProblem()
    {
        using var otherKey = PrivateKey.Generate(KeyType.Ed25519);
        await using var bank = await StartBankAsync(Consortium(), []);
        await using var wallet = await CustomerAsync(otherKey);

        var result = await RoundTripAsync(bank.Address, wallet);

        Assert.That(result["verified"]!.GetValue<bool>(), Is.False);
        Assert.That(result["claims"], Is.Null.Or.Property("Count").EqualTo(0), "nothing from a refused presentation counts as verified");
        Assert.That(result["problems"]!.ToJsonString(), Does.Contain(ConsortiumProblemCodes.NotAccredited), "the registry's reason reaches the back office");
    }

    [Test]
    public async Task ListAndConsortium_IssuerOnTheList_VerifiedWithoutAccreditation()
    {
        using var listedKey = PrivateKey.Generate(KeyType.Ed25519);
        await using var bank = await StartBankAsync(Consortium(), [DidKey.Create(listedKey.PublicKey)]);
        await using var wallet = await CustomerAsync(listedKey);

        var result = await RoundTripAsync(bank.Address, wallet);

        Assert.That(result["verified"]!.GetValue<bool>(), Is.True, result.ToJsonString());
    }

    private Dictionary<string, string?> Consortium() => new()
    {
        ["consortium"] = _registry.ToString(),
        ["rpc"] = _chain.RpcUrl.AbsoluteUri,
    };

    private async Task<LoopbackHost> StartBankAsync(Dictionary<string, string?> values, string[] trustedIssuers)
    {
        BankVerifierSettings? settings = null;
        values.TryAdd("store", "sqlite:" + Path.Combine(_directory, "verifier.db"));
        return await LoopbackHost.StartAsync(
            (builder, address) =>
            {
                values["urls"] = address;
                settings = BankVerifierSettings.From(new ConfigurationBuilder().AddInMemoryCollection(values).Build(), trustedIssuers);
                builder.AddBankVerifier(settings);
            },
            app => app.MapBankVerifier(settings!),
            CancellationToken.None);
    }

    /// <summary>A customer's wallet holding a KYC credential that <paramref name="issuerKey"/>'s did:key issued just now.</summary>
    private async Task<Wallet.Wallet> CustomerAsync(PrivateKey issuerKey)
    {
        var wallet = await Wallet.Wallet.CreateAsync(Path.Combine(_directory, $"customer-{Guid.NewGuid():N}.wallet"), Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)));
        var holder = await wallet.GenerateKeyAsync(KeyType.Ed25519);
        var kyc = new JsonObject { ["given_name"] = "Ji-woo", ["nationality"] = "KR", ["kyc_level"] = "enhanced", ["age_over_18"] = true };
        var issuer = DidKey.Create(issuerKey.PublicKey);
        var credential = await new SdJwtVcIssuer(new KeySigner(issuerKey, DidKey.GetVerificationMethodId(issuerKey.PublicKey))).IssueAsync(new SdJwtVcIssuanceRequest
        {
            Issuer = issuer,
            Vct = TellerPage.KycVct,
            Claims = kyc,
            Disclosable = [.. kyc.Select(c => "/" + c.Key)],
            HolderPublicKey = holder.PublicKey,
            ExpiresAt = DateTimeOffset.UtcNow.AddDays(30),
        });
        var imported = await wallet.ImportCredentialAsync(credential.ToCompact());
        Assert.That(imported.Succeeded, Is.True, () => string.Join("; ", imported.Problems));
        return wallet;
    }

    /// <summary>The back office asks for the KYC claims, the wallet answers, the back office reads the result.</summary>
    private static async Task<JsonNode> RoundTripAsync(Uri bank, Wallet.Wallet wallet)
    {
        using var created = await Http.PostAsync(new Uri(bank, "/admin/requests"), new StringContent(new JsonObject { ["dcql_query"] = TellerPage.KycQuery() }.ToJsonString(), System.Text.Encoding.UTF8, "application/json"));
        var body = JsonNode.Parse(await created.Content.ReadAsStringAsync())!;
        Assert.That((int)created.StatusCode, Is.EqualTo(201), body.ToJsonString());

        var client = new OpenId4VpWalletClient(Http, new CompositeDidResolver(new DidKeyResolver()), new OpenId4VpWalletClientOptions { AllowLoopbackHttp = true });
        var (request, problem) = await client.ResolveRequestAsync(body["wallet_uri"]!.GetValue<string>());
        Assert.That(request, Is.Not.Null, () => problem?.Code ?? "");
        await client.RespondAsync(request!, wallet, (consent, _) => ValueTask.FromResult(
            consent.Disclosures[TellerPage.QueryId].Claims.Select(c => c.Key).Intersect(TellerPage.Requested).Count() == TellerPage.Requested.Length));

        return JsonNode.Parse(await Http.GetStringAsync(new Uri(bank, "/admin/requests/" + body["id"]!.GetValue<string>())))!;
    }
}
