using System.Diagnostics.CodeAnalysis;

namespace DidSdk.Wallet;

/// <summary>The evaluation of a DCQL query over the wallet's credentials (<see cref="Wallet.QueryAsync(DcqlQuery, CancellationToken)"/>).</summary>
public sealed class DcqlQueryResult
{
    internal DcqlQueryResult(DcqlQuery query, IReadOnlyDictionary<string, IReadOnlyList<DcqlCandidate>> candidates, IReadOnlyList<string>? selectedQueryIds, IReadOnlyList<WalletRecordProblem> problems)
    {
        Query = query;
        Candidates = candidates;
        SelectedQueryIds = selectedQueryIds;
        Problems = problems;
    }

    /// <summary>Whether the wallet can satisfy the query (every Credential Query, or every required Credential Set).</summary>
    [MemberNotNullWhen(true, nameof(SelectedQueryIds))]
    public bool Succeeded => SelectedQueryIds is not null;

    /// <summary>The query evaluated.</summary>
    public DcqlQuery Query { get; }

    /// <summary>For each Credential Query id, the matching credentials (possibly none), in the wallet's order.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<DcqlCandidate>> Candidates { get; }

    /// <summary>
    /// The Credential Query ids a response would answer: all of them without <c>credential_sets</c>; otherwise those
    /// of the first satisfiable option of each set (required sets must have one).
    /// </summary>
    public IReadOnlyList<string>? SelectedQueryIds { get; }

    /// <summary>Records skipped because they failed authentication (the rest were evaluated).</summary>
    public IReadOnlyList<WalletRecordProblem> Problems { get; }
}
