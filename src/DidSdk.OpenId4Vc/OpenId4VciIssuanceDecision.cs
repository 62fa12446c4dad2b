namespace DidSdk.OpenId4Vc;

/// <summary>The back office's answer to a Credential Request (see <see cref="IOpenId4VciIssuanceDecider"/>).</summary>
public enum OpenId4VciIssuanceDecision
{
    /// <summary>Issue the credentials in this response.</summary>
    IssueNow,

    /// <summary>Not yet: answer with a <c>transaction_id</c> for the Deferred Credential Endpoint (OpenID4VCI 1.0 §9).</summary>
    Pending,
}
