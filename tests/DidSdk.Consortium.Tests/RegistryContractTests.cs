using System.Text.Json;
using DidSdk.Crypto;
using DidSdk.Ethereum;
using DidSdk.Ethereum.Abi;
using DidSdk.Ethereum.Transactions;
using DidSdk.Testing;
using static DidSdk.Consortium.Tests.ConsortiumChain;

namespace DidSdk.Consortium.Tests;

[TestFixture]
[Category("Integration")]
public sealed class RegistryContractTests
{
    private const string Kyc = "https://credentials.consortium.example/kyc";

    private static string IssuerDid(int account) => Member(account, "x").Did;

    [Test]
    public async Task Deploy_ThreeBanksTwoOfThree_MembersAndThresholdReadBack()
    {
        var registry = await DeployAsync();

        var members = await registry.GetMembersAsync();

        Assert.That(members.Select(m => m.Name), Is.EqualTo(new[] { "Bank A", "Bank B", "Bank C" }));
        Assert.That(members.Select(m => m.Address), Is.EqualTo(new[] { AddressOf(0), AddressOf(1), AddressOf(2) }));
        Assert.That(await registry.GetThresholdAsync(), Is.EqualTo(2));
        Assert.That(await registry.IsMemberAsync(AddressOf(3)), Is.False);
    }

    [Test]
    public async Task Execute_OneApprovalOfTwo_RefusedNotEnoughApprovals()
    {
        var registry = await DeployAsync();
        var proposal = await registry.ProposeAccreditAsync(Sender(1), IssuerDid(0), Kyc);

        var e = Assert.ThrowsAsync<ConsortiumRegistryException>(() => registry.ExecuteAsync(Sender(1), proposal.ProposalId));

        Assert.That(e!.Error, Is.EqualTo(ConsortiumRegistryError.NotEnoughApprovals));
        Assert.That(await registry.IsAccreditedAsync(IssuerDid(0), Kyc), Is.False);
        Assert.That((await registry.GetProposalAsync(proposal.ProposalId)).Approvals, Is.EqualTo(1));
    }

    [Test]
    public async Task Execute_TwoApprovals_Accredits()
    {
        var registry = await DeployAsync();
        var proposal = await registry.ProposeAccreditAsync(Sender(1), IssuerDid(0), Kyc);
        await registry.ApproveAsync(Sender(2), proposal.ProposalId);

        var executed = await registry.ExecuteAsync(Sender(1), proposal.ProposalId);

        Assert.That(executed.Executed, Is.True);
        Assert.That(await registry.IsAccreditedAsync(IssuerDid(0), Kyc), Is.True);
        var accreditations = await registry.GetAccreditationsAsync();
        Assert.That(accreditations, Has.Count.EqualTo(1));
        Assert.That(accreditations[0].Status, Is.EqualTo(AccreditationStatus.Active));
        Assert.That(accreditations[0].IssuerDid, Is.EqualTo(IssuerDid(0)));
    }

    [Test]
    public async Task Propose_NonMember_RefusedNotMember()
    {
        var registry = await DeployAsync();

        var e = Assert.ThrowsAsync<ConsortiumRegistryException>(() => registry.ProposeAccreditAsync(Sender(3), IssuerDid(3), Kyc));

        Assert.That(e!.Error, Is.EqualTo(ConsortiumRegistryError.NotMember));
    }

    [Test]
    public async Task Approve_NonMember_RefusedNotMember()
    {
        var registry = await DeployAsync();
        var proposal = await registry.ProposeAccreditAsync(Sender(1), IssuerDid(0), Kyc);

        var e = Assert.ThrowsAsync<ConsortiumRegistryException>(() => registry.ApproveAsync(Sender(3), proposal.ProposalId));

        Assert.That(e!.Error, Is.EqualTo(ConsortiumRegistryError.NotMember));
    }

