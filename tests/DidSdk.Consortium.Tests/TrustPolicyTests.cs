using System.Text.Json.Nodes;
using DidSdk.Ethereum.Rpc;
using Microsoft.Extensions.Time.Testing;
using static DidSdk.Consortium.Tests.ConsortiumChain;
using static DidSdk.Consortium.Tests.RegistryContractTests;

namespace DidSdk.Consortium.Tests;

[TestFixture]
[Category("Integration")]
public sealed class TrustPolicyTests
{
    private const string Kyc = "https://credentials.consortium.example/kyc";
    private const string BankA = "did:example:bank-a";

    private static async Task<DateTimeOffset> ChainTimeAsync() => (await Client().GetBlockAsync())!.Timestamp;

    private static ConsortiumTrustRequest Request(DateTimeOffset? issuedAt, string issuer = BankA, string type = Kyc) =>
        new() { Issuer = issuer, CredentialTypes = [type], IssuedAt = issuedAt };

    private static async Task<(ConsortiumTrustRegistry Registry, DateTimeOffset AccreditedAt)> AccreditedAsync(DateTimeOffset? validFrom = null, DateTimeOffset? validUntil = null)
    {
        var registry = await DeployAsync();
        await PassAsync(registry, await registry.ProposeAccreditAsync(Sender(0), BankA, Kyc, validFrom, validUntil));
        return (registry, await ChainTimeAsync());
    }

    private static ConsortiumTrustPolicy Policy(ConsortiumTrustRegistry registry, TrustTime trustAt, DateTimeOffset now, IEthereumRpc? rpc = null) =>
        new(rpc ?? Client(), registry.Address, new ConsortiumTrustPolicyOptions { TrustAt = trustAt }, new FakeTimeProvider(now));

    [TestCase(TrustTime.Issuance)]
    [TestCase(TrustTime.Now)]
    [TestCase(TrustTime.Both)]
    public async Task Check_AccreditedIssuer_Succeeds(TrustTime trustAt)
    {
        var (registry, at) = await AccreditedAsync();

        var decision = await Policy(registry, trustAt, at.AddMinutes(1)).CheckAsync(Request(at.AddSeconds(10)));

        Assert.That(decision.Succeeded, Is.True, decision.Rule);
    }

    [Test]
    public async Task Check_NeverAccredited_NotAccredited()
    {
        var (registry, at) = await AccreditedAsync();

        var decision = await Policy(registry, TrustTime.Both, at.AddMinutes(1)).CheckAsync(Request(at.AddSeconds(10), issuer: "did:example:look-alike"));

        Assert.That(decision.Problem?.Code, Is.EqualTo(ConsortiumProblemCodes.NotAccredited));
    }

    [Test]
    public async Task Check_OtherTypeOnly_NotAccredited()
    {
        var (registry, at) = await AccreditedAsync();

        var decision = await Policy(registry, TrustTime.Both, at.AddMinutes(1)).CheckAsync(Request(at.AddSeconds(10), type: "https://credentials.consortium.example/mortgage"));

        Assert.That(decision.Problem?.Code, Is.EqualTo(ConsortiumProblemCodes.NotAccredited));
    }

    [Test]
    public async Task Check_SuspendedAfterIssuance_DecidedByTimePolicy()
    {
        var (registry, accreditedAt) = await AccreditedAsync();
        var issuedBefore = accreditedAt.AddSeconds(30);
        await Node.IncreaseTimeAsync(TimeSpan.FromHours(1));
        await PassAsync(registry, await registry.ProposeSuspendAsync(Sender(0), BankA, Kyc));
        var now = (await ChainTimeAsync()).AddMinutes(1);

        var issuance = await Policy(registry, TrustTime.Issuance, now).CheckAsync(Request(issuedBefore));
        var current = await Policy(registry, TrustTime.Now, now).CheckAsync(Request(issuedBefore));
        var both = await Policy(registry, TrustTime.Both, now).CheckAsync(Request(issuedBefore));
        var issuedAfter = await Policy(registry, TrustTime.Issuance, now).CheckAsync(Request(now.AddSeconds(-10)));

        Assert.That(issuance.Succeeded, Is.True, issuance.Rule);
        Assert.That(issuance.Rule, Does.Contain("later suspension does not apply"));
        Assert.That(current.Problem?.Code, Is.EqualTo(ConsortiumProblemCodes.Suspended));
        Assert.That(both.Problem?.Code, Is.EqualTo(ConsortiumProblemCodes.Suspended));
        Assert.That(issuedAfter.Problem?.Code, Is.EqualTo(ConsortiumProblemCodes.Suspended));
    }

