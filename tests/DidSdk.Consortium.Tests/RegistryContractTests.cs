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

    internal static async Task PassAsync(ConsortiumTrustRegistry registry, ConsortiumWriteResult proposal)
    {
        await registry.ApproveAsync(Sender(1), proposal.ProposalId);
        await registry.ExecuteAsync(Sender(2), proposal.ProposalId);
    }
}