    [Test]
    public async Task Approve_Twice_RefusedAlreadyApproved()
    {
        var registry = await DeployAsync(threshold: 3);
        var proposal = await registry.ProposeAccreditAsync(Sender(0), IssuerDid(0), Kyc);
        await registry.ApproveAsync(Sender(1), proposal.ProposalId);

        var again = Assert.ThrowsAsync<ConsortiumRegistryException>(() => registry.ApproveAsync(Sender(1), proposal.ProposalId));
        var proposer = Assert.ThrowsAsync<ConsortiumRegistryException>(() => registry.ApproveAsync(Sender(0), proposal.ProposalId));

        Assert.That(again!.Error, Is.EqualTo(ConsortiumRegistryError.AlreadyApproved));
        Assert.That(proposer!.Error, Is.EqualTo(ConsortiumRegistryError.AlreadyApproved));
        Assert.That((await registry.GetProposalAsync(proposal.ProposalId)).Approvals, Is.EqualTo(2));
    }

    [Test]
    public async Task ApproveAndExecute_ExpiredProposal_RefusedProposalExpired()
    {
        var registry = await DeployAsync(lifetime: TimeSpan.FromHours(1));
        var proposal = await registry.ProposeAccreditAsync(Sender(0), IssuerDid(0), Kyc);
        await Node.IncreaseTimeAsync(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1));

        var approve = Assert.ThrowsAsync<ConsortiumRegistryException>(() => registry.ApproveAsync(Sender(1), proposal.ProposalId));
        var execute = Assert.ThrowsAsync<ConsortiumRegistryException>(() => registry.ExecuteAsync(Sender(0), proposal.ProposalId));