    [Test]
    public async Task Check_Reinstated_IssuedWhileSuspendedStillRejectedAtIssuance()
    {
        var (registry, _) = await AccreditedAsync();
        await PassAsync(registry, await registry.ProposeSuspendAsync(Sender(0), BankA, Kyc));
        await Node.IncreaseTimeAsync(TimeSpan.FromHours(1));
        var whileSuspended = await ChainTimeAsync();
        await Node.IncreaseTimeAsync(TimeSpan.FromHours(1));
        await PassAsync(registry, await registry.ProposeReinstateAsync(Sender(0), BankA, Kyc));
        var now = (await ChainTimeAsync()).AddMinutes(1);

        var issuance = await Policy(registry, TrustTime.Issuance, now).CheckAsync(Request(whileSuspended));
        var current = await Policy(registry, TrustTime.Now, now).CheckAsync(Request(whileSuspended));

        Assert.That(issuance.Problem?.Code, Is.EqualTo(ConsortiumProblemCodes.Suspended));
        Assert.That(current.Succeeded, Is.True);
    }

    [TestCase(TrustTime.Issuance)]
    [TestCase(TrustTime.Now)]
    [TestCase(TrustTime.Both)]
    public async Task Check_Revoked_RejectedWheneverIssued(TrustTime trustAt)
    {
        var (registry, accreditedAt) = await AccreditedAsync();
        await Node.IncreaseTimeAsync(TimeSpan.FromHours(1));
        await PassAsync(registry, await registry.ProposeRevokeAsync(Sender(0), BankA, Kyc));
        var now = (await ChainTimeAsync()).AddMinutes(1);

        var decision = await Policy(registry, trustAt, now).CheckAsync(Request(accreditedAt.AddSeconds(5)));

        Assert.That(decision.Problem?.Code, Is.EqualTo(ConsortiumProblemCodes.Revoked));
    }

    [Test]
    public async Task Check_BackDatedBeforeAccreditation_IssuedBeforeAccreditation()
    {
        var (registry, accreditedAt) = await AccreditedAsync();

        var decision = await Policy(registry, TrustTime.Issuance, accreditedAt.AddMinutes(1)).CheckAsync(Request(accreditedAt.AddDays(-30)));
        var now = await Policy(registry, TrustTime.Now, accreditedAt.AddMinutes(1)).CheckAsync(Request(accreditedAt.AddDays(-30)));

        Assert.That(decision.Problem?.Code, Is.EqualTo(ConsortiumProblemCodes.IssuedBeforeAccreditation));
        Assert.That(now.Succeeded, Is.True, "trust-at now does not look at the issuance time");
    }

    [Test]
    public async Task Check_OutsideWindow_OutsideValidityWindow()
    {
        var start = await ChainTimeAsync();
        var (registry, _) = await AccreditedAsync(start, start.AddHours(1));
        await Node.IncreaseTimeAsync(TimeSpan.FromHours(2));
        var now = await ChainTimeAsync();

        var late = await Policy(registry, TrustTime.Now, now).CheckAsync(Request(now));
        var inside = await Policy(registry, TrustTime.Issuance, now).CheckAsync(Request(start.AddMinutes(30)));

        Assert.That(late.Problem?.Code, Is.EqualTo(ConsortiumProblemCodes.OutsideValidityWindow));
        Assert.That(inside.Succeeded, Is.True, inside.Rule);
    }

    [Test]
    public async Task Check_NoIssuanceTime_IssuanceTimeMissingUnlessNow()
    {
        var (registry, at) = await AccreditedAsync();

        var both = await Policy(registry, TrustTime.Both, at).CheckAsync(Request(null));
        var unreadable = await Policy(registry, TrustTime.Issuance, at).CheckAsync(new ConsortiumTrustRequest { Issuer = BankA, CredentialTypes = [Kyc], IssuanceTimeUnreadable = true, IssuedAt = at });
        var now = await Policy(registry, TrustTime.Now, at).CheckAsync(Request(null));

        Assert.That(both.Problem?.Code, Is.EqualTo(ConsortiumProblemCodes.IssuanceTimeMissing));
        Assert.That(unreadable.Problem?.Code, Is.EqualTo(ConsortiumProblemCodes.IssuanceTimeMissing));
        Assert.That(now.Succeeded, Is.True);
    }

