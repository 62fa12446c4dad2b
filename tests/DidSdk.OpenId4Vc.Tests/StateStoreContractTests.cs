namespace DidSdk.OpenId4Vc.Tests;

/// <summary>
/// The contract of <see cref="IOpenId4VcStateStore"/>, run against every implementation (SQLite here, PostgreSQL in
/// DidSdk.OpenId4Vc.PostgreSql.Tests, which compiles this file too). Each test gets an empty store; "another instance"
/// is a second store object with its own connections on the same database, as a second issuer process would have.
/// </summary>
public abstract class StateStoreContractTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 5, 9, 0, 0, TimeSpan.Zero);

    /// <summary>The store under test (empty at the start of each test).</summary>
    protected IOpenId4VcStateStore Store { get; private set; } = null!;

    /// <summary>Creates an empty database and a store on it.</summary>
    protected abstract Task<IOpenId4VcStateStore> CreateStoreAsync();

    /// <summary>A second store instance (own connections) on the database of <see cref="CreateStoreAsync"/>.</summary>
    protected abstract IOpenId4VcStateStore OpenAnotherInstance();

    /// <summary>Releases what <see cref="CreateStoreAsync"/> and <see cref="OpenAnotherInstance"/> opened.</summary>
    protected abstract Task DeleteStoreAsync();

    [SetUp]
    public async Task OpenStore() => Store = await CreateStoreAsync();

    [TearDown]
    public Task CloseStore() => DeleteStoreAsync();

    [Test]
    public async Task TryConsume_ConcurrentConsumers_ExactlyOneGetsTheRecord()
    {
        Assert.That(await Store.TryAddAsync(new StateEntry("code", "k", "{\"a\":1}", Now.AddMinutes(5), 0), Now), Is.True);
        var results = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(() => Store.TryConsumeAsync("code", "k", Now))));
        Assert.That(results.Count(r => r is not null), Is.EqualTo(1));
        Assert.That(results.Single(r => r is not null)!.Data, Is.EqualTo("{\"a\":1}"));
        Assert.That(await Store.GetAsync("code", "k", Now), Is.Null);
    }

    [Test]
    public async Task TryConsume_TwoInstancesRaceOnManyRecords_EachConsumedOnce()
    {
        var other = OpenAnotherInstance();
        for (var i = 0; i < 100; i++)
        {
            await Store.TryAddAsync(new StateEntry("code", "k" + i, "{}", Now.AddMinutes(5), 0), Now);
        }

        var results = await Task.WhenAll(Enumerable.Range(0, 100).SelectMany(i => new[]
        {
            Task.Run(() => Store.TryConsumeAsync("code", "k" + i, Now)),
            Task.Run(() => other.TryConsumeAsync("code", "k" + i, Now)),
        }));
        Assert.That(results.Where(r => r is not null).Select(r => r!.Key).ToArray(), Is.Unique.And.Length.EqualTo(100));
    }

    [Test]
    public async Task AllocateIndex_ConcurrentAllocations_NoIndexTwice()
    {
        var indexes = await Task.WhenAll(Enumerable.Range(0, 500).Select(_ => Task.Run(() => Store.AllocateIndexAsync("https://bank.example/status/1"))));
        Assert.That(indexes, Is.Unique);
        Assert.That(indexes.Order(), Is.EqualTo(Enumerable.Range(0, 500).Select(i => (long)i)));
        Assert.That(await Store.AllocateIndexAsync("https://bank.example/status/2"), Is.Zero);
    }

    [Test]
    public async Task AllocateIndex_TwoInstances_NoIndexTwiceAndNoGap()
    {
        var other = OpenAnotherInstance();
        var indexes = await Task.WhenAll(Enumerable.Range(0, 400).Select(i => Task.Run(() => (i % 2 == 0 ? Store : other).AllocateIndexAsync("list"))));
        Assert.That(indexes.Order(), Is.EqualTo(Enumerable.Range(0, 400).Select(i => (long)i)));
    }

    [Test]
    public async Task TryAdd_LiveDuplicate_RefusedButExpiredReplaced()
    {
        Assert.That(await Store.TryAddAsync(new StateEntry("n", "k", "1", Now.AddMinutes(1), 0), Now), Is.True);
        Assert.That(await Store.TryAddAsync(new StateEntry("n", "k", "2", Now.AddMinutes(1), 0), Now), Is.False);
        Assert.That((await Store.GetAsync("n", "k", Now))!.Data, Is.EqualTo("1"));
        Assert.That(await Store.TryAddAsync(new StateEntry("n", "k", "3", Now.AddMinutes(5), 0), Now.AddMinutes(2)), Is.True);
        Assert.That((await Store.GetAsync("n", "k", Now.AddMinutes(2)))!.Data, Is.EqualTo("3"));
    }

    [Test]
    public async Task TryAdd_SameKeyOtherKind_Independent()
    {
        Assert.That(await Store.TryAddAsync(new StateEntry("a", "k", "1", null, 0), Now), Is.True);
        Assert.That(await Store.TryAddAsync(new StateEntry("b", "k", "2", null, 0), Now), Is.True);
        Assert.That((await Store.TryConsumeAsync("a", "k", Now))!.Data, Is.EqualTo("1"));
        Assert.That((await Store.GetAsync("b", "k", Now))!.Data, Is.EqualTo("2"));
    }

    [Test]
    public async Task TryAdd_ReplacedExpiredRecord_AttemptsReset()
    {
        await Store.TryAddAsync(new StateEntry("code", "k", "1", Now.AddMinutes(1), 0), Now);
        await Store.RecordFailedAttemptAsync("code", "k", 5, Now);
        Assert.That(await Store.TryAddAsync(new StateEntry("code", "k", "2", Now.AddMinutes(5), 3), Now.AddMinutes(2)), Is.True);
        Assert.That((await Store.GetAsync("code", "k", Now.AddMinutes(2)))!.FailedAttempts, Is.Zero);
    }

    [Test]
    public async Task Get_Expired_Absent()
    {
        await Store.TryAddAsync(new StateEntry("n", "k", "1", Now.AddMinutes(1), 0), Now);
        Assert.That((await Store.GetAsync("n", "k", Now.AddSeconds(59)))!.ExpiresAt, Is.EqualTo(Now.AddMinutes(1)));
        Assert.That(await Store.GetAsync("n", "k", Now.AddMinutes(1)), Is.Null);
        Assert.That(await Store.TryConsumeAsync("n", "k", Now.AddMinutes(1)), Is.Null);
        Assert.That(await Store.TryUpdateAsync("n", "k", "2", Now.AddMinutes(1)), Is.False);
        Assert.That(await Store.RecordFailedAttemptAsync("n", "k", 3, Now.AddMinutes(1)), Is.Zero);
    }

    [Test]
    public async Task RemoveExpired_DeletesOnlyExpired()
    {
        await Store.TryAddAsync(new StateEntry("n", "old", "1", Now.AddMinutes(1), 0), Now);
        await Store.TryAddAsync(new StateEntry("n", "live", "2", Now.AddMinutes(10), 0), Now);
        await Store.TryAddAsync(new StateEntry("n", "permanent", "3", null, 0), Now);
        Assert.That(await Store.RemoveExpiredAsync(Now.AddMinutes(1)), Is.EqualTo(1));
        Assert.That(await Store.RemoveExpiredAsync(Now.AddMinutes(1)), Is.Zero);
        Assert.That(await Store.GetAsync("n", "live", Now.AddMinutes(1)), Is.Not.Null);
        Assert.That(await Store.GetAsync("n", "permanent", Now.AddMinutes(1)), Is.Not.Null);
    }

    [Test]
    public async Task RecordFailedAttempt_ReachesMax_RecordDestroyed()
    {
        await Store.TryAddAsync(new StateEntry("code", "k", "1", Now.AddMinutes(1), 0), Now);
        Assert.That(await Store.RecordFailedAttemptAsync("code", "k", 2, Now), Is.EqualTo(1));
        Assert.That((await Store.GetAsync("code", "k", Now))!.FailedAttempts, Is.EqualTo(1));
        Assert.That(await Store.RecordFailedAttemptAsync("code", "k", 2, Now), Is.EqualTo(2));
        Assert.That(await Store.GetAsync("code", "k", Now), Is.Null);
        Assert.That(await Store.RecordFailedAttemptAsync("code", "k", 2, Now), Is.Zero);
    }

    [Test]
    public async Task RecordFailedAttempt_ConcurrentFromTwoInstances_EachCountOnceThenGone()
    {
        var other = OpenAnotherInstance();
        await Store.TryAddAsync(new StateEntry("code", "k", "1", Now.AddMinutes(1), 0), Now);
        var counts = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() => (i % 2 == 0 ? Store : other).RecordFailedAttemptAsync("code", "k", 5, Now))));
        Assert.That(counts.Where(c => c > 0).Order(), Is.EqualTo(new[] { 1, 2, 3, 4, 5 }));
        Assert.That(await Store.GetAsync("code", "k", Now), Is.Null);
    }

    [Test]
    public async Task PermanentRecord_NeverExpires()
    {
        await Store.TryAddAsync(new StateEntry("issued", "k", "1", null, 0), Now);
        Assert.That(await Store.GetAsync("issued", "k", Now.AddYears(50)), Is.Not.Null);
        Assert.That(await Store.TryUpdateAsync("issued", "k", "2", Now), Is.True);
        Assert.That((await Store.GetAsync("issued", "k", Now))!.Data, Is.EqualTo("2"));
        Assert.That(await Store.TryUpdateAsync("issued", "absent", "2", Now), Is.False);
    }

    [Test]
    public async Task Data_LargeAndUnicode_RoundTrips()
    {
        var data = "{\"name\":\"김지우 — ü\",\"pad\":\"" + new string('x', 100_000) + "\"}";
        await Store.TryAddAsync(new StateEntry("n", "k", data, null, 0), Now);
        Assert.That((await OpenAnotherInstance().GetAsync("n", "k", Now))!.Data, Is.EqualTo(data));
    }

    // The Authorization Code Flow's records (issuer_state, pushed request, authorization code, redeemed code) through
    // the issuer itself, with two issuer instances on the store: the offer made on one is authorized on the other, and
    // each code is redeemed exactly once however the two race; an expired code is refused.
    [Test]
    public async Task AuthorizationCodeRecords_TwoIssuerInstances_CodeRedeemedExactlyOnce()
    {
        using var key = DidSdk.Crypto.PrivateKey.Generate(DidSdk.Crypto.KeyType.Ed25519);
        var clock = new ManualClock(Now);
        var first = AuthorizationIssuer(Store, key, clock);
        var second = AuthorizationIssuer(OpenAnotherInstance(), key, clock);
        var codes = new List<string>();
        for (var i = 0; i < 10; i++)
        {
            var offer = await first.CreateOfferAsync(new CredentialOfferRequest { Subject = "customer-1", CredentialConfigurationIds = ["Kyc"], Grants = CredentialOfferGrants.AuthorizationCode });
            var form = AuthorizeForm();
            form["issuer_state"] = offer.Offer.IssuerState!;
            var pushed = await second.HandlePushedAuthorizationRequestAsync(form);
            var requestUri = pushed.Body["request_uri"]!.GetValue<string>();
            var authorized = await first.HandleAuthorizationRequestAsync(new Dictionary<string, string> { ["client_id"] = "wallet", ["request_uri"] = requestUri });
            Assert.That(authorized.Succeeded, Is.True, authorized.Location?.OriginalString);
            Assert.That(FormUrlEncoded.TryParse(authorized.Location!.Query.TrimStart('?'), out var response), Is.True);
            codes.Add(response!["code"]);
        }

        var results = await Task.WhenAll(codes.SelectMany(code => new[]
        {
            Task.Run(() => first.HandleTokenRequestAsync(TokenForm(code))),
            Task.Run(() => second.HandleTokenRequestAsync(TokenForm(code))),
        }));
        Assert.That(results.Count(r => r.Succeeded), Is.EqualTo(10));
        Assert.That(results.Where(r => !r.Succeeded).Select(r => r.Error), Is.All.EqualTo("invalid_grant"));

        var late = await first.HandleAuthorizationRequestAsync(AuthorizeForm());
        Assert.That(FormUrlEncoded.TryParse(late.Location!.Query.TrimStart('?'), out var lateResponse), Is.True);
        clock.Now = clock.Now.AddMinutes(2);
        Assert.That((await second.HandleTokenRequestAsync(TokenForm(lateResponse!["code"]))).Error, Is.EqualTo("invalid_grant"));
    }

    private const string ContractVerifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";

    private static Dictionary<string, string> AuthorizeForm() => new()
    {
        ["response_type"] = "code",
        ["client_id"] = "wallet",
        ["redirect_uri"] = "https://wallet.example/cb",
        ["code_challenge"] = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
        ["code_challenge_method"] = "S256",
        ["state"] = "s",
        ["authorization_details"] = "[{\"type\":\"openid_credential\",\"credential_configuration_id\":\"Kyc\"}]",
    };

    private static Dictionary<string, string> TokenForm(string code) => new()
    {
        ["grant_type"] = "authorization_code",
        ["code"] = code,
        ["redirect_uri"] = "https://wallet.example/cb",
        ["code_verifier"] = ContractVerifier,
        ["client_id"] = "wallet",
    };

    private static OpenId4VciIssuer AuthorizationIssuer(IOpenId4VcStateStore store, DidSdk.Crypto.PrivateKey key, TimeProvider clock) => new(
        new OpenId4VciIssuerOptions
        {
            CredentialIssuer = "https://bank.example/oid4vci",
            IssuerDid = "did:example:bank",
            CredentialConfigurations = [new CredentialConfiguration { Id = "Kyc", Format = CredentialConfiguration.SdJwtVcFormat, Vct = "https://bank.example/kyc" }],
            AuthorizationClients = [new OpenId4VciClientRegistration { ClientId = "wallet", RedirectUris = ["https://wallet.example/cb"] }],
        },
        store, new NoClaims(), new DidSdk.Core.Jose.KeySigner(key, "did:example:bank#key-1"), clock, authorizationHandler: new AlwaysCustomerOne());

    private sealed class ManualClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }

    private sealed class NoClaims : ICredentialClaimsProvider
    {
        public Task<CredentialClaims?> GetClaimsAsync(CredentialClaimsRequest request, CancellationToken cancellationToken = default) => Task.FromResult<CredentialClaims?>(null);
    }

    private sealed class AlwaysCustomerOne : IOpenId4VciAuthorizationHandler
    {
        public Task<OpenId4VciAuthorizationDecision> AuthorizeAsync(OpenId4VciAuthorizationRequest request, CancellationToken cancellationToken = default) =>
            Task.FromResult(OpenId4VciAuthorizationDecision.Authorize("customer-1"));
    }
}
