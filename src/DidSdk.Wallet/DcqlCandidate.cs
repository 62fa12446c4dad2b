using System.Text.Json.Nodes;

namespace DidSdk.Wallet;

/// <summary>A stored credential that satisfies one Credential Query, with exactly what presenting it would disclose.</summary>
public sealed class DcqlCandidate
{
    internal DcqlCandidate(string queryId, StoredCredential credential, IReadOnlyList<string> requestedPaths, JsonObject disclosedClaims, bool selectivelyDisclosed, int? claimSetIndex)
    {
        QueryId = queryId;
        Credential = credential;
        RequestedPaths = requestedPaths;
        DisclosedClaims = disclosedClaims;
        SelectivelyDisclosed = selectivelyDisclosed;
        ClaimSetIndex = claimSetIndex;
    }

    /// <summary>The Credential Query's id.</summary>
    public string QueryId { get; }

    /// <summary>The wallet's id of the credential.</summary>
    public string CredentialId => Credential.Id;

    /// <summary>The stored credential.</summary>
    public StoredCredential Credential { get; }

    /// <summary>JSON Pointers of the claims the query selected (wildcards expanded, filtered by <c>values</c>).</summary>
    public IReadOnlyList<string> RequestedPaths { get; }

    /// <summary>
    /// The claims the verifier would receive: for SD-JWT VC the always-visible claims plus exactly the requested
    /// disclosures; for W3C formats (no selective disclosure) the whole credential.
    /// </summary>
    public JsonObject DisclosedClaims { get; }

    /// <summary>Whether only the requested claims are disclosed (SD-JWT VC) rather than the whole credential.</summary>
    public bool SelectivelyDisclosed { get; }

    /// <summary>The index in <c>claim_sets</c> of the option used, when the query has <c>claim_sets</c>.</summary>
    public int? ClaimSetIndex { get; }
}