    [Test]
    public async Task Check_IssuedInFuture_IssuedInFuture()
    {
        var (registry, at) = await AccreditedAsync();

        var decision = await Policy(registry, TrustTime.Both, at).CheckAsync(Request(at.AddHours(1)));

        Assert.That(decision.Problem?.Code, Is.EqualTo(ConsortiumProblemCodes.IssuedInFuture));
    }

    [Test]
    public async Task CheckIssuer_CredentialWithoutType_NoCredentialType()
    {
        var (registry, at) = await AccreditedAsync();
        var credential = new JsonObject { ["type"] = new JsonArray("VerifiableCredential"), ["validFrom"] = "2030-01-01T00:00:00Z" };

        var decision = await Policy(registry, TrustTime.Both, at).CheckAsync(ConsortiumTrustRequest.FromCredential(BankA, credential));
        var problem = decision.Problem;

        Assert.That(problem?.Code, Is.EqualTo(ConsortiumProblemCodes.NoCredentialType));
    }

    [Test]
    public async Task CheckIssuer_UnreadableIat_IssuanceTimeMissing()
    {
        var (registry, at) = await AccreditedAsync();
        var credential = new JsonObject { ["vct"] = Kyc, ["iat"] = "yesterday" };

        var decision = await Policy(registry, TrustTime.Issuance, at).CheckAsync(ConsortiumTrustRequest.FromCredential(BankA, credential));
        var problem = decision.Problem;

        Assert.That(problem?.Code, Is.EqualTo(ConsortiumProblemCodes.IssuanceTimeMissing));
    }

    [Test]
    public async Task Check_UnreachableNode_RegistryUnavailable()
    {
        var (registry, at) = await AccreditedAsync();
        var dead = new EthereumRpcClient(Http, new EthereumRpcOptions { Endpoint = new Uri("http://127.0.0.1:1/"), MaxRetries = 0 });

        var decision = await Policy(registry, TrustTime.Both, at, dead).CheckAsync(Request(at));

        Assert.That(decision.Problem?.Code, Is.EqualTo(ConsortiumProblemCodes.RegistryUnavailable));
    }

    [Test]
    public async Task RoundTrips_FirstCheckOne_CachedCheckOnlyBlockNumber_NewBlockTwo()
    {
        var (registry, at) = await AccreditedAsync();
        var rpc = new CountingRpc(Client());
        var policy = Policy(registry, TrustTime.Both, at.AddMinutes(1), rpc);

        var first = await policy.CheckAsync(Request(at.AddSeconds(1)));
        var firstTrips = rpc.RoundTrips;
        rpc.Reset();
        var cached = await policy.CheckAsync(Request(at.AddSeconds(1)));
        var cachedTrips = rpc.RoundTrips;
        var cachedMethods = rpc.Methods.ToArray();
        await Node.MineAsync();
        rpc.Reset();
        var afterBlock = await policy.CheckAsync(Request(at.AddSeconds(1)));

        Assert.That(first.Succeeded && cached.Succeeded && afterBlock.Succeeded, Is.True);
        Assert.That(firstTrips, Is.EqualTo(1));
        Assert.That(cachedTrips, Is.EqualTo(1));
        Assert.That(cachedMethods, Is.EqualTo(new[] { "eth_blockNumber" }));
        Assert.That(rpc.RoundTrips, Is.EqualTo(2));
    }

    [Test]
    public async Task Cache_ChangeAfterFirstCheck_Seen()
    {
        var (registry, at) = await AccreditedAsync();
        var policy = Policy(registry, TrustTime.Now, at.AddMinutes(1));
        var before = await policy.CheckAsync(Request(null));

        await PassAsync(registry, await registry.ProposeSuspendAsync(Sender(0), BankA, Kyc));
        var after = await policy.CheckAsync(Request(null));

        Assert.That(before.Succeeded, Is.True);
        Assert.That(after.Problem?.Code, Is.EqualTo(ConsortiumProblemCodes.Suspended));
    }
}