        Assert.That(approve!.Error, Is.EqualTo(ConsortiumRegistryError.ProposalExpired));
        Assert.That(execute!.Error, Is.EqualTo(ConsortiumRegistryError.ProposalExpired));
    }

    [Test]
    public async Task Execute_ApprovedBeforeExpiry_ExecutedAfterExpiryRefused()
    {
        var registry = await DeployAsync(lifetime: TimeSpan.FromHours(1));
        var proposal = await registry.ProposeAccreditAsync(Sender(0), IssuerDid(0), Kyc);
        await registry.ApproveAsync(Sender(1), proposal.ProposalId);
        await Node.IncreaseTimeAsync(TimeSpan.FromHours(2));

        var e = Assert.ThrowsAsync<ConsortiumRegistryException>(() => registry.ExecuteAsync(Sender(0), proposal.ProposalId));

        Assert.That(e!.Error, Is.EqualTo(ConsortiumRegistryError.ProposalExpired));
        Assert.That(await registry.IsAccreditedAsync(IssuerDid(0), Kyc), Is.False);
    }

    [Test]
    public async Task ProposeThreshold_AboveMemberCountOrZero_RefusedInvalidThreshold()
    {
        var registry = await DeployAsync();

        var above = Assert.ThrowsAsync<ConsortiumRegistryException>(() => registry.ProposeThresholdAsync(Sender(0), 4));
        var zero = Assert.ThrowsAsync<ConsortiumRegistryException>(() => registry.ProposeThresholdAsync(Sender(0), 0));

        Assert.That(above!.Error, Is.EqualTo(ConsortiumRegistryError.InvalidThreshold));
        Assert.That(zero!.Error, Is.EqualTo(ConsortiumRegistryError.InvalidThreshold));
    }

    [Test]
    public async Task ChangeThreshold_WithinRange_Applied()
    {
        var registry = await DeployAsync();
        var proposal = await registry.ProposeThresholdAsync(Sender(0), 3);
        await registry.ApproveAsync(Sender(1), proposal.ProposalId);

        await registry.ExecuteAsync(Sender(2), proposal.ProposalId);

        Assert.That(await registry.GetThresholdAsync(), Is.EqualTo(3));
    }

    [Test]
    public async Task Execute_Twice_RefusedAlreadyExecuted()
    {
        var registry = await DeployAsync();
        var proposal = await registry.ProposeAccreditAsync(Sender(0), IssuerDid(0), Kyc);
        await registry.ApproveAsync(Sender(1), proposal.ProposalId);
        await registry.ExecuteAsync(Sender(0), proposal.ProposalId);

        var e = Assert.ThrowsAsync<ConsortiumRegistryException>(() => registry.ExecuteAsync(Sender(1), proposal.ProposalId));
        var approve = Assert.ThrowsAsync<ConsortiumRegistryException>(() => registry.ApproveAsync(Sender(2), proposal.ProposalId));

        Assert.That(e!.Error, Is.EqualTo(ConsortiumRegistryError.AlreadyExecuted));
        Assert.That(approve!.Error, Is.EqualTo(ConsortiumRegistryError.AlreadyExecuted));
    }

    [Test]
    public async Task Execute_UnknownProposal_RefusedUnknownProposal()
    {
        var registry = await DeployAsync();

        var e = Assert.ThrowsAsync<ConsortiumRegistryException>(() => registry.ExecuteAsync(Sender(0), 42));
        var read = Assert.ThrowsAsync<ConsortiumRegistryException>(() => registry.GetProposalAsync(42));

        Assert.That(e!.Error, Is.EqualTo(ConsortiumRegistryError.UnknownProposal));
        Assert.That(read!.Error, Is.EqualTo(ConsortiumRegistryError.UnknownProposal));
    }

    [Test]
    public async Task RemovedMember_PendingApproval_NoLongerCounts()
    {
        // 2-of-4: bank D (account 3) approves an accreditation, then is removed before it executes.
        var registry = await DeployAsync(threshold: 2, members: 4);
        var pending = await registry.ProposeAccreditAsync(Sender(3), IssuerDid(5), Kyc);
        var removal = await registry.ProposeRemoveMemberAsync(Sender(0), AddressOf(3));
        await registry.ApproveAsync(Sender(1), removal.ProposalId);
        await registry.ExecuteAsync(Sender(0), removal.ProposalId);
        await registry.ApproveAsync(Sender(0), pending.ProposalId);

        var e = Assert.ThrowsAsync<ConsortiumRegistryException>(() => registry.ExecuteAsync(Sender(0), pending.ProposalId));

        Assert.That(e!.Error, Is.EqualTo(ConsortiumRegistryError.NotEnoughApprovals));
        Assert.That((await registry.GetProposalAsync(pending.ProposalId)).Approvals, Is.EqualTo(1));
        Assert.That(await registry.HasApprovedAsync(pending.ProposalId, AddressOf(3)), Is.False);
        Assert.That(await registry.IsMemberAsync(AddressOf(3)), Is.False);
        Assert.That((await registry.GetMembersAsync()).Select(m => m.Address), Does.Not.Contain(AddressOf(3)));
    }

    [Test]
    public async Task RemoveMember_BelowThreshold_RefusedInvalidThreshold()
    {
        var registry = await DeployAsync(threshold: 2, members: 2);
        var removal = await registry.ProposeRemoveMemberAsync(Sender(0), AddressOf(1));
        await registry.ApproveAsync(Sender(1), removal.ProposalId);

        var e = Assert.ThrowsAsync<ConsortiumRegistryException>(() => registry.ExecuteAsync(Sender(0), removal.ProposalId));

        Assert.That(e!.Error, Is.EqualTo(ConsortiumRegistryError.InvalidThreshold));
    }

    [Test]
    public async Task AdmitMember_Approved_NewMemberCanPropose()
    {
        var registry = await DeployAsync();
        var admit = await registry.ProposeAdmitMemberAsync(Sender(0), Member(3, "Bank D"));
        await registry.ApproveAsync(Sender(2), admit.ProposalId);
        await registry.ExecuteAsync(Sender(0), admit.ProposalId);

        var proposal = await registry.ProposeAccreditAsync(Sender(3), IssuerDid(3), Kyc);

        Assert.That(proposal.ProposalId, Is.GreaterThan(admit.ProposalId));
        Assert.That((await registry.GetMembersAsync()).Select(m => m.Name), Does.Contain("Bank D"));
        var again = Assert.ThrowsAsync<ConsortiumRegistryException>(() => registry.ProposeAdmitMemberAsync(Sender(0), Member(3, "Bank D")));
        Assert.That(again!.Error, Is.EqualTo(ConsortiumRegistryError.AlreadyMember));
    }

    [Test]
    public async Task ProposeAccredit_WindowEndsBeforeStart_RefusedInvalidWindow()
    {
        var registry = await DeployAsync();
        var start = DateTimeOffset.FromUnixTimeSeconds(2_000_000_000);

        var e = Assert.ThrowsAsync<ConsortiumRegistryException>(() => registry.ProposeAccreditAsync(Sender(0), IssuerDid(0), Kyc, start, start.AddSeconds(-1)));

        Assert.That(e!.Error, Is.EqualTo(ConsortiumRegistryError.InvalidWindow));
    }

    [Test]
    public async Task Lifecycle_SuspendReinstateRevoke_HistoryRebuildsEveryState()
    {
        var registry = await DeployAsync();
        await PassAsync(registry, await registry.ProposeAccreditAsync(Sender(0), IssuerDid(0), Kyc));
        await PassAsync(registry, await registry.ProposeSuspendAsync(Sender(0), IssuerDid(0), Kyc));
        Assert.That(await registry.IsAccreditedAsync(IssuerDid(0), Kyc), Is.False);
        await PassAsync(registry, await registry.ProposeReinstateAsync(Sender(0), IssuerDid(0), Kyc));
        Assert.That(await registry.IsAccreditedAsync(IssuerDid(0), Kyc), Is.True);
        await PassAsync(registry, await registry.ProposeRevokeAsync(Sender(0), IssuerDid(0), Kyc));

        var history = await registry.GetAccreditationHistoryAsync();

        Assert.That(history.Select(h => h.Status), Is.EqualTo(new[] { AccreditationStatus.Active, AccreditationStatus.Suspended, AccreditationStatus.Active, AccreditationStatus.Revoked }));
        Assert.That(history.Select(h => h.At), Is.Ordered);
        Assert.That(history.Select(h => h.ProposalId), Is.EqualTo(new ulong[] { 1, 2, 3, 4 }));
        Assert.That(await registry.IsAccreditedAsync(IssuerDid(0), Kyc), Is.False);
    }

    [Test]
    public async Task Revoke_IsFinal_ReinstateAndReaccreditRefused()
    {
        var registry = await DeployAsync();
        await PassAsync(registry, await registry.ProposeAccreditAsync(Sender(0), IssuerDid(0), Kyc));
        await PassAsync(registry, await registry.ProposeRevokeAsync(Sender(0), IssuerDid(0), Kyc));

        var reinstate = Assert.ThrowsAsync<ConsortiumRegistryException>(() => registry.ProposeReinstateAsync(Sender(0), IssuerDid(0), Kyc));
        var accredit = await registry.ProposeAccreditAsync(Sender(0), IssuerDid(0), Kyc);
        await registry.ApproveAsync(Sender(1), accredit.ProposalId);
        var execute = Assert.ThrowsAsync<ConsortiumRegistryException>(() => registry.ExecuteAsync(Sender(0), accredit.ProposalId));

        Assert.That(reinstate!.Error, Is.EqualTo(ConsortiumRegistryError.InvalidTransition));
        Assert.That(execute!.Error, Is.EqualTo(ConsortiumRegistryError.InvalidTransition));
    }

    [Test]
    public async Task ProposeSuspend_UnknownAccreditation_RefusedUnknownAccreditation()
    {
        var registry = await DeployAsync();

        var e = Assert.ThrowsAsync<ConsortiumRegistryException>(() => registry.ProposeSuspendAsync(Sender(0), IssuerDid(4), Kyc));

        Assert.That(e!.Error, Is.EqualTo(ConsortiumRegistryError.UnknownAccreditation));
    }

    [Test]
    public async Task ProposeReinstate_ActiveAccreditation_RefusedInvalidTransition()
    {
        var registry = await DeployAsync();
        await PassAsync(registry, await registry.ProposeAccreditAsync(Sender(0), IssuerDid(0), Kyc));

        var e = Assert.ThrowsAsync<ConsortiumRegistryException>(() => registry.ProposeReinstateAsync(Sender(0), IssuerDid(0), Kyc));

        Assert.That(e!.Error, Is.EqualTo(ConsortiumRegistryError.InvalidTransition));
    }

    [Test]
    public async Task Deploy_ThresholdAboveMembers_ArgumentOutOfRange()
    {
        Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => DeployAsync(threshold: 4));
        await Task.CompletedTask;
    }

    [Test]
    public async Task Execute_NonMember_RefusedNotMember()
    {
        var registry = await DeployAsync();
        var proposal = await registry.ProposeAccreditAsync(Sender(0), IssuerDid(0), Kyc);
        await registry.ApproveAsync(Sender(1), proposal.ProposalId);

        var e = Assert.ThrowsAsync<ConsortiumRegistryException>(() => registry.ExecuteAsync(Sender(3), proposal.ProposalId));

        Assert.That(e!.Error, Is.EqualTo(ConsortiumRegistryError.NotMember));
        Assert.That(await registry.IsAccreditedAsync(IssuerDid(0), Kyc), Is.False);
    }

    [Test]
    public async Task ReadmittedMember_ApprovalFromEarlierMembership_DoesNotCount()
    {
        // 2-of-4: bank D approves, is removed, then admitted again; its old approval must not come back with it.
        var registry = await DeployAsync(threshold: 2, members: 4);
        var pending = await registry.ProposeAccreditAsync(Sender(3), IssuerDid(5), Kyc);
        await PassAsync(registry, await registry.ProposeRemoveMemberAsync(Sender(0), AddressOf(3)));
        await PassAsync(registry, await registry.ProposeAdmitMemberAsync(Sender(0), Member(3, "Bank D")));

        Assert.That(await registry.HasApprovedAsync(pending.ProposalId, AddressOf(3)), Is.False);
        Assert.That((await registry.GetProposalAsync(pending.ProposalId)).Approvals, Is.Zero);
        await registry.ApproveAsync(Sender(3), pending.ProposalId);
        var e = Assert.ThrowsAsync<ConsortiumRegistryException>(() => registry.ExecuteAsync(Sender(3), pending.ProposalId));
        Assert.That(e!.Error, Is.EqualTo(ConsortiumRegistryError.NotEnoughApprovals));
        await registry.ApproveAsync(Sender(0), pending.ProposalId);
        Assert.That((await registry.ExecuteAsync(Sender(3), pending.ProposalId)).Executed, Is.True);
    }

    [Test]
    public async Task ChangeThreshold_MembersRemovedMeanwhile_RefusedAtExecution()
    {
        // Proposed as 4 of 4, valid then; after a member leaves, executing it would leave a threshold above the member count.
        var registry = await DeployAsync(threshold: 2, members: 4);
        var raise = await registry.ProposeThresholdAsync(Sender(0), 4);
        await registry.ApproveAsync(Sender(1), raise.ProposalId);
        await PassAsync(registry, await registry.ProposeRemoveMemberAsync(Sender(0), AddressOf(3)));

        var e = Assert.ThrowsAsync<ConsortiumRegistryException>(() => registry.ExecuteAsync(Sender(0), raise.ProposalId));

        Assert.That(e!.Error, Is.EqualTo(ConsortiumRegistryError.InvalidThreshold));
        Assert.That(await registry.GetThresholdAsync(), Is.EqualTo(2));
    }

    [TestCase(0, ConsortiumRegistryError.InvalidThreshold, TestName = "Constructor_ThresholdZero_RefusedInvalidThreshold")]
    [TestCase(4, ConsortiumRegistryError.InvalidThreshold, TestName = "Constructor_ThresholdAboveMembers_RefusedInvalidThreshold")]
    [TestCase(-1, ConsortiumRegistryError.InvalidSeed, TestName = "Constructor_MismatchedSeed_RefusedInvalidSeed")]
    public async Task Constructor_BadSeed_RefusedOnChain(int threshold, ConsortiumRegistryError expected)
    {
        // The client checks these before sending; the contract must refuse them itself, so a raw deployment is sent.
        using var artifact = JsonDocument.Parse(await File.ReadAllBytesAsync(Path.Combine(RepoPaths.Root, "src", "DidSdk.Consortium", "contracts", "ConsortiumTrustRegistry.json")));
        Assert.That(Hex.TryParseData(artifact.RootElement.GetProperty("bytecode").GetString(), out var code), Is.True);
        var addresses = new[] { AddressOf(0), AddressOf(1), AddressOf(2) };
        var arguments = AbiCodec.Encode(
        [
            AbiValue.Array(AbiType.Address, [.. addresses.Select(AbiValue.Address)]),
            AbiValue.Array(AbiType.String, [.. addresses.Take(threshold < 0 ? 2 : 3).Select(a => AbiValue.String("did:ethr:0x7a69:" + a.ToLowerHexString()))]),
            AbiValue.Array(AbiType.String, [.. addresses.Select((_, i) => AbiValue.String($"Bank {i}"))]),
            AbiValue.Uint(threshold < 0 ? 2 : threshold),
            AbiValue.Uint(3600, 64),
        ]);

        var e = Assert.ThrowsAsync<TransactionRevertedException>(() => Sender(0).SendAsync(new TransactionRequest { Data = code!.Concat(arguments).ToArray() }));

        var selector = e!.Reason.Data.AsSpan(0, 4).ToArray();
        var signature = expected == ConsortiumRegistryError.InvalidSeed ? "InvalidSeed()" : "InvalidThreshold(uint256,uint256)";
        Assert.That(selector, Is.EqualTo(AbiCodec.Selector(signature)));
    }

    [Test]
    public async Task History_EveryChange_TypedEventsInChainOrder()
    {
        var registry = await DeployAsync();
        var accredit = await registry.ProposeAccreditAsync(Sender(0), IssuerDid(4), Kyc);
        var one = Assert.ThrowsAsync<ConsortiumRegistryException>(() => registry.ExecuteAsync(Sender(0), accredit.ProposalId));
        Assert.That(one!.Error, Is.EqualTo(ConsortiumRegistryError.NotEnoughApprovals));
        await registry.ApproveAsync(Sender(1), accredit.ProposalId);
        await registry.ExecuteAsync(Sender(2), accredit.ProposalId);
        await PassAsync(registry, await registry.ProposeSuspendAsync(Sender(0), IssuerDid(4), Kyc));
        await PassAsync(registry, await registry.ProposeAdmitMemberAsync(Sender(0), Member(3, "Bank D")));
        await PassAsync(registry, await registry.ProposeThresholdAsync(Sender(0), 3));
        var removal = await registry.ProposeRemoveMemberAsync(Sender(0), AddressOf(3));
        await registry.ApproveAsync(Sender(1), removal.ProposalId);
        await registry.ApproveAsync(Sender(2), removal.ProposalId);
        await registry.ExecuteAsync(Sender(3), removal.ProposalId);

        var history = await registry.GetHistoryAsync();

        Assert.That(history.Select(h => (h.BlockNumber * 1_000_000) + h.LogIndex), Is.Ordered);
        Assert.That(history.Select(h => h.TransactionHash), Has.All.StartsWith("0x"));
        var seeded = history.OfType<MemberAdmittedEvent>().Where(m => m.ProposalId == 0).ToList();
        Assert.That(seeded.Select(m => (m.Member, m.Name)), Is.EqualTo(new[] { (AddressOf(0), "Bank A"), (AddressOf(1), "Bank B"), (AddressOf(2), "Bank C") }));
        Assert.That(seeded[0].Did, Is.EqualTo(IssuerDid(0)));
        Assert.That(history.OfType<ThresholdChangedEvent>().Select(t => (t.Threshold, t.ProposalId)), Is.EqualTo(new[] { (2, 0UL), (3, 4UL) }));
        var created = history.OfType<ProposalCreatedEvent>().ToList();
        Assert.That(created.Select(p => p.Action), Is.EqualTo(new[] { ConsortiumAction.Accredit, ConsortiumAction.Suspend, ConsortiumAction.AdmitMember, ConsortiumAction.ChangeThreshold, ConsortiumAction.RemoveMember }));
        Assert.That(created.Select(p => p.ProposalId), Is.EqualTo(new ulong[] { 1, 2, 3, 4, 5 }));
        Assert.That(created.Select(p => p.Proposer), Has.All.EqualTo(AddressOf(0)));
        Assert.That(created[0].ExpiresAt, Is.EqualTo((await registry.GetProposalAsync(1)).ExpiresAt));
        Assert.That(created[0].Data.ToArray(), Is.EqualTo((await registry.GetProposalAsync(1)).Data.ToArray()));
        Assert.That(history.OfType<ProposalApprovedEvent>().Where(a => a.ProposalId == 5).Select(a => a.Member), Is.EqualTo(new[] { AddressOf(0), AddressOf(1), AddressOf(2) }));
        Assert.That(history.OfType<ProposalExecutedEvent>().Select(x => x.ProposalId), Is.EqualTo(new ulong[] { 1, 2, 3, 4, 5 }));
        Assert.That(history.OfType<ProposalExecutedEvent>().Last().Executor, Is.EqualTo(AddressOf(3)));
        var admitted = history.OfType<MemberAdmittedEvent>().Single(m => m.ProposalId == 3);
        Assert.That((admitted.Member, admitted.Name), Is.EqualTo((AddressOf(3), "Bank D")));
        var removed = history.OfType<MemberRemovedEvent>().Single();
        Assert.That((removed.Member, removed.ProposalId), Is.EqualTo((AddressOf(3), 5UL)));
        Assert.That(removed.At, Is.GreaterThanOrEqualTo(admitted.At));
        Assert.That(history.OfType<AccreditationChange>().Select(c => (c.Status, c.ProposalId)), Is.EqualTo(new[] { (AccreditationStatus.Active, 1UL), (AccreditationStatus.Suspended, 2UL) }));

        // Each effect comes right before the ProposalExecuted event of its transaction.
        foreach (var executed in history.OfType<ProposalExecutedEvent>())
        {
            var effect = history[history.ToList().IndexOf(executed) - 1];
            Assert.That(effect.TransactionHash, Is.EqualTo(executed.TransactionHash));
        }

        // Rebuilt from the events alone, the members and threshold are what the contract reports.
        var members = new List<EthereumAddress>();
        var threshold = 0;
        foreach (var change in history)
        {
            switch (change)
            {
                case MemberAdmittedEvent m: members.Add(m.Member); break;
                case MemberRemovedEvent m: members.Remove(m.Member); break;
                case ThresholdChangedEvent t: threshold = t.Threshold; break;
            }
        }

        Assert.That(members, Is.EquivalentTo((await registry.GetMembersAsync()).Select(m => m.Address)));
        Assert.That(threshold, Is.EqualTo(await registry.GetThresholdAsync()));
        var lastBlock = history[^1].BlockNumber;
        Assert.That((await registry.GetHistoryAsync(lastBlock, lastBlock)).Select(h => h.BlockNumber), Is.EqualTo(new[] { lastBlock, lastBlock }));
    }

    internal static async Task PassAsync(ConsortiumTrustRegistry registry, ConsortiumWriteResult proposal)
    {
        await registry.ApproveAsync(Sender(1), proposal.ProposalId);
        await registry.ExecuteAsync(Sender(2), proposal.ProposalId);
    }
}
