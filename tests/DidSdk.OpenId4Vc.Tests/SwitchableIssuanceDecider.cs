namespace DidSdk.OpenId4Vc.Tests;

/// <summary>The bank's back office in the tests: answers what <see cref="Decision"/> says and counts the calls.</summary>
internal sealed class SwitchableIssuanceDecider : IOpenId4VciIssuanceDecider
{
    private int _calls;

    public OpenId4VciIssuanceDecision Decision { get; set; } = OpenId4VciIssuanceDecision.IssueNow;

    public int Calls => Volatile.Read(ref _calls);

    public Task<OpenId4VciIssuanceDecision> DecideAsync(CredentialClaimsRequest request, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _calls);
        return Task.FromResult(Decision);
    }
}
