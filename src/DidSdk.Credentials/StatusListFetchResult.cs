using System.Diagnostics.CodeAnalysis;
using DidSdk.Core;

namespace DidSdk.Credentials;

/// <summary>What an <see cref="IStatusListCredentialFetcher"/> fetched: the status list credential's text, or why not.</summary>
public sealed class StatusListFetchResult
{
    private StatusListFetchResult(string? credential, Problem? problem)
    {
        Credential = credential;
        Problem = problem;
    }

    /// <summary>Whether the credential was fetched (it is not verified yet).</summary>
    [MemberNotNullWhen(true, nameof(Credential))]
    [MemberNotNullWhen(false, nameof(Problem))]
    public bool Succeeded => Credential is not null;

    /// <summary>The status list credential (JSON or a compact JWT), when fetched.</summary>
    public string? Credential { get; }

    /// <summary>Why it could not be fetched (e.g. <see cref="CredentialProblemCodes.StatusListUnreachable"/>).</summary>
    public Problem? Problem { get; }

    /// <summary>The credential was fetched.</summary>
    public static StatusListFetchResult Success(string credential)
    {
        ArgumentNullException.ThrowIfNull(credential);
        return new StatusListFetchResult(credential, null);
    }

    /// <summary>The credential could not be fetched.</summary>
    public static StatusListFetchResult Failure(Problem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        return new StatusListFetchResult(null, problem);
    }
}
